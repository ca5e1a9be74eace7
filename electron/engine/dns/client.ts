/**
 * The small DNS client discovery and the posture check share: node's resolver
 * (c-ares) for the records, one try with a timeout so nothing hangs, and a
 * dns-packet query for the DNSSEC "authenticated data" bit, which c-ares does
 * not expose.
 */
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { getServers, Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import dnsPacket from 'dns-packet';
import { UserFacingError } from '../core/errors.js';

export type DnsFailureKind = 'timeout' | 'servfail' | 'error';

/** A lookup that could not be answered (as opposed to "no such record", which is an empty answer). */
export class DnsLookupError extends Error {
  readonly kind: DnsFailureKind;
  readonly query: string;
  readonly code: string;
  constructor(kind: DnsFailureKind, query: string, code: string) {
    super(`${query}: ${code}`);
    this.name = 'DnsLookupError';
    this.kind = kind;
    this.query = query;
    this.code = code;
  }
}

export interface MxRecord {
  exchange: string;
  priority: number;
}

export interface SrvRecord {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

/** A TLSA record (RFC 6698): certificate usage, selector, matching type and the data, hex. */
export interface TlsaRecord {
  usage: number;
  selector: number;
  matchingType: number;
  data: string;
}

export interface DnsClient {
  /** TXT records, each one's strings joined; empty when the name or record does not exist. */
  txt(name: string): Promise<string[]>;
  /** MX records sorted numerically by preference (lowest first). */
  mx(name: string): Promise<MxRecord[]>;
  srv(name: string): Promise<SrvRecord[]>;
  /** IPv4 then IPv6 addresses of a host. */
  addresses(name: string): Promise<string[]>;
  a(name: string): Promise<string[]>;
  aaaa(name: string): Promise<string[]>;
  /** Names of an address (PTR), without the trailing dot. */
  ptr(address: string): Promise<string[]>;
  /** The target when the name is an alias (CNAME), else empty. */
  cname(name: string): Promise<string[]>;
  /**
   * Whether the resolver vouched for the answer with DNSSEC (AD bit). Only a resolver on
   * this machine counts: the bit crosses the network unprotected, so a remote one could be
   * impersonated (RFC 6698 §4.1 leaves trust in AD to a secure path to the validator).
   */
  authenticated(name: string, type: 'SRV' | 'MX' | 'TXT' | 'TLSA'): Promise<boolean>;
  /**
   * TLSA records (c-ares cannot ask for them), with whether they are DNSSEC-authenticated
   * under the same rule as `authenticated`: AD set by a resolver on this machine.
   */
  tlsa(name: string): Promise<{ records: TlsaRecord[]; authenticated: boolean }>;
}

export interface DnsClientOptions {
  /** `IP` or `IP:PORT` (IPv6 as `[::1]:53`); the system resolver when absent. */
  dnsServer?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface Server {
  host: string;
  port: number;
}

const invalidServer = (value: string) =>
  new UserFacingError('invalid-input', {
    en: `The DNS server must be an IP address with an optional port, such as 127.0.0.1:53 (got "${value}").`,
    ja: `DNS サーバーは 127.0.0.1:53 のように IP アドレス（ポートは省略可）で指定してください（指定値: "${value}"）。`,
  });

/** Parses `IP`, `IP:PORT` or `[IPv6]:PORT`. */
export function parseDnsServer(value: string): Server {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(value);
  const host = bracketed?.[1] ?? (isIP(value) === 6 ? value : plain?.[1]);
  const portText = bracketed ? bracketed[2] : isIP(value) === 6 ? undefined : plain?.[2];
  const port = portText === undefined ? 53 : Number(portText);
  if (!host || isIP(host) === 0 || !Number.isInteger(port) || port < 1 || port > 65535)
    throw invalidServer(value);
  return { host, port };
}

function isLoopback(host: string): boolean {
  return host === '::1' || host.startsWith('127.');
}

const emptyCodes = new Set(['ENODATA', 'ENOTFOUND', 'NOTFOUND', 'NODATA']);

export function createDnsClient(options: DnsClientOptions = {}): DnsClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  const server = options.dnsServer ? parseDnsServer(options.dnsServer) : undefined;
  if (server)
    resolver.setServers([
      isIP(server.host) === 6 ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`,
    ]);
  options.signal?.addEventListener('abort', () => resolver.cancel(), { once: true });

  /** A c-ares lookup; `verbatim` answers instead for names c-ares refuses to encode. */
  async function run<T>(
    query: string,
    lookup: () => Promise<T[]>,
    verbatim?: () => Promise<T[]>,
  ): Promise<T[]> {
    if (options.signal?.aborted) throw cancelled();
    // c-ares honours the timeout, but a guard of our own makes "never hangs" independent of it.
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DnsLookupError('timeout', query, 'ETIMEOUT')), timeoutMs + 1000);
    });
    try {
      return await Promise.race([lookup(), guard]);
    } catch (error) {
      if (error instanceof DnsLookupError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
      if (emptyCodes.has(code)) return [];
      // c-ares refuses some names DNS allows and some answers lenient resolvers take.
      if ((code === 'EBADNAME' || code === 'EBADRESP') && verbatim) return verbatim();
      if (code === 'ECANCELLED' || options.signal?.aborted) throw cancelled();
      if (code === 'ETIMEOUT') throw new DnsLookupError('timeout', query, code);
      if (code === 'ESERVFAIL') throw new DnsLookupError('servfail', query, code);
      throw new DnsLookupError('error', query, code);
    } finally {
      clearTimeout(timer);
    }
  }

  const verbatim = (name: string, type: PacketType) =>
    lookupVerbatim(server ?? systemServer(), name, type, timeoutMs, options.signal);
  const a = (name: string) =>
    run(
      `${name} A`,
      () => resolver.resolve4(name),
      async () => (await verbatim(name, 'A')) as string[],
    );
  const aaaa = (name: string) =>
    run(
      `${name} AAAA`,
      () => resolver.resolve6(name),
      async () => (await verbatim(name, 'AAAA')) as string[],
    );
  return {
    txt: (name) =>
      run(
        `${name} TXT`,
        () => resolver.resolveTxt(name),
        async () => ((await verbatim(name, 'TXT')) as Buffer[][]).map((parts) => parts.map(String)),
      ).then((rows) => rows.map((chunks) => chunks.join(''))),
    mx: (name) =>
      run(
        `${name} MX`,
        () => resolver.resolveMx(name),
        async () =>
          ((await verbatim(name, 'MX')) as { preference: number; exchange: string }[]).map((mx) => ({
            exchange: mx.exchange,
            priority: mx.preference,
          })),
      ).then((rows) =>
        rows
          .map((r) => ({ exchange: r.exchange.replace(/\.$/, '').toLowerCase(), priority: r.priority }))
          // Names are ASCII (A-labels): plain code-unit order is the same in every locale, and
          // spares a cold process the 10 ms ICU takes to load collation for localeCompare.
          .sort(
            (a, b) =>
              a.priority - b.priority || (a.exchange < b.exchange ? -1 : a.exchange > b.exchange ? 1 : 0),
          ),
      ),
    srv: (name) => run(`${name} SRV`, () => resolver.resolveSrv(name)),
    addresses: async (name) => [...(await a(name)), ...(await aaaa(name))],
    a,
    aaaa,
    ptr: (address) =>
      run(`${address} PTR`, () => resolver.reverse(address)).then((names) =>
        names.map((n) => n.replace(/\.$/, '')),
      ),
    cname: (name) => run(`${name} CNAME`, () => resolver.resolveCname(name)),
    authenticated: async (name, type) => {
      const target = server ?? systemServer();
      if (!target || !isLoopback(target.host)) return false;
      return queryAdBit(target, name, type, timeoutMs, options.signal).catch(() => false);
    },
    tlsa: async (name) => {
      const target = server ?? systemServer();
      const query = `${name} TLSA`;
      if (!target) throw new DnsLookupError('error', query, 'ENOSERVER');
      if (options.signal?.aborted) throw cancelled();
      const answer = await udpQuery(target, name, 'TLSA', timeoutMs, options.signal, true);
      if (options.signal?.aborted) throw cancelled();
      if (answer === null) throw new DnsLookupError('timeout', query, 'ETIMEOUT');
      if (answer === 'malformed' || answer.flag_tc) throw new DnsLookupError('error', query, 'EBADRESP');
      const rcode = (answer.flags ?? 0) & 0xf;
      if (rcode === 2) throw new DnsLookupError('servfail', query, 'ESERVFAIL');
      if (rcode === 3) return { records: [], authenticated: false };
      if (rcode !== 0) throw new DnsLookupError('error', query, `RCODE${rcode}`);
      const records = (answer.answers ?? []).flatMap((a) =>
        a.type === 'TLSA'
          ? [
              {
                usage: a.data.usage,
                selector: a.data.selector,
                matchingType: a.data.matchingType,
                data: a.data.certificate.toString('hex'),
              },
            ]
          : [],
      );
      return {
        records,
        authenticated: isLoopback(target.host) && Boolean(answer.flag_ad) && records.length > 0,
      };
    },
  };
}

function systemServer(): Server | undefined {
  const first = getServers()[0];
  return first ? parseDnsServer(first) : undefined;
}

function cancelled(): UserFacingError {
  return new UserFacingError('cancelled', {
    en: 'The lookup was cancelled.',
    ja: '問い合わせを中止しました。',
  });
}

/** One UDP query with the DO and AD bits set; true only for a NOERROR answer with AD set. */
async function queryAdBit(
  server: Server,
  name: string,
  type: 'SRV' | 'MX' | 'TXT' | 'TLSA',
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<boolean> {
  const answer = await udpQuery(server, name, type, timeoutMs, signal, true);
  if (answer === null || answer === 'malformed') return false;
  const rcode = (answer.flags ?? 0) & 0xf;
  return rcode === 0 && Boolean(answer.flag_ad) && (answer.answers?.length ?? 0) > 0;
}

type PacketType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'SRV' | 'TLSA';

/** One UDP query (with EDNS, and the DNSSEC bits when asked): the decoded answer, null if none came. */
function udpQuery(
  server: Server,
  name: string,
  type: PacketType,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  dnssec: boolean,
): Promise<dnsPacket.DecodedPacket | 'malformed' | null> {
  const id = randomInt(0, 0x10000);
  const query = dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED | (dnssec ? dnsPacket.AUTHENTIC_DATA : 0),
    questions: [{ type, name }],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: 1232,
        extendedRcode: 0,
        ednsVersion: 0,
        flags: dnssec ? dnsPacket.DNSSEC_OK : 0,
        flag_do: dnssec,
        options: [],
      },
    ],
  });
  const socket = dgram.createSocket(isIP(server.host) === 6 ? 'udp6' : 'udp4');
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: dnsPacket.DecodedPacket | 'malformed' | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.close();
      resolve(value);
    };
    const onAbort = () => finish(null);
    const timer = setTimeout(() => finish(null), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', () => finish(null));
    socket.on('message', (message, remote) => {
      if (remote.address !== server.host || remote.port !== server.port) return;
      try {
        const answer = dnsPacket.decode(message);
        if (answer.id === id && answer.flag_qr) finish(answer);
      } catch {
        finish('malformed');
      }
    });
    socket.send(query, server.port, server.host);
  });
}

/** Whether a name fits a DNS query: labels of 1–63 bytes, 253 bytes in all. */
function fitsWireFormat(name: string): boolean {
  const labels = name.replace(/\.$/, '').split('.');
  const bytes = (text: string) => Buffer.byteLength(text);
  return bytes(labels.join('.')) <= 253 && labels.every((l) => bytes(l) > 0 && bytes(l) <= 63);
}

/**
 * Asks `server` directly when c-ares will not: it refuses names with characters
 * outside host-name syntax (":" or "%", which SPF macros can produce and DNS itself
 * allows) and answers it finds malformed (a TXT record without character-strings).
 * The data of the answers of `type`, CNAMEs already followed.
 */
async function lookupVerbatim(
  server: Server | undefined,
  name: string,
  type: PacketType,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<unknown[]> {
  const query = `${name} ${type}`;
  if (!server || !fitsWireFormat(name)) throw new DnsLookupError('error', query, 'EBADNAME');
  const answer = await udpQuery(server, name, type, timeoutMs, signal, false);
  if (answer === null) throw new DnsLookupError('timeout', query, 'ETIMEOUT');
  if (answer === 'malformed') throw new DnsLookupError('error', query, 'EBADRESP');
  const rcode = (answer.flags ?? 0) & 0xf;
  if (rcode === 3) return [];
  if (rcode === 2) throw new DnsLookupError('servfail', query, 'ESERVFAIL');
  if (rcode !== 0 || answer.flag_tc)
    throw new DnsLookupError('error', query, rcode ? `RCODE${rcode}` : 'ETRUNC');
  return (answer.answers ?? []).flatMap((record) => (record.type === type ? [record.data] : []));
}
