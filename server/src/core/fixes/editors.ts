/**
 * One face over the per-format fix renderers (YAML, JSON, HCL): each turns model-level edits
 * ("set this path", "append to that list", "add a resource", "suppress here") into text edits
 * in the user's style.
 */
import type { ParsedModel } from '../engine';
import type { Finding } from '../findings';
import type { CloudFormationTemplate } from '../formats/cloudformation/template';
import type { TerraformModule } from '../formats/terraform/module';
import type { MapValue, Resource, SeqValue, Value } from '../model/types';
import type { CdkTemplate } from '../formats/cdk/site';
import { HclEditor } from './hcl-edits';
import { TsEditor } from './ts-edits';
import { JsonEditor } from './json-edits';
import type { TextEdit } from './text-edits';
import { YamlEditor } from './yaml-edits';

export interface FixEditor {
  replace(value: Value, newValue: unknown): TextEdit[];
  setIn(container: MapValue, path: string[], value: unknown): TextEdit[];
  addProperties(resource: Resource, path: string[], value: unknown): TextEdit[];
  append(list: SeqValue, item: unknown): TextEdit[];
  /** Adds a resource (placed after `near` where the format cares); `name` may later be used in `{Ref: name}`. */
  addResource(near: Resource, name: string, body: { Type: string; Properties?: Record<string, unknown> }): TextEdit[];
  /** A suppression with a placeholder reason, as close to the finding as the format allows. */
  suppress(finding: Finding, resource: Resource, placeholder: string): TextEdit[];
}

export function editorFor(template: ParsedModel): FixEditor {
  if (template.format === 'terraform') return terraformEditor(new HclEditor(template as TerraformModule));
  if (template.format === 'cdk') return cdkEditor(new TsEditor(template as CdkTemplate));
  if (template.format === 'cloudformation-json') return jsonEditor(new JsonEditor(template as CloudFormationTemplate));
  return yamlEditor(new YamlEditor(template as CloudFormationTemplate));
}

type Shared = Pick<FixEditor, 'replace' | 'setIn' | 'addProperties' | 'append'>;

/** What every format's renderer offers under the same names. */
function shared(e: Shared): Shared {
  return {
    replace: (v, n) => e.replace(v, n),
    setIn: (c, p, v) => e.setIn(c, p, v),
    addProperties: (r, p, v) => e.addProperties(r, p, v),
    append: (l, i) => e.append(l, i),
  };
}

function yamlEditor(e: YamlEditor): FixEditor {
  return {
    ...shared(e),
    addResource: (_near, name, body) => e.addResource(name, body),
    suppress: (finding, resource, placeholder) => {
      // Above the property when the finding is on one, otherwise above the resource's name.
      const onProperty = finding.file === resource.file && finding.range.start.line > resource.nameRange.start.line && finding.range.start.line <= resource.range.end.line;
      return e.suppressAbove(onProperty ? finding.range.start.line : resource.nameRange.start.line, finding.ruleId, placeholder);
    },
  };
}

function jsonEditor(e: JsonEditor): FixEditor {
  return {
    ...shared(e),
    addResource: (_near, name, body) => e.addResource(name, body),
    // JSON has no comments: the resource's Metadata holds the suppression.
    suppress: (finding, resource, placeholder) => e.suppressInMetadata(resource, finding.ruleId, placeholder),
  };
}

function terraformEditor(e: HclEditor): FixEditor {
  return {
    ...shared(e),
    addResource: (near, name, body) => e.addResource(near, name, body),
    // A module's values come from several blocks and files: suppress on the resource block itself.
    suppress: (finding, resource, placeholder) => e.suppressAbove(resource.nameRange.start.line, finding.ruleId, placeholder, resource.file),
  };
}

function cdkEditor(e: TsEditor): FixEditor {
  return {
    ...shared(e),
    addResource: (near, name, body) => e.addResource(near, name, body),
    // `// hipaa:ignore` above the statement that creates the construct.
    suppress: (finding, resource, placeholder) => e.suppressAbove(resource.nameRange.start.line, finding.ruleId, placeholder),
  };
}
