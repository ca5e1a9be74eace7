/**
 * The audit: every port concurrently under one overall deadline, progress events
 * per port and stage, cancellation, and the recommendation. Ports never fail the
 * audit: each ends in a report; only the user's cancel ends it early.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import {
  auditRequestSchema,
  type AuditReport,
  type AuditRequest,
  type PortMode,
  type PortReport,
  type PortSpec,
  type ProgressEvent,
} from '../contract.js';
import { advise } from './advise.js';
import { Deadline } from './deadline.js';
import { UserFacingError } from './errors.js';
import { makeFinding } from './findings.js';
import { markOutboundPort25Block, suggestedHost } from './hints.js';
import { normalizeHost, type HostName } from './host.js';
import { PortProbe } from './probe/port.js';
import { TrustStore } from './tls/trust.js';

export const defaultPorts = [25, 465, 587] as const;
export const defaultTimeoutMs = 20_000;
/** Per-stage limit (connect, greeting, each reply, handshake), as Thunderbird uses. */
export const stageTimeoutMs = 10_000;
/** After the deadline, a port still running gets this long to wind down before it is cut off. */
const graceMs = 100;

export interface AuditOptions {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
}

export function defaultMode(port: number): PortMode {
  return port === 465 ? 'implicit-tls' : 'starttls';
}

function cancelled(): UserFacingError {
  return new UserFacingError('cancelled', { en: 'The test was cancelled.', ja: 'テストを中止しました。' });
}

function validate(request: AuditRequest): AuditRequest {
  const parsed = auditRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'request';
    throw new UserFacingError('invalid-input', {
      en: `Invalid ${where}: ${issue?.message ?? 'not accepted'}.`,
      ja: `${where} の値が正しくありません: ${issue?.message ?? ''}`,
    });
  }
  const ports = parsed.data.ports ?? [];
  const seen = new Set<number>();
  for (const { port } of ports) {
    if (seen.has(port)) {
      throw new UserFacingError('invalid-input', {
        en: `Port ${port} is listed twice.`,
        ja: `ポート ${port} が二度指定されています。`,
      });
    }
    seen.add(port);
  }
  return parsed.data;
}

/**
 * Looks the name up once. A name that does not resolve is an input problem to
 * report as such, not three "port closed" findings.
 */
async function resolveHost(host: HostName, deadline: Deadline, signal?: AbortSignal): Promise<string> {
  if (isIP(host.ascii)) return host.ascii;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })),
      deadline.stage(),
    );
  });
  try {
    const { address } = await Promise.race([lookup(host.ascii), timeout]);
    return address;
  } catch (error) {
    if (signal?.aborted) throw cancelled();
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UserFacingError(code === 'ETIMEOUT' ? 'timeout' : 'not-found', {
      en: `The server name "${host.display}" could not be found in DNS (${code}). Check the spelling and your network connection.`,
      ja: `サーバー名「${host.display}」を DNS で見つけられませんでした（${code}）。綴りとネットワーク接続を確認してください。`,
    });
  } finally {
    clearTimeout(timer);
  }
}

export async function runAudit(request: AuditRequest, options: AuditOptions = {}): Promise<AuditReport> {
  // The host first: its messages are more specific than the schema's.
  const host = normalizeHost(request.host);
  const valid = validate(request);
  if (options.signal?.aborted) throw cancelled();
  const startedAt = new Date();
  const started = performance.now();
  const totalMs = valid.timeoutMs ?? defaultTimeoutMs;
  const deadline = new Deadline(totalMs, stageTimeoutMs);
  const address = await resolveHost(host, deadline, options.signal);
  if (options.signal?.aborted) throw cancelled();
  const trust = new TrustStore(valid.caPem);
  const requested: PortSpec[] = valid.ports ?? defaultPorts.map((port) => ({ port }));
  const specs = requested.map((spec) => ({
    port: spec.port,
    mode: spec.mode ?? defaultMode(spec.port),
    relay: spec.relay ?? spec.port === 25,
  }));

  // One listener on the caller's signal for all ports (a listener per port trips Node's leak warning past 10).
  const controllers: AbortController[] = [];
  const cancelAll = () => controllers.forEach((controller) => controller.abort());
  options.signal?.addEventListener('abort', cancelAll, { once: true });

  const probes = specs.map(async ({ port, mode, relay }): Promise<PortReport> => {
    const controller = new AbortController();
    controllers.push(controller);
    const probe = new PortProbe(
      {
        host: host.ascii,
        address,
        port,
        relay,
        trust,
        deadline,
        signal: controller.signal,
        progress: (stage, status) =>
          options.onProgress?.({
            auditId: valid.auditId,
            port,
            stage,
            status,
            elapsedMs: Math.round(performance.now() - started),
          }),
      },
      mode,
    );
    // Every step already times out at the deadline; this cut-off only guards against a step that does not.
    const cutOff = setTimeout(() => controller.abort(), totalMs + graceMs);
    try {
      return await probe.run();
    } catch {
      if (options.signal?.aborted) throw cancelled();
      const report = probe.partialReport();
      report.findings.push(makeFinding('port-timeout', { port, detail: 'overall deadline' }));
      return report;
    } finally {
      clearTimeout(cutOff);
    }
  });

  const settled = await Promise.allSettled(probes);
  options.signal?.removeEventListener('abort', cancelAll);
  if (options.signal?.aborted) throw cancelled();
  const ports = markOutboundPort25Block(
    settled
      .map((result) => {
        if (result.status === 'fulfilled') return result.value;
        throw result.reason;
      })
      .sort((a, b) => a.port - b.port),
  );
  const advice = advise(host.ascii, ports);
  const suggestion = suggestedHost(host.ascii, ports);
  return {
    schema: 'mailtls.audit/1',
    host: host.ascii,
    hostInput: host.display,
    startedAt: startedAt.toISOString(),
    elapsedMs: Math.round(performance.now() - started),
    ports,
    recommendation: advice.recommendation,
    findings: advice.findings,
    trustStores: trust.stores(),
    ...(suggestion ? { suggestedHost: suggestion } : {}),
  };
}
