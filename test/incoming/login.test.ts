/**
 * The log-in test for the incoming server (issue 14) against a real Dovecot on
 * 127.0.0.2 (the client connects from 127.0.0.1): IMAP and POP3, implicit TLS and
 * STARTTLS/STLS, through the same channel as the SMTP log-in (the service adapter
 * routes `protocol`). The secret never appears in a transcript or reply; with a
 * certificate that does not verify, or a server that offers no STARTTLS, nothing
 * of it is sent at all (a raw server records every byte it receives).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loginTestResultSchema,
  type IncomingProtocol,
  type LoginTestRequest,
  type LoginTestResult,
} from '../../electron/contract.js';
import { UserFacingError } from '../../electron/engine/core/errors.js';
import { createEngine } from '../../electron/service/engine.js';
import { dovecotBinary, startDovecot, type DovecotInstance } from '../helpers/dovecot.js';
import { peerAvailable, testPki } from '../helpers/env.js';

const hasDovecot = peerAvailable('DOVECOT', [dovecotBinary]);
const password = 'dovecot-secret';
const user = 'alice@example.test';

/** Every form of the secret a transcript could leak. */
const leaks = (text: string) =>
  [
    password,
    Buffer.from(password).toString('base64').replace(/=+$/, ''),
    Buffer.from(`\0${user}\0${password}`).toString('base64').replace(/=+$/, ''),
  ].filter((form) => text.includes(form));

async function logIn(request: Omit<LoginTestRequest, 'caPem'>): Promise<LoginTestResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailtls-login-'));
  try {
    const engine = await createEngine({ dataDir });
    const result = await engine.loginTest!({ caPem: testPki().caPem, ...request }, {});
    return loginTestResultSchema.parse(result);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe.runIf(hasDovecot)('log-in to a real Dovecot (IMAP, POP3)', { timeout: 30_000 }, () => {
  let dovecot: DovecotInstance;
  let wrongName: DovecotInstance;

  beforeAll(async () => {
    const valid = testPki().leaf('valid');
    dovecot = await startDovecot({ ...valid, shape: 'good' });
    wrongName = await startDovecot({ ...testPki().leaf('wrong-name'), shape: 'good' });
  });
  afterAll(() => {
    dovecot?.stop();
    wrongName?.stop();
  });

  const cases: Array<[IncomingProtocol, 'implicit-tls' | 'starttls', keyof DovecotInstance['ports']]> = [
    ['imap', 'implicit-tls', 'imaps'],
    ['imap', 'starttls', 'imap'],
    ['pop3', 'implicit-tls', 'pop3s'],
    ['pop3', 'starttls', 'pop3'],
  ];

  for (const [protocol, security, name] of cases) {
    it(`${protocol} ${security}: the right password is accepted, a wrong one refused, neither shown`, async () => {
      const port = dovecot.ports[name]!;
      const target = { host: dovecot.address, port, security, protocol } as const;
      const good = await logIn({ ...target, credentials: { user, password } });
      expect(good.success, JSON.stringify(good.transcript)).toBe(true);
      expect(good.mechanism).toBe('PLAIN');
      expect(good.explanation).toBeNull();
      const text = JSON.stringify(good);
      expect(leaks(text)).toEqual([]);
      expect(text).toContain('****');
      // The credentials went inside TLS: the transcript says so before the log-in.
      const lines = good.transcript.map((l) => l.text);
      const tlsAt = lines.findIndex((l) => l.startsWith('TLS established'));
      const authAt = lines.findIndex((l) => /AUTH(ENTICATE)? PLAIN/.test(l));
      expect(tlsAt).toBeGreaterThanOrEqual(0);
      expect(authAt).toBeGreaterThan(tlsAt);

      const bad = await logIn({ ...target, credentials: { user, password: 'not-the-password' } });
      expect(bad.success).toBe(false);
      expect(bad.explanation).toBe('auth-failed');
      expect(bad.advice?.ja.cause).toBeTruthy();
      expect(JSON.stringify(bad)).not.toContain('not-the-password');
    });
  }

  it('a certificate for another name: refused as insecure, before the password is sent', async () => {
    const error = await logIn({
      host: wrongName.address,
      port: wrongName.ports.imaps,
      security: 'implicit-tls',
      protocol: 'imap',
      credentials: { user, password },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('insecure');
    expect(wrongName.log()).not.toMatch(/auth.*alice/i);
  });
});

describe('log-in to an IMAP/POP3 server that offers no STARTTLS', () => {
  let server: Server;
  let received = '';
  const greetings: Record<IncomingProtocol, { greeting: string; answer: (line: string) => string }> = {
    imap: {
      greeting: '* OK IMAP4rev1 ready',
      answer: (line) => {
        const [tag = '*'] = line.split(' ');
        return /CAPABILITY/i.test(line)
          ? `* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK done`
          : `${tag} OK fine`;
      },
    },
    pop3: {
      greeting: '+OK POP3 ready',
      answer: (line) => (/^CAPA/i.test(line) ? '+OK\r\nUSER\r\nSASL PLAIN\r\n.' : '+OK fine'),
    },
  };
  let protocol: IncomingProtocol = 'imap';

  beforeAll(async () => {
    server = createServer((socket: Socket) => {
      const dialogue = greetings[protocol];
      socket.write(`${dialogue.greeting}\r\n`);
      let buffered = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
        buffered += chunk.toString('latin1');
        let end: number;
        while ((end = buffered.indexOf('\r\n')) >= 0) {
          const line = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          socket.write(`${dialogue.answer(line)}\r\n`);
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  for (const which of ['imap', 'pop3'] as const) {
    it(`${which}: stops as insecure and never sends the password in plaintext`, async () => {
      protocol = which;
      received = '';
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const error = await logIn({
        host: '127.0.0.1',
        port,
        security: 'starttls',
        protocol: which,
        credentials: { user, password },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserFacingError);
      expect((error as UserFacingError).code).toBe('insecure');
      expect((error as UserFacingError).message).not.toMatch(/Error:|at .*\.ts/);
      // It asked for the capabilities, then left: no secret in any form crossed.
      expect(received).toMatch(/CAPA/);
      expect(leaks(received)).toEqual([]);
      expect(received).not.toMatch(/USER alice|AUTH|LOGIN/);
    });
  }
});
