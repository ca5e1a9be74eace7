/**
 * With a CA of the user's (`--ca`), the audit looks at a chain with that CA alone
 * first, so a private server's audit never builds Node's bundled root store (tens of
 * milliseconds per process). A chain that CA does not verify is looked at again with
 * every store, so the verdict is the one the whole trust model gives: here the chain
 * anchors in NODE_EXTRA_CA_CERTS (part of Node's default store) while `--ca` names an
 * unrelated root. Through the built CLI against real smtp-server instances.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../electron/contract.js';
import { runCli } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import { unrelatedRootCa } from '../helpers/pki.js';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server.js';

const dir = mkdtempSync(join(tmpdir(), 'mailtls-first-look-'));
let unrelatedCa: string;
let implicit: RunningServer;
let starttls: RunningServer;

beforeAll(async () => {
  unrelatedCa = unrelatedRootCa(dir);
  [implicit, starttls] = await Promise.all([startSmtpServer('implicit-tls'), startSmtpServer('starttls')]);
});
afterAll(async () => {
  await Promise.all([implicit.close(), starttls.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function check(ca: string, nodeExtra: string | undefined): Promise<AuditReport> {
  const ports = `${implicit.port}:implicit,${starttls.port}:starttls`;
  const run = await runCli(['check', '127.0.0.1', '--ports', ports, '--ca', ca, '--json'], {
    env: { NODE_EXTRA_CA_CERTS: nodeExtra },
    timeoutMs: 30_000,
  });
  expect(run.stdout.length, run.stderr).toBeGreaterThan(0);
  return JSON.parse(run.stdout) as AuditReport;
}

const notes = (report: AuditReport, port: number) =>
  report.ports
    .find((p) => p.port === port)
    ?.transcript.flatMap((line) => (line.note ? [line.note.key] : [])) ?? [];

describe('the first look with the user CA alone', () => {
  it('verifies a chain that CA anchors without another look', async () => {
    const report = await check(testPki().caFile, undefined);
    for (const port of report.ports) {
      expect(port.certificate).toMatchObject({ trusted: true, errorCode: null });
      expect(notes(report, port.port)).not.toContain('every-store-recheck');
    }
    expect(report.recommendation).toMatchObject({ port: implicit.port, security: 'implicit-tls' });
  });

  it('looks again with every store when that CA does not anchor the chain, and then trusts it', async () => {
    const report = await check(unrelatedCa, testPki().caFile);
    // The first port to fail widened the store; a later handshake may have used every store already.
    expect(report.ports.some((port) => notes(report, port.port).includes('every-store-recheck'))).toBe(true);
    for (const port of report.ports) {
      expect(port.certificate).toMatchObject({ trusted: true, errorCode: null });
      expect(port.findings.map((f) => f.id)).not.toContain('cert-untrusted');
    }
    expect(report.trustStores).toEqual(expect.arrayContaining(['node-extra-ca-certs', 'user-ca']));
    expect(report.recommendation).toMatchObject({ port: implicit.port, security: 'implicit-tls' });
  });

  it('still refuses a chain no store anchors, after looking with every store', async () => {
    const report = await check(unrelatedCa, undefined);
    for (const port of report.ports) {
      expect(notes(report, port.port)).toContain('every-store-recheck');
      expect(port.certificate?.trusted).toBe(false);
      expect(port.findings.map((f) => f.id)).toContain('cert-untrusted');
    }
    expect(report.recommendation.security).toBeNull();
  });
});
