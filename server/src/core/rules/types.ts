/**
 * Rules are data: one YAML file per rule in `rules/`, validated by `rules/schema.json`.
 * These types mirror that schema.
 */
import type { Scalar } from '../model/types';

export type Severity = 'error' | 'warning' | 'info';
export type Path = string | string[];

/** What a leaf predicate does when the path is absent: pass, fail, or treat as a given default value. */
interface LeafBase {
  path?: Path;
  /** Override the default (positive tests fail on absent values, negative ones pass). */
  absent?: 'pass' | 'fail';
  /** The service or construct default that applies when the value is absent. */
  default?: Scalar;
  /** Message when the value is present but wrong. Placeholders: {value} {path} {default}. */
  message?: string;
  /** Message when the value is absent. */
  missingMessage?: string;
  /** Value a fix writes to satisfy this leaf (derived from equals / in when not given). */
  fixValue?: unknown;
}

export interface ExistsPred extends LeafBase { exists: boolean }
export interface EqualsPred extends LeafBase { equals: Scalar }
export interface NotEqualsPred extends LeafBase { notEquals: Scalar }
export interface InPred extends LeafBase { in: Scalar[] }
export interface NotInPred extends LeafBase { notIn: Scalar[] }
export interface MatchesPred extends LeafBase { matches: string; ignoreCase?: boolean }
export interface NotMatchesPred extends LeafBase { notMatches: string; ignoreCase?: boolean }
export interface RangePred extends LeafBase { min?: number; max?: number; numeric: true }

export interface AllOfPred { path?: Path; allOf: Pred[] }
export interface AnyOfPred { path?: Path; anyOf: Pred[]; message?: string; missingMessage?: string }
export interface NotPred { path?: Path; not: Pred; message?: string }
/** Every item of the list at path satisfies the predicate (an absent list passes unless absent: fail). */
export interface EachPred { path?: Path; each: Pred; absent?: 'pass' | 'fail'; missingMessage?: string }
/** At least one item satisfies it. */
export interface SomePred { path?: Path; some: Pred; message?: string; missingMessage?: string; fixValue?: unknown }
/** If `if` holds, `then` must hold; otherwise pass. */
export interface IfPred { path?: Path; if: Pred; then: Pred }
/** The value at path references another resource of the given types; `then` is evaluated on it. */
export interface FollowPred {
  path: Path;
  follow: string[];
  then: Pred;
  message?: string;
  missingMessage?: string;
  /** How to treat a literal name that names no resource in the model (an external resource). */
  external?: 'pass' | 'fail' | 'unknown';
  fixValue?: unknown;
}
/** Some resource of the given types references this one at `via`; `then` must hold on one of them. */
export interface ReferencedByPred {
  referencedBy: string[];
  via: Path;
  then?: Pred;
  message?: string;
  missingMessage?: string;
}
/** A named TypeScript check from core/rules/checks, for what data cannot say. */
export interface NamedPred { check: string; args?: Record<string, unknown> }

export type Pred =
  | ExistsPred | EqualsPred | NotEqualsPred | InPred | NotInPred | MatchesPred | NotMatchesPred | RangePred
  | AllOfPred | AnyOfPred | NotPred | EachPred | SomePred | IfPred | FollowPred | ReferencedByPred | NamedPred;

/** A fix in model terms; each format renders it into a text edit in the user's style. */
export interface FixSpec {
  title: string;
  /** The formats the fix is offered in (default: all), e.g. a CloudFormation dynamic reference. */
  formats?: ExampleFormat[];
  /** Deploying the fix makes CloudFormation replace the resource (data loss risk): said in the title. */
  replacesResource?: boolean;
  /** Add a whole resource (e.g. a TLS-only bucket policy); `${name}` in strings is this resource's name. */
  addResource?: {
    nameSuffix: string;
    type: string;
    properties: Record<string, unknown>;
    /** Also point this property of the failing resource at the new one (`{Ref: NewName}`), e.g. a parameter group. */
    linkAs?: Path;
  };
  /** Append an item to a list of the resource that references this one (e.g. an existing bucket policy). */
  appendToReferencing?: { path: Path; value: unknown };
  /** Append an item to a list of the resource this one references (e.g. a parameter group). */
  appendToFollowed?: { path: Path; value: unknown };
}

export interface Target {
  types: string[];
  /** Overrides the rule's severity for this target (e.g. explicitly disabled vs merely absent). */
  severity?: Severity;
  /** Applicability: the target applies only when this holds (unknown → the outcome is unknown). */
  when?: Pred;
  check: Pred;
  message?: string;
  missingMessage?: string;
  fix?: FixSpec;
}

export interface Citation {
  section: string;
  page: number;
  explanation: string;
}

export type ExampleFormat = 'cloudformation-yaml' | 'cloudformation-json' | 'terraform' | 'cdk';

export interface RuleExamples {
  fail?: string | string[];
  pass?: string | string[];
}

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  kind: 'WP' | 'DIFF' | 'ANCHOR' | 'META';
  core?: boolean;
  targets: Target[];
  citation?: Citation;
  hipaa?: string[];
  /** A compliant snippet shown in the hover. */
  compliant?: string;
  examples?: Partial<Record<ExampleFormat, RuleExamples>>;
  /** Where the rule was loaded from (set by the loader). */
  file?: string;
}
