/**
 * The hostile-server battery as one table, so the in-process tests and the CLI
 * tests run exactly the same servers and expect exactly the same findings.
 */
import type { FindingId, PortMode, PortOutcome } from '../../electron/contract.js';
import { testPki } from '../helpers/env.js';
import {
  alertOnClientHello,
  closeAtOnce,
  closeOnClientHello,
  endlessGreeting,
  floodReplies,
  hugeLine,
  oneBytePerSecond,
  randomBytes,
  rawServer,
  say,
  silent,
  smtpServer,
  tlsServer,
  type HostileServer,
} from '../helpers/hostile.js';
import type { LeafName } from '../helpers/pki.js';

export interface HostileCase {
  name: string;
  mode: PortMode;
  start(): Promise<HostileServer>;
  /** Findings the port must carry. */
  expected: FindingId[];
  /** Findings it must not carry (the wrong diagnosis for this server). */
  absent?: FindingId[];
  /** What the port's label must say it did (issue 12 §3). */
  outcome?: PortOutcome;
}

export function credentials(leaf: LeafName = 'valid'): { key: string; cert: string } {
  const { key, cert } = testPki().leaf(leaf);
  return { key, cert };
}

/** An implicit-TLS server presenting a test PKI leaf (via-intermediate: without its intermediate). */
function certCase(leaf: LeafName, expected: FindingId, chain = ''): HostileCase {
  return {
    name: `certificate ${leaf}${chain ? ' with its chain' : ''}`,
    mode: 'implicit-tls',
    start: () => {
      const { key, cert } = credentials(leaf);
      return smtpServer({}, { key, cert: cert + chain });
    },
    expected: [expected],
  };
}

/** Node 20's OpenSSL 3 serves TLS 1.0 only at security level 0 (SHA-1 signatures). */
const tlsOneOnly = {
  ...credentials(),
  minVersion: 'TLSv1',
  maxVersion: 'TLSv1',
  ciphers: 'DEFAULT:@SECLEVEL=0',
} as const;

