/**
 * How serious each finding is by default and whom it endangers, kept apart from its
 * words: the engine rates every finding it reports, while only front ends need the
 * words (a cold `mailtls check --json` never loads them). index.ts joins the two
 * into catalogue entries; the Record types refuse a missing id.
 */
import type { DnsFindingId, Finding, FindingId, RecipientFindingId, Severity } from '../contract.js';
import type { Audience, FindingRating } from './types.js';

export const smtpRatings: Record<FindingId, FindingRating> = {
  'port-unreachable': { severity: 'info', audience: 'client-risk' },
  'port-timeout': { severity: 'low', audience: 'client-risk' },
  'banner-timeout': { severity: 'medium', audience: 'client-risk' },
  'not-smtp': { severity: 'medium', audience: 'client-risk' },
  'starttls-missing': { severity: 'high', audience: 'client-risk' },
  'starttls-failed': { severity: 'high', audience: 'client-risk' },
  'starttls-on-465': { severity: 'medium', audience: 'server-hardening' },
  'implicit-tls-plaintext': { severity: 'high', audience: 'client-risk' },
  'tls-on-plaintext-port': { severity: 'low', audience: 'server-hardening' },
  'starttls-still-advertised': { severity: 'low', audience: 'server-hardening' },
  'tls-not-required': { severity: 'high', audience: 'server-hardening' },
  'plaintext-auth': { severity: 'high', audience: 'server-hardening' },
  'starttls-command-injection': { severity: 'critical', audience: 'client-risk' },
  'starttls-response-injection': { severity: 'high', audience: 'client-risk' },
  'starttls-injection-inconclusive': { severity: 'medium', audience: 'client-risk' },
  'tls-handshake-failed': { severity: 'high', audience: 'client-risk' },
  'tls-legacy-version': { severity: 'medium', audience: 'server-hardening' },
  'tls-weak-cipher': { severity: 'medium', audience: 'server-hardening' },
  'cert-untrusted': { severity: 'high', audience: 'client-risk' },
  'cert-self-signed': { severity: 'high', audience: 'client-risk' },
  'cert-hostname-mismatch': { severity: 'high', audience: 'client-risk' },
  'cert-expired': { severity: 'critical', audience: 'client-risk' },
  'cert-not-yet-valid': { severity: 'high', audience: 'client-risk' },
  'cert-expiring-soon': { severity: 'medium', audience: 'server-hardening' },
  'cert-incomplete-chain': { severity: 'high', audience: 'client-risk' },
  'reply-malformed': { severity: 'medium', audience: 'client-risk' },
  'reply-too-long': { severity: 'medium', audience: 'client-risk' },
  'server-throttled': { severity: 'low', audience: 'server-hardening' },
  'connection-closed': { severity: 'medium', audience: 'client-risk' },
  'no-secure-option': { severity: 'critical', audience: 'client-risk' },
  'incoming-greeting-timeout': { severity: 'medium', audience: 'client-risk' },
  'not-imap': { severity: 'medium', audience: 'client-risk' },
  'not-pop3': { severity: 'medium', audience: 'client-risk' },
  'incoming-implicit-tls-plaintext': { severity: 'high', audience: 'client-risk' },
  'imap-preauth-greeting': { severity: 'critical', audience: 'client-risk' },
  'imap-starttls-missing': { severity: 'high', audience: 'server-hardening' },
  'pop3-stls-missing': { severity: 'high', audience: 'server-hardening' },
  'imap-login-before-tls': { severity: 'high', audience: 'server-hardening' },
  'pop3-user-before-tls': { severity: 'high', audience: 'server-hardening' },
  'imap-starttls-command-injection': { severity: 'critical', audience: 'client-risk' },
  'pop3-stls-command-injection': { severity: 'critical', audience: 'client-risk' },
  'imap-starttls-response-injection': { severity: 'high', audience: 'client-risk' },
  'pop3-stls-response-injection': { severity: 'high', audience: 'client-risk' },
  'incoming-starttls-still-advertised': { severity: 'low', audience: 'server-hardening' },
  'incoming-no-secure-option': { severity: 'critical', audience: 'client-risk' },
  'port-25-blocked-by-network': { severity: 'info', audience: 'server-hardening' },
};

