/**
 * Every row of the error table is matched by a real error where one can be made on
 * loopback (Node's TLS client against small servers, nodemailer against a scripted
 * SMTP server) and otherwise by the exact string from the reference table.
 */
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { errorTable, explainError } from '../../electron/engine/tls/error-explanations.js';
import { testPki } from '../helpers/env.js';
import type { LeafName } from '../helpers/pki.js';

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
afterAll(async () => {
  // close() waits for open connections; some peers here deliberately never hang up.
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: net.Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

interface CaughtError {
  message: string;
  code?: string;
}

function tlsClientError(options: tls.ConnectionOptions): Promise<CaughtError> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', servername: 'localhost', ...options });
    socket.once('secureConnect', () => {
      socket.destroy();
      reject(new Error('the TLS handshake unexpectedly succeeded'));
    });
    socket.once('error', resolve);
  });
}

/** A TLS server presenting `chain`, and the error a client trusting `ca` gets from it. */
async function certificateError(leaf: LeafName, options: { withIntermediate?: boolean; ca?: string }) {
  const pki = testPki();
  const { cert, key } = pki.leaf(leaf);
  const chain = options.withIntermediate ? cert + pki.intermediatePem : cert;
  const port = await listen(tls.createServer({ cert: chain, key }, (socket) => socket.end('220 ok\r\n')));
  return tlsClientError({ port, ...(options.ca === undefined ? {} : { ca: options.ca }) });
}

/**
 * A scripted plaintext SMTP server: greets, then answers each command by its verb
 * (null closes the connection), so nodemailer produces its real error for that reply.
 */
function scriptedSmtp(replies: Record<string, string | null>): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.write('220 mx.test ESMTP\r\n');
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const verb = (buffer.slice(0, end).split(' ')[0] ?? '').toUpperCase();
        buffer = buffer.slice(end + 2);
        const reply = verb === 'QUIT' ? '221 2.0.0 Bye' : replies[verb];
        if (reply === null) {
          socket.end();
          return;
        }
        socket.write(`${reply ?? '502 5.5.2 Error: command not recognized'}\r\n`);
      }
    });
  });
  return listen(server);
}

type TransportOptions = Parameters<typeof nodemailer.createTransport>[0] & object;

async function nodemailerError(
  replies: Record<string, string | null>,
  options: Record<string, unknown>,
  send = false,
): Promise<CaughtError> {
  const port = await scriptedSmtp({ EHLO: '250-mx.test\r\n250 AUTH PLAIN LOGIN', ...replies });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ...options,
  } as TransportOptions);
  const attempt = send
    ? transport.sendMail({ from: 'a@example.com', to: 'b@example.com', text: 'x' })
    : transport.verify();
  return attempt.then(
    () => {
      throw new Error('nodemailer unexpectedly succeeded');
    },
    (error: CaughtError) => error,
  );
}

const gmail535 =
  '535-5.7.8 Username and Password not accepted. For more information, go to\r\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials d2-20020a05600c';
const gmail534 =
  '534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1> Please log in via your web browser and\r\n534-5.7.14 then try again.\r\n534 5.7.14  Learn more at https://support.google.com/mail/answer/78754';
const m365 =
  '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.';

interface RealCase {
  name: string;
  expected: string;
  produce: () => Promise<CaughtError>;
}

