/**
 * The log-in test against real servers on 127.0.0.1: every mechanism, both TLS
 * modes, refusals explained, and every way it must refuse to send the password
 * (no STARTTLS, untrusted or wrong-name certificate, plaintext on a TLS port).
 */
import * as net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginTestResultSchema, type LoginTestRequest } from '../../electron/contract.js';
import { loginTest } from '../../electron/engine/login/index.js';
import { testPki } from '../helpers/env.js';
import { expectNoSecret, password, rejection, user } from './secrets.js';
import { type RawServer, serverPool, startFixationServer } from './servers.js';

const pool = serverPool();
const server = pool.login;

function request(port: number, fields: Partial<LoginTestRequest> = {}): LoginTestRequest {
  return {
    host: '127.0.0.1',
    port,
    security: 'implicit-tls',
    credentials: { user, password },
    caPem: testPki().caPem,
    ...fields,
  };
}

function transcriptText(result: { transcript: { dir: string; text: string }[] }): string {
  return result.transcript.map((line) => `${line.dir} ${line.text}`).join('\n');
}

describe('log-in test: success over TLS', () => {
  it.each([
    { offered: ['PLAIN', 'LOGIN', 'CRAM-MD5'], chosen: 'PLAIN' },
    { offered: ['LOGIN'], chosen: 'LOGIN' },
    { offered: ['CRAM-MD5'], chosen: 'CRAM-MD5' },
    { offered: ['CRAM-MD5', 'LOGIN'], chosen: 'LOGIN' },
  ])('implicit TLS, server offers $offered: logs in with $chosen', async ({ offered, chosen }) => {
    const peer = await server({ mode: 'implicit-tls', authMethods: offered });
    const result = loginTestResultSchema.parse(await loginTest(request(peer.port)));
    expectNoSecret(result);
    expect(result).toMatchObject({ success: true, mechanism: chosen, explanation: null });
    expect(result.serverReply).toMatch(/^235/);
    expect(peer.auths).toEqual([{ method: chosen, user, secure: true }]);
    const text = transcriptText(result);
    expect(text).toContain('certificate verified');
    expect(text).toContain('c QUIT');
    // The password-bearing line is kept only in redacted form.
    expect(text).toMatch(/c (AUTH PLAIN \*{4}|\*{4})/);
  });

  it('STARTTLS (required) on a submission-style port: AUTH only after the upgrade', async () => {
    const peer = await server({ mode: 'starttls' });
    const result = await loginTest(request(peer.port, { security: 'starttls' }));
    expectNoSecret(result);
    expect(result).toMatchObject({ success: true, mechanism: 'PLAIN' });
    expect(peer.auths).toEqual([{ method: 'PLAIN', user, secure: true }]);
    const text = transcriptText(result);
    expect(text.indexOf('c STARTTLS')).toBeGreaterThan(-1);
    expect(text.indexOf('TLS established')).toBeLessThan(text.indexOf('c AUTH PLAIN ****'));
  });

  it('accepts a self-signed certificate only when its SHA-256 fingerprint is pinned', async () => {
    const peer = await server({ mode: 'implicit-tls', leaf: 'self-signed' });
    const { X509Certificate } = await import('node:crypto');
    const fingerprint = new X509Certificate(testPki().leaf('self-signed').cert).fingerprint256;
    const result = await loginTest(
      request(peer.port, { caPem: undefined, pinnedFingerprint256: fingerprint.toLowerCase() }),
    );
    expectNoSecret(result);
    expect(result.success).toBe(true);
    expect(peer.auths).toHaveLength(1);
  });
});

describe('log-in test: refusals explained', () => {
  it('wrong password: success false, auth-failed, the 535 reply, advice in both languages', async () => {
    const peer = await server({ mode: 'implicit-tls' });
    const result = loginTestResultSchema.parse(
      await loginTest(request(peer.port, { credentials: { user, password: `${password}-wrong` } })),
    );
    expectNoSecret(result);
    expect(result).toMatchObject({ success: false, mechanism: 'PLAIN', explanation: 'auth-failed' });
    expect(result.serverReply).toMatch(/^535/);
    expect(result.advice?.en.cause).toMatch(/rejected the login/);
    expect(result.advice?.ja.cause).toMatch(/ログインを拒否/);
  });

  it.each([
    {
      code: 535,
      text: '5.7.8 Username and Password not accepted. For more information, go to',
      key: 'gmail-app-password',
    },
    {
      code: 534,
      text: '5.7.14 <https://accounts.google.com/signin/continue> Please log in via your web browser',
      key: 'gmail-signin-blocked',
    },
    {
      code: 535,
      text: '5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
      key: 'm365-smtp-auth-disabled',
    },
  ])('maps "$code $text" to $key', async ({ code, text, key }) => {
    const peer = await server({ mode: 'implicit-tls', refuseWith: { code, text } });
    const result = await loginTest(request(peer.port));
    expectNoSecret(result);
    expect(result).toMatchObject({ success: false, explanation: key });
    expect(result.serverReply).toContain(String(code));
    expect(result.advice?.ja.fix.length).toBeGreaterThan(10);
  });

  it('no AUTH offered after TLS: nothing to test, said so', async () => {
    const peer = await server({ mode: 'implicit-tls', noAuth: true });
    const result = await loginTest(request(peer.port));
    expect(result).toMatchObject({ success: false, mechanism: null, explanation: 'auth-not-offered' });
    expect(peer.auths).toEqual([]);
  });
});

