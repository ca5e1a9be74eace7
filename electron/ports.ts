/**
 * One grammar for port lists and one table of default modes, for every front end
 * and the engine: `mailtls check --ports`, batch files, the app's ports field and
 * the audit's defaults all read them here. Beside the contract, free of zod and
 * node, so the cold CLI path and the renderer can both load it.
 *
 * A list is entries separated by commas, semicolons or new lines; an entry is a
 * port, optionally followed by its mode after a colon, a space or a slash:
 * `25, 465, 587`, `2465:implicit`, `2587 starttls`, `993/imaps`.
 */
import type { IncomingPortSpec, IncomingProtocol, MailProtocol, PortMode, PortSpec } from './contract.js';

interface StandardPort {
  protocol: MailProtocol;
  mode: PortMode;
  /** A server-to-server port: mail before TLS is normal there. */
  relay?: true;
}

/** The standard ports and how each is spoken to when the list gives no mode. */
const standardPorts = new Map<number, StandardPort>([
  [25, { protocol: 'smtp', mode: 'starttls', relay: true }],
  [465, { protocol: 'smtp', mode: 'implicit-tls' }],
  [587, { protocol: 'smtp', mode: 'starttls' }],
  // Incoming (RFC 8314 §3.3, RFC 2595): implicit TLS first, as the recommendation prefers.
  [993, { protocol: 'imap', mode: 'implicit-tls' }],
  [143, { protocol: 'imap', mode: 'starttls' }],
  [995, { protocol: 'pop3', mode: 'implicit-tls' }],
  [110, { protocol: 'pop3', mode: 'starttls' }],
]);

const standardOf = (protocol: MailProtocol): number[] =>
  [...standardPorts].filter(([, standard]) => standard.protocol === protocol).map(([port]) => port);

/** The SMTP ports an audit tests when the request names none. */
export const defaultSmtpPorts: readonly number[] = standardOf('smtp');

/** The incoming ports an audit tests for each protocol the request names without ports. */
export const defaultIncomingPorts: Record<IncomingProtocol, Required<Omit<IncomingPortSpec, 'host'>>[]> = {
  imap: standardOf('imap').map((port) => ({ port, protocol: 'imap', mode: defaultMode(port, 'imap') })),
  pop3: standardOf('pop3').map((port) => ({ port, protocol: 'pop3', mode: defaultMode(port, 'pop3') })),
};

/**
 * How a port is spoken to without a mode: 465 (SMTP) and 993, 995 (IMAP, POP3)
 * start with TLS, every other port starts in plaintext and upgrades.
 */
export function defaultMode(port: number, protocol: MailProtocol = 'smtp'): PortMode {
  const standard = standardPorts.get(port);
  const sameFamily = standard !== undefined && (standard.protocol === 'smtp') === (protocol === 'smtp');
  return sameFamily ? standard.mode : 'starttls';
}

/** Whether an SMTP port is a relay port (like 25) when the list does not say. */
export function relayByDefault(port: number): boolean {
  return standardPorts.get(port)?.relay === true;
}

type SmtpMode = Required<Pick<PortSpec, 'mode' | 'relay'>>;
type IncomingMode = Pick<IncomingPortSpec, 'protocol' | 'mode'>;

const smtpModes: Record<string, SmtpMode> = {
  implicit: { mode: 'implicit-tls', relay: false },
  'implicit-tls': { mode: 'implicit-tls', relay: false },
  smtps: { mode: 'implicit-tls', relay: false },
  starttls: { mode: 'starttls', relay: false },
  relay: { mode: 'starttls', relay: true },
};

const incomingModes: Record<string, IncomingMode> = {
  'imap-implicit': { protocol: 'imap', mode: 'implicit-tls' },
  imaps: { protocol: 'imap', mode: 'implicit-tls' },
  'imap-starttls': { protocol: 'imap', mode: 'starttls' },
  imap: { protocol: 'imap', mode: 'starttls' },
  'pop3-implicit': { protocol: 'pop3', mode: 'implicit-tls' },
  pop3s: { protocol: 'pop3', mode: 'implicit-tls' },
  'pop3-starttls': { protocol: 'pop3', mode: 'starttls' },
  pop3: { protocol: 'pop3', mode: 'starttls' },
};

