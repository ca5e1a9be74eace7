/**
 * Servers that would make a naive client buffer without end (a greeting that never
 * ends, one 10 MB line without CRLF): the reply caps must keep memory flat. RSS and
 * heap are sampled during the audit; the peak growth must stay far below what
 * buffering the data would cost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../electron/engine/audit.js';
import { endlessGreeting, hugeLine, rawServer, smtpServer, type HostileServer } from '../helpers/hostile.js';
import { testPki } from '../helpers/env.js';
import { credentials } from './cases.js';

const timeoutMs = 3000;
const mb = 1024 * 1024;
/** Buffering the 10 MB line once would exceed these by itself. */
const rssBound = 8 * mb;
const heapBound = 4 * mb;

interface Growth {
  rss: number;
  heap: number;
}

/** Peak growth of RSS and of heap + array buffers while `work` runs, sampled every 2 ms. */
async function peakGrowth(work: () => Promise<unknown>): Promise<Growth> {
  const heapOf = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
  const before = process.memoryUsage();
  const peak = { rss: before.rss, heap: heapOf(before) };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heap = Math.max(peak.heap, heapOf(now));
  };
  const timer = setInterval(sample, 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
    sample();
  }
  return { rss: peak.rss - before.rss, heap: peak.heap - heapOf(before) };
}

const servers: HostileServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

beforeAll(async () => {
  // Warm up code, TLS and the trust store so their one-time cost is not counted.
  const good = await smtpServer({ tls: credentials() });
  servers.push(good);
  await runAudit({
    auditId: 'warm',
    host: '127.0.0.1',
    ports: [{ port: good.port }],
    timeoutMs,
    caPem: testPki().caPem,
  });
});

describe('memory stays bounded against hostile streams', () => {
  it.each([
    ['a greeting that never ends', endlessGreeting],
    ['one line of 10 MB without CRLF', hugeLine()],
  ] as const)('%s', async (_name, behaviour) => {
    const server = await rawServer(behaviour);
    servers.push(server);
    let findings: string[] = [];
    const growth = await peakGrowth(async () => {
      const report = await runAudit({
        auditId: 'memory',
        host: '127.0.0.1',
        ports: [{ port: server.port, mode: 'starttls' }],
        timeoutMs,
      });
      findings = report.ports[0]?.findings.map((f) => f.id) ?? [];
    });
    expect(findings).toContain('reply-too-long');
    expect(growth.rss, `RSS grew ${(growth.rss / mb).toFixed(1)} MB`).toBeLessThan(rssBound);
    expect(growth.heap, `heap grew ${(growth.heap / mb).toFixed(1)} MB`).toBeLessThan(heapBound);
  });
});