export const hostileCases: HostileCase[] = [
  {
    name: 'injection-vulnerable buffering after STARTTLS',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), bufferAcrossTls: 'at-once' }),
    expected: ['starttls-command-injection'],
  },
  {
    name: 'injection-vulnerable buffering, answered with the next command',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), bufferAcrossTls: 'with-next-command' }),
    expected: ['starttls-command-injection'],
  },
  {
    name: 'a flood of unasked-for replies inside TLS after STARTTLS',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), afterHandshake: floodReplies() }),
    expected: ['starttls-command-injection'],
  },
  {
    name: 'a flood of greetings in plaintext',
    mode: 'starttls',
    start: () => rawServer(floodReplies('220 hostile.test ESMTP')),
    expected: ['reply-too-long'],
  },
  {
    name: 'response injection after the 220 to STARTTLS',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), afterStarttls: '250-injected\r\n250 AUTH PLAIN\r\n' }),
    expected: ['starttls-response-injection'],
    absent: ['starttls-command-injection'],
  },
  {
    name: 'STARTTLS stripped from EHLO',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), extensions: ['PIPELINING', '8BITMIME'] }),
    expected: ['starttls-missing'],
    outcome: 'plain',
  },
  {
    name: 'STARTTLS answered with 454',
    mode: 'starttls',
    start: () =>
      smtpServer({ tls: credentials(), starttls: '454 4.7.0 TLS not available due to local problem' }),
    expected: ['starttls-failed'],
    outcome: 'starttls-refused',
  },
  {
    name: 'STARTTLS answered with an odd 2xx code',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), starttls: '250 2.0.0 go ahead' }),
    expected: ['starttls-failed'],
  },
  {
    name: 'STARTTLS answered with a code outside 2xx-5xx',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), starttls: '999 whatever' }),
    expected: ['reply-malformed'],
  },
  {
    name: 'a greeting that never ends',
    mode: 'starttls',
    start: () => rawServer(endlessGreeting),
    expected: ['reply-too-long'],
  },
  {
    name: 'one line of 10 MB without CRLF',
    mode: 'starttls',
    start: () => rawServer(hugeLine()),
    expected: ['reply-too-long'],
  },
  {
    name: 'random bytes',
    mode: 'starttls',
    start: () => rawServer(randomBytes(20261129)),
    expected: ['not-smtp'],
  },
  {
    name: 'a non-SMTP banner',
    mode: 'starttls',
    start: () => rawServer(say('SSH-2.0-OpenSSH_9.6p1 Debian-4\r\n')),
    expected: ['not-smtp'],
    outcome: 'not-smtp',
  },
  {
    name: 'a non-SMTP banner inside implicit TLS',
    mode: 'implicit-tls',
    start: () => tlsServer(credentials(), say('SSH-2.0-OpenSSH_9.6p1 Debian-4\r\n')),
    expected: ['not-smtp'],
  },
  {
    name: 'implicit TLS closed mid-handshake',
    mode: 'implicit-tls',
    start: () => rawServer(closeOnClientHello),
    expected: ['tls-handshake-failed'],
    outcome: 'implicit-tls-handshake-failed',
  },
  {
    name: 'STARTTLS closed mid-handshake',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), dropHandshake: true }),
    expected: ['tls-handshake-failed'],
    outcome: 'starttls-handshake-failed',
  },
  {
    name: 'slowloris greeting, one byte a second',
    mode: 'starttls',
    start: () => rawServer(oneBytePerSecond('220 slow.test ESMTP\r\n')),
    expected: ['banner-timeout'],
  },
  {
    name: 'a port that accepts and never greets',
    mode: 'starttls',
    start: () => rawServer(silent),
    expected: ['banner-timeout'],
    outcome: 'no-greeting',
  },
  {
    name: 'STARTTLS offered and accepted, every handshake answered with alert 80 (OpenSMTPD 6.8)',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), alertHandshake: true }),
    expected: ['tls-handshake-failed'],
    absent: ['starttls-missing'],
    outcome: 'starttls-handshake-failed',
  },
  {
    name: 'implicit TLS answering the ClientHello with alert 80',
    mode: 'implicit-tls',
    start: () => rawServer(alertOnClientHello),
    expected: ['tls-handshake-failed'],
    absent: ['port-unreachable', 'port-timeout'],
    outcome: 'implicit-tls-handshake-failed',
  },
  {
    name: 'a port that closes at once',
    mode: 'starttls',
    start: () => rawServer(closeAtOnce),
    expected: ['connection-closed'],
  },
  {
    name: 'a tarpit: every reply 2 s late',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), replyDelayMs: 2000 }),
    expected: ['port-timeout'],
  },
  {
    // Past the one second after which the probe also tries TLS on a second connection.
    name: 'a greeting paused 1.2 s after its first line, like Postfix postscreen (no false alarm)',
    mode: 'starttls',
    start: () =>
      smtpServer({
        tls: credentials(),
        greeting: '220-hostile.test ESMTP\r\n220 hostile.test ESMTP',
        greetingPauseMs: 1200,
      }),
    expected: [],
    absent: ['banner-timeout', 'tls-on-plaintext-port', 'not-smtp', 'port-timeout', 'tls-handshake-failed'],
  },
  {
    name: 'a 421 greeting',
    mode: 'starttls',
    start: () => smtpServer({ greeting: '421 4.7.0 hostile.test Too many connections, try again later' }),
    expected: ['server-throttled'],
  },
  {
    name: 'a 554 greeting: no service for this client',
    mode: 'starttls',
    start: () =>
      smtpServer({ greeting: '554 5.7.1 hostile.test: your address is listed, no SMTP service here' }),
    expected: ['server-throttled'],
    absent: ['starttls-missing'],
  },
  {
    name: 'a 421 answer to EHLO',
    mode: 'starttls',
    start: () => smtpServer({ ehlo: '421 4.7.0 hostile.test closing connection' }),
    expected: ['server-throttled'],
  },
  {
    name: 'throttling after the first connection (probes and versions get 421)',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), connectionLimit: 1 }),
    expected: ['server-throttled'],
    absent: ['starttls-command-injection', 'tls-handshake-failed'],
  },
  {
    name: 'an EHLO reply of 1,001 lines',
    mode: 'starttls',
    start: () => smtpServer({ extensions: Array.from({ length: 1001 }, (_, i) => `X-EXTENSION-${i}`) }),
    expected: ['reply-too-long'],
  },
  {
    name: 'MAIL FROM accepted in plaintext on a submission port',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), mailBeforeTls: '250 2.1.0 Ok' }),
    expected: ['tls-not-required'],
  },
  {
    name: 'plaintext SMTP with STARTTLS on the implicit-TLS port',
    mode: 'implicit-tls',
    start: () => smtpServer({ tls: credentials() }),
    expected: ['implicit-tls-plaintext', 'starttls-on-465'],
  },
  {
    name: 'plaintext SMTP without STARTTLS on the implicit-TLS port',
    mode: 'implicit-tls',
    start: () => smtpServer({ extensions: ['PIPELINING'] }),
    expected: ['implicit-tls-plaintext'],
    absent: ['starttls-on-465'],
  },
  {
    name: 'implicit TLS on a STARTTLS port',
    mode: 'starttls',
    start: () => smtpServer({}, credentials()),
    expected: ['tls-on-plaintext-port'],
  },
  {
    name: 'TLS 1.0 only, implicit',
    mode: 'implicit-tls',
    start: () => smtpServer({}, tlsOneOnly),
    expected: ['tls-legacy-version'],
  },
  {
    name: 'TLS 1.0 only, STARTTLS',
    mode: 'starttls',
    start: () => smtpServer({ tls: tlsOneOnly }),
    expected: ['tls-legacy-version'],
  },
  {
    name: 'STARTTLS still advertised inside TLS',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), extensionsTls: ['PIPELINING', 'STARTTLS', 'AUTH PLAIN'] }),
    expected: ['starttls-still-advertised'],
  },
  {
    name: 'a CBC-SHA1 cipher only, implicit',
    mode: 'implicit-tls',
    start: () =>
      smtpServer({}, { ...credentials(), maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA' }),
    expected: ['tls-weak-cipher'],
  },
  {
    name: 'certificate wrong-name over STARTTLS',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials('wrong-name') }),
    expected: ['cert-hostname-mismatch'],
  },
  // Expired, yet from a trusted CA: only "expired", never also "untrusted".
  { ...certCase('expired', 'cert-expired'), absent: ['cert-untrusted'] },
  certCase('not-yet-valid', 'cert-not-yet-valid'),
  certCase('expiring-soon', 'cert-expiring-soon'),
  certCase('wrong-name', 'cert-hostname-mismatch'),
  certCase('self-signed', 'cert-self-signed'),
  certCase('via-intermediate', 'cert-incomplete-chain'),
  // Node reports the expired intermediate as CERT_HAS_EXPIRED while the leaf's own dates are fine.
  {
    ...certCase('via-expired-intermediate', 'cert-expired', testPki().expiredIntermediatePem),
    absent: ['cert-untrusted'],
  },
  {
    name: 'a handshake that stalls only after a pipelined STARTTLS',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), stallPipelinedHandshake: true }),
    // A timeout proves nothing: never "safe".
    expected: ['starttls-injection-inconclusive'],
  },
  {
    name: 'MAIL FROM answered with 421',
    mode: 'starttls',
    start: () => smtpServer({ tls: credentials(), mailBeforeTls: '421 4.7.0 Try again later' }),
    expected: ['server-throttled'],
  },
];
