/**
 * Peers for the log-in tests: real `smtp-server` instances with accounts (PLAIN,
 * LOGIN, CRAM-MD5, XOAUTH2 with an access token), a sink that records delivered messages and whether they came
 * over TLS, and a raw implicit-TLS server that wrongly accepts STARTTLS after
 * AUTH. Every server records each AUTH attempt and the name of every command, so
 * a test can prove that no credential reached a server the client should have
 * refused.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { LeafName } from '../helpers/pki.js';
import { afterAll } from 'vitest';
import { testPki } from '../helpers/env.js';
import { password, user } from './secrets.js';

export interface DeliveredMessage {
  raw: string;
  secure: boolean;
  user: string | undefined;
  from: string;
  to: string[];
}

export interface LoginServer {
  port: number;
  /** Every AUTH the server processed: mechanism, user, and whether TLS was active. */
  auths: { method: string; user: string; secure: boolean }[];
  /** The name of every command received (smtp-server's log), in order. */
  commands: string[];
  messages: DeliveredMessage[];
  close(): Promise<void>;
}

export interface LoginServerOptions {
  mode: 'implicit-tls' | 'starttls' | 'auth-before-tls';
  leaf?: LeafName;
  authMethods?: string[];
  user: string;
  password: string;
  /** The access token XOAUTH2 accepts (offer XOAUTH2 through `authMethods`). */
  accessToken?: string;
  /** Refuse every log-in with this reply instead of checking the password. */
  refuseWith?: { code: number; text: string };
  /** Offer no AUTH at all (not before TLS, not after). */
  noAuth?: boolean;
  /** Refuse every recipient with this reply. */
  refuseRecipient?: { code: number; text: string };
}

export const queueId = 'B4C7D2E1F0';

/** `HOST --port P --security MODE --user U` for the CLI, for one of these servers. */
export const cliTarget = (port: number, security: 'implicit-tls' | 'starttls') => [
  '127.0.0.1',
  '--port',
  String(port),
  '--security',
  security,
  '--user',
  user,
];

export async function startLoginServer(options: LoginServerOptions): Promise<LoginServer> {
  const leaf = testPki().leaf(options.leaf ?? 'valid');
  const auths: LoginServer['auths'] = [];
  const messages: DeliveredMessage[] = [];
  const commands: string[] = [];
  const ignore = () => undefined;
  const config: SMTPServerOptions = {
    key: leaf.key,
    // Long test chains are served whole, as a real server sends its intermediates.
    cert: leaf.cert + testPki().chain(options.leaf ?? 'valid'),
    logger: {
      level: ignore,
      trace: ignore,
      info: ignore,
      warn: ignore,
      error: ignore,
      fatal: ignore,
      debug(entry: { tnx?: string; command?: string }) {
        if (entry.tnx === 'command' && entry.command) commands.push(entry.command);
      },
    },
    disableReverseLookup: true,
    secure: options.mode === 'implicit-tls',
    authMethods: options.authMethods ?? ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    // "AUTH only before TLS": no STARTTLS at all (not merely hidden), log-in offered in plaintext.
    allowInsecureAuth: options.mode === 'auth-before-tls',
    disabledCommands: options.mode === 'auth-before-tls' ? ['STARTTLS'] : options.noAuth ? ['AUTH'] : [],
    authOptional: options.noAuth === true,
    onAuth(auth, session, callback) {
      auths.push({ method: auth.method, user: auth.username ?? '', secure: session.secure });
      if (options.refuseWith) {
        return callback(
          Object.assign(new Error(options.refuseWith.text), { responseCode: options.refuseWith.code }),
        );
      }
      if (auth.method === 'XOAUTH2') {
        if (auth.username === options.user && auth.accessToken === options.accessToken) {
          return callback(null, { user: auth.username });
        }
        // Gmail's answer to a bad token: a 334 with this JSON, then 535 after the client's empty line.
        const data = { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' };
        return callback(null, { data });
      }
      const good =
        auth.username === options.user &&
        (auth.method === 'CRAM-MD5'
          ? auth.validatePassword(options.password)
          : auth.password === options.password);
      if (!good) {
        return callback(
          Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }),
        );
      }
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, session, callback) {
      if (!session.secure) {
        return callback(
          Object.assign(new Error('Must issue a STARTTLS command first'), { responseCode: 530 }),
        );
      }
      callback();
    },
    onRcptTo(_address, _session, callback) {
      const refuse = options.refuseRecipient;
      callback(refuse ? Object.assign(new Error(refuse.text), { responseCode: refuse.code }) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : undefined,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        // Postfix's wording, so the queue id parser meets a real-world reply.
        callback(null, `2.0.0 Ok: queued as ${queueId}`);
      });
    },
  };
  const server = new SMTPServer(config);
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address() as net.AddressInfo;
  return {
    port: address.port,
    auths,
    commands,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface RawServer {
  port: number;
  /** Every line the server received, in order. */
  received: string[];
  close(): Promise<void>;
}

/**
 * Implicit TLS, AUTH PLAIN accepted for anyone, and — the flaw under test — a 220
 * to STARTTLS after log-in instead of the 503 a correct server sends.
 */
export async function startFixationServer(): Promise<RawServer> {
  const leaf = testPki().leaf('valid');
  const received: string[] = [];
  const sockets = new Set<tls.TLSSocket>();
  const server = tls.createServer({ key: leaf.key, cert: leaf.cert }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('220 fixation.test ESMTP\r\n');
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n'); end !== -1; end = buffered.indexOf('\r\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        received.push(line);
        const verb = line.split(' ')[0]?.toUpperCase();
        if (verb === 'EHLO') socket.write('250-fixation.test\r\n250 AUTH PLAIN\r\n');
        else if (verb === 'AUTH') socket.write('235 2.7.0 Authentication successful\r\n');
        else if (verb === 'STARTTLS') socket.write('220 2.0.0 Ready to start TLS\r\n');
        else if (verb === 'QUIT') socket.end('221 2.0.0 Bye\r\n');
        else socket.write('502 5.5.2 Error: command not recognized\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The servers a test file starts, all closed after its tests (registers the afterAll). */
export function serverPool() {
  const running: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(running.map((server) => server.close()));
  });
  const track = <T extends { close(): Promise<void> }>(server: T): T => {
    running.push(server);
    return server;
  };
  return {
    track,
    /** A log-in server for the shared test account. */
    login: async (options: Omit<LoginServerOptions, 'user' | 'password'>): Promise<LoginServer> =>
      track(await startLoginServer({ user, password, ...options })),
  };
}
