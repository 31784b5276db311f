/** Builds the shared model from a CloudFormation template (YAML, JSON, SAM). */
import type { Format, MapValue, ParseProblem, Resource, Template, Value } from '../../model/types';
import { asMap, entryOf, stringOf, valueOf } from '../../model/values';
import { readJson } from './json-syntax';
import { resolveValue, type Parameter, type ResolveScope } from './resolve';
import { readYaml, type YamlSection } from './yaml-syntax';

export interface CloudFormationTemplate extends Template {
  parameters: Map<string, Parameter>;
  /** The `Resources` map (where fixes add resources). */
  resourcesMap?: MapValue;
  /** Why the file is (or is not) a template. */
  detection: { isTemplate: boolean; reason: string };
}

const RESOURCE_TYPE = /^(AWS|Custom|Alexa)::/;

export function detectTemplate(sections: YamlSection[]): { isTemplate: boolean; reason: string } {
  const keys = new Map(sections.map((s) => [s.key, s.value]));
  if (keys.has('AWSTemplateFormatVersion')) return { isTemplate: true, reason: 'has AWSTemplateFormatVersion' };
  const transform = keys.get('Transform');
  const transforms = transform?.kind === 'seq' ? transform.items : transform ? [transform] : [];
  if (transforms.some((t) => /^AWS::Serverless/.test(stringOf(t) ?? ''))) return { isTemplate: true, reason: 'has a SAM Transform' };
  const resources = asMap(keys.get('Resources'));
  if (resources?.entries.some((e) => RESOURCE_TYPE.test(stringOf(valueOf(asMap(e.value), 'Type')) ?? ''))) {
    return { isTemplate: true, reason: 'has Resources with AWS:: types' };
  }
  return { isTemplate: false, reason: 'no AWSTemplateFormatVersion, SAM Transform, or Resources with AWS:: types' };
}

export function parseCloudFormation(text: string, file: string, format: Format): CloudFormationTemplate {
  const { sections, problems } = format === 'cloudformation-json' ? readJson(text, file) : readYaml(text, file);
  const section = (key: string) => sections.find((s) => s.key === key)?.value;
  const parameters = readParameters(asMap(section('Parameters')));
  const resourcesMap = asMap(section('Resources'));
  const scope: ResolveScope = { parameters, resources: new Set(resourcesMap?.entries.map((e) => e.key) ?? []) };
  const resources: Resource[] = [];
  for (const entry of resourcesMap?.entries ?? []) {
    const body = asMap(entry.value);
    const typeEntry = entryOf(body, 'Type');
    const type = stringOf(typeEntry?.value);
    if (!body || !type) continue;
    const props = valueOf(body, 'Properties');
    const resolved = props ? resolveValue(props, scope) : undefined;
    resources.push({
      name: entry.key,
      type,
      file,
      nameRange: entry.keyRange,
      typeRange: typeEntry?.value.range,
      range: { start: entry.keyRange.start, end: body.range.end },
      properties: asMap(resolved) ?? (props ? emptyMapAt(props) : undefined),
      // `Properties: !If [...]` (or computed): rules walk the choice or the unknown itself.
      propertiesValue: resolved && (resolved.kind === 'choice' || resolved.kind === 'unknown') ? resolved : undefined,
      metadata: valueOf(body, 'Metadata'),
      body,
      parameters,
    });
  }
  return {
    file,
    format,
    text,
    resources,
    problems: problems as ParseProblem[],
    parameters,
    resourcesMap,
    detection: detectTemplate(sections),
  };
}

/** Properties that are not a plain map: an empty map at their place, where a fix can still write. */
function emptyMapAt(value: Value): MapValue {
  return { kind: 'map', entries: [], range: value.range, file: value.file };
}

function readParameters(map: MapValue | undefined): Map<string, Parameter> {
  const out = new Map<string, Parameter>();
  for (const e of map?.entries ?? []) {
    const body = asMap(e.value);
    const noEcho = valueOf(body, 'NoEcho');
    out.set(e.key, {
      name: e.key,
      keyRange: e.keyRange,
      default: valueOf(body, 'Default'),
      noEcho: noEcho?.kind === 'scalar' && String(noEcho.value).toLowerCase() === 'true',
      body,
    });
  }
  return out;
}