/** They judge the domain, never a port: all of them are server hardening. */
export const dnsRatings: Record<DnsFindingId, FindingRating> = {
  'dns-timeout': { severity: 'medium', audience: 'server-hardening' },
  'dns-servfail': { severity: 'medium', audience: 'server-hardening' },
  'dns-lookup-failed': { severity: 'medium', audience: 'server-hardening' },
  'mx-missing': { severity: 'medium', audience: 'server-hardening' },
  'mx-null': { severity: 'info', audience: 'server-hardening' },
  'spf-missing': { severity: 'high', audience: 'server-hardening' },
  'spf-multiple': { severity: 'high', audience: 'server-hardening' },
  'spf-syntax': { severity: 'high', audience: 'server-hardening' },
  'spf-too-many-lookups': { severity: 'high', audience: 'server-hardening' },
  'spf-include-missing': { severity: 'high', audience: 'server-hardening' },
  'spf-pass-all': { severity: 'high', audience: 'server-hardening' },
  'spf-neutral-all': { severity: 'medium', audience: 'server-hardening' },
  'dmarc-missing': { severity: 'high', audience: 'server-hardening' },
  'dmarc-multiple': { severity: 'high', audience: 'server-hardening' },
  'dmarc-invalid': { severity: 'high', audience: 'server-hardening' },
  'dmarc-monitoring-only': { severity: 'medium', audience: 'server-hardening' },
  'dmarc-partial-pct': { severity: 'low', audience: 'server-hardening' },
  'dmarc-no-reports': { severity: 'low', audience: 'server-hardening' },
  'dkim-not-found': { severity: 'high', audience: 'server-hardening' },
  'dkim-selector-unknown': { severity: 'info', audience: 'server-hardening' },
  'dkim-revoked': { severity: 'medium', audience: 'server-hardening' },
  'dkim-weak-key': { severity: 'high', audience: 'server-hardening' },
  'dkim-short-key': { severity: 'low', audience: 'server-hardening' },
  'mta-sts-missing': { severity: 'low', audience: 'server-hardening' },
  'mta-sts-txt-invalid': { severity: 'medium', audience: 'server-hardening' },
  'mta-sts-policy-redirect': { severity: 'medium', audience: 'server-hardening' },
  'mta-sts-policy-cert-invalid': { severity: 'medium', audience: 'server-hardening' },
  'mta-sts-policy-unreachable': { severity: 'medium', audience: 'server-hardening' },
  'mta-sts-policy-invalid': { severity: 'high', audience: 'server-hardening' },
  'mta-sts-mx-mismatch': { severity: 'high', audience: 'server-hardening' },
  'mta-sts-testing': { severity: 'info', audience: 'server-hardening' },
  'mta-sts-disabled': { severity: 'info', audience: 'server-hardening' },
  'tls-rpt-missing': { severity: 'low', audience: 'server-hardening' },
  'tls-rpt-invalid': { severity: 'medium', audience: 'server-hardening' },
  'spf-void-lookups': { severity: 'high', audience: 'server-hardening' },
  'spf-include-loop': { severity: 'high', audience: 'server-hardening' },
  'spf-mx-limit': { severity: 'high', audience: 'server-hardening' },
  'spf-ptr': { severity: 'low', audience: 'server-hardening' },
  'dmarc-subdomain-none': { severity: 'medium', audience: 'server-hardening' },
  'dmarc-rua-unauthorized': { severity: 'medium', audience: 'server-hardening' },
  'dmarc-tag-order': { severity: 'low', audience: 'server-hardening' },
  'mx-null-mixed': { severity: 'medium', audience: 'server-hardening' },
  'mx-cname': { severity: 'medium', audience: 'server-hardening' },
};

/**
 * Client risk: the user's mail may travel readable or be diverted. Server hardening:
 * it still travels encrypted, but weaker than it could.
 */
export const recipientRatings: Record<RecipientFindingId, FindingRating> = {
  'recipient-starttls-missing': { severity: 'high', audience: 'client-risk' },
  'recipient-starttls-failed': { severity: 'high', audience: 'client-risk' },
  'recipient-mx-unreachable': { severity: 'info', audience: 'server-hardening' },
  'recipient-port25-blocked': { severity: 'medium', audience: 'server-hardening' },
  'recipient-mx-no-address': { severity: 'medium', audience: 'server-hardening' },
  'recipient-no-mail-host': { severity: 'high', audience: 'client-risk' },
  'recipient-cert-untrusted': { severity: 'medium', audience: 'server-hardening' },
  'recipient-cert-hostname-mismatch': { severity: 'medium', audience: 'server-hardening' },
  'recipient-cert-expired': { severity: 'medium', audience: 'server-hardening' },
  'recipient-starttls-injection': { severity: 'high', audience: 'client-risk' },
  'recipient-no-downgrade-protection': { severity: 'medium', audience: 'server-hardening' },
  'recipient-policy-mx-fails': { severity: 'high', audience: 'server-hardening' },
  'recipient-dane-mismatch': { severity: 'high', audience: 'server-hardening' },
  'recipient-dane-unauthenticated': { severity: 'low', audience: 'server-hardening' },
  'recipient-dane-unusable': { severity: 'low', audience: 'server-hardening' },
};

export function audienceOf(finding: Pick<Finding, 'id'>): Audience {
  return smtpRatings[finding.id].audience;
}

export const severityRank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Most serious first; the order among equals is kept. */
export function bySeverity(a: { severity: Severity }, b: { severity: Severity }): number {
  return severityRank[b.severity] - severityRank[a.severity];
}
