/**
 * Raw hostile IMAP and POP3 servers, one per NO STARTTLS class, audited in-process
 * and through the built CLI (`mailtls check --json`): the right finding, a report
 * within its deadline, no recommendation where the port is unsafe, and memory that
 * stays flat against an endless literal and a giant line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditReportSchema,
  type AuditReport,
  type FindingId,
  type IncomingPortSpec,
  type ProgressEvent,
} from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { ensureCliBuilt, runCli } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import type { HostileServer } from '../helpers/hostile.js';
import { accessServer, type AccessMisbehaviour } from '../helpers/hostile-access.js';
import { credentials } from '../hostile/cases.js';

const timeoutMs = 3000;
const slackMs = 600;
const mb = 1024 * 1024;

interface Case {
  protocol: 'imap' | 'pop3';
  misbehaviour: AccessMisbehaviour;
  expected: FindingId[];
  /** Whether the port may still be recommended. */
  qualifies: boolean;
  /** What the first expected finding's detail must say. */
  detail?: RegExp;
}

const cases: Case[] = [
  { protocol: 'imap', misbehaviour: 'none', expected: [], qualifies: true },
  { protocol: 'pop3', misbehaviour: 'none', expected: [], qualifies: true },
  {
    protocol: 'imap',
    misbehaviour: 'buffered-command',
    expected: ['imap-starttls-command-injection'],
    qualifies: false,
  },
  {
    protocol: 'pop3',
    misbehaviour: 'buffered-command',
    expected: ['pop3-stls-command-injection'],
    qualifies: false,
  },
  {
    protocol: 'imap',
    misbehaviour: 'injected-response',
    expected: ['imap-starttls-response-injection'],
    qualifies: false,
  },
  {
    protocol: 'pop3',
    misbehaviour: 'injected-response',
    expected: ['pop3-stls-response-injection'],
    qualifies: false,
  },
  { protocol: 'imap', misbehaviour: 'preauth', expected: ['imap-preauth-greeting'], qualifies: false },
  {
    protocol: 'imap',
    misbehaviour: 'endless-literal',
    expected: ['reply-too-long'],
    qualifies: false,
    // Refused on the announcement itself, before a byte of it is read.
    detail: /literal of 999999999 bytes/,
  },
  { protocol: 'imap', misbehaviour: 'giant-line', expected: ['reply-too-long'], qualifies: false },
  { protocol: 'pop3', misbehaviour: 'giant-line', expected: ['reply-too-long'], qualifies: false },
];

const name = (c: Case) => `${c.protocol} ${c.misbehaviour}`;
const servers = new Map<string, HostileServer>();

beforeAll(async () => {
  for (const c of cases) {
    servers.set(
      name(c),
      await accessServer({ protocol: c.protocol, misbehaviour: c.misbehaviour, tls: credentials() }),
    );
  }
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.close()));
});

function spec(c: Case): IncomingPortSpec {
  return { port: servers.get(name(c))!.port, protocol: c.protocol, mode: 'starttls' };
}

function findingsOn(report: AuditReport, port: number): string[] {
  return report.incoming?.ports.find((p) => p.port === port)?.findings.map((f) => f.id) ?? [];
}

describe('hostile IMAP and POP3 servers, in-process', () => {
  it.each(cases.map((c) => [name(c), c] as const))('%s', async (_name, c) => {
    const started = performance.now();
    const events: ProgressEvent[] = [];
    const report = await runAudit(
      {
        auditId: 'hostile-access',
        host: '127.0.0.1',
        protocols: [c.protocol],
        incomingPorts: [spec(c)],
        timeoutMs,
        caPem: testPki().caPem,
      },
      { onProgress: (event) => events.push(event) },
    );
    expect(performance.now() - started).toBeLessThan(timeoutMs + slackMs);
    // Incoming progress names its protocol and ends, like every port's, in done.
    expect(events.every((e) => e.protocol === c.protocol && e.port === spec(c).port)).toBe(true);
    expect(events.at(-1)).toMatchObject({ stage: 'done', status: 'passed' });
    expect(auditReportSchema.parse(report)).toEqual(report);
    const ids = findingsOn(report, spec(c).port);
    if (c.expected.length === 0) expect(ids).toEqual([]);
    for (const id of c.expected) expect(ids).toContain(id);
    if (c.detail) {
      const port = report.incoming?.ports.find((p) => p.port === spec(c).port);
      expect(port?.findings.find((f) => f.id === c.expected[0])?.detail).toMatch(c.detail);
    }
    const recommended = report.incoming?.recommendations[c.protocol]?.port ?? null;
    expect(recommended).toBe(c.qualifies ? spec(c).port : null);
  });

  it.each(
    cases
      .filter((c) => ['endless-literal', 'giant-line'].includes(c.misbehaviour))
      .map((c) => [name(c), c] as const),
  )('keeps memory flat against %s', async (_name, c) => {
    const before = process.memoryUsage();
    let peak = before.rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    try {
      await runAudit({
        auditId: 'memory-access',
        host: '127.0.0.1',
        protocols: [c.protocol],
        incomingPorts: [spec(c)],
        timeoutMs,
        caPem: testPki().caPem,
      });
    } finally {
      clearInterval(timer);
    }
    // Buffering the 10 MB line (or the announced literal) would cost more than this by itself.
    expect((peak - before.rss) / mb).toBeLessThan(8);
  });
});

describe('hostile IMAP and POP3 servers through mailtls check --json', () => {
  beforeAll(ensureCliBuilt, 150_000);

  it('reports every class in one run and exits 0 only because the control servers qualify', async () => {
    const list = cases.map((c) => `${spec(c).port}:${c.protocol}-starttls`).join(',');
    const run = await runCli(
      [
        'check',
        '127.0.0.1',
        '--ports',
        list,
        '--ca',
        testPki().caFile,
        '--json',
        '--timeout',
        String(timeoutMs),
      ],
      { timeoutMs: timeoutMs + 15_000 },
    );
    expect(run.stderr).toBe('');
    const report = auditReportSchema.parse(JSON.parse(run.stdout));
    expect(report.elapsedMs).toBeLessThan(timeoutMs + slackMs);
    expect(report.ports).toEqual([]);
    for (const c of cases) {
      const ids = findingsOn(report, spec(c).port);
      for (const id of c.expected) expect(ids, name(c)).toContain(id);
    }
    expect(run.code).toBe(0);
  }, 40_000);
});
