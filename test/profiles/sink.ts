/**
 * A mail sink for the real-client tests: smtp-server with the test PKI's valid
 * certificate, on implicit TLS or STARTTLS, requiring AUTH, refusing any mail
 * before TLS, and recording whether each accepted message came over TLS.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { testPki } from '../helpers/env.js';

export const sinkUser = 'alice';
export const sinkPassword = 'sink-password-1';

export interface Received {
  secure: boolean;
  user: string | undefined;
  from: string;
  to: string[];
  body: string;
}

export interface Sink {
  port: number;
  messages: Received[];
  /** Resolves with the first message, or rejects after `ms`. */
  next(ms: number): Promise<Received>;
  close(): Promise<void>;
}

export async function startSink(mode: 'implicit-tls' | 'starttls'): Promise<Sink> {
  const leaf = testPki().leaf('valid');
  const messages: Received[] = [];
  const waiters: Array<(message: Received) => void> = [];
  const server = new SMTPServer({
    secure: mode === 'implicit-tls',
    key: leaf.key,
    cert: leaf.cert,
    name: 'sink.localhost',
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === sinkUser && auth.password === sinkPassword)
        callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onMailFrom(address, session, callback) {
      if (!session.secure)
        callback(Object.assign(new Error('Must issue a STARTTLS command first'), { responseCode: 530 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const message: Received = {
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : undefined,
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          body: Buffer.concat(chunks).toString('utf8'),
        };
        messages.push(message);
        for (const waiter of waiters.splice(0)) waiter(message);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    next(ms) {
      const first = messages[0];
      if (first) return Promise.resolve(first);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no message reached the sink within ${ms} ms`)), ms);
        waiters.push((message) => {
          clearTimeout(timer);
          resolve(message);
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
