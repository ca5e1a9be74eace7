/**
 * Log-in test and test message with an OAuth2 access token against real servers
 * on 127.0.0.1: XOAUTH2 accepted, a refused token explained (the 334 JSON error,
 * the empty line, the 535), and a server without XOAUTH2 refused before the token
 * is sent — by no other mechanism either. A password still uses PLAIN.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  loginTestRequestSchema,
  loginTestResultSchema,
  sendTestRequestSchema,
  type LoginTestRequest,
  type SendTestRequest,
} from '../../electron/contract.js';
import { loginTest, sendTestMessage } from '../../electron/engine/login/index.js';
import { testPki } from '../helpers/env.js';
import { accessToken, expectNoSecret, password, rejection, user } from './secrets.js';
import { queueId, startLoginServer, type LoginServer, type LoginServerOptions } from './servers.js';

const servers: LoginServer[] = [];

async function server(
  authMethods: string[],
  options: Partial<LoginServerOptions> = {},
): Promise<LoginServer> {
  const started = await startLoginServer({
    mode: 'implicit-tls',
    user,
    password,
    accessToken,
    authMethods,
    ...options,
  });
  servers.push(started);
  return started;
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function request(port: number, token = accessToken): LoginTestRequest {
  return loginTestRequestSchema.parse({
    host: '127.0.0.1',
    port,
    security: 'implicit-tls',
    credentials: { user, accessToken: token },
    caPem: testPki().caPem,
  });
}

function sendRequest(port: number, token = accessToken): SendTestRequest {
  return sendTestRequestSchema.parse({
    ...request(port, token),
    from: user,
    to: 'bob@example.test',
    language: 'en',
  });
}

function transcriptText(result: { transcript: { dir: string; text: string }[] }): string {
  return result.transcript.map((line) => `${line.dir} ${line.text}`).join('\n');
}

describe('credentials schema', () => {
  it('takes a password or a token, never both, and a token of at most 8192 characters', () => {
    const base = { host: 'smtp.example.com', port: 465, security: 'implicit-tls' };
    const parse = (credentials: unknown) =>
      loginTestRequestSchema.safeParse({ ...base, credentials }).success;
    expect(parse({ user, password })).toBe(true);
    expect(parse({ user, accessToken })).toBe(true);
    expect(parse({ user, password, accessToken })).toBe(false);
    expect(parse({ user, accessToken: '' })).toBe(false);
    expect(parse({ user, accessToken: 'x'.repeat(8193) })).toBe(false);
  });
});

describe('log-in test with an access token', () => {
  it('logs in with XOAUTH2 (not PLAIN) and keeps only AUTH XOAUTH2 **** in the transcript', async () => {
    const peer = await server(['PLAIN', 'XOAUTH2']);
    const result = loginTestResultSchema.parse(await loginTest(request(peer.port)));
    expectNoSecret(result);
    expect(result).toMatchObject({ success: true, mechanism: 'XOAUTH2', explanation: null });
    expect(result.serverReply).toMatch(/^235/);
    expect(peer.auths).toEqual([{ method: 'XOAUTH2', user, secure: true }]);
    expect(transcriptText(result)).toContain('c AUTH XOAUTH2 ****');
  });

  it('a refused token: 334 JSON error, an empty line, the 535, explained for a token', async () => {
    const peer = await server(['XOAUTH2', 'PLAIN']);
    const result = loginTestResultSchema.parse(await loginTest(request(peer.port, `${accessToken}-old`)));
    expectNoSecret(result);
    expect(result).toMatchObject({
      success: false,
      mechanism: 'XOAUTH2',
      explanation: 'xoauth2-token-refused',
    });
    expect(result.serverReply).toMatch(/^535/);
    expect(result.advice?.en.cause).toMatch(/refused the OAuth2 access token/);
    expect(result.advice?.ja.cause).toMatch(/アクセストークンを拒否/);
    // One attempt, the token never retried nor offered to PLAIN; the session ends cleanly.
    expect(peer.auths).toEqual([{ method: 'XOAUTH2', user, secure: true }]);
    const client = result.transcript.filter((line) => line.dir === 'c').map((line) => line.text);
    expect(client.slice(-3)).toEqual(['AUTH XOAUTH2 ****', '', 'QUIT']);
    expect(result.transcript.some((line) => line.dir === 's' && line.text.startsWith('334 '))).toBe(true);
  });

  it('a server without XOAUTH2: refused before any AUTH, by no password mechanism either', async () => {
    const peer = await server(['PLAIN', 'LOGIN']);
    const result = loginTestResultSchema.parse(await loginTest(request(peer.port)));
    expectNoSecret(result);
    expect(result).toMatchObject({ success: false, mechanism: null, explanation: 'xoauth2-not-offered' });
    expect(result.advice?.en.cause).toMatch(/did not send the access token/);
    expect(result.advice?.ja.cause).toMatch(/アクセストークンは送信しませんでした/);
    expect(peer.commands).toContain('EHLO');
    expect(peer.commands).not.toContain('AUTH');
    expect(peer.auths).toEqual([]);
  });

  it('a password is unchanged: PLAIN even where XOAUTH2 is offered first', async () => {
    const peer = await server(['XOAUTH2', 'PLAIN']);
    const result = await loginTest({ ...request(peer.port), credentials: { user, password } });
    expectNoSecret(result);
    expect(result).toMatchObject({ success: true, mechanism: 'PLAIN' });
    expect(peer.auths).toEqual([{ method: 'PLAIN', user, secure: true }]);
  });

  it('a password where only XOAUTH2 is offered: pointed at --oauth2', async () => {
    const peer = await server(['XOAUTH2']);
    const result = await loginTest({ ...request(peer.port), credentials: { user, password } });
    expect(result).toMatchObject({ success: false, explanation: 'auth-mechanism-unsupported' });
    expect(result.advice?.en.fix).toMatch(/--oauth2/);
    expect(peer.commands).not.toContain('AUTH');
  });
});

describe('test message with an access token', () => {
  it('is sent after an XOAUTH2 log-in', async () => {
    const peer = await server(['PLAIN', 'XOAUTH2']);
    const result = await sendTestMessage(sendRequest(peer.port));
    expectNoSecret(result);
    expect(result).toMatchObject({ accepted: true, queueId });
    expect(peer.auths).toEqual([{ method: 'XOAUTH2', user, secure: true }]);
    expect(peer.messages).toHaveLength(1);
    expect(peer.messages[0]).toMatchObject({ secure: true, user });
  });

  it('a refused token: not sent, the token tried once, explained for a token', async () => {
    const peer = await server(['XOAUTH2']);
    const error = await rejection(sendTestMessage(sendRequest(peer.port, `${accessToken}-old`)));
    expect(error.code).toBe('auth-failed');
    expect(error.text.en).toMatch(/refused the log-in.*refused the OAuth2 access token/s);
    expect(peer.auths).toEqual([{ method: 'XOAUTH2', user, secure: true }]);
    expect(peer.messages).toEqual([]);
  });

  it('a server without XOAUTH2: neither the token nor the message is sent', async () => {
    const peer = await server(['PLAIN', 'LOGIN']);
    const error = await rejection(sendTestMessage(sendRequest(peer.port)));
    expect(error.code).toBe('auth-failed');
    expect(error.text.en).toMatch(/neither was the access token/);
    expect(error.text.ja).toMatch(/XOAUTH2/);
    expect(peer.commands).toContain('EHLO');
    expect(peer.commands).not.toContain('AUTH');
    expect(peer.commands).not.toContain('MAIL');
    expect(peer.messages).toEqual([]);
  });
});
