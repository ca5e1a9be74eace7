/**
 * The steps every probe connection shares: open (plain or TLS), read the greeting,
 * say EHLO, ask for STARTTLS. Each step returns what it saw or throws an SmtpError;
 * the probes decide what that means for the report.
 */
import { isIPv6 } from 'node:net';
import type * as net from 'node:net';
import type * as tls from 'node:tls';
import type { Stage, TlsVersionName } from '../../contract.js';
import type { Deadline } from '../core/deadline.js';
import { extensionsOf } from '../smtp/capabilities.js';
import type { Reply } from '../smtp/reply.js';
import { SmtpSession } from '../smtp/session.js';
import { SmtpError } from '../smtp/smtp-error.js';
import { Transcript } from '../smtp/transcript.js';
import { connectTcp, handshake } from '../smtp/transport.js';
import type { TrustStore, VersionOffer } from '../tls/trust.js';
import { acquireConnection } from './limiter.js';

export interface ProbeTarget {
  /** The name the user gave: SNI and certificate checks use it. */
  host: string;
  /** Where it resolved to, once per audit, so every connection reaches the same server. */
  address: string;
  port: number;
  /** A relay port (25): mail before TLS is expected there, so TLS enforcement is not checked. */
  relay: boolean;
  trust: TrustStore;
  /** Connections allowed at once to this host and port (the limiter's default when absent). */
  maxConnections?: number;
  deadline: Deadline;
  signal: AbortSignal;
  progress(stage: Stage, status: 'started' | 'passed' | 'failed'): void;
}

/** Thrown when the server answered 421, or refused us in its greeting (4xx, 5xx): stop and back off. */
export class ThrottledError extends Error {
  constructor(readonly reply: Reply) {
    super(`server is throttling: ${reply.raw}`);
  }
}

/** A connection slot plus its socket; `close` frees both on every path. */
export interface OpenConnection {
  socket: net.Socket | tls.TLSSocket;
  close(): void;
}

export async function openConnection(
  target: ProbeTarget,
  options: { tls: false } | { tls: true; version?: VersionOffer },
): Promise<OpenConnection> {
  const release = await acquireConnection(target.host, target.port, target.signal, target.maxConnections);
  let socket: net.Socket | undefined;
  try {
    socket = await connectTcp(target.address, target.port, target.deadline.stage(), target.signal);
    if (!options.tls) return { socket, close: () => (socket?.destroy(), release()) };
    const tlsOptions = target.trust.options(target.host, options.version);
    if (!tlsOptions)
      throw new SmtpError('tls', 'version not available in this TLS library', { code: 'UNTESTABLE' });
    const secure = await handshake({ ...tlsOptions, socket }, target.deadline.stage(), target.signal);
    return { socket: secure, close: () => (secure.destroy(), release()) };
  } catch (error) {
    socket?.destroy();
    release();
    throw error;
  }
}

export async function readGreeting(session: SmtpSession, deadline: Deadline): Promise<Reply> {
  const greeting = await session.read(deadline.stage(), 'greeting');
  // 4xx: come back later; 554: no service for this client (RFC 5321 §3.1). The server
  // answers nothing else after it, so nothing the session would show is about its TLS.
  if (greeting.code >= 400) throw new ThrottledError(greeting);
  return greeting;
}

/** EHLO with our own address literal as the name (RFC 5321 §4.1.3); HELO when EHLO is refused. */
export async function sayEhlo(
  session: SmtpSession,
  socket: net.Socket,
  deadline: Deadline,
  name?: string,
): Promise<{ reply: Reply; extensions: string[] }> {
  const local = socket.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
  // RFC 5321 §4.1.3: IPv6 address literals carry the "IPv6:" tag.
  const ehloName = name ?? (isIPv6(local) ? `[IPv6:${local}]` : `[${local}]`);
  const reply = await session.command(`EHLO ${ehloName}`, deadline.stage());
  if (reply.code === 421) throw new ThrottledError(reply);
  if (reply.code === 250) return { reply, extensions: extensionsOf(reply) };
  const helo = await session.command(`HELO ${ehloName}`, deadline.stage());
  if (helo.code === 421) throw new ThrottledError(helo);
  return { reply: helo, extensions: [] };
}

/** Opens a plaintext session and gets as far as the greeting and EHLO. */
export async function plaintextSession(
  target: ProbeTarget,
  transcript: Transcript,
): Promise<{ connection: OpenConnection; session: SmtpSession; greeting: Reply; extensions: string[] }> {
  const connection = await openConnection(target, { tls: false });
  const session = new SmtpSession(connection.socket, transcript, target.signal);
  try {
    const greeting = await readGreeting(session, target.deadline);
    const { extensions } = await sayEhlo(session, connection.socket, target.deadline);
    return { connection, session, greeting, extensions };
  } catch (error) {
    session.destroy();
    connection.close();
    throw error;
  }
}

/**
 * A fresh connection as far as a finished TLS handshake (implicit TLS, or after
 * STARTTLS), for checks that need only the handshake: `use` sees the TLS socket,
 * then the session QUITs. Null when the server refused STARTTLS on this connection.
 * These extra connections stay out of the port's transcript: it would drown the dialogue.
 */
export async function handshakeOnly<T>(
  target: ProbeTarget,
  mode: 'implicit-tls' | 'starttls',
  version: TlsVersionName | undefined,
  use: (socket: tls.TLSSocket) => T,
): Promise<T | null> {
  const transcript = new Transcript();
  if (mode === 'implicit-tls') {
    const connection = await openConnection(target, { tls: true, version });
    const session = new SmtpSession(connection.socket, transcript, target.signal);
    try {
      const result = use(connection.socket as tls.TLSSocket);
      await readGreeting(session, target.deadline).catch(() => undefined);
      await session.quit(target.deadline.stage());
      return result;
    } finally {
      session.destroy();
      connection.close();
    }
  }
  const tlsOptions = target.trust.options(target.host, version);
  if (!tlsOptions)
    throw new SmtpError('tls', 'version not available in this TLS library', { code: 'UNTESTABLE' });
  const { connection, session } = await plaintextSession(target, transcript);
  try {
    const reply = await session.command('STARTTLS', target.deadline.stage());
    if (reply.code !== 220) {
      await session.quit(target.deadline.stage());
      return null;
    }
    const { socket } = await session.upgrade(tlsOptions, target.deadline.stage());
    const result = use(socket);
    await session.quit(target.deadline.stage());
    return result;
  } finally {
    session.destroy();
    connection.close();
  }
}
