/**
 * What the ports together say (issue 12 §4), in-process and through the CLI:
 * OP25B (the relay port unanswered while a submission port answers: the user's
 * network, not a server fault) and shared hosting (a valid certificate that names
 * the provider's host: test that host instead).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { auditReportSchema, type AuditReport, type PortSpec } from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { runCli } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import { smtpServer, unansweredPort, type HostileServer } from '../helpers/hostile.js';
import { credentials } from './cases.js';

const closers: (() => unknown)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

async function server(started: Promise<HostileServer>): Promise<HostileServer> {
  const running = await started;
  closers.push(() => running.close());
  return running;
}

async function blocked(): Promise<number> {
  const port = await unansweredPort();
  closers.push(port.close);
  return port.port;
}

function audit(ports: PortSpec[], trustTestCa = true): Promise<AuditReport> {
  const caPem = trustTestCa ? testPki().caPem : undefined;
  return runAudit({ auditId: 'hints', host: '127.0.0.1', ports, timeoutMs: 2500, caPem });
}

const idsOf = (report: AuditReport, port: number) =>
  report.ports.find((p) => p.port === port)?.findings.map((f) => f.id) ?? [];

describe('OP25B: the relay port unanswered while submission answers', () => {
  it('is the network blocking 25, not a server fault, and 465 is still recommended', async () => {
    const relay = await blocked();
    const implicit = await server(smtpServer({}, credentials()));
    const report = await audit([
      { port: relay, mode: 'starttls', relay: true },
      { port: implicit.port, mode: 'implicit-tls' },
    ]);
    expect(report.ports.find((p) => p.port === relay)).toMatchObject({
      outcome: 'blocked-by-network',
      reachable: false,
    });
    expect(idsOf(report, relay)).toEqual(['port-25-blocked-by-network']);
    expect(report.recommendation).toMatchObject({ port: implicit.port, security: 'implicit-tls' });
  });

  it('without an answering submission port it stays a plain timeout', async () => {
    const relay = await blocked();
    const report = await audit([{ port: relay, mode: 'starttls', relay: true }]);
    expect(report.ports[0]?.outcome).toBe('timeout');
    expect(idsOf(report, relay)).toEqual(['port-timeout']);
  });

  it('through the CLI: JSON finding and the table label', async () => {
    const relay = await blocked();
    const implicit = await server(smtpServer({}, credentials()));
    const ports = `${relay}:relay,${implicit.port}:implicit`;
    const base = ['check', '127.0.0.1', '--ports', ports, '--ca', testPki().caFile, '--timeout', '2500'];
    const json = await runCli([...base, '--json']);
    const report = auditReportSchema.parse(JSON.parse(json.stdout));
    expect(idsOf(report, relay)).toEqual(['port-25-blocked-by-network']);
    const table = await runCli([...base, '--lang', 'ja']);
    expect(table.stdout).toContain('ネットワークで遮断（OP25B）');
    expect(table.stdout).toContain('25番ポートはお使いのネットワークで遮断されています');
  }, 60_000);
});

describe('shared hosting: a valid certificate for another host name', () => {
  it('suggests the host the certificate names', async () => {
    const implicit = await server(smtpServer({}, credentials('wrong-name')));
    const report = await audit([{ port: implicit.port, mode: 'implicit-tls' }]);
    expect(idsOf(report, implicit.port)).toContain('cert-hostname-mismatch');
    expect(report.suggestedHost).toEqual({ host: 'wrong.example', names: ['wrong.example'] });
  });

  it('suggests nothing when the certificate is not trusted', async () => {
    const implicit = await server(smtpServer({}, credentials('wrong-name')));
    const report = await audit([{ port: implicit.port, mode: 'implicit-tls' }], false);
    expect(report.suggestedHost).toBeUndefined();
  });

  it('through the CLI: --json carries it and the text says which name to use', async () => {
    const implicit = await server(smtpServer({}, credentials('wrong-name')));
    const base = ['check', '127.0.0.1', '--ports', `${implicit.port}:implicit`, '--ca', testPki().caFile];
    const json = await runCli([...base, '--json']);
    expect(auditReportSchema.parse(JSON.parse(json.stdout)).suggestedHost?.host).toBe('wrong.example');
    const text = await runCli(base);
    expect(text.stdout).toContain('Use the server name wrong.example in your mail program');
  }, 60_000);
});
