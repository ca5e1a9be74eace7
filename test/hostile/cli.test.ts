/**
 * The same hostile servers through the built command line, `mailtls check --json`:
 * each port's finding must reach the JSON report, stdout must be exactly the
 * report, and the exit code must say whether a secure setting was found.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema, type AuditReport, type PortMode } from '../../electron/contract.js';
import { testPki } from '../helpers/env.js';
import { smtpServer, type HostileServer } from '../helpers/hostile.js';
import { credentials, hostileCases } from './cases.js';

const cli = 'out/node/cli/main.js';
const timeoutMs = 5000;
/** Only a guard against a hung process: start-up alone takes seconds on two busy cores. */
const processLimitMs = timeoutMs + 15_000;
/**
 * The contract allows 16 ports per audit, but above 10 Node prints a
 * MaxListenersExceededWarning on stderr: runAudit adds one abort listener per port
 * to the caller's signal (electron/engine/audit.ts, outside this battery's scope).
 */
const portsPerRun = 10;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the event loop: the servers it talks to live in this process. */
function run(command: string, args: string[], limitMs: number): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: limitMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function check(
  ports: Array<{ port: number; mode: PortMode }>,
): Promise<{ run: Run; report: AuditReport }> {
  const list = ports.map(({ port, mode }) => `${port}:${mode === 'implicit-tls' ? 'implicit' : 'starttls'}`);
  const args = [cli, 'check', '127.0.0.1', '--ports', list.join(','), '--ca', testPki().caFile];
  const result = await run(
    process.execPath,
    [...args, '--json', '--timeout', String(timeoutMs)],
    processLimitMs,
  );
  expect(result.stderr).toBe('');
  const report = auditReportSchema.parse(JSON.parse(result.stdout));
  expect(report.elapsedMs).toBeLessThan(timeoutMs + 600);
  return { run: result, report };
}

const servers: HostileServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

beforeAll(async () => {
  if (existsSync(cli)) return;
  const build = await run('npx', ['tsc', '-p', 'electron/tsconfig.node.json'], 120_000);
  expect(existsSync(cli), build.stdout + build.stderr).toBe(true);
}, 150_000);

describe('mailtls check --json against hostile servers', () => {
  const groups = Array.from({ length: Math.ceil(hostileCases.length / portsPerRun) }, (_, i) =>
    hostileCases.slice(i * portsPerRun, (i + 1) * portsPerRun),
  );

  it.each(groups.map((group, i) => [i + 1, group] as const))(
    'group %i: every port reports its finding',
    async (_i, group) => {
      const started = await Promise.all(group.map((c) => c.start()));
      servers.push(...started);
      const { report } = await check(group.map((c, i) => ({ port: started[i]!.port, mode: c.mode })));
      group.forEach((hostile, i) => {
        const ids = report.ports.find((p) => p.port === started[i]!.port)?.findings.map((f) => f.id) ?? [];
        for (const id of hostile.expected) expect(ids, hostile.name).toContain(id);
        for (const id of hostile.absent ?? []) expect(ids, hostile.name).not.toContain(id);
      });
    },
    processLimitMs + 5000,
  );

  it('a well-behaved server: exit code 0 and implicit TLS recommended', async () => {
    const implicit = await smtpServer({}, credentials());
    const starttls = await smtpServer({ tls: credentials() });
    servers.push(implicit, starttls);
    const { run: result, report } = await check([
      { port: implicit.port, mode: 'implicit-tls' },
      { port: starttls.port, mode: 'starttls' },
    ]);
    expect(result.code).toBe(0);
    expect(report.recommendation).toMatchObject({ port: implicit.port, security: 'implicit-tls' });
    expect(report.ports.flatMap((p) => p.findings)).toEqual([]);
  });

  it('only hostile servers: exit code 1 and no recommendation', async () => {
    const vulnerable = await smtpServer({ tls: credentials(), bufferAcrossTls: true });
    servers.push(vulnerable);
    const { run: result, report } = await check([{ port: vulnerable.port, mode: 'starttls' }]);
    expect(result.code).toBe(1);
    expect(report.recommendation.security).toBeNull();
    expect(report.findings.map((f) => f.id)).toEqual(['no-secure-option']);
  });
});
