import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema, type AuditReport, type ProgressEvent } from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { UserFacingError } from '../../electron/engine/core/errors.js';
import { testPki } from '../helpers/env.js';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server.js';

const servers: Record<string, RunningServer> = {};

beforeAll(async () => {
  for (const shape of ['implicit-tls', 'starttls', 'plaintext', 'auth-before-tls'] as const) {
    servers[shape] = await startSmtpServer(shape);
  }
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

function port(shape: string): number {
  const server = servers[shape];
  if (!server) throw new Error(`no ${shape} server`);
  return server.port;
}

async function audit(
  ports: Array<{ port: number; mode?: 'implicit-tls' | 'starttls' }>,
  events?: ProgressEvent[],
) {
  const report = await runAudit(
    { auditId: 'test', host: '127.0.0.1', ports, caPem: testPki().caPem, timeoutMs: 5000 },
    { onProgress: (e) => events?.push(e) },
  );
  return auditReportSchema.parse(report) satisfies AuditReport;
}

describe('audit against smtp-server instances', () => {
  it('recommends implicit TLS when both implicit TLS and STARTTLS qualify', async () => {
    const report = await audit([
      { port: port('implicit-tls'), mode: 'implicit-tls' },
      { port: port('starttls') },
    ]);
    const implicit = report.ports.find((p) => p.port === port('implicit-tls'));
    const starttls = report.ports.find((p) => p.port === port('starttls'));
    expect(report.ports.map((p) => p.port)).toEqual(
      [...report.ports.map((p) => p.port)].sort((a, b) => a - b),
    );
    expect(implicit?.mode).toBe('implicit-tls');
    expect(implicit?.ehlo.beforeTls).toBeNull();
    expect(implicit?.certificate).toMatchObject({
      trusted: true,
      hostnameMatch: true,
      selfSigned: false,
      errorCode: null,
    });
    expect(implicit?.certificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(starttls).toMatchObject({
      mode: 'starttls',
      tlsEnforcement: 'enforced',
      injection: 'safe',
      findings: [],
    });
    expect(starttls?.ehlo.beforeTls).toContain('STARTTLS');
    expect(starttls?.ehlo.afterTls).not.toContain('STARTTLS');
    expect(report.recommendation).toMatchObject({ port: port('implicit-tls'), security: 'implicit-tls' });
    expect(report.recommendation.reasons).toContainEqual({ key: 'implicit-tls-preferred' });
    expect(report.findings).toEqual([]);
  });

  it('recommends required STARTTLS when no implicit TLS port qualifies', async () => {
    const report = await audit([{ port: port('starttls') }]);
    expect(report.recommendation).toMatchObject({ port: port('starttls'), security: 'starttls' });
    expect(report.recommendation.reasons).toEqual(
      expect.arrayContaining([
        { key: 'injection-safe' },
        { key: 'tls-enforced' },
        { key: 'starttls-must-be-required' },
      ]),
    );
  });

  it('reports a server without TLS and recommends nothing', async () => {
    const report = await audit([{ port: port('plaintext') }]);
    const [only] = report.ports;
    expect(only?.mode).toBe('plain');
    expect(only?.tls).toBeNull();
    expect(only?.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(['starttls-missing', 'plaintext-auth']),
    );
    expect(only?.tlsEnforcement).toBe('not-enforced');
    expect(report.recommendation.security).toBeNull();
    expect(report.recommendation.reasons[0]).toEqual({ key: 'nothing-qualified' });
    expect(report.findings.map((f) => f.id)).toEqual(['no-secure-option']);
  });

  it('flags AUTH offered before TLS, keeps the capabilities of both sides and still recommends required STARTTLS', async () => {
    const report = await audit([{ port: port('auth-before-tls') }]);
    const [only] = report.ports;
    expect(only?.auth.beforeTls).toEqual(['PLAIN', 'LOGIN']);
    expect(only?.auth.afterTls).toEqual(['PLAIN', 'LOGIN']);
    expect(only?.findings.find((f) => f.id === 'plaintext-auth')).toMatchObject({
      severity: 'high',
      port: only?.port,
    });
    // Server hardening: a program that requires STARTTLS never logs in before TLS, so the port is still recommended.
    expect(report.recommendation).toMatchObject({ port: only?.port, security: 'starttls' });
    expect(report.recommendation.reasons).toContainEqual({ key: 'starttls-must-be-required' });
    expect(report.findings).toEqual([]);
  });

  it('sends progress per port and stage, ending with done', async () => {
    const events: ProgressEvent[] = [];
    await audit([{ port: port('implicit-tls'), mode: 'implicit-tls' }, { port: port('starttls') }], events);
    for (const p of [port('implicit-tls'), port('starttls')]) {
      const stages = events.filter((e) => e.port === p).map((e) => `${e.stage}:${e.status}`);
      expect(stages[0]).toBe('connect:started');
      expect(stages.at(-1)).toBe('done:passed');
    }
    const starttlsStages = events.filter((e) => e.port === port('starttls')).map((e) => e.stage);
    expect(starttlsStages).toEqual(
      expect.arrayContaining(['greeting', 'ehlo', 'enforcement', 'starttls', 'tls', 'ehlo-tls', 'injection']),
    );
    expect(events.every((e) => e.auditId === 'test')).toBe(true);
  });

  it('records a transcript of both sides with timestamps', async () => {
    const report = await audit([{ port: port('starttls') }]);
    const transcript = report.ports[0]?.transcript ?? [];
    expect(transcript.some((l) => l.dir === 'c' && l.text === 'STARTTLS')).toBe(true);
    expect(transcript.some((l) => l.dir === 's' && l.text.startsWith('220'))).toBe(true);
    expect(transcript.every((l, i) => i === 0 || l.t >= (transcript[i - 1]?.t ?? 0))).toBe(true);
  });

  it('stops with a cancelled error when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = runAudit(
      { auditId: 'cancel', host: '127.0.0.1', ports: [{ port: port('starttls') }], caPem: testPki().caPem },
      { signal: controller.signal, onProgress: (e) => e.stage === 'greeting' && controller.abort() },
    );
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    await expect(pending).rejects.toBeInstanceOf(UserFacingError);
  });

  it('a cancel while the injection probe runs leaves no unhandled rejection behind', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const controller = new AbortController();
      const pending = runAudit(
        {
          auditId: 'cancel-injection',
          host: '127.0.0.1',
          ports: [{ port: port('starttls') }],
          caPem: testPki().caPem,
        },
        { signal: controller.signal, onProgress: (e) => e.stage === 'ehlo' && controller.abort() },
      );
      await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
      // Give any orphaned rejection the turns it needs to surface.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('rejects bad requests with a specific message', async () => {
    await expect(runAudit({ auditId: 'x', host: 'https://smtp.example.com' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(
      runAudit({ auditId: 'x', host: '127.0.0.1', ports: [{ port: 25 }, { port: 25 }] }),
    ).rejects.toThrow(/listed twice/);
  });
});
