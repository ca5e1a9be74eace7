/**
 * One trust model for the audit, the log-in test and the test message, in-process
 * and through the CLI: a company CA installed in the operating system's store (the
 * test PKI's root as the only certificate of the store the test points
 * SSL_CERT_FILE/SSL_CERT_DIR at, the Linux path of both system-ca and OpenSSL), and
 * a CA given through NODE_EXTRA_CA_CERTS, are trusted by all three alike. Without
 * them, all three refuse the same server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema, type AuditReport } from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { loginTest, sendTestMessage } from '../../electron/engine/login/index.js';
import { runCli } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import { unrelatedRootCa } from '../helpers/pki.js';
import { password, rejection, user } from './secrets.js';
import { cliTarget, startLoginServer, type LoginServer } from './servers.js';

let implicit: LoginServer;
let starttls: LoginServer;
const emptyDir = mkdtempSync(join(tmpdir(), 'mailtls-empty-certs-'));
const systemStore = () => ({ SSL_CERT_FILE: testPki().caFile, SSL_CERT_DIR: emptyDir });

beforeAll(async () => {
  [implicit, starttls] = await Promise.all([
    startLoginServer({ mode: 'implicit-tls', user, password }),
    startLoginServer({ mode: 'starttls', user, password }),
  ]);
});
afterAll(async () => {
  await Promise.all([implicit.close(), starttls.close()]);
});

/** Runs `body` with the environment changed, restoring it afterwards. */
async function withEnv<T>(env: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await body();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

function audit(): Promise<AuditReport> {
  return runAudit({
    auditId: 'trust',
    host: '127.0.0.1',
    ports: [
      { port: implicit.port, mode: 'implicit-tls' },
      { port: starttls.port, mode: 'starttls' },
    ],
    timeoutMs: 8000,
  });
}

const target = (port: number, security: 'implicit-tls' | 'starttls') =>
  ({ host: '127.0.0.1', port, security, credentials: { user, password } }) as const;
const message = { from: 'alice@example.test', to: 'bob@example.test', language: 'ja' } as const;

describe('in-process: audit, log-in and test message share one trust model', () => {
  it('without the company CA in any store, all three refuse the server', async () => {
    const report = await audit();
    for (const port of report.ports) {
      expect(port.certificate?.trusted).toBe(false);
      expect(port.findings.map((f) => f.id)).toContain('cert-untrusted');
    }
    expect(report.trustStores).not.toContain('system');
    const login = await rejection(loginTest(target(implicit.port, 'implicit-tls')));
    expect(login.code).toBe('insecure');
    const send = await rejection(sendTestMessage({ ...target(starttls.port, 'starttls'), ...message }));
    expect(send.code).toBe('insecure');
    expect(starttls.auths.length + implicit.auths.length).toBe(0);
  });

  it('with the company CA in the operating system store, all three trust it', async () => {
    await withEnv(systemStore(), async () => {
      const report = await audit();
      expect(auditReportSchema.parse(report)).toEqual(report);
      expect(report.trustStores).toContain('system');
      for (const port of report.ports) {
        expect(port.certificate).toMatchObject({ trusted: true, errorCode: null });
        expect(port.findings.map((f) => f.id)).not.toContain('cert-untrusted');
      }
      expect(report.recommendation).toMatchObject({ port: implicit.port, security: 'implicit-tls' });
      const login = await loginTest(target(starttls.port, 'starttls'));
      expect(login.success).toBe(true);
      const sent = await sendTestMessage({ ...target(implicit.port, 'implicit-tls'), ...message });
      expect(sent.accepted).toBe(true);
      expect(implicit.messages.at(-1)?.secure).toBe(true);
    });
  });
});

describe('through the CLI: check, login and send-test share one trust model', () => {
  const sendArgs = ['--from', 'alice@example.test', '--to', 'bob@example.test', '--json'];

  it.each([
    ['the operating system store', systemStore, 'system'],
    ['NODE_EXTRA_CA_CERTS', () => ({ NODE_EXTRA_CA_CERTS: testPki().caFile }), 'node-extra-ca-certs'],
  ] as const)('a company CA in %s: check, login and send-test all trust it', async (_name, env, store) => {
    const check = await runCli(['check', '127.0.0.1', '--ports', `${implicit.port}:implicit`, '--json'], {
      env: env(),
    });
    const report = auditReportSchema.parse(JSON.parse(check.stdout));
    expect(report.ports[0]?.certificate?.trusted).toBe(true);
    expect(report.trustStores).toContain(store);
    expect(check.code).toBe(0);
    const login = await runCli(['login', ...cliTarget(starttls.port, 'starttls')], {
      env: { ...env(), MAILTLS_PASSWORD: password },
    });
    expect(login.stdout).toContain('Log-in accepted');
    expect(login.code).toBe(0);
    const send = await runCli(['send-test', ...cliTarget(starttls.port, 'starttls'), ...sendArgs], {
      env: { ...env(), MAILTLS_PASSWORD: password },
    });
    expect(send.stderr).toBe('');
    expect(JSON.parse(send.stdout)).toMatchObject({ accepted: true });
    expect(send.code).toBe(0);
  });

  it('a CA given with --ca does not push the NODE_EXTRA_CA_CERTS one out of the trust model', async () => {
    const env = { NODE_EXTRA_CA_CERTS: testPki().caFile, MAILTLS_PASSWORD: password };
    const otherCa = unrelatedRootCa(emptyDir);
    const login = await runCli(['login', ...cliTarget(starttls.port, 'starttls'), '--ca', otherCa], { env });
    expect(login.stdout).toContain('Log-in accepted');
    expect(login.code).toBe(0);
    const check = await runCli(
      ['check', '127.0.0.1', '--ports', `${implicit.port}:implicit`, '--ca', otherCa, '--json'],
      { env },
    );
    const report = auditReportSchema.parse(JSON.parse(check.stdout));
    expect(report.ports[0]?.certificate?.trusted).toBe(true);
    expect(report.trustStores).toEqual(expect.arrayContaining(['node-extra-ca-certs', 'user-ca']));
  });

  it('without it, send-test refuses in the chosen language, like login', async () => {
    const send = await runCli(
      ['send-test', ...cliTarget(starttls.port, 'starttls'), ...sendArgs, '--lang', 'ja'],
      {
        env: { MAILTLS_PASSWORD: password },
      },
    );
    expect(send.code).not.toBe(0);
    expect(send.stderr).toMatch(/証明書/);
    expect(send.stderr).not.toMatch(/ask the provider/i);
  });
});
