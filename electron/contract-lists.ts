/**
 * The contract's fixed lists, without zod: the engine's hot path (a cold
 * `mailtls check`) needs these values, and loading zod for them would cost more
 * than the audit itself. contract.ts builds its schemas from these and re-exports
 * them, so every other module keeps importing from the contract.
 */

/** The audit report's schema id (typed reasons made it /2). */
export const auditSchemaVersion = 'mailtls.audit/2';

/** Stable finding ids: tests, profiles and translations key on them. Never rename one. */
export const findingIds = [
  'port-unreachable',
  'port-timeout',
  'banner-timeout',
  'not-smtp',
  'starttls-missing',
  'starttls-failed',
  'starttls-on-465',
  'implicit-tls-plaintext',
  'tls-on-plaintext-port',
  'starttls-still-advertised',
  'tls-not-required',
  'plaintext-auth',
  'starttls-command-injection',
  'starttls-response-injection',
  'starttls-injection-inconclusive',
  'tls-handshake-failed',
  'tls-legacy-version',
  'tls-weak-cipher',
  'cert-untrusted',
  'cert-self-signed',
  'cert-hostname-mismatch',
  'cert-expired',
  'cert-not-yet-valid',
  'cert-expiring-soon',
  'cert-incomplete-chain',
  'reply-malformed',
  'reply-too-long',
  'server-throttled',
  'connection-closed',
  'no-secure-option',
  // Issue 12: the user's network blocks outbound 25 (OP25B); never disqualifies a port.
  'port-25-blocked-by-network',
  // Issue 14: incoming mail (IMAP, POP3); severity and audience in electron/catalogue/smtp.ts.
  'incoming-greeting-timeout',
  'not-imap',
  'not-pop3',
  'incoming-implicit-tls-plaintext',
  'imap-preauth-greeting',
  'imap-starttls-missing',
  'pop3-stls-missing',
  'imap-login-before-tls',
  'pop3-user-before-tls',
  'imap-starttls-command-injection',
  'pop3-stls-command-injection',
  'imap-starttls-response-injection',
  'pop3-stls-response-injection',
  'incoming-starttls-still-advertised',
  'incoming-no-secure-option',
] as const;

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;

export const portModes = ['implicit-tls', 'starttls'] as const;

/** Issue 14: which protocols an audit covers. */
export const mailProtocols = ['smtp', 'imap', 'pop3'] as const;
export const incomingProtocols = ['imap', 'pop3'] as const;
export const tlsVersionNames = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

export const reportModes = ['implicit-tls', 'starttls', 'plain', 'unreachable'] as const;

export function isFindingId(value: string): value is (typeof findingIds)[number] {
  return (findingIds as readonly string[]).includes(value);
}

export function isTlsVersionName(value: string): value is (typeof tlsVersionNames)[number] {
  return (tlsVersionNames as readonly string[]).includes(value);
}
