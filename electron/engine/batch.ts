/**
 * Many audits at once, for `mailtls batch`: a fixed number of workers take the next
 * target until none is left or the user cancels. Each finished audit is handed out
 * at once so results stream; the per-host:port connection limiter (probe/limiter.ts)
 * still caps what reaches any one server, even when a target is listed twice.
 */
import type { AuditReport, FindingId, IncomingPortSpec, MailProtocol, PortSpec } from '../contract.js';
import { everyDirectionSecure } from './access/advise.js';
import { runAudit } from './audit.js';

export interface BatchTarget {
  /** Line number in the input file, for messages. */
  line: number;
  /** The target as written (host or host:ports). */
  text: string;
  host: string;
  ports?: PortSpec[];
  /** Issue 14: the protocols and incoming ports to test (SMTP only without them). */
  protocols?: MailProtocol[];
  incomingPorts?: IncomingPortSpec[];
}

export type BatchResult =
  { target: BatchTarget; report: AuditReport } | { target: BatchTarget; error: unknown };

export interface BatchOptions {
  concurrency: number;
  timeoutMs?: number;
  caPem?: string;
  signal?: AbortSignal;
  onResult(result: BatchResult): void;
}

export const defaultBatchConcurrency = 16;

/** Every finding id on the report, host-level and per port, once each. */
export function reportFindingIds(report: AuditReport): FindingId[] {
  return [
    ...new Set([
      ...report.ports.flatMap((p) => p.findings.map((f) => f.id)),
      ...report.findings.map((f) => f.id),
      ...(report.incoming?.ports.flatMap((p) => p.findings.map((f) => f.id)) ?? []),
      ...(report.incoming?.findings.map((f) => f.id) ?? []),
    ]),
  ];
}

/** Audits `targets` with at most `concurrency` audits in flight; stops starting new ones on abort. */
export async function runBatch(targets: BatchTarget[], options: BatchOptions): Promise<void> {
  const { signal } = options;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!signal?.aborted && next < targets.length) {
      const target = targets[next++] as BatchTarget;
      try {
        const report = await runAudit(
          {
            auditId: `batch-${target.line}`,
            host: target.host,
            ports: target.ports,
            protocols: target.protocols,
            incomingPorts: target.incomingPorts,
            timeoutMs: options.timeoutMs,
            caPem: options.caPem,
          },
          { signal },
        );
        options.onResult({ target, report });
      } catch (error) {
        // A cancelled audit did not finish: it is neither a result nor an error of that target.
        if (signal?.aborted) return;
        options.onResult({ target, error });
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
}

export interface BatchSummary {
  total: number;
  finished: number;
  secure: number;
  notSecure: number;
  failed: number;
  /** Finding id → how many finished hosts have it. */
  findings: Partial<Record<FindingId, number>>;
}

/** Adds one result to a running summary. */
export function addToSummary(summary: BatchSummary, result: BatchResult): void {
  if (!('report' in result)) {
    summary.failed += 1;
    return;
  }
  summary.finished += 1;
  if (everyDirectionSecure(result.report)) summary.secure += 1;
  else summary.notSecure += 1;
  for (const id of reportFindingIds(result.report)) summary.findings[id] = (summary.findings[id] ?? 0) + 1;
}

export function emptySummary(total: number): BatchSummary {
  return { total, finished: 0, secure: 0, notSecure: 0, failed: 0, findings: {} };
}