const realCases: RealCase[] = [
  {
    name: 'TLS client against a plaintext server (implicit TLS chosen on 587/25)',
    expected: 'tls-to-plaintext-port',
    produce: async () => {
      const port = await listen(net.createServer((socket) => socket.write('220 hello\r\n')));
      return tlsClientError({ port });
    },
  },
  {
    name: 'nodemailer in plaintext against an implicit-TLS server (465 without SSL/TLS)',
    expected: 'plaintext-to-tls-port',
    produce: async () => {
      const { cert, key } = testPki().leaf('valid');
      const port = await listen(tls.createServer({ cert, key }, (socket) => socket.end('220 ok\r\n')));
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port,
        secure: false,
        greetingTimeout: 300,
      });
      return transport.verify().then(
        () => {
          throw new Error('nodemailer unexpectedly succeeded');
        },
        (error: CaughtError) => error,
      );
    },
  },
  {
    name: 'nodemailer with secure:true against a plaintext server',
    expected: 'tls-to-plaintext-port',
    produce: () => nodemailerError({}, { secure: true }),
  },
  {
    name: 'server offering only TLS 1.1',
    expected: 'tls-version-mismatch',
    produce: async () => {
      const { cert, key } = testPki().leaf('valid');
      const port = await listen(
        tls.createServer({
          cert,
          key,
          minVersion: 'TLSv1',
          maxVersion: 'TLSv1.1',
          ciphers: 'DEFAULT@SECLEVEL=0',
        }),
      );
      return tlsClientError({ port, ca: testPki().caPem });
    },
  },
  {
    name: 'self-signed certificate',
    expected: 'cert-self-signed',
    produce: () => certificateError('self-signed', { ca: testPki().caPem }),
  },
  {
    name: 'untrusted root sent in the chain',
    expected: 'cert-self-signed',
    produce: async () => {
      const pki = testPki();
      const { cert, key } = pki.leaf('valid');
      const port = await listen(tls.createServer({ cert: cert + pki.caPem, key }));
      return tlsClientError({ port });
    },
  },
  {
    name: 'leaf sent without its intermediate',
    expected: 'cert-incomplete-chain',
    produce: () => certificateError('via-intermediate', { ca: testPki().caPem }),
  },
  {
    name: 'chain ending at an unknown CA',
    expected: 'cert-unknown-issuer',
    produce: () => certificateError('via-intermediate', { withIntermediate: true }),
  },
  {
    name: 'expired certificate',
    expected: 'cert-expired',
    produce: () => certificateError('expired', { ca: testPki().caPem }),
  },
  {
    name: 'certificate not yet valid',
    expected: 'cert-not-yet-valid',
    produce: () => certificateError('not-yet-valid', { ca: testPki().caPem }),
  },
  {
    name: 'certificate for another name',
    expected: 'cert-hostname-mismatch',
    produce: () => certificateError('wrong-name', { ca: testPki().caPem }),
  },
  {
    name: 'server dropping the connection during the handshake',
    expected: 'connection-reset',
    produce: async () => {
      const port = await listen(net.createServer((socket) => socket.once('data', () => socket.destroy())));
      return tlsClientError({ port });
    },
  },
  {
    name: 'closed port',
    expected: 'connection-refused',
    produce: async () => {
      const probe = net.createServer();
      const port = await listen(probe);
      await new Promise((resolve) => probe.close(resolve));
      return new Promise((resolve) => net.connect(port, '127.0.0.1').once('error', resolve));
    },
  },
  {
    name: 'plaintext MAIL FROM to a server that enforces TLS',
    expected: 'tls-required',
    produce: () =>
      nodemailerError({ MAIL: '530 5.7.0 Must issue a STARTTLS command first' }, { ignoreTLS: true }, true),
  },
  {
    name: 'STARTTLS answered with 454',
    expected: 'starttls-unavailable',
    produce: () =>
      nodemailerError(
        { EHLO: '250-mx.test\r\n250 STARTTLS', STARTTLS: '454 4.7.0 TLS not available due to local problem' },
        {},
      ),
  },
  {
    name: 'STARTTLS rewritten by a middlebox',
    expected: 'starttls-rewritten',
    produce: () =>
      nodemailerError(
        { EHLO: '250-mx.test\r\n250 STARTTLS', STARTTLS: "500 5.0.0 'XXXXXXXX': command not understood." },
        {},
      ),
  },
  {
    name: 'STARTTLS required but not supported',
    expected: 'starttls-rejected',
    produce: () => nodemailerError({ EHLO: '250 mx.test' }, { requireTLS: true }),
  },
  {
    name: 'Gmail rejecting a normal password',
    expected: 'gmail-app-password',
    produce: () =>
      nodemailerError({ AUTH: gmail535 }, { ignoreTLS: true, auth: { user: 'u@gmail.com', pass: 'p' } }),
  },
  {
    name: 'Gmail blocking a sign-in',
    expected: 'gmail-signin-blocked',
    produce: () =>
      nodemailerError({ AUTH: gmail534 }, { ignoreTLS: true, auth: { user: 'u@gmail.com', pass: 'p' } }),
  },
  {
    name: 'Microsoft 365 with SMTP AUTH disabled',
    expected: 'm365-smtp-auth-disabled',
    produce: () =>
      nodemailerError({ AUTH: m365 }, { ignoreTLS: true, auth: { user: 'u@contoso.com', pass: 'p' } }),
  },
  {
    name: 'missing password',
    expected: 'missing-credentials',
    produce: () => nodemailerError({}, { ignoreTLS: true, auth: { user: 'u@example.com' } }),
  },
  {
    name: 'Postfix rejecting a login',
    expected: 'auth-failed',
    produce: () =>
      nodemailerError(
        { AUTH: '535 5.7.8 Error: authentication failed: authentication failure' },
        { ignoreTLS: true, auth: { user: 'u', pass: 'p' } },
      ),
  },
  {
    name: 'server throttling with 421',
    expected: 'server-throttled',
    produce: () =>
      nodemailerError({ EHLO: '421 4.7.0 mx.test Error: too many connections from 127.0.0.1' }, {}),
  },
  {
    name: 'server hanging up mid-dialogue',
    expected: 'connection-closed',
    produce: () => nodemailerError({ EHLO: null }, {}),
  },
];

