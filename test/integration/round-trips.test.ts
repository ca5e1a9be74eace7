/**
 * The round-trip savings of issue 16 keep every verdict: TLS 1.0 and 1.1 offered in
 * one handshake still give exact version fields whichever of them a server accepts,
 * and MAIL FROM, RSET and STARTTLS go as one group only to a server that offers
 * PIPELINING, with the same TLS-enforcement verdict either way.
 */
import * as tls from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import type { PortMode, PortReport, TlsVersionName } from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { testPki } from '../helpers/env.js';
import {
  rawServer,
  smtpServer,
  tlsServer,
  type Behaviour,
  type HostileServer,
  type ServerEvent,
} from '../helpers/hostile.js';
import { credentials } from '../hostile/cases.js';
import { startLatencyRelay } from '../bench/relay.js';

const started: HostileServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((server) => server.close()));
});

async function auditPort(
  server: Promise<HostileServer>,
  mode: PortMode,
  through?: (port: number) => Promise<number>,
): Promise<PortReport> {
  const running = await server;
  started.push(running);
  const report = await runAudit({
    auditId: 'round-trips',
    host: '127.0.0.1',
    ports: [{ port: through ? await through(running.port) : running.port, mode }],
    timeoutMs: 5000,
    caPem: testPki().caPem,
  });
  const port = report.ports[0];
  if (!port) throw new Error('no port in the report');
  return port;
}

/** Node 20's OpenSSL 3 serves TLS 1.0 and 1.1 only at security level 0. */
function serving(minVersion: tls.SecureVersion, maxVersion: tls.SecureVersion) {
  return { ...credentials(), minVersion, maxVersion, ciphers: 'DEFAULT:@SECLEVEL=0' };
}

