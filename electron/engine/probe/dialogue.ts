/**
 * The steps every probe connection shares: a connection slot, a plain or TLS socket,
 * and a plaintext SMTP session up to EHLO (extra handshakes alone: versions.ts,
 * `extraHandshake`). Each step returns what
 * it saw or throws an SmtpError; the probes decide what that means for the report.
 */
import type * as net from 'node:net';
import type * as tls from 'node:tls';
import type { Stage } from '../../contract.js';
import type { Deadline } from '../core/deadline.js';
import { readGreeting, sayEhlo } from '../smtp/dialogue.js';
import type { Reply } from '../smtp/reply.js';
import { SmtpSession } from '../smtp/session.js';
import { SmtpError } from '../smtp/smtp-error.js';
import { Transcript } from '../smtp/transcript.js';
import { connectTcp, handshake } from '../smtp/transport.js';
import type { TrustStore, VersionOffer } from '../tls/trust.js';
import type { PlaintextGate } from './gate.js';
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

/** A connection slot plus its socket; `close` frees both on every path. */
export interface OpenConnection {
  socket: net.Socket | tls.TLSSocket;
  close(): void;
  /** Ends the connection politely without a word of the protocol: TLS close_notify and FIN, then frees the slot. */
  end(): void;
}

export async function openConnection(
  target: ProbeTarget,
  options: { tls: false } | { tls: true; version?: VersionOffer } | { tls: true; main: true },
): Promise<OpenConnection> {
  const release = await acquireConnection(target.host, target.port, target.signal, target.maxConnections);
  let socket: net.Socket | undefined;
  try {
    socket = await connectTcp(target.address, target.port, target.deadline.stage(), target.signal);
    if (!options.tls) {
      const plain = socket;
      return {
        socket,
        close: () => (plain.destroy(), release()),
        end: () => endThenRelease(plain, release),
      };
    }
    const tlsOptions =
      'main' in options
        ? target.trust.mainOptions(target.host, target.port)
        : target.trust.options(target.host, options.version);
    if (!tlsOptions)
      throw new SmtpError('tls', 'version not available in this TLS library', { code: 'UNTESTABLE' });
    const secure = await handshake({ ...tlsOptions, socket }, target.deadline.stage(), target.signal);
    return {
      socket: secure,
      close: () => (secure.destroy(), release()),
      end: () => endThenRelease(secure, release),
    };
  } catch (error) {
    socket?.destroy();
    release();
    throw error;
  }
}

/** How long a polite end may wait for its last bytes to drain before the socket is cut. */
const endDrainMs = 2000;

/**
 * Frees the slot only once the socket is closed: `destroySoon` sends the FIN on a
 * later turn of the event loop, and a slot freed before that lets the next connection
 * reach the server while this one is still open there, a fourth at once. A peer
 * that never lets the last bytes drain is cut off instead of holding the slot.
 */
function endThenRelease(socket: net.Socket, release: () => void): void {
  if (socket.destroyed) {
    // destroy() closed the descriptor at once: the server has its FIN already.
    release();
    return;
  }
  const cutOff = setTimeout(() => socket.destroy(), endDrainMs);
  cutOff.unref();
  socket.once('close', () => {
    clearTimeout(cutOff);
    release();
  });
  socket.destroySoon();
}

/**
 * Opens a plaintext session and gets as far as the greeting and EHLO; with a `gate`
 * (and a target it gated), EHLO waits for the main connection's greeting.
 */
export async function plaintextSession(
  target: ProbeTarget,
  transcript: Transcript,
  gate?: PlaintextGate,
): Promise<{ connection: OpenConnection; session: SmtpSession; greeting: Reply; extensions: string[] }> {
  const connection = await openConnection(target, { tls: false });
  const session = new SmtpSession(connection.socket, transcript, target.signal);
  try {
    const greeting = await readGreeting(session, target.deadline);
    await gate?.passed(target.signal);
    const { extensions } = await sayEhlo(session, connection.socket, target.deadline);
    return { connection, session, greeting, extensions };
  } catch (error) {
    session.destroy();
    connection.close();
    throw error;
  }
}
