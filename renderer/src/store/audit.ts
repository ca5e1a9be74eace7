import type { StateCreator } from 'zustand/vanilla';
import type { AuditRequest, MailProtocol, PortSpec, ProgressEvent } from '../../../electron/contract.js';
import type { Mutators } from './nav.js';
import type { AppState, AuditRun, AuditSlice, PortProgress, RunKind, StoreDeps } from './types.js';
import { defaultIncomingPorts, defaultMode } from '../../../electron/ports.js';
import { effectiveMode, parsePorts } from './validation.js';
import { serverValid } from './steps.js';

export function idleRun(): AuditRun {
  return {
    status: 'idle',
    auditId: null,
    startedAt: null,
    finishedAt: null,
    progress: [],
    report: null,
    error: null,
    incomingError: null,
  };
}

/** What to test: the whole server for the main run, only the recommended setting when verifying. */
function requestFor(s: AppState, kind: RunKind, auditId: string): AuditRequest | null {
  const caPem = s.form.caPem.trim() === '' ? undefined : s.form.caPem.trim();
  if (kind === 'main') {
    const parsed = parsePorts(s.form.portsText);
    if (!parsed.ok || !serverValid(s)) return null;
    const incomingHost = s.form.incomingHost.trim();
    const pop3Host = s.form.pop3Host.trim();
    // Both directions at once when the incoming server is known; IMAP and POP3 both, the choice is the person's.
    const incoming = incomingHost
      ? {
          protocols: ['smtp', 'imap', 'pop3'] as MailProtocol[],
          incomingHost,
          // POP3 on its own server when the provider names one: never tested on the IMAP host.
          ...(pop3Host && pop3Host !== incomingHost
            ? {
                incomingPorts: [
                  ...defaultIncomingPorts.imap,
                  ...defaultIncomingPorts.pop3.map((spec) => ({ ...spec, host: pop3Host })),
                ],
              }
            : {}),
        }
      : {};
    return { auditId, host: s.form.host.trim(), ports: parsed.ports, caPem, ...incoming };
  }
  const rec = s.runs.main.report?.recommendation;
  if (!rec || rec.port === null || rec.security === null) return null;
  return { auditId, host: s.form.host.trim(), ports: [{ port: rec.port, mode: rec.security }], caPem };
}

/** A stage still running when its port or the run ended was cut short: it failed. */
function settleStages(stages: PortProgress['stages']): PortProgress['stages'] {
  return Object.fromEntries(
    Object.entries(stages).map(([stage, status]) => [stage, status === 'started' ? 'failed' : status]),
  );
}

function applyProgress(progress: PortProgress[], event: ProgressEvent): PortProgress[] {
  return progress.map((p) => {
    if (p.port !== event.port || (p.protocol ?? 'smtp') !== (event.protocol ?? 'smtp')) return p;
    const stages = { ...p.stages, [event.stage]: event.status };
    return {
      ...p,
      stages: event.stage === 'done' ? settleStages(stages) : stages,
      elapsedMs: event.elapsedMs,
    };
  });
}

/** When a run ends (finished, cancelled or failed), no stage stays in progress. */
function settleProgress(progress: PortProgress[]): PortProgress[] {
  return progress.map((p) => ({ ...p, stages: settleStages(p.stages) }));
}

export function createAuditSlice(deps: StoreDeps): StateCreator<AppState, Mutators, [], AuditSlice> {
  return (set, get) => {
    /** Updates a run only while it is still the one identified by auditId and still running. */
    const updateRun = (kind: RunKind, auditId: string, change: (run: AuditRun) => Partial<AuditRun>) => {
      set((s) => {
        const run = s.runs[kind];
        if (run.auditId !== auditId || run.status !== 'running') return {};
        return { runs: { ...s.runs, [kind]: { ...run, ...change(run) } } };
      });
    };

    return {
      runs: { main: idleRun(), verify: idleRun() },
      startAudit: async (kind) => {
        if (get().runs[kind].status === 'running') return;
        const auditId = deps.newId();
        const request = requestFor(get(), kind, auditId);
        if (!request) return;
        const incomingProgress = request.incomingHost
          ? (request.incomingPorts ?? [...defaultIncomingPorts.imap, ...defaultIncomingPorts.pop3]).map(
              ({ port, protocol, mode }) => ({ port, protocol, mode: mode ?? defaultMode(port, protocol) }),
            )
          : [];
        const progress: PortProgress[] = [
          ...(request.ports ?? []).map((spec: PortSpec) => ({
            port: spec.port,
            protocol: 'smtp' as const,
            mode: effectiveMode(spec),
          })),
          ...incomingProgress,
        ].map((card) => ({ ...card, stages: {}, elapsedMs: 0 }));
        set((s) => ({
          runs: {
            ...s.runs,
            // A new main run makes an earlier verification meaningless.
            ...(kind === 'main' ? { verify: idleRun() } : {}),
            [kind]: { ...idleRun(), status: 'running', auditId, startedAt: deps.now(), progress },
          },
        }));
        const onProgress = (event: ProgressEvent) => {
          if (event.auditId === auditId) {
            updateRun(kind, auditId, (run) => ({ progress: applyProgress(run.progress, event) }));
          }
        };
        let result = await deps.api.runAudit(request, onProgress);
        const { incomingHost, protocols: _protocols, incomingPorts: _incomingPorts, ...outgoing } = request;
        if (
          !result.ok &&
          result.error.code === 'not-found' &&
          incomingHost &&
          incomingHost !== request.host
        ) {
          // The incoming server's name did not resolve: the outgoing result still stands, and that is said apart.
          const incomingError = result.error;
          updateRun(kind, auditId, (run) => ({
            incomingError,
            progress: run.progress.filter((p) => (p.protocol ?? 'smtp') === 'smtp'),
          }));
          result = await deps.api.runAudit(outgoing, onProgress);
        }
        updateRun(kind, auditId, (run) => {
          const finishedAt = deps.now();
          const progress = settleProgress(run.progress);
          if (result.ok) return { status: 'done', report: result.value, finishedAt, progress };
          return {
            status: result.error.code === 'cancelled' ? 'cancelled' : 'error',
            error: result.error,
            finishedAt,
            progress,
          };
        });
      },
      cancelAudit: async (kind) => {
        const run = get().runs[kind];
        if (run.status !== 'running' || !run.auditId) return;
        const { auditId } = run;
        // Shown as cancelled at once; the late answer of the engine is ignored.
        updateRun(kind, auditId, (run) => ({
          status: 'cancelled',
          finishedAt: deps.now(),
          progress: settleProgress(run.progress),
        }));
        await deps.api.cancelAudit({ auditId });
      },
    };
  };
}
