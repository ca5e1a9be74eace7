/**
 * Opening connections: TCP with a connect timeout, and TLS handshakes (fresh or over
 * an upgraded socket), both bounded by a timeout and the abort signal, both leaving
 * no socket behind on failure.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { anchorHandshake } from '../tls/trust.js';
import { SmtpError } from './smtp-error.js';

/** An 'error' without a listener would crash the process; sessions add their own on top. */
function guard<T extends net.Socket>(socket: T): T {
  socket.on('error', () => undefined);
  return socket;
}

export function connectTcp(
  host: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = guard(net.connect({ host, port }));
    socket.setNoDelay(true);
    const finish = (error: SmtpError | null) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      if (error) {
        socket.destroy();
        reject(error);
      } else {
        resolve(socket);
      }
    };
    const onConnect = () => finish(null);
    const onError = (error: NodeJS.ErrnoException) =>
      finish(new SmtpError('socket', error.message, { code: error.code, command: 'connect' }));
    const onAbort = () => finish(new SmtpError('cancelled', 'cancelled'));
    const timer = setTimeout(
      () =>
        finish(
          new SmtpError('timeout', `no TCP connection within ${timeoutMs} ms`, {
            code: 'ETIMEDOUT',
            command: 'connect',
          }),
        ),
      Math.max(1, timeoutMs),
    );
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', onConnect);
    socket.on('error', onError);
  });
}

/**
 * After a TLS 1.3 handshake the server sends its session tickets, and a server like
 * Postfix holds its next reply until they are acknowledged (Nagle), while Linux
 * delays that ACK by 40 ms unless a command of ours carries it. So the first
 * command waits for the first ticket, or at most this many handshake durations (a
 * ticket comes one round trip after our Finished; the handshake took about one),
 * and never less than the floor (a loaded machine's scheduling).
 */
const ticketWaitHandshakes = 1.5;
const ticketWaitFloorMs = 10;
/** A handshake that crawled (a tarpit) says nothing about the round trip: never wait longer than this. */
const ticketWaitCeilingMs = 1000;
const ticketWaits = new WeakMap<tls.TLSSocket, Promise<void>>();

/** Resolves when the first command may be written to `socket` (at once but after a TLS 1.3 handshake). */
export function readyForFirstCommand(socket: tls.TLSSocket): Promise<void> {
  return ticketWaits.get(socket) ?? Promise.resolve();
}

function watchTicket(socket: tls.TLSSocket, ticketSeen: () => boolean, handshakeMs: number): void {
  if (ticketSeen() || socket.getProtocol() !== 'TLSv1.3') return;
  const waitMs = Math.min(
    ticketWaitCeilingMs,
    Math.max(ticketWaitFloorMs, handshakeMs * ticketWaitHandshakes),
  );
  const wait = new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('session', onTicket);
      socket.off('close', done);
      resolve();
    };
    // Never write from inside the 'session' callback (it broke records in a trial): a tick later.
    const onTicket = () => setImmediate(done);
    const timer = setTimeout(done, waitMs);
    socket.once('session', onTicket);
    socket.once('close', done);
  });
  ticketWaits.set(socket, wait);
}

/**
 * A TLS handshake (over a fresh TCP connection or an upgraded socket) bounded by a
 * timeout and the abort signal. Resolves with the secure socket; rejects with a
 * `tls` SmtpError carrying Node's error code.
 */
export function handshake(
  options: tls.ConnectionOptions,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = guard(tls.connect(options));
    anchorHandshake(socket, options);
    let ticket = false;
    socket.once('session', () => (ticket = true));
    const finish = (error: SmtpError | null) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('secureConnect', onSecure);
      socket.off('error', onError);
      socket.off('close', onClose);
      if (error) {
        socket.destroy();
        options.socket?.destroy();
        reject(error);
      } else {
        resolve(socket);
      }
    };
    const onSecure = () => {
      watchTicket(socket, () => ticket, performance.now() - started);
      finish(null);
    };
    const onError = (error: NodeJS.ErrnoException) =>
      finish(new SmtpError('tls', error.message, { code: error.code, command: 'handshake' }));
    const onClose = () =>
      finish(
        new SmtpError('tls', 'connection closed during the TLS handshake', {
          code: 'ECONNRESET',
          command: 'handshake',
        }),
      );
    const onAbort = () => finish(new SmtpError('cancelled', 'cancelled'));
    const timer = setTimeout(
      () =>
        finish(
          new SmtpError('timeout', `TLS handshake not finished within ${timeoutMs} ms`, {
            command: 'handshake',
          }),
        ),
      Math.max(1, timeoutMs),
    );
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', onSecure);
    socket.on('error', onError);
    socket.once('close', onClose);
  });
}
