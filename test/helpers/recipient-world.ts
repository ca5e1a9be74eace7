/**
 * The recipient-check world (issue 18): Debian Postfix instances as MX hosts on
 * 127.0.0.2-.5, all on one shared port that stands in for 25; a raw server on
 * 127.0.0.6 that accepts and never answers; nothing on 127.0.0.7 (refused); the
 * loopback DNS server with MX, TLSA (with and without the AD bit), MTA-STS and
 * TLS-RPT records; and the MTA-STS policies over HTTPS with test-CA certificates.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { DnsZone, NameBehaviour } from './dns-server.js';
import { startDnsServer, type TestDnsServer } from './dns-server.js';
import { testPki } from './env.js';
import { startHttpsServer, type TestHttpsServer } from './https-server.js';
import { issueLeaf } from './pki.js';
import { freePorts, startPostfix, type PostfixInstance } from './postfix.js';

export interface RecipientWorld {
  dns: TestDnsServer;
  https: TestHttpsServer;
  /** The port every MX listens on instead of 25. */
  smtpPort: number;
  /** The test CA, to trust with --ca. */
  caFile: string;
  caPem: string;
  /** The end of each Postfix MX's log, to explain a failed test. */
  postfixLogs(): string;
  close(): Promise<void>;
}

/** Names on the certificate of the good MX (127.0.0.2). */
const goodNames = [
  'mx1.good.test',
  'mx.dane.test',
  'mx.danebad.test',
  'mx.daneunsigned.test',
  'mx.outside.test',
  'implicit.test',
];

const policy = (mode: string, ...mx: string[]) =>
  ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), 'max_age: 604800', ''].join('\r\n');

function spkiSha256(pem: string): string {
  const der = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

/** A domain whose one MX is `mx` at `address`; `extra` adds or replaces names. */
function domain(name: string, mx: string, address: string, extra: DnsZone = {}): DnsZone {
  return { [name]: { MX: [{ priority: 10, exchange: mx }] }, [mx]: { A: [address] }, ...extra };
}

/** MTA-STS and TLS-RPT records of `name`; its policy is served by policyRoutes(). */
function mtaSts(name: string): DnsZone {
  return {
    [`_mta-sts.${name}`]: { TXT: ['v=STSv1; id=20261202'] },
    [`mta-sts.${name}`]: { A: ['127.0.0.1'] },
    [`_smtp._tls.${name}`]: { TXT: [`v=TLSRPTv1; rua=mailto:tls@${name}`] },
  };
}

function signedMx(mx: string): NameBehaviour {
  return { MX: [{ priority: 10, exchange: mx }], authenticated: true };
}

export function recipientZone(goodCertPem: string): DnsZone {
  const tlsa = (data: string) => ({ usage: 3, selector: 1, matchingType: 1, data });
  return {
    ...domain('good.test', 'mx1.good.test', '127.0.0.2', mtaSts('good.test')),
    ...domain('plain.test', 'mx.plain.test', '127.0.0.3'),
    ...domain('expired.test', 'mx.expired.test', '127.0.0.4'),
    ...domain('wrongname.test', 'mx.wrongname.test', '127.0.0.5'),
    ...domain('silent.test', 'mx.silent.test', '127.0.0.6'),
    ...domain('blocked.test', 'mx.blocked.test', '127.0.0.7'),
    ...domain('outside.test', 'mx.outside.test', '127.0.0.2', mtaSts('outside.test')),
    ...domain('dane.test', 'mx.dane.test', '127.0.0.2', {
      'dane.test': signedMx('mx.dane.test'),
      '_25._tcp.mx.dane.test': { TLSA: [tlsa(spkiSha256(goodCertPem))], authenticated: true },
    }),
    ...domain('danebad.test', 'mx.danebad.test', '127.0.0.2', {
      'danebad.test': signedMx('mx.danebad.test'),
      '_25._tcp.mx.danebad.test': { TLSA: [tlsa('00'.repeat(32))], authenticated: true },
    }),
    ...domain('daneunsigned.test', 'mx.daneunsigned.test', '127.0.0.2', {
      '_25._tcp.mx.daneunsigned.test': { TLSA: [tlsa(spkiSha256(goodCertPem))] },
    }),
    'mixed.test': {
      MX: [
        { priority: 10, exchange: 'mx1.good.test' },
        { priority: 20, exchange: 'mx.plain.test' },
      ],
    },
    'nullmx.test': { MX: [{ priority: 0, exchange: '.' }] },
    'implicit.test': { A: ['127.0.0.2'] },
    'nowhere.test': { TXT: ['hello'] },
  };
}

/** The HTTPS routes serving each domain's MTA-STS policy. */
function policyRoutes(): Record<string, { body: string }> {
  return {
    'mta-sts.good.test/.well-known/mta-sts.txt': { body: policy('enforce', '*.good.test') },
    'mta-sts.outside.test/.well-known/mta-sts.txt': { body: policy('enforce', 'mx.other.test') },
  };
}

/** Accepts connections on `address:port` and never says a word. */
async function startSilentServer(address: string, port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, address, resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startRecipientWorld(): Promise<RecipientWorld> {
  const pki = testPki();
  const [smtpPort] = await freePorts(1);
  const port = smtpPort!;
  const good = issueLeaf(pki, goodNames, -1, 90);
  const expired = issueLeaf(pki, ['mx.expired.test'], -90, -30);
  const wrongName = pki.leaf('wrong-name');
  const started: Array<{ address: string; instance: PostfixInstance }> = [];
  const closers: Array<() => Promise<void> | void> = [];
  try {
    const shapes: Array<{ address: string; certFile: string; keyFile: string; extraMain?: string[] }> = [
      { address: '127.0.0.2', ...good },
      { address: '127.0.0.3', ...good, extraMain: ['smtpd_tls_security_level = none'] },
      { address: '127.0.0.4', ...expired },
      { address: '127.0.0.5', certFile: wrongName.certFile, keyFile: wrongName.keyFile },
    ];
    for (const shape of shapes) {
      const instance = await startPostfix({
        certFile: shape.certFile,
        keyFile: shape.keyFile,
        shape: 'good',
        address: shape.address,
        smtpPort: port,
        extraMain: shape.extraMain,
      });
      started.push({ address: shape.address, instance });
      closers.push(() => instance.stop());
    }
    const silent = await startSilentServer('127.0.0.6', port);
    closers.push(() => silent.close());
    const dns = await startDnsServer(recipientZone(good.cert));
    closers.push(() => dns.close());
    const https = await startHttpsServer(policyRoutes(), 'valid', [
      'mta-sts.good.test',
      'mta-sts.outside.test',
    ]);
    closers.push(() => https.close());
    const close = async () => {
      for (const closer of closers.reverse()) await closer();
    };
    const postfixLogs = () =>
      started
        .map(({ address, instance }) => `--- ${address}\n${instance.log().split('\n').slice(-40).join('\n')}`)
        .join('\n');
    return { dns, https, smtpPort: port, caFile: pki.caFile, caPem: pki.caPem, postfixLogs, close };
  } catch (error) {
    for (const closer of closers.reverse()) await closer();
    throw error;
  }
}
