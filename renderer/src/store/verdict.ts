import type { AuditReport, Severity } from '../../../electron/contract.js';

/**
 * The one-word answer of the result screen: a secure setting and nothing serious
 * on the server; a secure setting but something the provider should fix; or no
 * secure setting at all.
 */
export type Verdict = 'secure' | 'fixable' | 'insecure';

const serious: ReadonlySet<Severity> = new Set(['critical', 'high']);

export function verdictOf(report: AuditReport): Verdict {
  if (report.recommendation.security === null) return 'insecure';
  const findings = [...report.findings, ...report.ports.flatMap((p) => p.findings)];
  return findings.some((f) => serious.has(f.severity)) ? 'fixable' : 'secure';
}