describe('TLS 1.0 and 1.1 in one handshake', () => {
  const servers: Array<{
    name: string;
    min: tls.SecureVersion;
    max: tls.SecureVersion;
    accepted: TlsVersionName[];
    rejected: TlsVersionName[];
  }> = [
    {
      name: '1.1 but not 1.0',
      min: 'TLSv1.1',
      max: 'TLSv1.3',
      accepted: ['TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
      rejected: ['TLSv1'],
    },
    {
      name: '1.0 to 1.2',
      min: 'TLSv1',
      max: 'TLSv1.2',
      accepted: ['TLSv1', 'TLSv1.1', 'TLSv1.2'],
      rejected: ['TLSv1.3'],
    },
    {
      name: '1.0 only',
      min: 'TLSv1',
      max: 'TLSv1',
      accepted: ['TLSv1'],
      rejected: ['TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
    },
    {
      name: '1.1 only',
      min: 'TLSv1.1',
      max: 'TLSv1.1',
      accepted: ['TLSv1.1'],
      rejected: ['TLSv1', 'TLSv1.2', 'TLSv1.3'],
    },
  ];
  for (const server of servers) {
    for (const mode of ['implicit-tls', 'starttls'] as const) {
      it(`a server accepting ${server.name} (${mode}) gets exact version fields`, async () => {
        const tlsOptions = serving(server.min, server.max);
        const port = await auditPort(
          mode === 'implicit-tls' ? smtpServer({}, tlsOptions) : smtpServer({ tls: tlsOptions }),
          mode,
        );
        expect(port.tls?.acceptedVersions, JSON.stringify(port.tls)).toEqual(server.accepted);
        expect(port.tls?.rejectedVersions).toEqual(server.rejected);
        expect(port.tls?.untestedVersions).toEqual([]);
        expect(port.findings.map((f) => f.id)).toContain('tls-legacy-version');
      });
    }
  }

  // Counted through a relay without delay: a refusal of both legacy versions costs one connection,
  // and on a STARTTLS port the injection probe's handshake is the TLS 1.2 check.
  for (const [mode, expected] of [
    ['implicit-tls', 3],
    ['starttls', 3],
  ] as const) {
    it(`a TLS 1.2-1.3 server (${mode}) opens ${expected} connections`, async () => {
      const relays: Array<Awaited<ReturnType<typeof startLatencyRelay>>> = [];
      const tlsOptions = serving('TLSv1.2', 'TLSv1.3');
      const port = await auditPort(
        mode === 'implicit-tls' ? smtpServer({}, tlsOptions) : smtpServer({ tls: tlsOptions }),
        mode,
        async (target) => {
          const relay = await startLatencyRelay(target, 0);
          relays.push(relay);
          return relay.port;
        },
      );
      await Promise.all(relays.map((relay) => relay.close()));
      expect(port.tls?.acceptedVersions).toEqual(['TLSv1.2', 'TLSv1.3']);
      expect(port.tls?.rejectedVersions).toEqual(['TLSv1', 'TLSv1.1']);
      expect(relays[0]?.connections()).toBe(expected);
    });
  }
});

describe('the injection probe as the TLS 1.2 check', () => {
  it('an injection-vulnerable TLS 1.3-only server still gets caught, and 1.2 rejected', async () => {
    const port = await auditPort(
      smtpServer({ tls: serving('TLSv1.3', 'TLSv1.3'), bufferAcrossTls: 'at-once' }),
      'starttls',
    );
    expect(port.tls?.acceptedVersions, JSON.stringify(port.tls)).toEqual(['TLSv1.3']);
    expect(port.tls?.rejectedVersions).toEqual(['TLSv1', 'TLSv1.1', 'TLSv1.2']);
    expect(port.tls?.untestedVersions).toEqual([]);
    // The pinned handshake was refused, so the probe ran again with the usual versions.
    expect(port.injection).toBe('vulnerable');
  });

  it('a TLS 1.3-only implicit-TLS server gets 1.2 rejected by its own check', async () => {
    const port = await auditPort(smtpServer({}, serving('TLSv1.3', 'TLSv1.3')), 'implicit-tls');
    expect(port.tls?.acceptedVersions).toEqual(['TLSv1.3']);
    expect(port.tls?.rejectedVersions).toEqual(['TLSv1', 'TLSv1.1', 'TLSv1.2']);
  });

  it('an injection-vulnerable server is caught through the pinned handshake, with 1.2 accepted', async () => {
    const port = await auditPort(
      smtpServer({ tls: serving('TLSv1.2', 'TLSv1.3'), bufferAcrossTls: 'with-next-command' }),
      'starttls',
    );
    expect(port.injection).toBe('vulnerable');
    expect(port.tls?.acceptedVersions).toEqual(['TLSv1.2', 'TLSv1.3']);
  });
});

/**
 * A submission server that records, per connection, the command lines of each chunk
 * it received before TLS (one chunk: one write of the client's, on loopback).
 */
function recordingServer(options: { pipelining: boolean; mailBeforeTls: string }, chunks: string[][]) {
  const context = tls.createSecureContext(credentials());
  const extensions = ['8BITMIME', ...(options.pipelining ? ['PIPELINING'] : []), 'STARTTLS'];
  const ehlo = ['recording.test', ...extensions]
    .map((text, i, all) => `250${i === all.length - 1 ? ' ' : '-'}${text}\r\n`)
    .join('');
  const answers: Record<string, string> = {
    EHLO: ehlo,
    MAIL: `${options.mailBeforeTls}\r\n`,
    RSET: '250 2.0.0 Ok\r\n',
    QUIT: '221 2.0.0 Bye\r\n',
  };
  const behaviour: Behaviour = (socket) => {
    socket.write('220 recording.test ESMTP\r\n');
    const onData = (chunk: Buffer) => {
      const lines = chunk.toString('latin1').split('\r\n').slice(0, -1);
      chunks.push(lines);
      for (const line of lines) {
        const verb = (line.split(' ')[0] ?? '').toUpperCase();
        if (verb !== 'STARTTLS') {
          socket.write(answers[verb] ?? '502 5.5.2 Command not recognized\r\n');
          continue;
        }
        socket.write('220 2.0.0 Ready to start TLS\r\n');
        socket.off('data', onData);
        const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: context });
        secure.on('error', () => socket.destroy());
        secure.on('data', (data: Buffer) => {
          for (const inner of data.toString('latin1').split('\r\n').slice(0, -1)) {
            const innerVerb = (inner.split(' ')[0] ?? '').toUpperCase();
            secure.write(innerVerb === 'EHLO' ? ehlo : (answers[innerVerb] ?? '250 2.0.0 Ok\r\n'));
          }
        });
        return;
      }
    };
    socket.on('data', onData);
  };
  return rawServer(behaviour);
}

const groupedEnforcement = ['MAIL FROM:<>', 'RSET', 'STARTTLS'];

