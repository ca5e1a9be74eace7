/**
 * The chain memo (electron/engine/tls/chain-memo.ts) in real audits of smtp-server
 * instances: it stands in for OpenSSL's verdict only for the chain OpenSSL verified,
 * with the same anchor still trusted and within its dates, and any other chain on the
 * same port is verified by OpenSSL in a new handshake. Every verdict is compared with
 * the same audit's verdict without a memo.
 */
import { X509Certificate } from 'node:crypto';
import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { auditReportSchema, type AuditReport, type PortReport } from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import {
  verificationContext,
  type ChainMemo,
  type RememberedChain,
} from '../../electron/engine/tls/chain-memo.js';
import { testPki } from '../helpers/env.js';
import { rawServer, tlsServer } from '../helpers/hostile.js';
import type { LeafName } from '../helpers/pki.js';
import { startSmtpServer, type RunningServer, type Shape } from '../helpers/smtp-server.js';

class MemoryMemo implements ChainMemo {
  chainsKept: RememberedChain[] = [];
  chains(endpoint: string): RememberedChain[] {
    return this.chainsKept.filter((chain) => chain.endpoint === endpoint);
  }
  remember(chain: RememberedChain): void {
    this.chainsKept.unshift(chain);
  }
}

type Ports = Array<{ port: number; mode?: 'implicit-tls' | 'starttls' }>;

/** `withCa` false: the test CA is not the user's, so nothing the test servers present is trusted. */
async function audit(ports: Ports, memo?: ChainMemo, withCa = true) {
  const report = await runAudit(
    {
      auditId: 'chain-memo',
      host: '127.0.0.1',
      ports,
      caPem: withCa ? testPki().caPem : undefined,
      timeoutMs: 5000,
    },
    { chainMemo: memo },
  );
  return auditReportSchema.parse(report) satisfies AuditReport;
}

const notes = (port: PortReport) => port.transcript.flatMap((line) => (line.note ? [line.note.key] : []));

/** What a port's report concludes, without clock readings and transcript. */
function verdicts(report: AuditReport) {
  return report.ports.map((port) => ({
    port: port.port,
    mode: port.mode,
    certificate: port.certificate && { ...port.certificate, daysLeft: undefined },
    findings: port.findings.map((finding) => `${finding.id} ${finding.detail ?? ''}`).sort(),
  }));
}

const base64Of = (pem: string) => new X509Certificate(pem).raw.toString('base64');
const testCaBase64 = base64Of(testPki().caPem);
const validLeafBase64 = base64Of(testPki().leaf('valid').cert);

