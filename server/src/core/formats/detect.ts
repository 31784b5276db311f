/** Which input format a file is, from its name and (for ambiguous extensions) its first character. */
import type { Format } from '../model/types';

export function formatOf(file: string, text: string): Format | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.tf')) return 'terraform';
  if (/\.(ts|mts|cts)$/.test(lower) && !lower.endsWith('.d.ts')) return 'cdk';
  if (/\.(ya?ml)$/.test(lower)) return 'cloudformation-yaml';
  if (/\.json$/.test(lower)) return 'cloudformation-json';
  if (/\.(template|cfn)$/.test(lower)) return /^\s*\{/.test(text) ? 'cloudformation-json' : 'cloudformation-yaml';
  return undefined;
}

export function isSupportedFile(file: string): boolean {
  return /\.(ya?ml|json|template|cfn|tf|ts|mts|cts)$/i.test(file) && !/\.d\.ts$/i.test(file);
}
