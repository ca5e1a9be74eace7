/**
 * `mailtls check 127.0.0.1 --ports … --ca <test CA> --json --timeout …` through the
 * built CLI: stdout must be exactly a schema-valid report, stderr empty, and the
 * report within its deadline.
 */
import { expect } from 'vitest';
import { auditReportSchema, type AuditReport, type PortSpec } from '../../electron/contract.js';
import { runCli } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';

/** Only a guard against a hung process: start-up alone takes seconds on two busy cores. */
const startupAllowanceMs = 15_000;
/** The engine's grace after the deadline plus scheduling on a busy machine. */
const deadlineSlackMs = 600;

/** The longest a `mailtlsCheck` with this deadline may take, for test timeouts. */
export function checkLimitMs(timeoutMs: number): number {
  return timeoutMs + startupAllowanceMs;
}

export async function mailtlsCheck(
  ports: PortSpec[],
  timeoutMs: number,
): Promise<{ code: number | null; report: AuditReport }> {
  const list = ports.map(({ port, mode, relay }) =>
    relay ? `${port}:relay` : `${port}:${mode === 'implicit-tls' ? 'implicit' : 'starttls'}`,
  );
  const args = ['check', '127.0.0.1', '--ports', list.join(','), '--ca', testPki().caFile, '--json'];
  const result = await runCli([...args, '--timeout', String(timeoutMs)], {
    timeoutMs: checkLimitMs(timeoutMs),
  });
  expect(result.stderr).toBe('');
  const report = auditReportSchema.parse(JSON.parse(result.stdout));
  expect(report.elapsedMs).toBeLessThan(timeoutMs + deadlineSlackMs);
  return { code: result.code, report };
}