describe('log-in test: never without verified TLS', () => {
  it('a server that offers AUTH only before TLS (no STARTTLS): refused, no AUTH sent', async () => {
    const peer = await server({ mode: 'auth-before-tls' });
    const error = await rejection(loginTest(request(peer.port, { security: 'starttls' })));
    expect(error.code).toBe('insecure');
    expect(error.text.en).toMatch(/did not send your password or token.*does not offer STARTTLS/s);
    expect(error.text.ja).toMatch(/STARTTLS を提供していない/);
    expect(peer.auths).toEqual([]);
  });

  it.each([
    { leaf: 'self-signed' as const, pattern: /self-signed|not issued by a trusted/i },
    { leaf: 'wrong-name' as const, pattern: /issued for other names/ },
    { leaf: 'expired' as const, pattern: /expired/ },
  ])('certificate $leaf: refused before AUTH', async ({ leaf, pattern }) => {
    const peer = await server({ mode: 'implicit-tls', leaf });
    const error = await rejection(loginTest(request(peer.port)));
    expect(error.code).toBe('insecure');
    expect(error.text.en).toMatch(/certificate could not be verified/);
    expect(error.text.en).toMatch(pattern);
    expect(peer.auths).toEqual([]);
  });

  it('a valid certificate from a CA the user did not add: refused before AUTH', async () => {
    const peer = await server({ mode: 'starttls' });
    const error = await rejection(loginTest(request(peer.port, { security: 'starttls', caPem: undefined })));
    expect(error.code).toBe('insecure');
    expect(peer.auths).toEqual([]);
  });

  it('a wrong pin does not make an untrusted certificate acceptable', async () => {
    const peer = await server({ mode: 'implicit-tls', leaf: 'self-signed' });
    const error = await rejection(
      loginTest(request(peer.port, { caPem: undefined, pinnedFingerprint256: 'AB:'.repeat(31) + 'AB' })),
    );
    expect(error.code).toBe('insecure');
    expect(peer.auths).toEqual([]);
  });

  it('implicit TLS chosen for a plaintext-first port: the handshake fails, explained as a port/mode mix-up', async () => {
    const peer = await server({ mode: 'starttls' });
    const error = await rejection(loginTest(request(peer.port, { security: 'implicit-tls' })));
    expect(error.code).toBe('insecure');
    expect(error.text.en).toMatch(/STARTTLS/);
    expect(peer.auths).toEqual([]);
  });
});

describe('log-in test: session-fixation guard (opt-in)', () => {
  let fixation: RawServer;
  beforeAll(async () => {
    fixation = await startFixationServer();
    pool.track(fixation);
  });

  it('a server that accepts STARTTLS after AUTH over TLS is reported', async () => {
    const result = await loginTest(request(fixation.port, { checkSessionFixation: true }));
    expectNoSecret(result);
    expect(result).toMatchObject({ success: true, explanation: 'session-fixation-risk' });
    expect(result.advice?.en.cause).toMatch(/accepted another STARTTLS/);
    expect(fixation.received.slice(-2).map((line) => line.split(' ')[0])).toEqual(['AUTH', 'STARTTLS']);
  });

  it('without the option no second STARTTLS is sent', async () => {
    const before = fixation.received.length;
    const result = await loginTest(request(fixation.port));
    expect(result).toMatchObject({ success: true, explanation: null });
    expect(fixation.received.slice(before).map((line) => line.split(' ')[0])).toEqual([
      'EHLO',
      'AUTH',
      'QUIT',
    ]);
  });

  it('a correct server refuses it: no finding', async () => {
    const peer = await server({ mode: 'implicit-tls' });
    const result = await loginTest(request(peer.port, { checkSessionFixation: true }));
    expect(result).toMatchObject({ success: true, explanation: null });
    expect(transcriptText(result)).toMatch(/s 503 .*TLS already active/);
  });
});

describe('log-in test: bounded and cancellable', () => {
  let silent: net.Server;
  let silentPort: number;
  beforeAll(async () => {
    silent = net.createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as net.AddressInfo).port;
    pool.track({ close: () => new Promise<void>((resolve) => silent.close(() => resolve())) });
  });

  it('a server that never greets: timeout error within the deadline', async () => {
    const started = performance.now();
    const error = await rejection(
      loginTest(request(silentPort, { security: 'starttls' }), { timeoutMs: 800 }),
    );
    expect(error.code).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(3000);
    // Each silent socket is closed again by the client.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const open = await new Promise<number>((resolve, reject) =>
      silent.getConnections((e, n) => (e ? reject(e) : resolve(n))),
    );
    expect(open).toBe(0);
  });

  it('cancel: the abort signal stops the test with "cancelled"', async () => {
    const controller = new AbortController();
    const pending = loginTest(request(silentPort, { security: 'starttls' }), {
      signal: controller.signal,
      timeoutMs: 10_000,
    });
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(pending);
    expect(error.code).toBe('cancelled');
  });

  it('an invalid host is refused before any connection', async () => {
    const error = await rejection(loginTest(request(25, { host: 'https://smtp.example.com/' })));
    expect(error.code).toBe('invalid-input');
  });
});
