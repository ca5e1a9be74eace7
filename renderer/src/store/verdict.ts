import type { AuditReport, Severity } from '../../../electron/contract.js';

/**
 * The one-word answer of the result screen, for the whole account: a secure
 * setting in every direction tested (outgoing, and incoming by IMAP or POP3) and
 * nothing serious on the servers; secure settings but something the provider
 * should fix; or no secure setting for a direction.
 */
export type Verdict = 'secure' | 'fixable' | 'insecure';

const serious: ReadonlySet<Severity> = new Set(['critical', 'high']);

export function verdictOf(report: AuditReport): Verdict {
  if (report.recommendation.security === null) return 'insecure';
  const { incoming } = report;
  if (incoming && !Object.values(incoming.recommendations).some((rec) => rec?.security)) return 'insecure';
  const findings = [
    ...report.findings,
    ...report.ports.flatMap((p) => p.findings),
    ...(incoming ? [...incoming.findings, ...incoming.ports.flatMap((p) => p.findings)] : []),
  ];
  return findings.some((f) => serious.has(f.severity)) ? 'fixable' : 'secure';
}
