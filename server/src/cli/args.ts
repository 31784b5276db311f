/** Command-line arguments (node:util parseArgs) and the help text. */
import { parseArgs } from 'node:util';
import { REPORT_FORMATS, type ReportFormat } from '../core/report';

export type FailOn = 'error' | 'warning' | 'info' | 'never';
export const FAIL_ON_LEVELS: readonly FailOn[] = ['error', 'warning', 'info', 'never'];
/**
 * Default: fail on warnings too. By the rule catalogue's severity policy a warning is "a required
 * protection is absent and nothing else provides it": a compliance gap, not a style nit.
 */
export const DEFAULT_FAIL_ON: FailOn = 'warning';

export interface CliOptions {
  paths: string[];
  format: ReportFormat;
  failOn: FailOn;
  config?: string;
  output?: string;
  /** undefined: decide from the terminal and NO_COLOR / FORCE_COLOR. */
  color?: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: hipaa-lint [paths...] [options]

Checks AWS CloudFormation templates (YAML and JSON, SAM included) against the HIPAA rules
of the AWS whitepaper "Architecting for HIPAA Security and Compliance on Amazon Web Services".
Folders are searched recursively, honouring .gitignore files and the configuration's
"exclude" globs; node_modules, .git, .terraform and cdk.out are always skipped.
Files named explicitly are analysed even if git ignores them. Default path: "."

Options:
  -f, --format <text|json|sarif>           Report format (default: text)
      --fail-on <error|warning|info|never>  Exit 1 when an unsuppressed finding is at or
                                           above this severity (default: ${DEFAULT_FAIL_ON})
  -c, --config <file>                      Use this configuration file instead of the nearest
                                           .hipaa-lint.yaml above each file
  -o, --output <file>                      Write the report to a file instead of stdout
      --no-color                           No colours in the text report (also: NO_COLOR=1)
      --color                              Colours even when stdout is not a terminal
  -h, --help                               Show this help
  -v, --version                            Show the version

Exit codes:
  0  no unsuppressed finding at or above --fail-on
  1  at least one such finding
  2  usage error, bad configuration, unreadable file, or internal error
`;

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'fail-on': { type: 'string' },
        config: { type: 'string', short: 'c' },
        output: { type: 'string', short: 'o' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    // Node's message for an unknown option goes on about '--'; the first sentence says it all.
    throw new UsageError((e as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '.'));
  }
  const { values, positionals } = parsed;
  const format = (values.format ?? 'text') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${values.format}")`);
  const failOn = (values['fail-on'] ?? DEFAULT_FAIL_ON) as FailOn;
  if (!FAIL_ON_LEVELS.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON_LEVELS.join(', ')} (got "${values['fail-on']}")`);
  for (const name of ['config', 'output'] as const) {
    if (values[name] !== undefined && values[name] === '') throw new UsageError(`--${name} needs a file name`);
  }
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color cannot be used together');
  return {
    paths: positionals.length ? positionals : ['.'],
    format,
    failOn,
    config: values.config,
    output: values.output,
    color: values['no-color'] ? false : values.color ? true : undefined,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
