import type { Severity } from '../contract.js';
import type { ServerSoftware } from './software.js';

/**
 * Who a finding endangers. `client-risk`: a mail program set the way MailTLS
 * recommends (TLS required, certificate verified) is not safe on that port, so
 * the port cannot be recommended. `server-hardening`: only programs set less
 * strictly are at risk; the finding is shown beside a recommendation as
 * "ask your provider to fix", never a reason to withhold it.
 */
export const audiences = ['client-risk', 'server-hardening'] as const;
export type Audience = (typeof audiences)[number];

/** A finding's words in one language. */
export interface FindingWords {
  title: string;
  /** What it means, one paragraph. */
  explanation: string;
  /** What the server's administrator should change, in words that fit any server software. */
  fixAdmin: string;
  /** The same fix in the settings of a particular server software, where it differs. */
  fixAdminFor?: Partial<Record<ServerSoftware, string>>;
  /** What the person using a mail program can do; absent where that person is the administrator (DNS). */
  fixUser?: string;
}

/** A finding's default severity and whom it endangers (ratings.ts). */
export interface FindingRating {
  severity: Severity;
  audience: Audience;
}

/** A finding's words in every language of the app (smtp.ts, dns.ts, recipient.ts). */
export interface FindingTexts<Words extends FindingWords = FindingWords> {
  en: Words;
  ja: Words;
}

export type CatalogueEntry<Words extends FindingWords = FindingWords> = FindingRating & FindingTexts<Words>;

/** SMTP findings always tell the mail program's user what to do. */
export type SmtpFindingWords = FindingWords & { fixUser: string };
