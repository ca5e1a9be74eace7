/**
 * The finding catalogue: each stable id's default severity. Texts (ja/en title,
 * explanation, fixes) live in findings-text.ts.
 */
import type { Finding, FindingId, Severity } from '../contract.js';
import { printable } from './printable.js';

export const findingSeverity: Record<FindingId, Severity> = {
  'port-unreachable': 'info',
  'port-timeout': 'low',
  'banner-timeout': 'medium',
  'not-smtp': 'medium',
  'starttls-missing': 'high',
  'starttls-failed': 'high',
  'starttls-on-465': 'medium',
  'implicit-tls-plaintext': 'high',
  'tls-on-plaintext-port': 'low',
  'starttls-still-advertised': 'low',
  'tls-not-required': 'high',
  'plaintext-auth': 'high',
  'starttls-command-injection': 'critical',
  'starttls-response-injection': 'high',
  'starttls-injection-inconclusive': 'medium',
  'tls-handshake-failed': 'high',
  'tls-legacy-version': 'medium',
  'tls-weak-cipher': 'medium',
  'cert-untrusted': 'high',
  'cert-self-signed': 'high',
  'cert-hostname-mismatch': 'high',
  'cert-expired': 'critical',
  'cert-not-yet-valid': 'high',
  'cert-expiring-soon': 'medium',
  'cert-incomplete-chain': 'high',
  'reply-malformed': 'medium',
  'reply-too-long': 'medium',
  'server-throttled': 'low',
  'connection-closed': 'medium',
  'no-secure-option': 'critical',
  // Issue 12 (i12), audience server-hardening: the user's network, not the server.
  'port-25-blocked-by-network': 'info',
};

export const severityRank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function makeFinding(
  id: FindingId,
  options: { port?: number; detail?: string; severity?: Severity } = {},
): Finding {
  const finding: Finding = { id, severity: options.severity ?? findingSeverity[id] };
  if (options.port !== undefined) finding.port = options.port;
  if (options.detail !== undefined) finding.detail = printable(options.detail.slice(0, 300));
  return finding;
}

/** Critical or high: such a finding disqualifies a port from being recommended. */
export function isSerious(finding: Finding): boolean {
  return severityRank[finding.severity] >= severityRank.high;
}