/** The modes an entry may name, for error messages. */
export const portModeNames: readonly string[] = [
  'implicit',
  'starttls',
  'relay',
  'imap-implicit',
  'imap-starttls',
  'pop3-implicit',
  'pop3-starttls',
];

/** At most this many SMTP and this many incoming ports in one list (the contract's limit). */
export const maxListedPorts = 16;

export type PortListError =
  | { code: 'required' }
  | { code: 'too-many' }
  | { code: 'number'; text: string }
  | { code: 'mode'; port: number; text: string };
/** The app's field also refuses a port twice and incoming ports (the CLI leaves the first to the audit). */
export type SmtpPortListError =
  | PortListError
  | { code: 'duplicate'; port: number }
  | { code: 'incoming'; port: number; protocol: IncomingProtocol };

export interface PortList {
  smtp: PortSpec[];
  incoming: IncomingPortSpec[];
}

export type Parsed<T, E = PortListError> = { ok: true; value: T } | { ok: false; error: E };

/** One entry: a plain standard incoming port means its protocol, any other plain port SMTP. */
function parseEntry(entry: string): Parsed<PortSpec | IncomingPortSpec> {
  const [portText = '', modeText, ...rest] = entry.split(/[\s/:]+/);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535 || rest.length > 0) {
    return { ok: false, error: { code: 'number', text: entry } };
  }
  if (modeText === undefined) {
    const standard = standardPorts.get(port);
    if (standard && standard.protocol !== 'smtp') {
      return { ok: true, value: { port, protocol: standard.protocol, mode: standard.mode } };
    }
    return { ok: true, value: { port } };
  }
  const smtp = smtpModes[modeText.toLowerCase()];
  if (smtp) {
    // Only what differs from the port's default is written, so `2587 starttls` reads as { port, mode }.
    const relay = smtp.relay === relayByDefault(port) ? {} : { relay: smtp.relay };
    return { ok: true, value: { port, mode: smtp.mode, ...relay } };
  }
  const incoming = incomingModes[modeText.toLowerCase()];
  if (incoming) return { ok: true, value: { port, ...incoming } };
  return { ok: false, error: { code: 'mode', port, text: modeText } };
}

export function parsePortList(text: string): Parsed<PortList> {
  const entries = text
    .split(/[,;\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return { ok: false, error: { code: 'required' } };
  const list: PortList = { smtp: [], incoming: [] };
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (!parsed.ok) return parsed;
    const spec = parsed.value;
    if ('protocol' in spec) list.incoming.push(spec);
    else list.smtp.push(spec);
    if (list.smtp.length > maxListedPorts || list.incoming.length > maxListedPorts) {
      return { ok: false, error: { code: 'too-many' } };
    }
  }
  return { ok: true, value: list };
}

/** A list of SMTP ports only (the app's outgoing-server field). */
export function parseSmtpPortList(text: string): Parsed<PortSpec[], SmtpPortListError> {
  const parsed = parsePortList(text);
  if (!parsed.ok) return parsed;
  const incoming = parsed.value.incoming[0];
  if (incoming) {
    return { ok: false, error: { code: 'incoming', port: incoming.port, protocol: incoming.protocol } };
  }
  const twice = firstDuplicate(parsed.value.smtp);
  if (twice !== null) return { ok: false, error: { code: 'duplicate', port: twice } };
  return { ok: true, value: parsed.value.smtp };
}

/**
 * The first port listed twice, if any: a list may not test a port twice (SMTP and
 * incoming lists apart). `hostOf` names the host each entry is tested on, where a
 * list spans hosts (IMAP and POP3 on different servers may share a port number).
 */
export function firstDuplicate<Spec extends { port: number }>(
  specs: readonly Spec[],
  hostOf: (spec: Spec) => string = () => '',
): number | null {
  const seen = new Set<string>();
  for (const spec of specs) {
    const place = `${hostOf(spec).toLowerCase()} ${spec.port}`;
    if (seen.has(place)) return spec.port;
    seen.add(place);
  }
  return null;
}

/** An SMTP entry of a list: the bare port for a standard SMTP port in its standard mode. */
export function smtpPortEntry(port: number, mode: PortMode): string {
  const standard = standardPorts.get(port);
  return standard?.protocol === 'smtp' && standard.mode === mode ? String(port) : `${port} ${mode}`;
}
