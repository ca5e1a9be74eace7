/** The real engine for shell and bridge tests, with controllable audits where a test needs them. */
import {
  auditSchemaVersion,
  type AuditReport,
  type AuditRequest,
  type ProgressEvent,
} from '../../../electron/contract.js';
import type { Engine } from '../../../electron/service/handlers.js';

export function sampleReport(host: string): AuditReport {
  return {
    schema: auditSchemaVersion,
    host,
    hostInput: host,
    startedAt: new Date(0).toISOString(),
    elapsedMs: 5,
    ports: [],
    recommendation: { host, port: null, security: null, reasons: [] },
    findings: [],
  };
}

export interface FakeAudit {
  request: AuditRequest;
  signal: AbortSignal;
  progress: (event: Omit<ProgressEvent, 'auditId'>) => void;
  finish: () => void;
}

/**
 * `real` (electron/service/engine.ts), except that `runAudit` emits one progress
 * event, then waits for `finish()` (or resolves at once with `instant`), and
 * rejects with an AbortError when aborted, and `listPresets` answers none.
 */
export function fakeEngine(real: Engine, options: { instant?: boolean } = {}) {
  const started: FakeAudit[] = [];
  const waiters: ((audit: FakeAudit) => void)[] = [];
  const engine: Engine = {
    ...real,
    async runAudit(request, { onProgress, signal }) {
      return new Promise<AuditReport>((resolve, reject) => {
        const audit: FakeAudit = {
          request,
          signal: signal!,
          progress: (event) => onProgress?.({ ...event, auditId: request.auditId }),
          finish: () => resolve(sampleReport(request.host)),
        };
        started.push(audit);
        waiters.splice(0).forEach((w) => w(audit));
        audit.progress({ port: 465, stage: 'connect', status: 'started', elapsedMs: 1 });
        if (options.instant) audit.finish();
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), {
          once: true,
        });
      });
    },
    async listPresets() {
      return [];
    },
  };
  return {
    engine,
    started,
    nextAudit: () => new Promise<FakeAudit>((resolve) => waiters.push(resolve)),
  };
}
