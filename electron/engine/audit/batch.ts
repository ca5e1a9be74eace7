/**
 * Many audits at once, for `mailtls batch`: a fixed number of workers take the next
 * target until none is left or the user cancels. Each finished audit is handed out
 * at once so results stream; the per-host:port connection limiter (probe/limiter.ts)
 * still caps what reaches any one server, even when a target is listed twice.
 */
import type {
  AuditReport,
  FindingId,
  IncomingPortSpec,
  MailProtocol,
  PortSpec,
  RecipientReport,
} from '../../contract.js';
import { everyDirectionSecure } from '../access/advise.js';
import { runAudit } from './audit.js';
import type { RecipientOptions } from '../recipient/index.js';

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
  /** A `recipient:DOMAIN` line (issue 18): `host` is the domain, checked as a mail recipient. */
  recipient?: true;
}

export type BatchResult =
  | { target: BatchTarget; report: AuditReport }
  | { target: BatchTarget; recipient: RecipientReport }
  | { target: BatchTarget; error: unknown };

export interface BatchOptions {
  concurrency: number;
  timeoutMs?: number;
  caPem?: string;
  signal?: AbortSignal;
  /** Resolver and test seams for `recipient:` lines. */
  recipient?: Pick<RecipientOptions, 'dnsServer' | 'smtpPort' | 'httpsPort'>;
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
        if (target.recipient) {
          // Loaded only when a list has recipient lines: plain server lists start as fast as before.
          const { checkRecipient } = await import('../recipient/index.js');
          const recipient = await checkRecipient(target.host, {
            ...options.recipient,
            timeoutMs: options.timeoutMs,
            caPem: options.caPem,
            signal,
          });
          options.onResult({ target, recipient });
          continue;
        }
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
  /** Finding id → how many finished hosts (or recipient domains) have it. */
  findings: Record<string, number>;
}

/** Adds one result to a running summary. */
export function addToSummary(summary: BatchSummary, result: BatchResult): void {
  if ('recipient' in result) {
    // A recipient counts as secure when mail to it travels encrypted (enforced or downgradable).
    const { verdict, findings } = result.recipient;
    summary.finished += 1;
    if (verdict === 'enforced' || verdict === 'downgradable') summary.secure += 1;
    else summary.notSecure += 1;
    for (const id of new Set(findings.map((f) => f.id)))
      summary.findings[id] = (summary.findings[id] ?? 0) + 1;
    return;
  }
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
