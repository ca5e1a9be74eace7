/**
 * Which TLS versions the server accepts: one handshake per version, pinned to it,
 * run concurrently (the connection limiter keeps it to two at a time per port).
 * Versions this machine's TLS library cannot offer (OpenSSL 3 needs a lowered
 * security level for 1.0/1.1; Electron's BoringSSL may refuse it) are "untested",
 * never guessed.
 */
import type { TlsVersionName } from '../../contract.js';
import { tlsVersionNames } from '../../contract.js';
import { SmtpError } from '../smtp/smtp-error.js';
import { ThrottledError, handshakeOnly, type ProbeTarget } from './dialogue.js';

export interface VersionMatrix {
  accepted: TlsVersionName[];
  rejected: TlsVersionName[];
  untested: TlsVersionName[];
  throttled: boolean;
}

/**
 * Only these mean the server refused the version. Anything else (our own library
 * refusing a legacy cipher, signature or DH size, an ambiguous handshake-failure
 * alert, a timeout) says nothing about the server: untested, never "rejected".
 */
const serverRefusalCodes = new Set([
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ECONNRESET',
]);

type Outcome = 'accepted' | 'rejected' | 'untested' | 'throttled';

async function tryVersion(
  target: ProbeTarget,
  mode: 'implicit-tls' | 'starttls',
  version: TlsVersionName,
): Promise<Outcome> {
  // This machine's TLS library cannot offer the version at all: no connection needed.
  if (!target.trust.options(target.host, version)) return 'untested';
  try {
    const handshook = await handshakeOnly(target, mode, version, () => true);
    return handshook ? 'accepted' : 'untested';
  } catch (error) {
    if (error instanceof ThrottledError) return 'throttled';
    if (error instanceof SmtpError && error.kind === 'tls' && serverRefusalCodes.has(error.code ?? '')) {
      return 'rejected';
    }
    return 'untested';
  }
}

/**
 * Tests `versions` on the port. `known` carries what the main handshake already
 * proved (the negotiated version is accepted; newer ones were offered and refused).
 */
export async function testVersions(
  target: ProbeTarget,
  mode: 'implicit-tls' | 'starttls',
  versions: TlsVersionName[],
  known: { accepted: TlsVersionName[]; rejected: TlsVersionName[] },
): Promise<VersionMatrix> {
  const outcomes = await Promise.all(
    versions.map(async (version) => [version, await tryVersion(target, mode, version)] as const),
  );
  const matrix: VersionMatrix = {
    accepted: [...known.accepted],
    rejected: [...known.rejected],
    untested: [],
    throttled: false,
  };
  for (const [version, outcome] of outcomes) {
    if (outcome === 'throttled') {
      matrix.throttled = true;
      matrix.untested.push(version);
    } else {
      matrix[outcome].push(version);
    }
  }
  const order = (list: TlsVersionName[]) => tlsVersionNames.filter((v) => list.includes(v));
  return {
    ...matrix,
    accepted: order(matrix.accepted),
    rejected: order(matrix.rejected),
    untested: order(matrix.untested),
  };
}
