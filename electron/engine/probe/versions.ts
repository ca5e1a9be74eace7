/**
 * Which TLS versions the server accepts: handshakes pinned to one version (TLS 1.0
 * and 1.1 first together), run concurrently (the connection limiter keeps it to
 * three at a time per port).
 * Versions this machine's TLS library cannot offer (OpenSSL 3 needs a lowered
 * security level for 1.0/1.1; Electron's BoringSSL may refuse it) are "untested",
 * never guessed. The protocol's own dialogue up to the handshake is an ExtraHandshakeDialect.
 */
import type * as tls from 'node:tls';
import type { TlsVersionName } from '../../contract.js';
import { tlsVersionNames } from '../../contract-lists.js';
import { SmtpError } from '../smtp/smtp-error.js';
import { Transcript } from '../smtp/transcript.js';
import type { FramedSession } from '../wire/session.js';
import { openConnection, plaintextSession, type OpenConnection, type ProbeTarget } from './dialogue.js';
import { ThrottledError } from '../smtp/dialogue.js';
import { hasExtension } from '../smtp/capabilities.js';
import type { PlaintextGate } from './gate.js';
import type { VersionOffer } from '../tls/trust.js';

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

export type Outcome = 'accepted' | 'rejected' | 'untested' | 'throttled';

/**
 * How a STARTTLS port reaches an extra handshake (pinned to a version for the matrix,
 * or a second look at the certificate): open a plaintext session, upgrade it with
 * `tlsOptions`, let `use` read the TLS socket, say goodbye. Throws what the dialogue
 * threw. Goodbyes are not awaited (`leave`): the slot is free a round trip sooner.
 * An implicit-TLS port needs no dialogue at all (see `extraHandshake`).
 */
export interface ExtraHandshakeDialect {
  starttls<T>(
    target: ProbeTarget,
    transcript: Transcript,
    tlsOptions: tls.ConnectionOptions,
    use: (socket: tls.TLSSocket) => T,
  ): Promise<T | 'refused'>;
}

/**
 * How every protocol's extra STARTTLS handshake ends: once `agreed` says the server
 * will upgrade (it says goodbye itself where it refuses), the handshake, `use`
 * reading the TLS socket and the goodbye. The session and its connection are closed
 * on every path.
 */
export async function upgradeForUse<T>(
  target: ProbeTarget,
  connection: OpenConnection,
  session: FramedSession<unknown>,
  tlsOptions: tls.ConnectionOptions,
  agreed: () => Promise<boolean>,
  use: (socket: tls.TLSSocket) => T,
): Promise<T | 'refused'> {
  try {
    if (!(await agreed())) return 'refused';
    const { socket } = await session.upgrade(tlsOptions, target.deadline.stage());
    const result = use(socket);
    await session.leave();
    return result;
  } finally {
    session.destroy();
    connection.close();
  }
}

/**
 * SMTP's way to an extra handshake: EHLO, and STARTTLS where it is offered. With a
 * `gate`, for a check started beside the main connection (see gate.ts).
 */
export function smtpHandshakeDialect(gate?: PlaintextGate): ExtraHandshakeDialect {
  return {
    async starttls(target, transcript, tlsOptions, use) {
      const { connection, session, extensions } = await plaintextSession(target, transcript, gate);
      const agreed = async () => {
        if (!hasExtension(extensions, 'STARTTLS')) {
          await session.leave();
          return false;
        }
        const reply = await session.command('STARTTLS', target.deadline.stage());
        if (reply.code === 220) return true;
        await session.leave();
        return false;
      };
      return upgradeForUse(target, connection, session, tlsOptions, agreed, use);
    },
  };
}

/**
 * One more connection as far as a finished handshake (pinned to `offer`, or with the
 * verifying context), for checks that need only the handshake: `use` reads the TLS
 * socket. Null when the server refused STARTTLS on this connection. It stays out of
 * the port's transcript, which it would drown. On an implicit-TLS port the connection
 * ends right after the handshake with TLS's own goodbye (close_notify), as TLS
 * scanners do: the greeting can wait out our kernel's delayed ACK of the server's
 * last handshake flight (40 ms on Linux) while the check holds one of the port's
 * slots, and the main connection still has the whole dialogue and its QUIT.
 */
export async function extraHandshake<T>(
  target: ProbeTarget,
  mode: 'implicit-tls' | 'starttls',
  dialect: ExtraHandshakeDialect,
  offer: VersionOffer | undefined,
  use: (socket: tls.TLSSocket) => T,
): Promise<T | null> {
  const tlsOptions = target.trust.options(target.host, offer);
  if (!tlsOptions)
    throw new SmtpError('tls', 'version not available in this TLS library', { code: 'UNTESTABLE' });
  if (mode === 'implicit-tls') {
    const connection = await openConnection(target, { tls: true, version: offer });
    try {
      return use(connection.socket as tls.TLSSocket);
    } finally {
      connection.end();
    }
  }
  const result = await dialect.starttls(target, new Transcript(), tlsOptions, use);
  return result === 'refused' ? null : result;
}

