/**
 * The finding catalogue: the one home of every fact about a finding, shared by the
 * engine, the CLI, the HTML report and the renderer (a pure module: it imports
 * only the contract, never node: or electron).
 *
 * Shape: for every id the contract lists (`findingIds` for SMTP, `dnsFindingIds`
 * for the domain posture, `recipientFindingIds` for the recipient check) one
 * `CatalogueEntry`, joined here from its rating (ratings.ts) and its words
 * (smtp.ts, dns.ts, recipient.ts):
 *
 *   { severity, audience: 'client-risk' | 'server-hardening',
 *     en: { title, explanation, fixAdmin, fixUser? }, ja: { …the same… } }
 *
 * Reports carry ids only (plus severity, port and detail); every front end words
 * them through `findingWords`. The engine imports ratings.ts alone, so an audit
 * never loads the words. To add a finding: add its id to the contract's list, its
 * rating and its words; the Record types refuse anything missing. Recommendation
 * reasons and their renderer live in reasons.ts.
 */
import type {
  AuditReport,
  DnsFindingId,
  Finding,
  FindingId,
  Language,
  RecipientFindingId,
} from '../contract.js';
import { dnsWords } from './dns.js';
import { audienceOf, bySeverity, dnsRatings, recipientRatings, smtpRatings } from './ratings.js';
import { recipientWords } from './recipient.js';
import { smtpWords } from './smtp.js';
import type { ServerSoftware } from './software.js';
import type { CatalogueEntry, FindingRating, FindingTexts, FindingWords, SmtpFindingWords } from './types.js';

export {
  audiences,
  type Audience,
  type CatalogueEntry,
  type FindingWords,
  type SmtpFindingWords,
} from './types.js';
export { audienceOf, bySeverity, severityRank } from './ratings.js';
export { renderReason } from './reasons.js';
export { renderTranscriptNote, transcriptLineText, transcriptNoteParts } from './transcript.js';
export { serverSoftware, serverSoftwares, type ServerSoftware } from './software.js';

function joined<Id extends string, Words extends FindingWords>(
  ratings: Record<Id, FindingRating>,
  words: Record<Id, FindingTexts<Words>>,
): Record<Id, CatalogueEntry<Words>> {
  const entries = {} as Record<Id, CatalogueEntry<Words>>;
  for (const id of Object.keys(ratings) as Id[]) entries[id] = { ...ratings[id], ...words[id] };
  return entries;
}

export const smtpFindings = joined(smtpRatings, smtpWords);
export const dnsFindings = joined(dnsRatings, dnsWords);
export const recipientFindings = joined(recipientRatings, recipientWords);

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
