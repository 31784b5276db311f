/**
 * The shape of an L2 adapter: a data table saying where each construct prop lands in
 * CloudFormation, which values the construct writes when a prop is absent (its defaults, as read in
 * the installed aws-cdk-lib source), and how a fix on a CloudFormation path is written back as a
 * prop. `build` is the escape hatch for what a table cannot say (resources the construct creates).
 */
import type { Scalar } from '../../../model/types';
import type { CdkModule } from '../imports';
import type { Builder } from '../l2';

export type PropRule =
  /** The literal is copied (booleans, numbers, strings). */
  | { to: string }
  /** true → [0], false → [1]; null: nothing is written. */
  | { to: string; bool: [Scalar | null, Scalar | null] }
  /** An enum member (`s3.BucketAccessControl.PRIVATE`) → its CloudFormation value; null: nothing is written. */
  | { to: string; enum: string; values: Record<string, Scalar | null>; module?: CdkModule }
  /** A construct → a reference to its resource. */
  | { to: string; ref: true }
  /** `Duration.days(7)` → a number in this unit. */
  | { to: string; duration: 'days' | 'seconds' | 'minutes' };

export interface DefaultRule {
  path: string;
  value: Scalar;
  /** Said in findings: why the value is what it is although nothing is written. */
  note: string;
  /** Props whose presence means the default does not apply. */
  unless: string[];
}

export interface FixRule {
  /** CloudFormation path (dotted) that this prop writes; a fix at or below it sets the prop. */
  path: string;
  prop: string;
  /** TypeScript for the prop's value; `{{aws-s3.BucketEncryption}}` is the member as this file names it. */
  code: string | ((value: unknown) => string | undefined);
}

export interface L2Adapter {
  module: CdkModule;
  classes: string[];
  type: string;
  props: Record<string, PropRule>;
  defaults?: DefaultRule[];
  fixes?: FixRule[];
  build?: (b: Builder) => void;
  /** A fix that would add a resource of this type for the construct sets a prop instead (enforceSSL). */
  resourceFixes?: Record<string, { prop: string; code: string | ((properties: Record<string, unknown>) => string | undefined) }>;
  /** The CloudFormation type when it depends on how the construct is used (constructs whose props name it). */
  typeOf?: (site: import('../site').Site, referring: import('../site').Site[]) => string;
  /**
   * CloudFormation names (a property, a dotted path, or a key of a nested object) → the prop that
   * sets them, for what `build` writes and the other tables do not say; read by vocabulary.ts to
   * put rule messages in CDK terms. Takes precedence over the names derived from props and fixes.
   */
  terms?: Record<string, string>;
  /** Prop index of the props argument when it is not the third (`new X(scope, id, props)`). */
  propsArg?: number;
}
