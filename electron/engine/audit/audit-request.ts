/**
 * Checks an audit request without loading zod: a cold `mailtls check` would
 * otherwise spend more time loading the schema library than testing the server.
 * The rules are the contract's `auditRequestSchema`, written out by hand; a
 * property test (test/unit/audit-request.test.ts) keeps both in agreement. Only
 * when a request is refused is the schema loaded, to phrase the error.
 */
import { incomingProtocols, mailProtocols, portModes } from '../../contract-lists.js';
import type { AuditRequest, IncomingPortSpec, MailProtocol, PortSpec } from '../../contract.js';
import { firstDuplicate } from '../../ports.js';
import { UserFacingError } from '../core/errors.js';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isInteger = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

const isText = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max;

/** The contract's bounds for every host field (`host`, `incomingHost`, an incoming port's `host`). */
const isHostText = (value: unknown): value is string => isText(value, 1, 253 * 4);

/** zod's `.optional()`: absent and undefined are both fine. */
const optional = <T>(value: unknown, check: (value: unknown) => value is T): value is T | undefined =>
  value === undefined || check(value);

function portSpec(value: unknown): PortSpec | null {
  if (!isObject(value)) return null;
  const { port, mode, relay } = value;
  if (!isInteger(port, 1, 65535)) return null;
  if (!optional(mode, (m): m is PortSpec['mode'] => portModes.includes(m as never))) return null;
  if (!optional(relay, (r): r is boolean => typeof r === 'boolean')) return null;
  return { port, ...(mode === undefined ? {} : { mode }), ...(relay === undefined ? {} : { relay }) };
}

function incomingPortSpec(value: unknown): IncomingPortSpec | null {
  if (!isObject(value)) return null;
  const { port, protocol, mode, host } = value;
  if (!isInteger(port, 1, 65535)) return null;
  if (!incomingProtocols.includes(protocol as never)) return null;
  if (!optional(mode, (m): m is PortSpec['mode'] => portModes.includes(m as never))) return null;
  if (!optional(host, isHostText)) return null;
  return {
    port,
    protocol: protocol as IncomingPortSpec['protocol'],
    ...(mode === undefined ? {} : { mode }),
    ...(host === undefined ? {} : { host }),
  };
}

/** A list of 1 to 16 items each accepted by `item`, or null (absent: undefined). */
function list<T>(value: unknown, item: (value: unknown) => T | null): T[] | null | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length < 1 || value.length > 16) return null;
  const items: T[] = [];
  for (const entry of value as unknown[]) {
    const parsed = item(entry);
    if (parsed === null) return null;
    items.push(parsed);
  }
  return items;
}

/** The request as the schema would parse it (unknown keys dropped), or null when the schema refuses it. */
export function parseAuditRequest(value: unknown): AuditRequest | null {
  if (!isObject(value)) return null;
  const { auditId, host, ports, timeoutMs, caPem, protocols, incomingHost, incomingPorts } = value;
  if (!isText(auditId, 1, 100) || !isHostText(host)) return null;
  if (!optional(timeoutMs, (t): t is number => isInteger(t, 500, 300_000))) return null;
  if (!optional(caPem, (c): c is string => isText(c, 0, 1_000_000))) return null;
  if (!optional(incomingHost, isHostText)) return null;
  const specs = list(ports, portSpec);
  const incomingSpecs = list(incomingPorts, incomingPortSpec);
  const protocolList =
    protocols === undefined
      ? undefined
      : Array.isArray(protocols) &&
          protocols.length >= 1 &&
          protocols.length <= 3 &&
          protocols.every((p) => mailProtocols.includes(p as never))
        ? (protocols as MailProtocol[])
        : null;
  if (specs === null || incomingSpecs === null || protocolList === null) return null;
  return {
    auditId,
    host,
    ...(specs === undefined ? {} : { ports: specs }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(caPem === undefined ? {} : { caPem }),
    ...(protocolList === undefined ? {} : { protocols: [...protocolList] }),
    ...(incomingHost === undefined ? {} : { incomingHost }),
    ...(incomingSpecs === undefined ? {} : { incomingPorts: incomingSpecs }),
  };
}

/** Parses the request or throws the schema's first complaint as a user-facing error. */
export async function validateAuditRequest(request: unknown): Promise<AuditRequest> {
  const parsed = parseAuditRequest(request);
  if (!parsed) {
    const { auditRequestSchema } = await import('../../contract.js');
    const issue = auditRequestSchema.safeParse(request).error?.issues[0];
    const where = issue?.path.join('.') || 'request';
    throw new UserFacingError('invalid-input', {
      en: `Invalid ${where}: ${issue?.message ?? 'not accepted'}.`,
      ja: `${where} の値が正しくありません: ${issue?.message ?? ''}`,
    });
  }
  const twice = firstDuplicate(parsed.ports ?? []);
  if (twice !== null) {
    throw new UserFacingError('invalid-input', {
      en: `Port ${twice} is listed twice.`,
      ja: `ポート ${twice} が二度指定されています。`,
    });
  }
  const incomingHost = parsed.incomingHost ?? parsed.host;
  const incomingTwice = firstDuplicate(parsed.incomingPorts ?? [], (spec) => spec.host ?? incomingHost);
  if (incomingTwice !== null) {
    throw new UserFacingError('invalid-input', {
      en: `Incoming port ${incomingTwice} is listed twice.`,
      ja: `受信ポート ${incomingTwice} が二度指定されています。`,
    });
  }
  return parsed;
}
