/** The `hipaa/status` notification behind the client's status item: analysed, skipped and why. */
import type { AnalysisResult } from '../core/engine';

export const STATUS_NOTIFICATION = 'hipaa/status';

export interface StatusParams {
  uri: string;
  state: 'analysed' | 'skipped';
  message: string;
  findings: number;
  suppressed: number;
  parseErrors: number;
  /** Nothing to say (a TypeScript file that is not a CDK app): the client hides its item. */
  quiet?: boolean;
}

export function statusOf(uri: string, result: AnalysisResult): StatusParams {
  const shown = result.findings.filter((f) => !f.suppressed && !f.unknown).length;
  const suppressed = result.findings.filter((f) => f.suppressed).length;
  const parseErrors = result.problems.length;
  let message: string;
  if (result.status === 'skipped') message = `HIPAA: skipped, ${result.reason}`;
  else {
    message = `HIPAA: ${shown} finding${shown === 1 ? '' : 's'}`;
    if (suppressed) message += `, ${suppressed} suppressed`;
    if (parseErrors) message += ` (${parseErrors} syntax error${parseErrors === 1 ? '' : 's'}: resources that parse are still checked)`;
  }
  return { uri, state: result.status, message, findings: shown, suppressed, parseErrors, quiet: result.quiet };
}