let running: RunningServer[] = [];
async function serve(shape: Shape, leaf: LeafName = 'valid', port = 0): Promise<RunningServer> {
  const server = await startSmtpServer(shape, port, leaf);
  running.push(server);
  return server;
}
async function stop(server: RunningServer): Promise<void> {
  running = running.filter((other) => other !== server);
  await server.close();
}
/** A pool of two servers behind one port: the first connection reaches `first`, every later one `rest`. */
async function poolOf(first: number, rest: number): Promise<net.Server> {
  let connections = 0;
  const pool = net.createServer((client) => {
    const backend = net.connect(connections++ === 0 ? first : rest, '127.0.0.1');
    client.pipe(backend).pipe(client);
    client.on('error', () => backend.destroy());
    backend.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => pool.listen(0, '127.0.0.1', resolve));
  return pool;
}

afterEach(async () => {
  await Promise.all(running.map((server) => server.close()));
  running = [];
});

describe('the chain memo in an audit', () => {
  it('stands in for OpenSSL only for the chain OpenSSL verified, with the same verdict', async () => {
    const implicit = await serve('implicit-tls');
    const starttls = await serve('starttls');
    const ports: Ports = [{ port: implicit.port, mode: 'implicit-tls' }, { port: starttls.port }];
    const memo = new MemoryMemo();

    const first = await audit(ports, memo);
    expect(memo.chainsKept.map((chain) => chain.endpoint).sort()).toEqual(
      [`127.0.0.1:${implicit.port}`, `127.0.0.1:${starttls.port}`].sort(),
    );
    for (const chain of memo.chainsKept) {
      expect(chain.chain).toEqual([validLeafBase64, testCaBase64]);
      expect(chain.context).toBe(verificationContext(testPki().caPem));
      expect(chain.validFrom).toBeLessThan(Date.now());
      expect(chain.validTo).toBeGreaterThan(Date.now());
    }
    for (const port of first.ports) expect(notes(port)).not.toContain('certificate-remembered');

    const second = await audit(ports, memo);
    for (const port of second.ports) {
      expect(notes(port)).toContain('certificate-remembered');
      expect(port.certificate?.trusted).toBe(true);
      expect(port.certificate?.chainLength).toBe(2);
    }
    // Nothing new was learned, so nothing was remembered again.
    expect(memo.chainsKept).toHaveLength(2);
    const without = await audit(ports);
    expect(verdicts(second)).toEqual(verdicts(without));
    expect(verdicts(first)).toEqual(verdicts(without));
  });

  it('verifies a chain that changed in a new handshake, and remembers it only when OpenSSL trusts it', async () => {
    const memo = new MemoryMemo();
    let server = await serve('implicit-tls');
    const { port } = server;
    const ports: Ports = [{ port, mode: 'implicit-tls' }];
    await audit(ports, memo);
    expect(memo.chainsKept).toHaveLength(1);

    // A renewed certificate on the same port, from the same CA.
    await stop(server);
    server = await serve('implicit-tls', 'expiring-soon', port);
    const renewed = await audit(ports, memo);
    const [renewedPort] = renewed.ports;
    expect(notes(renewedPort!)).toContain('remembered-chain-changed');
    expect(notes(renewedPort!)).not.toContain('certificate-remembered');
    expect(renewedPort?.certificate?.trusted).toBe(true);
    expect(renewedPort?.certificate?.fingerprint256).toBe(
      new X509Certificate(testPki().leaf('expiring-soon').cert).fingerprint256,
    );
    expect(verdicts(renewed)).toEqual(verdicts(await audit(ports)));
    expect(memo.chainsKept).toHaveLength(2);
    expect(memo.chainsKept[0]?.chain[0]).not.toBe(memo.chainsKept[1]?.chain[0]);

    // A certificate no anchor vouches for: OpenSSL's verdict, and nothing remembered.
    await stop(server);
    server = await serve('implicit-tls', 'self-signed', port);
    const selfSigned = await audit(ports, memo);
    expect(notes(selfSigned.ports[0]!)).toContain('remembered-chain-changed');
    expect(selfSigned.ports[0]?.certificate?.trusted).toBe(false);
    expect(verdicts(selfSigned)).toEqual(verdicts(await audit(ports)));
    expect(memo.chainsKept).toHaveLength(2);
  });

  it('never uses a chain remembered under another CA or other settings, or whose dates have passed', async () => {
    const server = await serve('implicit-tls');
    const ports: Ports = [{ port: server.port, mode: 'implicit-tls' }];
    const memo = new MemoryMemo();
    await audit(ports, memo);
    const [remembered] = memo.chainsKept;
    if (!remembered) throw new Error('nothing remembered');

    // The test CA was the user's own: an audit without it does not trust the chain.
    const withoutCa = await audit(ports, memo, false);
    expect(notes(withoutCa.ports[0]!)).not.toContain('certificate-remembered');
    expect(withoutCa.ports[0]?.certificate?.trusted).toBe(false);
    expect(verdicts(withoutCa)).toEqual(verdicts(await audit(ports, undefined, false)));

    for (const stale of [
      { ...remembered, validTo: Date.now() - 1000 },
      { ...remembered, validFrom: Date.now() + 60_000 },
      { ...remembered, context: verificationContext(undefined) },
      { ...remembered, rememberable: false },
    ]) {
      const only = new MemoryMemo();
      only.chainsKept = [stale];
      const report = await audit(ports, only);
      expect(notes(report.ports[0]!)).not.toContain('certificate-remembered');
      expect(notes(report.ports[0]!)).not.toContain('remembered-chain-changed');
      expect(report.ports[0]?.certificate?.trusted).toBe(true);
    }
    // Verified under this context, the chain is remembered anew beside the other context's.
    const otherContext = new MemoryMemo();
    otherContext.chainsKept = [{ ...remembered, context: verificationContext(undefined) }];
    await audit(ports, otherContext);
    expect(otherContext.chainsKept[0]).toEqual(remembered);
  });

  /** A memo that remembers `leaf` (the test server's usual one) for `port`, as before a renewal. */
  function rememberingValidChain(port: number, leaf = validLeafBase64): MemoryMemo {
    const memo = new MemoryMemo();
    memo.chainsKept = [
      {
        endpoint: `127.0.0.1:${port}`,
        chain: [leaf, testCaBase64],
        validFrom: 0,
        validTo: Date.now() + 86_400_000,
        context: verificationContext(testPki().caPem),
        rememberable: true,
      },
    ];
    return memo;
  }

  it('gives a changed chain its verdict also when the dialogue fails after the handshake', async () => {
    const leaf = testPki().leaf('expiring-soon');
    const busy = await tlsServer({ key: leaf.key, cert: leaf.cert }, (socket) =>
      socket.end('421 4.7.0 too busy, try later\r\n'),
    );
    try {
      const ports: Ports = [{ port: busy.port, mode: 'implicit-tls' }];
      const report = await audit(ports, rememberingValidChain(busy.port));
      expect(notes(report.ports[0]!)).toContain('remembered-chain-changed');
      expect(report.ports[0]?.certificate?.trusted).toBe(true);
      expect(verdicts(report)).toEqual(verdicts(await audit(ports)));
    } finally {
      await busy.close();
    }
  });

  it('never takes the verdict of a second look that another server answered', async () => {
    // A pool: the first connection reaches a server with a self-signed certificate, every later one a good server.
    const bad = await serve('implicit-tls', 'self-signed');
    const good = await serve('implicit-tls');
    const pool = await poolOf(bad.port, good.port);
    try {
      const port = (pool.address() as net.AddressInfo).port;
      const report = await audit([{ port, mode: 'implicit-tls' }], rememberingValidChain(port));
      const [probed] = report.ports;
      expect(notes(probed!)).toEqual(
        expect.arrayContaining(['remembered-chain-changed', 'chain-not-verified']),
      );
      expect(probed?.certificate).toMatchObject({ trusted: false, errorCode: 'CHAIN_NOT_VERIFIED' });
      expect(probed?.certificate?.fingerprint256).toBe(
        new X509Certificate(testPki().leaf('self-signed').cert).fingerprint256,
      );
      expect(probed?.findings.map((finding) => finding.id)).toContain('cert-untrusted');
    } finally {
      pool.close();
    }
  });

  it('never stands in when OpenSSL found another fault in the certificates than the missing root', async () => {
    // As if the expired certificate had been verified while it was valid: the same bytes now fail on dates.
    const server = await serve('implicit-tls', 'expired');
    const ports: Ports = [{ port: server.port, mode: 'implicit-tls' }];
    const memo = rememberingValidChain(server.port, base64Of(testPki().leaf('expired').cert));
    const report = await audit(ports, memo);
    expect(notes(report.ports[0]!)).toContain('remembered-chain-changed');
    expect(notes(report.ports[0]!)).not.toContain('certificate-remembered');
    expect(report.ports[0]?.findings.map((finding) => finding.id)).toContain('cert-expired');
    expect(verdicts(report)).toEqual(verdicts(await audit(ports)));
  });

  it('stops cleanly when cancelled while a second look is under way', async () => {
    // The first connection reaches a renewed server; every later one a server that never answers.
    const renewed = await serve('implicit-tls', 'expiring-soon');
    const silent = await rawServer(() => undefined);
    const pool = await poolOf(renewed.port, silent.port);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const port = (pool.address() as net.AddressInfo).port;
      const controller = new AbortController();
      const pending = runAudit(
        {
          auditId: 'chain-memo',
          host: '127.0.0.1',
          ports: [{ port, mode: 'implicit-tls' }],
          caPem: testPki().caPem,
          timeoutMs: 5000,
        },
        { chainMemo: rememberingValidChain(port), signal: controller.signal },
      );
      // By then the main handshake is done and the second look waits for an answer.
      setTimeout(() => controller.abort(), 300);
      await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      pool.close();
      await silent.close();
    }
  });
});
