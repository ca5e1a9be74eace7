/**
 * The same hostile servers through the built command line, `mailtls check --json`:
 * each port's finding must reach the JSON report, stdout must be exactly the
 * report, and the exit code must say whether a secure setting was found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertOnClientHello, rawServer, silent, smtpServer, type HostileServer } from '../helpers/hostile.js';
import { credentials, hostileCases } from './cases.js';
import { ensureCliBuilt, runCli } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import { checkLimitMs, mailtlsCheck } from './cli.js';

const timeoutMs = 5000;
/** The contract's maximum: more than 10 ports once tripped Node's listener-leak warning on stderr. */
const portsPerRun = 16;

const servers: HostileServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

beforeAll(ensureCliBuilt, 150_000);

describe('mailtls check --json against hostile servers', () => {
  const groups = Array.from({ length: Math.ceil(hostileCases.length / portsPerRun) }, (_, i) =>
    hostileCases.slice(i * portsPerRun, (i + 1) * portsPerRun),
  );

  it.each(groups.map((group, i) => [i + 1, group] as const))(
    'group %i: every port reports its finding',
    async (_i, group) => {
      const started = await Promise.all(group.map((c) => c.start()));
      servers.push(...started);
      const { report } = await mailtlsCheck(
        group.map((c, i) => ({ port: started[i]!.port, mode: c.mode })),
        timeoutMs,
      );
      group.forEach((hostile, i) => {
        const ids = report.ports.find((p) => p.port === started[i]!.port)?.findings.map((f) => f.id) ?? [];
        for (const id of hostile.expected) expect(ids, hostile.name).toContain(id);
        for (const id of hostile.absent ?? []) expect(ids, hostile.name).not.toContain(id);
        const port = report.ports.find((p) => p.port === started[i]!.port);
        if (hostile.outcome) expect(port?.outcome, hostile.name).toBe(hostile.outcome);
      });
    },
    checkLimitMs(timeoutMs) + 5000,
  );

  it('a well-behaved server: exit code 0 and implicit TLS recommended', async () => {
    const implicit = await smtpServer({}, credentials());
    const starttls = await smtpServer({ tls: credentials() });
    servers.push(implicit, starttls);
    const { code, report } = await mailtlsCheck(
      [
        { port: implicit.port, mode: 'implicit-tls' },
        { port: starttls.port, mode: 'starttls' },
      ],
      timeoutMs,
    );
    expect(code).toBe(0);
    expect(report.recommendation).toMatchObject({ port: implicit.port, security: 'implicit-tls' });
    expect(report.ports.flatMap((p) => p.findings)).toEqual([]);
  });

  it('only hostile servers: exit code 1 and no recommendation', async () => {
    const vulnerable = await smtpServer({ tls: credentials(), bufferAcrossTls: 'at-once' });
    servers.push(vulnerable);
    const { code, report } = await mailtlsCheck([{ port: vulnerable.port, mode: 'starttls' }], timeoutMs);
    expect(code).toBe(1);
    expect(report.recommendation.security).toBeNull();
    expect(report.findings.map((f) => f.id)).toEqual(['no-secure-option']);
  });

  it('the table labels say what each port really did, in English and Japanese', async () => {
    const openSmtpd = await smtpServer({ tls: credentials(), alertHandshake: true });
    const alert465 = await rawServer(alertOnClientHello);
    const mute = await rawServer(silent);
    servers.push(openSmtpd, alert465, mute);
    const ports = `${openSmtpd.port}:starttls,${alert465.port}:implicit,${mute.port}:starttls`;
    const args = ['check', '127.0.0.1', '--ports', ports, '--ca', testPki().caFile, '--timeout', '3000'];
    const rowOf = (stdout: string, port: number) =>
      stdout.split('\n').find((line) => line.startsWith(`${port} `));
    const en = await runCli(args);
    expect(rowOf(en.stdout, openSmtpd.port)).toContain('STARTTLS offered / handshake failed');
    expect(rowOf(en.stdout, alert465.port)).toContain('implicit TLS port / handshake failed');
    expect(rowOf(en.stdout, mute.port)).toContain('no greeting');
    expect(en.stdout).not.toMatch(/plaintext only|unreachable/);
    const ja = await runCli([...args, '--lang', 'ja']);
    expect(rowOf(ja.stdout, openSmtpd.port)).toContain('STARTTLS あり / ハンドシェイク失敗');
    expect(rowOf(ja.stdout, alert465.port)).toContain('SSL/TLS ポート / ハンドシェイク失敗');
    expect(rowOf(ja.stdout, mute.port)).toContain('グリーティングなし');
  }, 60_000);
});
