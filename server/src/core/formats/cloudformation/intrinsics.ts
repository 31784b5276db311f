/** CloudFormation intrinsic functions: short-form YAML tags and their long-form keys. */
export const SHORT_FORM_TAGS = [
  'Ref', 'Condition', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr',
  'ImportValue', 'GetAZs', 'Equals', 'And', 'Or', 'Not', 'Transform', 'Length', 'ToJsonString',
] as const;

/** `!Ref` → `Ref`, `!Condition` → `Condition`, `!Sub` → `Fn::Sub`. */
export function longFormOf(tag: string): string {
  const name = tag.replace(/^!/, '');
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}
