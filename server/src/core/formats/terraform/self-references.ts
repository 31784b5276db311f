/**
 * Terraform forbids a resource to refer to itself, and a data source its own policy is read from
 * cannot refer to it either (a cycle). A fix writing into such a policy spells the resource's own
 * attributes as text instead, from the table's `self` entry.
 */
import { RESOURCES } from './adapter-table';
import type { HAttr, HBlock, HItem } from './hcl-ast';
import type { RenderContext } from './hcl-render';

/** `resource "aws_s3_bucket" "b" { bucket = "records" }`: inside it, `b.arn` is written `arn:aws:s3:::records`. */
export function selfLiterals(block: HBlock): RenderContext['literal'] {
  const [type, label] = block.labels;
  const spec = RESOURCES[type];
  const named = spec?.nameAttr ? block.items.find((i): i is HAttr => i.kind === 'attribute' && i.name === spec.nameAttr) : undefined;
  const expr = named?.expr;
  const name = expr?.kind === 'literal' && typeof expr.value === 'string' ? expr.value
    : expr?.kind === 'template' && expr.parts.every((p) => typeof p === 'string') ? expr.parts.join('') : undefined;
  return (address, attribute) => {
    const text = address === `${type}.${label}` ? spec?.self?.[attribute] : undefined;
    if (text?.includes('{name?}')) return text.replace('{name?}', name ?? '*');
    return name !== undefined ? text?.replace('{name}', name) : undefined;
  };
}

/** The literals of every resource whose own inline policy is read from the data source `data`. */
export function documentOwnerLiterals(items: HItem[], data: HBlock): RenderContext['literal'] | undefined {
  const owners = items.filter((i): i is HBlock => {
    if (i.kind !== 'block' || i.type !== 'resource') return false;
    const attr = RESOURCES[i.labels[0]]?.inlinePolicy?.attr;
    const expr = attr ? i.items.find((a): a is HAttr => a.kind === 'attribute' && a.name === attr)?.expr : undefined;
    const steps = expr?.kind === 'traversal' && expr.root === 'data' ? expr.steps.map((st) => ('attr' in st ? st.attr : '')) : [];
    return steps[0] === data.labels[0] && steps[1] === data.labels[1];
  });
  if (!owners.length) return undefined;
  const literals = owners.map(selfLiterals);
  return (address, attribute) => literals.map((l) => l?.(address, attribute)).find((t) => t !== undefined);
}
