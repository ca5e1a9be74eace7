/**
 * Which TLS versions the server accepts: one handshake per version, pinned to it,
 * run concurrently (the connection limiter keeps it to two at a time per port).
 * Versions this machine's TLS library cannot offer (OpenSSL 3 needs a lowered
 * security level for 1.0/1.1; Electron's BoringSSL may refuse it) are "untested",
 * never guessed. The protocol's own dialogue up to the handshake is a VersionDialect.
 */
import type * as tls from 'node:tls';
import type { TlsVersionName } from '../../contract.js';
import { tlsVersionNames } from '../../contract-lists.js';
import { SmtpSession } from '../smtp/session.js';
import { SmtpError } from '../smtp/smtp-error.js';
import { Transcript } from '../smtp/transcript.js';
import {
  ThrottledError,
  openConnection,
  plaintextSession,
  readGreeting,
  type OpenConnection,
  type ProbeTarget,
} from './dialogue.js';

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

/**
 * How a protocol reaches a handshake pinned to one version: `implicit` gets an open
 * TLS connection and says goodbye; `starttls` opens a plaintext session, upgrades it
 * with `tlsOptions` and says goodbye. Both throw what the dialogue threw.
 */
export interface VersionDialect {
  implicit(connection: OpenConnection, target: ProbeTarget, transcript: Transcript): Promise<void>;
  starttls(
    target: ProbeTarget,
    transcript: Transcript,
    tlsOptions: tls.ConnectionOptions,
  ): Promise<'upgraded' | 'refused'>;
}

export const smtpVersionDialect: VersionDialect = {
  async implicit(connection, target, transcript) {
    const session = new SmtpSession(connection.socket, transcript, target.signal);
    await readGreeting(session, target.deadline).catch(() => undefined);
    await session.quit(target.deadline.stage());
  },
  async starttls(target, transcript, tlsOptions) {
    const { connection, session } = await plaintextSession(target, transcript);
    try {
      const reply = await session.command('STARTTLS', target.deadline.stage());
      if (reply.code !== 220) {
        await session.quit(target.deadline.stage());
        return 'refused';
      }
      await session.upgrade(tlsOptions, target.deadline.stage());
      await session.quit(target.deadline.stage());
      return 'upgraded';
    } finally {
      session.destroy();
      connection.close();
    }
  },
};

async function tryVersion(
  target: ProbeTarget,
  mode: 'implicit-tls' | 'starttls',
  version: TlsVersionName,
  dialect: VersionDialect,
): Promise<Outcome> {
  // These extra connections are not part of the port's transcript: it would drown the dialogue.
  const transcript = new Transcript();
  const tlsOptions = target.trust.options(target.host, version);
  // This machine's TLS library cannot offer the version at all: no connection needed.
  if (!tlsOptions) return 'untested';
  try {
    if (mode === 'implicit-tls') {
      const connection = await openConnection(target, { tls: true, version });
      try {
        await dialect.implicit(connection, target, transcript);
      } finally {
        connection.close();
      }
      return 'accepted';
    }
    return (await dialect.starttls(target, transcript, tlsOptions)) === 'upgraded' ? 'accepted' : 'untested';
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
  dialect: VersionDialect = smtpVersionDialect,
): Promise<VersionMatrix> {
  const outcomes = await Promise.all(
    versions.map(async (version) => [version, await tryVersion(target, mode, version, dialect)] as const),
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
