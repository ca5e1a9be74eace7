/**
 * Every hostile server, audited in-process through runAudit: the right finding,
 * a report that matches the schema, and the whole audit within its deadline.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  auditReportSchema,
  type AuditReport,
  type PortSpec,
  type ProgressEvent,
} from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { audienceOf } from '../../electron/catalogue/index.js';
import { testPki } from '../helpers/env.js';
import { oneBytePerSecond, rawServer, silent, smtpServer, type HostileServer } from '../helpers/hostile.js';
import { credentials, hostileCases } from './cases.js';

const timeoutMs = 3000;
/** Findings that mean the port never completed an SMTP dialogue (medium or low, yet disqualifying). */
const dialogueBroken = [
  'not-smtp',
  'server-throttled',
  'connection-closed',
  'reply-malformed',
  'reply-too-long',
];
/** The engine's own grace after the deadline plus scheduling on a busy machine. */
const slackMs = 600;

const started: HostileServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((server) => server.close()));
});

async function start(server: Promise<HostileServer>): Promise<HostileServer> {
  const running = await server;
  started.push(running);
  return running;
}

function request(ports: PortSpec[]) {
  return { auditId: 'hostile', host: '127.0.0.1', ports, timeoutMs, caPem: testPki().caPem };
}

/** Audits, checking the deadline, the schema and that every port's progress ends in done. */
async function audit(ports: PortSpec[]): Promise<AuditReport> {
  const wallStart = performance.now();
  const events: ProgressEvent[] = [];
  const report = await runAudit(request(ports), { onProgress: (event) => events.push(event) });
  expect(performance.now() - wallStart).toBeLessThan(timeoutMs + slackMs);
  expect(report.elapsedMs).toBeLessThan(timeoutMs + slackMs);
  expect(auditReportSchema.parse(report)).toEqual(report);
  for (const { port } of ports) {
    expect(events.filter((e) => e.port === port).at(-1)).toMatchObject({ stage: 'done', status: 'passed' });
  }
  return report;
}

function idsOn(report: AuditReport, port: number): string[] {
  return report.ports.find((p) => p.port === port)?.findings.map((f) => f.id) ?? [];
}

describe('hostile servers', () => {
  it.each(hostileCases.map((c) => [c.name, c] as const))('%s', async (_name, hostile) => {
    const server = await start(hostile.start());
    const report = await audit([{ port: server.port, mode: hostile.mode }]);
    const ids = idsOn(report, server.port);
    for (const id of hostile.expected) expect(ids, JSON.stringify(report.ports[0]?.transcript)).toContain(id);
    for (const id of hostile.absent ?? []) expect(ids).not.toContain(id);
    if (hostile.outcome) expect(report.ports[0]).toMatchObject({ outcome: hostile.outcome, reachable: true });
    // A port with a finding that endangers a strictly set program, or one whose SMTP dialogue broke down, is never the recommended one.
    if (report.ports[0]?.findings.some((f) => audienceOf(f) === 'client-risk'))
      expect(report.recommendation.security).toBeNull();
    if (hostile.expected.some((id) => dialogueBroken.includes(id)))
      expect(report.recommendation.security).toBeNull();
  });

  it('a well-behaved pair of servers gets no findings and implicit TLS is recommended', async () => {
    const implicit = await start(smtpServer({}, credentials()));
    const starttls = await start(smtpServer({ tls: credentials() }));
    const report = await audit([
      { port: implicit.port, mode: 'implicit-tls' },
      { port: starttls.port, mode: 'starttls' },
    ]);
    expect(report.ports.flatMap((p) => p.findings)).toEqual([]);
    const submission = report.ports.find((p) => p.port === starttls.port);
    expect(submission).toMatchObject({ mode: 'starttls', injection: 'safe', tlsEnforcement: 'enforced' });
    expect(submission?.tls?.acceptedVersions).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(report.recommendation).toMatchObject({ port: implicit.port, security: 'implicit-tls' });
  });

  it('a certificate served with its intermediate is a complete, trusted chain', async () => {
    const { key, cert } = credentials('via-intermediate');
    const server = await start(smtpServer({}, { key, cert: cert + testPki().intermediatePem }));
    const report = await audit([{ port: server.port, mode: 'implicit-tls' }]);
    // Leaf and intermediate as sent, plus the root from the trust store.
    expect(report.ports[0]?.certificate).toMatchObject({
      trusted: true,
      hostnameMatch: true,
      chainLength: 3,
    });
    expect(idsOn(report, server.port)).toEqual([]);
  });

  it('a silent port times out alone: the other ports finish and the audit keeps its deadline', async () => {
    const quiet = await start(rawServer(silent));
    const implicit = await start(smtpServer({}, credentials()));
    const starttls = await start(smtpServer({ tls: credentials() }));
    const report = await audit([
      { port: quiet.port, mode: 'starttls' },
      { port: implicit.port, mode: 'implicit-tls' },
      { port: starttls.port, mode: 'starttls' },
    ]);
    expect(idsOn(report, quiet.port)).toContain('banner-timeout');
    expect(idsOn(report, implicit.port)).toEqual([]);
    expect(idsOn(report, starttls.port)).toEqual([]);
    const good = report.ports.filter((p) => p.port !== quiet.port);
    // The good ports did not wait for the silent one.
    for (const port of good) expect(port.elapsedMs).toBeLessThan(timeoutMs / 2);
    expect(report.recommendation).toMatchObject({ port: implicit.port, security: 'implicit-tls' });
  });

  it('cancelling during stalled servers rejects at once and leaves no connection open', async () => {
    const quiet = await start(rawServer(silent));
    const slow = await start(rawServer(oneBytePerSecond('220 slow.test ESMTP\r\n')));
    const controller = new AbortController();
    const ports: PortSpec[] = [
      { port: quiet.port, mode: 'starttls' },
      { port: slow.port, mode: 'implicit-tls' },
    ];
    const events: ProgressEvent[] = [];
    const audit = runAudit(request(ports), { signal: controller.signal, onProgress: (e) => events.push(e) });
    // Past the one-second mark, so the parallel TLS attempt on the silent port is open too.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(quiet.openConnections()).toBe(2);
    expect(slow.openConnections()).toBe(1);
    const cancelledAt = performance.now();
    controller.abort();
    await expect(audit).rejects.toMatchObject({ code: 'cancelled' });
    expect(performance.now() - cancelledAt).toBeLessThan(500);
    await expect.poll(() => quiet.openConnections() + slow.openConnections(), { timeout: 1000 }).toBe(0);
    // Every port's progress ends in a final event, and nothing is reported after it.
    for (const { port } of ports) {
      const own = events.filter((e) => e.port === port);
      expect(own.at(-1), `port ${port}`).toMatchObject({ stage: 'done', status: 'failed' });
      expect(own.filter((e) => e.stage === 'done')).toHaveLength(1);
    }
    const count = events.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toHaveLength(count);
  });

  it('a port where nothing listens is unreachable', async () => {
    const gone = await rawServer(silent);
    await gone.close();
    const report = await audit([{ port: gone.port, mode: 'starttls' }]);
    expect(report.ports[0]).toMatchObject({ reachable: false, mode: 'unreachable' });
    expect(idsOn(report, gone.port)).toContain('port-unreachable');
  });
});
