/**
 * Runs the built `mailtls check --json` (building it first when missing) and
 * returns its exit code and the parsed report. Asynchronous on purpose: the servers
 * it talks to live in the test's own process.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import { auditReportSchema, type AuditReport, type PortSpec } from '../../electron/contract.js';
import { testPki } from '../helpers/env.js';

const cli = 'out/node/cli/main.js';
/** Only a guard against a hung process: start-up alone takes seconds on two busy cores. */
const startupAllowanceMs = 15_000;
/** The engine's grace after the deadline plus scheduling on a busy machine. */
const deadlineSlackMs = 600;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], limitMs: number): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: limitMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** For beforeAll: the CLI as `npm run build:node` makes it. */
export async function ensureCliBuilt(): Promise<void> {
  if (existsSync(cli)) return;
  const build = await run('npx', ['tsc', '-p', 'electron/tsconfig.node.json'], 120_000);
  expect(existsSync(cli), build.stdout + build.stderr).toBe(true);
}

/** The longest a `mailtlsCheck` with this deadline may take, for test timeouts. */
export function checkLimitMs(timeoutMs: number): number {
  return timeoutMs + startupAllowanceMs;
}

/** `mailtls check 127.0.0.1 --ports … --ca <test CA> --json --timeout …`: stdout must be exactly the report. */
export async function mailtlsCheck(
  ports: PortSpec[],
  timeoutMs: number,
): Promise<{ code: number | null; report: AuditReport }> {
  const list = ports.map(({ port, mode, relay }) =>
    relay ? `${port}:relay` : `${port}:${mode === 'implicit-tls' ? 'implicit' : 'starttls'}`,
  );
  const args = ['check', '127.0.0.1', '--ports', list.join(','), '--ca', testPki().caFile, '--json'];
  const result = await run(
    process.execPath,
    [cli, ...args, '--timeout', String(timeoutMs)],
    checkLimitMs(timeoutMs),
  );
  expect(result.stderr).toBe('');
  const report = auditReportSchema.parse(JSON.parse(result.stdout));
  expect(report.elapsedMs).toBeLessThan(timeoutMs + deadlineSlackMs);
  return { code: result.code, report };
}
