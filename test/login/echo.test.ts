/**
 * Issue 13: a raw TLS server that echoes back whatever the client sent during
 * AUTH (the base64 answer and its decoded bytes) in its 334, 535, 235, 250 and
 * 221 replies. For PLAIN, LOGIN, CRAM-MD5 and XOAUTH2, through the engine, the
 * bridge (service dispatch with its log) and the CLI (`login --json`), no form
 * of the marker password or token may appear in any output; the echo itself
 * shows up redacted, which proves the server did echo.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginTestResult, SendTestResult } from '../../electron/contract.js';
import { loginTest, sendTestMessage } from '../../electron/engine/login/index.js';
import { cramMd5Response } from '../../electron/engine/login/sasl.js';
import { createEngine } from '../../electron/service/engine.js';
import { createService, type Service } from '../../electron/service/handlers.js';
import { createSettingsStore } from '../../electron/service/settings.js';
import { runCli } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import { scripted, tlsServer, type Answer, type HostileServer } from '../helpers/hostile.js';
import { accessToken, expectNoSecret, password, user } from './secrets.js';

const mechanisms = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2'] as const;
type Mechanism = (typeof mechanisms)[number];
type Verdict = 'refuse' | 'accept';

const challenge = Buffer.from('<1.2@echo.test>').toString('base64');
const cramAnswer = cramMd5Response(user, password, challenge);
const cramDigest = Buffer.from(cramAnswer, 'base64').toString('utf8').split(' ')[1] ?? '';

/** Replies that repeat every AUTH answer received so far, as sent and decoded. */
function echoing(mechanism: Mechanism, verdict: Verdict): () => Answer {
  return () => {
    const answers: string[] = [];
    let pending: string | null = null;
    let inData = false;
    const echo = () =>
      answers.map((a) => `${a} ${Buffer.from(a, 'base64').toString('latin1').replace(/\0/g, ' ')}`).join(' ');
    const reply = (text: string) => Buffer.from(`${text}\r\n`, 'latin1');
    const finish = () => {
      if (verdict === 'accept') {
        pending = null;
        return reply(`235 2.7.0 accepted ${echo()}`);
      }
      if (pending === 'XOAUTH2' && answers.length === 1) {
        const error = JSON.stringify({ status: '401', echo: echo() });
        return reply(`334 ${Buffer.from(error).toString('base64')}`);
      }
      pending = null;
      return reply(`535 5.7.8 rejected ${echo()}`);
    };
    return (line) => {
      if (line === null) return reply('220 echo.test ESMTP');
      if (inData) {
        if (line === '.') {
          inData = false;
          return reply(`250 2.0.0 Ok: queued as ECHO1 ${echo()}`);
        }
        return Buffer.alloc(0);
      }
      if (pending !== null) {
        answers.push(line);
        if (pending === 'LOGIN' && answers.length === 1) return reply(`334 UGFzc3dvcmQ6 ${echo()}`);
        return finish();
      }
      const [verb = '', argument, initial] = line.split(' ');
      switch (verb.toUpperCase()) {
        case 'EHLO':
          return reply(`250-echo.test\r\n250 AUTH ${mechanism}`);
        case 'AUTH':
          pending = (argument ?? '').toUpperCase();
          if (initial !== undefined) {
            answers.push(initial);
            return finish();
          }
          if (pending === 'LOGIN') return reply('334 VXNlcm5hbWU6');
          if (pending === 'CRAM-MD5') return reply(`334 ${challenge}`);
          return reply('334 ');
        case 'MAIL':
        case 'RCPT':
          return reply(`250 2.1.0 Ok ${echo()}`);
        case 'DATA':
          inData = true;
          return reply('354 go ahead');
        case 'QUIT':
          return reply(`221 2.0.0 Bye ${echo()}`);
        default:
          return reply(`502 5.5.2 unknown ${echo()}`);
      }
    };
  };
}

const servers = new Map<string, HostileServer>();
let dataDir: string;
let service: Service;
const logged: string[] = [];