interface Attempt {
  outcome: Outcome;
  /** The version an accepted handshake settled on. */
  negotiated: string | null;
}

async function tryOffer(
  target: ProbeTarget,
  mode: 'implicit-tls' | 'starttls',
  offer: VersionOffer,
  dialect: ExtraHandshakeDialect,
): Promise<Attempt> {
  // This machine's TLS library cannot offer the version at all: no connection needed.
  if (!target.trust.options(target.host, offer)) return { outcome: 'untested', negotiated: null };
  try {
    const settled = await extraHandshake(target, mode, dialect, offer, (socket) => ({
      negotiated: socket.getProtocol(),
    }));
    return settled === null
      ? { outcome: 'untested', negotiated: null }
      : { outcome: 'accepted', negotiated: settled.negotiated };
  } catch (error) {
    const outcome: Outcome =
      error instanceof ThrottledError
        ? 'throttled'
        : error instanceof SmtpError && error.kind === 'tls' && serverRefusalCodes.has(error.code ?? '')
          ? 'rejected'
          : 'untested';
    return { outcome, negotiated: null };
  }
}

async function tryVersion(
  target: ProbeTarget,
  mode: 'implicit-tls' | 'starttls',
  version: TlsVersionName,
  dialect: ExtraHandshakeDialect,
): Promise<Array<[TlsVersionName, Outcome]>> {
  return [[version, (await tryOffer(target, mode, version, dialect)).outcome]];
}

export const legacyPair: TlsVersionName[] = ['TLSv1', 'TLSv1.1'];

/**
 * TLS 1.0 and 1.1 offered in one handshake. A refusal settles both (most servers
 * today); a server choosing 1.0 though 1.1 was offered refuses 1.1, as the main
 * handshake's choice settles the newer versions. Only a server choosing 1.1 needs
 * a second handshake for 1.0, and anything unclear is asked version by version.
 * It needs nothing from the main handshake (which never offers them), so a
 * STARTTLS port starts it beside the main connection (VersionCheck.startLegacy).
 */
export async function tryLegacyPair(
  target: ProbeTarget,
  mode: 'implicit-tls' | 'starttls',
  dialect: ExtraHandshakeDialect,
): Promise<Array<[TlsVersionName, Outcome]>> {
  const both = await tryOffer(target, mode, { min: 'TLSv1', max: 'TLSv1.1' }, dialect);
  if (both.outcome === 'rejected' || both.outcome === 'throttled')
    return [
      ['TLSv1', both.outcome],
      ['TLSv1.1', both.outcome],
    ];
  if (both.outcome === 'accepted' && both.negotiated === 'TLSv1')
    return [
      ['TLSv1', 'accepted'],
      ['TLSv1.1', 'rejected'],
    ];
  if (both.outcome === 'accepted' && both.negotiated === 'TLSv1.1')
    return [['TLSv1.1', 'accepted'], ...(await tryVersion(target, mode, 'TLSv1', dialect))];
  const each = await Promise.all(legacyPair.map((version) => tryVersion(target, mode, version, dialect)));
  return each.flat();
}

/**
 * Tests `versions` on the port. `known` carries what the main handshake already
 * proved (the negotiated version is accepted; newer ones were offered and refused);
 * `provided`, what another connection of the probe finds out anyway (the injection
 * probe's handshake is pinned to TLS 1.2): only when it could not tell is the
 * version tried on a connection of its own.
 */
export async function testVersions(
  target: ProbeTarget,
  mode: 'implicit-tls' | 'starttls',
  versions: TlsVersionName[],
  known: { accepted: TlsVersionName[]; rejected: TlsVersionName[] },
  dialect: ExtraHandshakeDialect = smtpHandshakeDialect(),
  provided: ReadonlyMap<TlsVersionName, Promise<Outcome>> = new Map(),
): Promise<VersionMatrix> {
  const together = legacyPair.every((version) => versions.includes(version));
  const alone = versions.filter((version) => !together || !legacyPair.includes(version));
  /** What another connection told about `asked`, or else what `own` finds out. */
  const elsewhereOr = async (
    asked: TlsVersionName[],
    own: () => Promise<Array<[TlsVersionName, Outcome]>>,
  ): Promise<Array<[TlsVersionName, Outcome]>> => {
    const told = await Promise.all(asked.map((version) => provided.get(version)));
    if (told.every((outcome) => outcome !== undefined && outcome !== 'untested'))
      return asked.map((version, index) => [version, told[index] ?? 'untested']);
    return own();
  };
  // The newest first: an accepted handshake is the longest chain, so it takes a slot first.
  const outcomes = (
    await Promise.all([
      ...alone
        .reverse()
        .map((version) => elsewhereOr([version], () => tryVersion(target, mode, version, dialect))),
      ...(together ? [elsewhereOr(legacyPair, () => tryLegacyPair(target, mode, dialect))] : []),
    ])
  ).flat();
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
