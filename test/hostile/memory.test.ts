/**
 * Servers that would make a naive client buffer without end (a greeting that never
 * ends, one 10 MB line without CRLF, replies nobody asked for): the caps must keep
 * memory flat. RSS and heap are sampled during the audit; the peak growth must stay
 * below what buffering the data would cost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../electron/engine/audit/audit.js';
import {
  endlessGreeting,
  floodReplies,
  hugeLine,
  rawServer,
  smtpServer,
  type HostileServer,
} from '../helpers/hostile.js';
import { testPki } from '../helpers/env.js';
import { credentials } from './cases.js';

const timeoutMs = 3000;
const mb = 1024 * 1024;
/** Buffering the 10 MB line once would exceed these by itself; measured growth is under 2 MB. */
const streamBounds = { rss: 8 * mb, heap: 4 * mb };
/**
 * The flood passes through TLS on both sides of this process, so even capped it
 * costs up to 5 MB; kept without a cap it grew RSS by 15-24 MB in the 150 ms the
 * injection probe listens.
 */
const floodBounds = { rss: 10 * mb, heap: 8 * mb };

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
    ['a greeting that never ends', () => rawServer(endlessGreeting), 'reply-too-long', streamBounds],
    ['one line of 10 MB without CRLF', () => rawServer(hugeLine()), 'reply-too-long', streamBounds],
    [
      'a flood of unasked-for replies inside TLS',
      () => smtpServer({ tls: credentials(), afterHandshake: floodReplies() }),
      'starttls-command-injection',
      floodBounds,
    ],
  ] as const)('%s', async (_name, start, expected, bounds) => {
    const server = await start();
    servers.push(server);
    let findings: string[] = [];
    const growth = await peakGrowth(async () => {
      const report = await runAudit({
        auditId: 'memory',
        host: '127.0.0.1',
        ports: [{ port: server.port, mode: 'starttls' }],
        timeoutMs,
        caPem: testPki().caPem,
      });
      findings = report.ports[0]?.findings.map((f) => f.id) ?? [];
    });
    expect(findings).toContain(expected);
    expect(growth.rss, `RSS grew ${(growth.rss / mb).toFixed(1)} MB`).toBeLessThan(bounds.rss);
    expect(growth.heap, `heap grew ${(growth.heap / mb).toFixed(1)} MB`).toBeLessThan(bounds.heap);
  });
});
