/**
 * Certificate-chain verdicts on real certificates (test/helpers/pki.ts), where the
 * audit and the log-in test must agree: a chain of twelve is judged like a chain
 * of two; an expired leaf from a trusted CA is "expired" only, never also
 * "untrusted"; a chain through a CA:FALSE certificate or up to an expired root is
 * never accepted, however long. OpenSSL reports only its last error (the date),
 * so these are exactly the chains where our own reading could go wrong.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditReportSchema, type FindingId } from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { loginTest } from '../../electron/engine/login/index.js';
import { runCli } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import type { LeafName } from '../helpers/pki.js';
import { password, rejection, user } from './secrets.js';
import { startLoginServer, type LoginServer } from './servers.js';

/** Both roots trusted: the expired one must still never anchor a chain. */
const anchors = () => testPki().caPem + testPki().expiredRootPem;

interface ChainCase {
  leaf: LeafName;
  trusted: boolean;
  /** A mail program may use it: recommended by the audit, accepted by the log-in test. */
  usable: boolean;
  expected: FindingId[];
  absent: FindingId[];
}

const cases: ChainCase[] = [
  { leaf: 'long-chain', trusted: true, usable: true, expected: [], absent: ['cert-untrusted'] },
  { leaf: 'expired', trusted: true, usable: false, expected: ['cert-expired'], absent: ['cert-untrusted'] },
  {
    leaf: 'long-chain-expired',
    trusted: true,
    usable: false,
    expected: ['cert-expired'],
    absent: ['cert-untrusted'],
  },
  { leaf: 'long-chain-ca-false', trusted: false, usable: false, expected: ['cert-untrusted'], absent: [] },
  {
    leaf: 'long-chain-ca-false-expired',
    trusted: false,
    usable: false,
    expected: ['cert-untrusted', 'cert-expired'],
    absent: [],
  },
  {
    leaf: 'long-chain-expired-anchor',
    trusted: false,
    usable: false,
    expected: ['cert-untrusted'],
    absent: [],
  },
];

const servers: LoginServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('chain verdicts: audit and log-in agree', () => {
  it.each(cases.map((c) => [c.leaf, c] as const))('%s', async (_leaf, chainCase) => {
    const server = await startLoginServer({ mode: 'implicit-tls', leaf: chainCase.leaf, user, password });
    servers.push(server);
    const report = await runAudit({
      auditId: 'chains',
      host: '127.0.0.1',
      ports: [{ port: server.port, mode: 'implicit-tls' }],
      timeoutMs: 5000,
      caPem: anchors(),
    });
    const port = report.ports[0];
    const ids = port?.findings.map((f) => f.id) ?? [];
    expect(port?.certificate?.trusted).toBe(chainCase.trusted);
    for (const id of chainCase.expected) expect(ids).toContain(id);
    for (const id of chainCase.absent) expect(ids).not.toContain(id);
    expect(report.recommendation.security !== null).toBe(chainCase.usable);

    const login = loginTest({
      host: '127.0.0.1',
      port: server.port,
      security: 'implicit-tls',
      credentials: { user, password },
      caPem: anchors(),
    });
    if (chainCase.usable) expect((await login).success).toBe(true);
    else expect((await rejection(login)).code).toBe('insecure');
    if (!chainCase.usable) expect(server.auths).toEqual([]);
  });

  it('through the CLI: the CA:FALSE and expired-anchor chains are never trusted', async () => {
    const caFile = join(testPki().dir, 'both-roots.pem');
    writeFileSync(caFile, anchors());
    for (const leaf of ['long-chain-ca-false', 'long-chain-expired-anchor'] as const) {
      const server = await startLoginServer({ mode: 'implicit-tls', leaf, user, password });
      servers.push(server);
      const run = await runCli([
        'check',
        '127.0.0.1',
        '--ports',
        `${server.port}:implicit`,
        '--ca',
        caFile,
        '--json',
      ]);
      const report = auditReportSchema.parse(JSON.parse(run.stdout));
      expect(report.ports[0]?.certificate).toMatchObject({ trusted: false });
      expect(report.ports[0]?.certificate?.chainLength).toBeGreaterThan(10);
      expect(run.code).toBe(1);
    }
  }, 90_000);
});
