/**
 * A real DNS server for tests: dns-packet over UDP (and TCP, for answers that do not
 * fit a datagram) on 127.0.0.1, answering from a crafted zone. Names can also be made
 * to fail (SERVFAIL, REFUSED), to never answer (a stalled resolver), or to answer with
 * the DNSSEC "authenticated data" bit set. Record types: A, AAAA, TXT, MX, SRV, TLSA.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket, { type Answer, type DecodedPacket, type Question } from 'dns-packet';

export interface NameBehaviour {
  A?: string[];
  AAAA?: string[];
  /**
   * Each entry is one TXT record; strings longer than 255 bytes are split into chunks,
   * and an array gives the record's character-strings as they are.
   */
  TXT?: (string | string[])[];
  PTR?: string[];
  /** An alias: other queries are answered with it and the target's records, as a resolver does. */
  CNAME?: string;
  MX?: { priority: number; exchange: string }[];
  SRV?: { priority: number; weight: number; port: number; target: string }[];
  /** TLSA records; `data` is the association data in hex. */
  TLSA?: { usage: number; selector: number; matchingType: number; data: string }[];
  /** Answer every query for this name with this error. */
  rcode?: 'SERVFAIL' | 'REFUSED';
  /** Never answer queries for this name. */
  stall?: boolean;
  /** Never answer queries of these types for this name. */
  stallTypes?: string[];
  /** Set the AD bit on answers (as a validating resolver would for signed data). */
  authenticated?: boolean;
}

export type DnsZone = Record<string, NameBehaviour>;

export interface TestDnsServer {
  /** `127.0.0.1:PORT`, ready for `--dns-server`. */
  address: string;
  port: number;
  /** Every question received, as "name TYPE". */
  queries: string[];
  close(): Promise<void>;
}

const rcodes = { NOERROR: 0, NXDOMAIN: 3, SERVFAIL: 2, REFUSED: 5 } as const;

function chunks(text: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += 255) parts.push(text.slice(i, i + 255));
  return parts.length > 0 ? parts : [''];
}

function answersFor(question: Question, behaviour: NameBehaviour): Answer[] {
  const base = { name: question.name, ttl: 60, class: 'IN' as const };
  switch (question.type) {
    case 'A':
      return (behaviour.A ?? []).map((data) => ({ ...base, type: 'A' as const, data }));
    case 'AAAA':
      return (behaviour.AAAA ?? []).map((data) => ({ ...base, type: 'AAAA' as const, data }));
    case 'TXT':
      return (behaviour.TXT ?? []).map((text) => ({
        ...base,
        type: 'TXT' as const,
        data: typeof text === 'string' ? chunks(text) : text,
      }));
    case 'PTR':
      return (behaviour.PTR ?? []).map((data) => ({ ...base, type: 'PTR' as const, data }));
    case 'CNAME':
      return behaviour.CNAME === undefined
        ? []
        : [{ ...base, type: 'CNAME' as const, data: behaviour.CNAME }];
    case 'MX':
      return (behaviour.MX ?? []).map((mx) => ({
        ...base,
        type: 'MX' as const,
        data: { preference: mx.priority, exchange: mx.exchange },
      }));
    case 'SRV':
      return (behaviour.SRV ?? []).map((srv) => ({ ...base, type: 'SRV' as const, data: srv }));
    case 'TLSA':
      return (behaviour.TLSA ?? []).map((tlsa) => ({
        ...base,
        type: 'TLSA' as const,
        data: { ...tlsa, certificate: Buffer.from(tlsa.data, 'hex') },
      }));
    default:
      return [];
  }
}

/** Answers for a name, following CNAMEs (at most 8) the way a recursive resolver does. */
function followAliases(question: Question, behaviour: NameBehaviour, zone: DnsZone): Answer[] {
  const answers: Answer[] = [];
  let current: NameBehaviour | undefined = behaviour;
  let name = question.name;
  for (let hops = 0; current && hops < 8; hops++) {
    if (current.CNAME === undefined || question.type === 'CNAME')
      return [...answers, ...answersFor({ ...question, name }, current)];
    answers.push({ name, ttl: 60, class: 'IN', type: 'CNAME', data: current.CNAME });
    name = current.CNAME;
    current = zone[name.toLowerCase().replace(/\.$/, '')];
  }
  return answers;
}

/** The reply to a query, or null to stay silent. */
function reply(
  query: DecodedPacket,
  zone: DnsZone,
  queries: string[],
  maxSize: number | null,
): Buffer | null {
  const question = query.questions?.[0];
  if (!question) return null;
  queries.push(`${question.name} ${question.type}`);
  const behaviour = zone[question.name.toLowerCase().replace(/\.$/, '')];
  if (behaviour?.stall || behaviour?.stallTypes?.includes(question.type)) return null;
  const rcode =
    behaviour === undefined ? rcodes.NXDOMAIN : behaviour.rcode ? rcodes[behaviour.rcode] : rcodes.NOERROR;
  const answers = rcode === rcodes.NOERROR && behaviour ? followAliases(question, behaviour, zone) : [];
  const wantsAd =
    Boolean((query.flags ?? 0) & dnsPacket.AUTHENTIC_DATA) ||
    query.additionals?.some((a) => a.type === 'OPT');
  let flags =
    dnsPacket.AUTHORITATIVE_ANSWER |
    dnsPacket.RECURSION_AVAILABLE |
    ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) |
    rcode;
  if (behaviour?.authenticated && wantsAd) flags |= dnsPacket.AUTHENTIC_DATA;
  const packet = { type: 'response' as const, id: query.id, flags, questions: [question], answers };
  const encoded = dnsPacket.encode(packet);
  if (maxSize !== null && encoded.length > maxSize) {
    return dnsPacket.encode({ ...packet, answers: [], flags: flags | dnsPacket.TRUNCATED_RESPONSE });
  }
  return encoded;
}

export async function startDnsServer(zone: DnsZone): Promise<TestDnsServer> {
  const queries: string[] = [];
  const onMessage = (udp: dgram.Socket) => (message: Buffer, remote: dgram.RemoteInfo) => {
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const opt = query.additionals?.find((a) => a.type === 'OPT');
    const maxSize = opt && 'udpPayloadSize' in opt ? opt.udpPayloadSize : 512;
    const answer = reply(query, zone, queries, maxSize);
    if (answer) udp.send(answer, remote.port, remote.address);
  };

  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      while (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) {
        const length = buffer.readUInt16BE(0);
        const query = dnsPacket.decode(buffer.subarray(2, 2 + length));
        buffer = buffer.subarray(2 + length);
        const answer = reply(query, zone, queries, null);
        if (answer) {
          const framed = Buffer.alloc(2 + answer.length);
          framed.writeUInt16BE(answer.length, 0);
          answer.copy(framed, 2);
          socket.write(framed);
        }
      }
    });
  });
  // UDP picks a free port and TCP must take the same number; another process may hold it
  // for TCP already (many suites run at once), so a few fresh pairs are tried.
  let udp: dgram.Socket;
  let port: number;
  for (let attempt = 1; ; attempt += 1) {
    const socket = dgram.createSocket('udp4');
    socket.on('message', onMessage(socket));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const candidate = socket.address().port;
    const listening = await new Promise<boolean>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) =>
        error.code === 'EADDRINUSE' && attempt < 10 ? resolve(false) : reject(error);
      tcp.once('error', onError);
      tcp.listen(candidate, '127.0.0.1', () => {
        tcp.off('error', onError);
        resolve(true);
      });
    });
    if (listening) {
      udp = socket;
      port = candidate;
      break;
    }
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}
