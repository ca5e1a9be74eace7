/**
 * The audit: every port concurrently under one overall deadline, progress events
 * per port and stage, cancellation, and the recommendation. Ports never fail the
 * audit: each ends in a report; only the user's cancel ends it early.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type {
  AuditReport,
  AuditRequest,
  IncomingPortSpec,
  IncomingProtocol,
  MailProtocol,
  PortReport,
  PortSpec,
  ProgressEvent,
  Recommendation,
  Stage,
} from '../../contract.js';
import { auditSchemaVersion } from '../../contract-lists.js';
import { defaultIncomingPorts, defaultMode, defaultSmtpPorts, relayByDefault } from '../../ports.js';
import { adviseIncoming } from '../access/advise.js';
import type { AccessDialect } from '../access/dialect.js';
import { imapDialect } from '../access/imap.js';
import { pop3Dialect } from '../access/pop3.js';
import { AccessProbe } from '../access/probe.js';
import { advise, judge, qualifies } from './advise.js';
import { validateAuditRequest } from './audit-request.js';
import { Deadline } from '../core/deadline.js';
import { cancelledError, UserFacingError } from '../core/errors.js';
import { makeFinding } from './findings.js';
import { markOutboundPort25Block, suggestedHost } from './hints.js';
import { normalizeHost, type HostName } from '../core/host.js';
import type { ProbeTarget } from '../probe/dialogue.js';
import { PortProbe } from '../probe/port.js';
import type { ChainMemo } from '../tls/chain-memo.js';
import { TrustStore } from '../tls/trust.js';

export const defaultTimeoutMs = 20_000;
/** Per-stage limit (connect, greeting, each reply, handshake), as Thunderbird uses. */
export const stageTimeoutMs = 10_000;
/** After the deadline, a port still running gets this long to wind down before it is cut off. */
const graceMs = 100;

export interface AuditOptions {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  /** Chains verified in earlier audits, so that a main handshake can skip the root store (tls/chain-memo.ts). */
  chainMemo?: ChainMemo;
}

const dialects: Record<IncomingProtocol, AccessDialect> = { imap: imapDialect, pop3: pop3Dialect };

/** The incoming ports a request asks for: its own list, or the standard ports of the protocols it names. */
function incomingSpecs(request: AuditRequest): IncomingPortSpec[] {
  if (request.incomingPorts) return request.incomingPorts;
  const protocols = request.protocols ?? [];
  return (['imap', 'pop3'] as const)
    .filter((p) => protocols.includes(p))
    .flatMap((p) => defaultIncomingPorts[p]);
}

