/**
 * Opening connections: TCP with a connect timeout, and TLS handshakes (fresh or over
 * an upgraded socket), both bounded by a timeout and the abort signal, both leaving
 * no socket behind on failure.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
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
    const socket = guard(tls.connect(options));
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
    const onSecure = () => finish(null);
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
