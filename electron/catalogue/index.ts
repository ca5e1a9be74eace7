/**
 * The finding catalogue: the one home of every fact about a finding, shared by the
 * engine, the CLI, the HTML report and the renderer (a pure module: it imports
 * only the contract, never node: or electron).
 *
 * Shape: for every id the contract lists (`findingIds` for SMTP in smtp.ts,
 * `dnsFindingIds` for the domain posture in dns.ts) one `CatalogueEntry`:
 *
 *   { severity, audience: 'client-risk' | 'server-hardening',
 *     en: { title, explanation, fixAdmin, fixUser? }, ja: { …the same… } }
 *
 * Reports carry ids only (plus severity, port and detail); every front end words
 * them through `findingWords`. To add a finding: add its id to the contract's list
 * and its entry to smtp.ts or dns.ts; the Record types refuse anything missing.
 * Recommendation reasons and their renderer live in reasons.ts.
 */
import type {
  AuditReport,
  DnsFindingId,
  Finding,
  FindingId,
  Language,
  RecipientFindingId,
  Severity,
} from '../contract.js';
import { dnsFindings } from './dns.js';
import { recipientFindings } from './recipient.js';
import { smtpFindings } from './smtp.js';
import type { ServerSoftware } from './software.js';
import type { Audience, CatalogueEntry, FindingWords, SmtpFindingWords } from './types.js';

export {
  audiences,
  type Audience,
  type CatalogueEntry,
  type FindingWords,
  type SmtpFindingWords,
} from './types.js';
export { renderReason } from './reasons.js';
export { renderTranscriptNote, transcriptLineText, transcriptNoteParts } from './transcript.js';
export { serverSoftware, serverSoftwares, type ServerSoftware } from './software.js';
export { dnsFindings, recipientFindings, smtpFindings };

/** Any finding id: the audit's (SMTP, IMAP, POP3), the domain posture's and the recipient check's. */
export type AnyFindingId = FindingId | DnsFindingId | RecipientFindingId;

/** Every finding id; the catalogue test proves the id lists never collide. */
const entries: Record<AnyFindingId, CatalogueEntry> = {
  ...smtpFindings,
  ...dnsFindings,
  ...recipientFindings,
};

export function catalogueEntry(id: AnyFindingId): CatalogueEntry {
  return entries[id];
}

export function findingWords(id: FindingId, language: Language): SmtpFindingWords;
export function findingWords(id: AnyFindingId, language: Language): FindingWords;
export function findingWords(id: AnyFindingId, language: Language): FindingWords {
  return entries[id][language];
}

/** The administrator's fix in the settings of the server's own software, or the neutral text. */
export function adminFix(id: FindingId, language: Language, software: ServerSoftware | null): string {
  const words = smtpFindings[id][language];
  return (software && words.fixAdminFor?.[software]) ?? words.fixAdmin;
}

export function audienceOf(finding: Pick<Finding, 'id'>): Audience {
  return smtpFindings[finding.id].audience;
}

/**
 * What the server merely allows (server hardening), from every port, once per id
 * and port, most serious first: shown beside a recommendation as "ask your
 * provider to fix".
 */
export function serverHardeningFindings(report: Pick<AuditReport, 'ports'>): Finding[] {
  return report.ports
    .flatMap((port) => port.findings)
    .filter((finding) => audienceOf(finding) === 'server-hardening')
    .sort(bySeverity);
}

export const severityRank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Most serious first; the order among equals is kept. */
export function bySeverity(a: { severity: Severity }, b: { severity: Severity }): number {
  return severityRank[b.severity] - severityRank[a.severity];
}