/** Exact strings from the reference table and our own engine, where loopback cannot produce them. */
const literalCases: { message: string; code?: string; expected: string }[] = [
  {
    message: 'error:1408F10B:SSL routines:ssl3_get_record:wrong version number',
    code: 'ESOCKET',
    expected: 'tls-to-plaintext-port',
  },
  {
    message: 'error:0A00010B:SSL routines:tls_validate_record_header:wrong version number',
    expected: 'tls-to-plaintext-port',
  },
  {
    message: 'error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol',
    expected: 'tls-to-plaintext-port',
  },
  {
    message: 'error:1425F102:SSL routines:ssl_choose_client_version:unsupported protocol',
    expected: 'tls-version-mismatch',
  },
  { message: 'no reply to greeting within 10000 ms', expected: 'plaintext-to-tls-port' },
  { message: 'Greeting never received', code: 'ETIMEDOUT', expected: 'plaintext-to-tls-port' },
  { message: 'connect ETIMEDOUT 203.0.113.7:25', code: 'ETIMEDOUT', expected: 'port-blocked' },
  { message: 'Connection timeout', code: 'ETIMEDOUT', expected: 'port-blocked' },
  { message: 'no TCP connection within 5000 ms', code: 'ETIMEDOUT', expected: 'port-blocked' },
  { message: 'connect EHOSTUNREACH 203.0.113.7:587', code: 'EHOSTUNREACH', expected: 'port-blocked' },
  { message: 'getaddrinfo ENOTFOUND smtp.example.invalid', code: 'ENOTFOUND', expected: 'host-not-found' },
  { message: 'read ECONNRESET', code: 'ESOCKET', expected: 'connection-reset' },
  { message: 'connection closed during the TLS handshake', code: 'ECONNRESET', expected: 'connection-reset' },
  { message: 'the server closed the connection', expected: 'connection-closed' },
  {
    message: 'Invalid login: 534-5.7.9 Application-specific password required.',
    code: 'EAUTH',
    expected: 'gmail-app-password',
  },
  {
    message: 'Invalid login: 535 5.7.3 Authentication unsuccessful (basic authentication is disabled)',
    code: 'EAUTH',
    expected: 'm365-smtp-auth-disabled',
  },
];

describe('explainError with real errors', () => {
  it.each(realCases)('$name → $expected', async ({ produce, expected }) => {
    const error = await produce();
    expect(explainError(error.message, error.code)?.key, `${error.code}: ${error.message}`).toBe(expected);
  });
});

describe('explainError with the reference strings', () => {
  it.each(literalCases)('$message → $expected', ({ message, code, expected }) => {
    expect(explainError(message, code)?.key).toBe(expected);
  });

  it('explains nothing it does not know', () => {
    expect(explainError('something entirely different')).toBeNull();
    expect(explainError('', 'EWHATEVER')).toBeNull();
    expect(explainError('250 2.0.0 Ok: queued as 4Xyz')).toBeNull();
  });

  it('returns the row’s texts in both languages', () => {
    const explanation = explainError('certificate has expired', 'CERT_HAS_EXPIRED');
    expect(explanation?.text.en.cause).toMatch(/expired/);
    expect(explanation?.text.ja.cause).toMatch(/有効期限/);
  });
});

describe('error table', () => {
  it('has unique keys, each exercised by at least one example above', () => {
    const keys = errorTable.map((row) => row.key);
    expect(new Set(keys).size).toBe(keys.length);
    const exercised = new Set([...realCases, ...literalCases].map((c) => c.expected));
    expect([...keys].sort()).toEqual([...exercised].sort());
  });

  it.each(errorTable.map((row) => [row.key, row] as const))('%s has ja and en cause and fix', (_key, row) => {
    for (const field of ['cause', 'fix'] as const) {
      expect(row.text.en[field].length).toBeGreaterThan(20);
      expect(row.text.ja[field].length).toBeGreaterThan(10);
      expect(row.text.ja[field]).toMatch(/[\u3040-\u30ff\u3400-\u9fff]/);
      expect(row.text.en[field]).not.toMatch(/[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/);
    }
  });
});
