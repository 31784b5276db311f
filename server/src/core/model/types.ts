/**
 * The shared resource model. Every input format (CloudFormation, Terraform, CDK) is adapted to
 * this one vocabulary: CloudFormation resource types and property names. Every value keeps the
 * range it came from, so findings and fixes point at the exact text.
 */

/** 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Location {
  file: string;
  range: Range;
}

export type Format = 'cloudformation-yaml' | 'cloudformation-json' | 'terraform' | 'cdk';

interface ValueBase {
  /** Where the value is written (for a parameter default: where the parameter is used). */
  range: Range;
  file: string;
  /** Why the value is what it is, when not written literally here ("default of parameter X"). */
  note?: string;
  /** Where the value really comes from, when not here (the parameter's Default). */
  origin?: Location;
}

export interface Entry {
  key: string;
  keyRange: Range;
  value: Value;
}

export interface MapValue extends ValueBase {
  kind: 'map';
  entries: Entry[];
  /** Written in flow style (`{ a: 1 }`) rather than block style. */
  flow?: boolean;
  /** Format-specific, used by that format's fix renderer (Terraform: the HCL block and adapter entry it comes from). */
  anchor?: unknown;
}

export interface SeqValue extends ValueBase {
  kind: 'seq';
  items: Value[];
  flow?: boolean;
  /** Format-specific, used by that format's fix renderer (Terraform: the HCL block and adapter entry it comes from). */
  anchor?: unknown;
}

export type Scalar = string | number | boolean | null;

export interface ScalarValue extends ValueBase {
  kind: 'scalar';
  value: Scalar;
  /** literal: written here; default: taken from a parameter/variable default. */
  state: 'literal' | 'default';
}

/** Present, but its value cannot be known without deploying (a parameter without default, `!Sub`, a token). */
export interface UnknownValue extends ValueBase {
  kind: 'unknown';
  reason: string;
}

/** A reference to another resource of the same model (`!Ref Bucket`, `!GetAtt Key.Arn`, `aws_kms_key.k.arn`). */
export interface RefValue extends ValueBase {
  kind: 'ref';
  target: string;
  attribute?: string;
}

/** A conditional value (`Fn::If`): each branch is evaluated; `undefined` means the property is absent. */
export interface ChoiceValue extends ValueBase {
  kind: 'choice';
  condition: string;
  branches: (Value | undefined)[];
  /** For each branch that is `AWS::NoValue`, where it is written (a fix replaces it). */
  absentAt?: (Range | undefined)[];
}

export type Value = MapValue | SeqValue | ScalarValue | UnknownValue | RefValue | ChoiceValue;

export interface Resource {
  /** CloudFormation logical id, Terraform address, or CDK construct id. */
  name: string;
  /** CloudFormation resource type, e.g. AWS::S3::Bucket. */
  type: string;
  file: string;
  nameRange: Range;
  typeRange?: Range;
  /** The whole block, from the name to the end of its body. */
  range: Range;
  properties?: MapValue;
  /** Set when Properties is not a plain map (e.g. `Properties: !If [...]`): rules walk this instead. */
  propertiesValue?: Value;
  /** Resource-level metadata (CloudFormation `Metadata`), where suppressions may live. */
  metadata?: Value;
  /** Format-specific anchor for fixes (e.g. the YAML resource body map). */
  body?: MapValue;
  /** The template's declared parameters, for checks on how an input is declared (NoEcho, MinLength). */
  parameters?: ReadonlyMap<string, ParameterDeclaration>;
  /** Format-specific, used by that format's fix renderer (Terraform: the HCL block and adapter entry it comes from). */
  anchor?: unknown;
}

/** A template input as declared (CloudFormation parameter); `body` is written, unresolved. */
export interface ParameterDeclaration {
  name: string;
  keyRange: Range;
  body?: MapValue;
}

export interface ParseProblem {
  file: string;
  range: Range;
  message: string;
}

export interface Template {
  file: string;
  format: Format;
  text: string;
  resources: Resource[];
  /** Parse errors; resources that still parsed are analysed regardless. */
  problems: ParseProblem[];
}