/** The address a name resolves to, or the resolver's error code (ENOTFOUND, ETIMEOUT...). */
async function lookUp(
  host: HostName,
  deadline: Deadline,
  signal?: AbortSignal,
): Promise<{ address: string } | { code: string }> {
  if (isIP(host.ascii)) return { address: host.ascii };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })),
      deadline.stage(),
    );
  });
  try {
    const { address } = await Promise.race([lookup(host.ascii), timeout]);
    return { address };
  } catch (error) {
    if (signal?.aborted) throw cancelledError();
    return { code: (error as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    clearTimeout(timer);
  }
}

/** A name that does not resolve is an input problem to report as such, not three "port closed" findings. */
function notFoundError(host: HostName, code: string): UserFacingError {
  return new UserFacingError(code === 'ETIMEOUT' ? 'timeout' : 'not-found', {
    en: `The server name "${host.display}" could not be found in DNS (${code}). Check the spelling and your network connection.`,
    ja: `サーバー名「${host.display}」を DNS で見つけられませんでした（${code}）。綴りとネットワーク接続を確認してください。`,
  });
}

/**
 * Runs one port's probe under the cut-off; a port cut off still ends in its partial
 * report, and its progress in a final event: cancelled, or done with what the deadline left.
 */
async function runPort<R extends { findings: unknown[] }>(
  probe: { run(): Promise<R>; partialReport(): R },
  port: number,
  controller: AbortController,
  progress: ProbeTarget['progress'],
  cutOffMs: number,
  signal?: AbortSignal,
): Promise<R> {
  // Every step already times out at the deadline; this cut-off only guards against a step that does not.
  const cutOff = setTimeout(() => controller.abort(), cutOffMs);
  try {
    return await probe.run();
  } catch {
    if (signal?.aborted) {
      progress('done', 'failed');
      throw cancelledError();
    }
    const report = probe.partialReport();
    report.findings.push(makeFinding('port-timeout', { port, detail: 'overall deadline' }));
    progress('done', 'passed');
    return report;
  } finally {
    clearTimeout(cutOff);
  }
}

function notTested(host: string): Recommendation {
  return {
    host,
    port: null,
    security: null,
    reasons: [{ key: 'outgoing-not-tested' }],
    pinnedFingerprint256: null,
  };
}

export async function runAudit(request: AuditRequest, options: AuditOptions = {}): Promise<AuditReport> {
  // The hosts first: their messages are more specific than the schema's.
  const host = normalizeHost(request.host);
  const incomingHost = request.incomingHost === undefined ? host : normalizeHost(request.incomingHost);
  const valid = await validateAuditRequest(request);
  if (options.signal?.aborted) throw cancelledError();
  const startedAt = new Date();
  const started = performance.now();
  const totalMs = valid.timeoutMs ?? defaultTimeoutMs;
  const deadline = new Deadline(totalMs, stageTimeoutMs);
  const protocols: MailProtocol[] = valid.protocols ?? ['smtp'];
  const smtpTested = protocols.includes('smtp');
  // Each incoming port on its own host (a POP3 server is often not the IMAP one), the request's otherwise.
  const incoming = incomingSpecs(valid).map((spec) => ({
    ...spec,
    host: spec.host === undefined ? incomingHost : normalizeHost(spec.host),
  }));
  const smtpLookup = smtpTested ? lookUp(host, deadline, options.signal) : null;
  const trust = new TrustStore(valid.caPem, options.chainMemo);
  // Each distinct name is looked up once, the outgoing host's lookup shared when an incoming port is there too.
  const incomingNames = [...new Map(incoming.map((spec) => [spec.host.ascii, spec.host])).values()];
  const lookups = Promise.all([
    smtpLookup,
    Promise.all(
      incomingNames.map((name) =>
        smtpLookup && name.ascii === host.ascii ? smtpLookup : lookUp(name, deadline, options.signal),
      ),
    ),
  ]);
  const [smtpFound, incomingFound] = await lookups;
  if (options.signal?.aborted) throw cancelledError();
  if (smtpFound && 'code' in smtpFound) throw notFoundError(host, smtpFound.code);
  const address = smtpFound?.address ?? '';
  const incomingLookups = new Map(incomingNames.map((name, i) => [name.ascii, incomingFound[i]!]));
  // A name that does not resolve fails only its own ports; when no incoming name resolves, the audit says so as before.
  const unresolved = incomingNames.flatMap((name) => {
    const found = incomingLookups.get(name.ascii)!;
    return 'code' in found ? [{ name, code: found.code }] : [];
  });
  const [firstUnresolved] = unresolved;
  if (firstUnresolved && unresolved.length === incomingNames.length) {
    throw notFoundError(firstUnresolved.name, firstUnresolved.code);
  }
  const requested: PortSpec[] = smtpTested ? (valid.ports ?? defaultSmtpPorts.map((port) => ({ port }))) : [];
  const specs = requested.map((spec) => ({
    port: spec.port,
    mode: spec.mode ?? defaultMode(spec.port),
    relay: spec.relay ?? relayByDefault(spec.port),
  }));

  // One listener on the caller's signal for all ports (a listener per port trips Node's leak warning past 10).
  const controllers: AbortController[] = [];
  const cancelAll = () => controllers.forEach((controller) => controller.abort());
  options.signal?.addEventListener('abort', cancelAll, { once: true });

  const target = (
    name: string,
    resolved: string,
    port: number,
    relay: boolean,
    protocol: MailProtocol,
  ): { target: ProbeTarget; controller: AbortController } => {
    const controller = new AbortController();
    controllers.push(controller);
    // A port's progress ends with exactly one 'done'; whatever a cut-off probe still reports after it is dropped.
    let ended = false;
    const progress = (stage: Stage, status: ProgressEvent['status']) => {
      if (ended) return;
      ended = stage === 'done';
      options.onProgress?.({
        auditId: valid.auditId,
        port,
        // SMTP events stay as they were; incoming ones name their protocol.
        ...(protocol === 'smtp' ? {} : { protocol }),
        stage,
        status,
        elapsedMs: Math.round(performance.now() - started),
      });
    };
    return {
      controller,
      target: {
        host: name,
        address: resolved,
        port,
        relay,
        trust,
        deadline,
        signal: controller.signal,
        progress,
      },
    };
  };

  const smtpProbes = specs.map(({ port, mode, relay }): Promise<PortReport> => {
    const { target: t, controller } = target(host.ascii, address, port, relay, 'smtp');
    return runPort(new PortProbe(t, mode), port, controller, t.progress, totalMs + graceMs, options.signal);
  });
  const incomingProbes = incoming.map(async ({ port, protocol, mode, host: name }) => {
    const lookup = incomingLookups.get(name.ascii)!;
    const { target: t, controller } = target(
      name.ascii,
      'address' in lookup ? lookup.address : '',
      port,
      false,
      protocol,
    );
    const probe = new AccessProbe(t, dialects[protocol], mode ?? defaultMode(port, protocol));
    if ('code' in lookup) {
      // Never connected: the port reports what a refused connection would, with the resolver's code.
      t.progress('connect', 'failed');
      t.progress('done', 'passed');
      const report = probe.partialReport();
      report.findings.push(makeFinding('port-unreachable', { port, detail: lookup.code }));
      return { ...report, host: name.ascii };
    }
    const report = await runPort(probe, port, controller, t.progress, totalMs + graceMs, options.signal);
    return { ...report, host: name.ascii };
  });

  const [smtpSettled, incomingSettled] = await Promise.all([
    Promise.allSettled(smtpProbes),
    Promise.allSettled(incomingProbes),
  ]);
  options.signal?.removeEventListener('abort', cancelAll);
  if (options.signal?.aborted) throw cancelledError();
  const fulfilled = <T>(results: PromiseSettledResult<T>[]): T[] =>
    results.map((result) => {
      if (result.status === 'fulfilled') return result.value;
      throw result.reason;
    });
  const ports = markOutboundPort25Block(fulfilled(smtpSettled).sort((a, b) => a.port - b.port));
  const advice = smtpTested
    ? advise(host.ascii, ports)
    : { recommendation: notTested(host.ascii), findings: [] };
  const suggestion = suggestedHost(host.ascii, ports);
  const incomingProtocols = [...new Set(incoming.map((spec) => spec.protocol))];
  return {
    schema: auditSchemaVersion,
    host: host.ascii,
    hostInput: host.display,
    startedAt: startedAt.toISOString(),
    elapsedMs: Math.round(performance.now() - started),
    ports: ports.map((port) => ({ ...port, judgement: judge(port, qualifies(port)) })),
    recommendation: advice.recommendation,
    findings: advice.findings,
    trustStores: trust.stores(),
    ...(suggestion ? { suggestedHost: suggestion } : {}),
    ...(incoming.length === 0
      ? {}
      : { incoming: adviseIncoming(incomingHost.ascii, fulfilled(incomingSettled), incomingProtocols) }),
  };
}
