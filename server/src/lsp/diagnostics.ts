/** Findings → LSP diagnostics. Suppressed findings are not shown; "cannot verify" ones are hints. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { Finding } from '../core/findings';
import { ruleDocUri } from './rule-docs';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, docsDir: string): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: 'hipaa',
    code: finding.ruleId,
    codeDescription: { href: ruleDocUri(docsDir, finding.ruleId) },
    message: finding.message,
    relatedInformation: finding.related.map((r) => ({
      location: { uri: URI.file(r.location.file).toString(), range: r.location.range },
      message: r.message,
    })),
  };
}

export function toDiagnostics(findings: Finding[], docsDir: string): Diagnostic[] {
  return findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(f, docsDir));
}

/** The finding behind a diagnostic the client sends back (same rule, same range). */
export function findingFor(findings: Finding[], d: Diagnostic): Finding | undefined {
  return findings.find(
    (f) => f.ruleId === d.code && !f.suppressed &&
      f.range.start.line === d.range.start.line && f.range.start.character === d.range.start.character &&
      f.range.end.line === d.range.end.line && f.range.end.character === d.range.end.character,
  );
}