beforeAll(async () => {
  const leaf = testPki().leaf('valid');
  for (const mechanism of mechanisms) {
    for (const verdict of ['refuse', 'accept'] as const) {
      servers.set(
        `${mechanism}/${verdict}`,
        await tlsServer(
          { key: leaf.key, cert: leaf.cert },
          scripted(echoing(mechanism, verdict), undefined, 10_000),
        ),
      );
    }
  }
  dataDir = await mkdtemp(join(tmpdir(), 'mailtls-echo-'));
  service = createService({
    engine: await createEngine({ dataDir }),
    settings: await createSettingsStore({ dataDir, defaultLanguage: 'en' }),
    log: (message) => logged.push(message),
  });
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
  await rm(dataDir, { recursive: true, force: true });
});

function target(mechanism: Mechanism, verdict: Verdict) {
  return {
    host: '127.0.0.1',
    port: servers.get(`${mechanism}/${verdict}`)?.port ?? 0,
    security: 'implicit-tls' as const,
    caPem: testPki().caPem,
    credentials: mechanism === 'XOAUTH2' ? { user, accessToken } : { user, password },
  };
}

/** No form of the secret (for CRAM-MD5 also the answer and its digest, which allow guessing offline). */
function expectNothingSecret(output: unknown): void {
  expectNoSecret(output);
  const text = typeof output === 'string' ? output : JSON.stringify(output);
  expect(cramDigest.length).toBe(32);
  for (const form of [cramAnswer.replace(/=+$/, ''), cramDigest]) expect(text).not.toContain(form);
}

/** The server's echo reached the output, redacted: otherwise the test would prove nothing. */
function expectRedactedEcho(result: LoginTestResult): void {
  const serverLines = result.transcript.filter((line) => line.dir === 's').map((line) => line.text);
  expect(serverLines.some((text) => text.includes('****'))).toBe(true);
  expect(result.serverReply).toContain('****');
}

describe.each(mechanisms)('%s: a server echoing the log-in', (mechanism) => {
  it.each(['refuse', 'accept'] as const)('(%s) leaks nothing through the engine', async (verdict) => {
    const result = await loginTest(target(mechanism, verdict), { timeoutMs: 20_000 });
    expect(result.mechanism).toBe(mechanism);
    expect(result.success).toBe(verdict === 'accept');
    expectNothingSecret(result);
    expectRedactedEcho(result);
  });

  it('leaks nothing through the bridge, its log included', async () => {
    const result = await service.dispatch('loginTest', target(mechanism, 'refuse'));
    expect(result.ok).toBe(true);
    expectNothingSecret(result);
    expectRedactedEcho((result as { value: LoginTestResult }).value);
    expectNothingSecret(logged.join('\n'));
  });

  it('leaks nothing through mailtls login --json', async () => {
    const { port, caPem } = { ...target(mechanism, 'refuse'), caPem: testPki().caFile };
    const secret =
      mechanism === 'XOAUTH2' ? { MAILTLS_ACCESS_TOKEN: accessToken } : { MAILTLS_PASSWORD: password };
    const result = await runCli(
      [
        'login',
        '127.0.0.1',
        '--port',
        String(port),
        '--security',
        'implicit-tls',
        '--user',
        user,
        '--ca',
        caPem,
        '--json',
        ...(mechanism === 'XOAUTH2' ? ['--oauth2'] : []),
      ],
      { env: secret, timeoutMs: 60_000 },
    );
    expectNothingSecret(result.stdout);
    expectNothingSecret(result.stderr);
    expectRedactedEcho(JSON.parse(result.stdout) as LoginTestResult);
  }, 90_000);
});

describe('the test message: a server echoing the log-in in its 250 replies', () => {
  it.each(['PLAIN', 'LOGIN', 'XOAUTH2'] as const)(
    '%s: the reply field keeps no form of the secret',
    async (mechanism) => {
      const result: SendTestResult = await sendTestMessage(
        {
          ...target(mechanism, 'accept'),
          from: user,
          to: 'bob@example.test',
          language: 'en',
        },
        { timeoutMs: 20_000 },
      );
      expect(result.accepted).toBe(true);
      expectNoSecret(result);
      expect(result.serverReply).toContain('****');
    },
  );
});
