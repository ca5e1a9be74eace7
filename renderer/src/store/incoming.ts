/** Issue 14: which incoming setting the person sees, from the engine's per-protocol recommendations. */
import type { AuditReport, IncomingProtocol, Recommendation } from '../../../electron/contract.js';

export interface IncomingChoice {
  protocol: IncomingProtocol;
  rec: Recommendation & { port: number; security: NonNullable<Recommendation['security']> };
}

const secure = (rec: Recommendation | null | undefined): rec is IncomingChoice['rec'] =>
  rec?.port != null && rec.security != null;

/**
 * The recommended incoming setting for the protocol the person chose; when that
 * protocol has none but the other has, the other (IMAP and POP3 are never ranked:
 * this only avoids showing nothing when something works). Null: none qualified.
 */
export function incomingChoice(
  report: AuditReport | null,
  preferred: IncomingProtocol,
): IncomingChoice | null {
  const recs = report?.incoming?.recommendations;
  if (!recs) return null;
  const other: IncomingProtocol = preferred === 'imap' ? 'pop3' : 'imap';
  for (const protocol of [preferred, other]) {
    const rec = recs[protocol];
    if (secure(rec)) return { protocol, rec };
  }
  return null;
}

/** The protocols with a recommended (secure) setting: the ones the person can choose between. */
export function secureProtocols(report: AuditReport | null): IncomingProtocol[] {
  const recs = report?.incoming?.recommendations;
  return (['imap', 'pop3'] as const).filter((p) => secure(recs?.[p]));
}