describe('MAIL FROM, RSET and STARTTLS pipelined', () => {
  for (const pipelining of [true, false]) {
    for (const [mailBeforeTls, enforcement] of [
      ['530 5.7.0 Must issue a STARTTLS command first', 'enforced'],
      ['250 2.1.0 Ok', 'not-enforced'],
    ] as const) {
      it(`${pipelining ? 'with' : 'without'} PIPELINING, MAIL before TLS answered ${mailBeforeTls.slice(0, 3)}`, async () => {
        const chunks: string[][] = [];
        const port = await auditPort(recordingServer({ pipelining, mailBeforeTls }, chunks), 'starttls');
        expect(port.mode).toBe('starttls');
        expect(port.tlsEnforcement).toBe(enforcement);
        expect(port.findings.some((f) => f.id === 'tls-not-required')).toBe(enforcement === 'not-enforced');
        expect(port.ehlo.afterTls).not.toBeNull();
        const grouped = chunks.some((lines) => lines.join('|') === groupedEnforcement.join('|'));
        expect(grouped, JSON.stringify(chunks)).toBe(pipelining);
        // Only the injection probe's deliberate STARTTLS + EHLO write may hold two commands otherwise.
        const together = chunks.filter((lines) => lines.length > 1 && !lines[0]?.startsWith('STARTTLS'));
        expect(together.length, JSON.stringify(chunks)).toBe(pipelining ? 1 : 0);
      });
    }
  }
});

describe('connections that leave without waiting', () => {
  it('say QUIT on the dialogue and only TLS close_notify on a version check', async () => {
    const connections: Array<{ lines: string[]; ended: boolean }> = [];
    const behaviour: Behaviour = (socket) => {
      const seen = { lines: [] as string[], ended: false };
      connections.push(seen);
      socket.write('220 polite.test ESMTP\r\n');
      // 'end' is an orderly close by the peer, not a reset.
      socket.on('end', () => (seen.ended = true));
      socket.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('latin1').split('\r\n').slice(0, -1)) {
          seen.lines.push(line);
          const verb = (line.split(' ')[0] ?? '').toUpperCase();
          socket.write(verb === 'QUIT' ? '221 2.0.0 Bye\r\n' : '250 polite.test\r\n');
        }
      });
    };
    const server = tlsServer(serving('TLSv1.2', 'TLSv1.3'), behaviour);
    const port = await auditPort(server, 'implicit-tls');
    expect(port.tls?.acceptedVersions).toEqual(['TLSv1.2', 'TLSv1.3']);
    // The main dialogue and the TLS 1.2 check; the 1.0-1.1 handshake was refused before any line.
    await expect.poll(() => connections.length).toBe(2);
    await expect
      .poll(() =>
        connections
          .map(({ lines, ended }) => `${lines.at(-1) ?? 'no command'} ${ended ? 'ended' : 'open'}`)
          .sort(),
      )
      .toEqual(['QUIT ended', 'no command ended']);
  });
});

describe('the injection probe and the TLS 1.0-1.1 check start with the main connection', () => {
  it('connect at once, and say nothing before the main connection is greeted', async () => {
    const events: ServerEvent[] = [];
    const port = await auditPort(
      smtpServer({ tls: credentials(), firstGreetingDelayMs: 300, observe: (event) => events.push(event) }),
      'starttls',
    );
    expect(port.injection).toBe('safe');
    expect(port.tls?.rejectedVersions).toEqual(['TLSv1', 'TLSv1.1']);
    expect(port.tls?.untestedVersions).toEqual([]);
    const mainGreeting = events.findIndex((event) => event.connection === 1 && event.kind === 'greeting');
    const before = events.slice(0, mainGreeting);
    // The main connection, the injection probe and the TLS 1.0-1.1 check, each greeted but silent.
    expect(
      before.filter((event) => event.kind === 'accepted'),
      JSON.stringify(events),
    ).toHaveLength(3);
    expect(
      before.filter((event) => event.kind === 'command'),
      JSON.stringify(events),
    ).toEqual([]);
  });

  it('a greeting later than the TLS attempt still gets the injection probe and every version', async () => {
    const port = await auditPort(smtpServer({ tls: credentials(), firstGreetingDelayMs: 1300 }), 'starttls');
    expect(port.mode).toBe('starttls');
    expect(port.injection).toBe('safe');
    expect(port.tls?.acceptedVersions).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(port.tls?.rejectedVersions).toEqual(['TLSv1', 'TLSv1.1']);
  });

  it('implicit TLS on a STARTTLS port still gets every version (the early checks gave up)', async () => {
    const port = await auditPort(smtpServer({}, credentials()), 'starttls');
    expect(port.mode).toBe('implicit-tls');
    expect(port.findings.map((f) => f.id)).toContain('tls-on-plaintext-port');
    expect(port.tls?.acceptedVersions).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(port.tls?.rejectedVersions).toEqual(['TLSv1', 'TLSv1.1']);
    expect(port.tls?.untestedVersions).toEqual([]);
  });
});
