/**
 * IMAP and POP3 on different servers (Gmail's imap.gmail.com and pop.gmail.com,
 * OCN, BIGLOBE): two real Dovecots, one on 127.0.0.2 (the IMAP server, with
 * Dovecot submission as the outgoing server) and one on 127.0.0.3 (the POP3
 * server). Each has its own free ports, so a POP3 port probed on the IMAP host
 * would find nothing listening there: a POP3 port that passes was tested on the
 * POP3 host. Through the engine, into a profile and its exports, and through the
 * built `mailtls check --imap-host/--pop3-host`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parse as parsePlist } from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditReportSchema,
  type AuditReport,
  type IncomingPortSpec,
  type IncomingProtocol,
} from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { UserFacingError } from '../../electron/engine/core/errors.js';
import { exportProfile, profileFromReport } from '../../electron/engine/profiles/index.js';
import { ensureCliBuilt, runCli } from '../helpers/cli.js';
import { dovecotBinary, startDovecot, type DovecotInstance } from '../helpers/dovecot.js';
import { peerAvailable, testPki } from '../helpers/env.js';
import { issueLeaf } from '../helpers/pki.js';

const hasDovecot = peerAvailable('DOVECOT', [dovecotBinary]);
const timeoutMs = 8000;
const popAddress = '127.0.0.3';
const unresolvable = 'pop.does-not-exist.invalid';

/** The standard pair of one protocol on an instance, optionally tested on `host`. */
function specsOf(instance: DovecotInstance, protocol: IncomingProtocol, host?: string): IncomingPortSpec[] {
  const [implicit, starttls] =
    protocol === 'imap'
      ? [instance.ports.imaps, instance.ports.imap]
      : [instance.ports.pop3s, instance.ports.pop3];
  const on = host === undefined ? {} : { host };
  return [
    { port: implicit, protocol, mode: 'implicit-tls', ...on },
    { port: starttls, protocol, mode: 'starttls', ...on },
  ];
}

function listening(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, address);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

type Dict = Record<string, unknown>;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });

describe.runIf(hasDovecot)('IMAP and POP3 on different hosts', { timeout: 60_000 }, () => {
  let imapServer: DovecotInstance;
  let popServer: DovecotInstance;
  let report: AuditReport;

  beforeAll(async () => {
    imapServer = await startDovecot({ ...testPki().leaf('valid'), shape: 'good', submission: true });
    const popLeaf = issueLeaf(testPki(), [popAddress], -1, 365);
    popServer = await startDovecot({ ...popLeaf, shape: 'good', address: popAddress });
    report = await runAudit({
      auditId: 'two-hosts',
      host: imapServer.address,
      protocols: ['smtp', 'imap', 'pop3'],
      ports: [{ port: imapServer.ports.submission!, mode: 'starttls' }],
      incomingHost: imapServer.address,
      incomingPorts: [...specsOf(imapServer, 'imap'), ...specsOf(popServer, 'pop3', popAddress)],
      timeoutMs,
      caPem: testPki().caPem,
    });
    expect(auditReportSchema.parse(report)).toEqual(report);
  }, 60_000);
  afterAll(() => {
    imapServer?.stop();
    popServer?.stop();
  });

  it('the POP3 ports are not open on the IMAP host (what makes the next test a proof)', async () => {
    for (const port of [popServer.ports.pop3s, popServer.ports.pop3]) {
      expect(await listening(imapServer.address, port)).toBe(false);
      expect(await listening(popAddress, port)).toBe(true);
    }
  });

  it('probes each port on its own host and names that host on every port', () => {
    const ports = report.incoming!.ports;
    expect(ports.map((p) => [p.protocol, p.host, p.reachable])).toEqual([
      ['imap', imapServer.address, true],
      ['imap', imapServer.address, true],
      ['pop3', popAddress, true],
      ['pop3', popAddress, true],
    ]);
    for (const p of ports) {
      expect(p.findings, `${p.protocol} ${p.port}`).toEqual([]);
      // The POP3 server's certificate names 127.0.0.3 only, the IMAP server's 127.0.0.1 and .2.
      expect(p.certificate).toMatchObject({ trusted: true, hostnameMatch: true });
    }
    const popCertificate = report.incoming!.ports.find((p) => p.protocol === 'pop3')!.certificate!;
    expect(popCertificate.altNames).toEqual([`IP Address:${popAddress}`]);
  });

  it('advises IMAP and POP3 each on its own host', () => {
    const { imap, pop3 } = report.incoming!.recommendations;
    expect(report.incoming!.host).toBe(imapServer.address);
    expect(imap).toMatchObject({ host: imapServer.address, port: imapServer.ports.imaps });
    expect(pop3).toMatchObject({ host: popAddress, port: popServer.ports.pop3s, security: 'implicit-tls' });
    expect(pop3?.reasons).toContainEqual({
      key: 'qualifying-ports',
      ports: [popServer.ports.pop3s, popServer.ports.pop3],
    });
  });

  it('the profile and its exports put each host in its own protocol block, audited or read from a file', () => {
    for (const profile of [
      profileFromReport(report, { email: 'alice@example.test' }, { audited: true }),
      profileFromReport(report, { email: 'alice@example.test' }),
    ]) {
      expect(profile.incoming?.imap).toMatchObject({
        host: imapServer.address,
        port: imapServer.ports.imaps,
      });
      expect(profile.incoming?.pop3).toMatchObject({ host: popAddress, port: popServer.ports.pop3s });
      expect(profile.outgoing.host).toBe(imapServer.address);
    }
    const profile = profileFromReport(report, { email: 'alice@example.test' }, { audited: true });
    const autoconfig = (
      (xml.parse(exportProfile(profile, 'autoconfig').content) as Dict).clientConfig as Dict
    ).emailProvider as Dict;
    expect((autoconfig.incomingServer as Dict[]).map((s) => [s['@type'], s.hostname, s.port])).toEqual([
      ['imap', imapServer.address, String(imapServer.ports.imaps)],
      ['pop3', popAddress, String(popServer.ports.pop3s)],
    ]);
    const autodiscover = (
      (
        ((xml.parse(exportProfile(profile, 'autodiscover').content) as Dict).Autodiscover as Dict)
          .Response as Dict
      ).Account as Dict
    ).Protocol as Dict[];
    expect(autodiscover.map((p) => [p.Type, p.Server])).toEqual([
      ['IMAP', imapServer.address],
      ['POP3', popAddress],
      ['SMTP', imapServer.address],
    ]);
    const popOnly = { ...profile, incoming: { imap: null, pop3: profile.incoming!.pop3! } };
    const apple = (
      (parsePlist(exportProfile(popOnly, 'mobileconfig').content) as Dict).PayloadContent as Dict[]
    )[0]!;
    expect(apple).toMatchObject({ EmailAccountType: 'EmailTypePOP', IncomingMailServerHostName: popAddress });
  });

  it('a POP3 host that does not resolve fails only its own ports; IMAP is still tested and advised', async () => {
    const partial = await runAudit({
      auditId: 'two-hosts-unresolved',
      host: imapServer.address,
      protocols: ['imap', 'pop3'],
      incomingPorts: [...specsOf(imapServer, 'imap'), ...specsOf(popServer, 'pop3', unresolvable)],
      timeoutMs,
      caPem: testPki().caPem,
    });
    const pop3 = partial.incoming!.ports.filter((p) => p.protocol === 'pop3');
    expect(pop3.map((p) => [p.host, p.reachable, p.mode])).toEqual([
      [unresolvable, false, 'unreachable'],
      [unresolvable, false, 'unreachable'],
    ]);
    for (const p of pop3) {
      expect(p.findings).toMatchObject([{ id: 'port-unreachable', port: p.port, detail: 'ENOTFOUND' }]);
      expect(p.transcript).toEqual([]);
    }
    expect(partial.incoming!.recommendations.pop3).toMatchObject({ host: unresolvable, security: null });
    expect(partial.incoming!.recommendations.imap).toMatchObject({
      host: imapServer.address,
      port: imapServer.ports.imaps,
    });
  });

  it('when no incoming host resolves, the audit stops with the clear DNS error, as with one host', async () => {
    const audit = runAudit({
      auditId: 'two-hosts-none',
      host: unresolvable,
      protocols: ['imap', 'pop3'],
      incomingPorts: specsOf(popServer, 'pop3', `other.${unresolvable}`),
      timeoutMs,
    });
    await expect(audit).rejects.toBeInstanceOf(UserFacingError);
    await expect(audit).rejects.toThrow(`The server name "other.${unresolvable}" could not be found in DNS`);
  });

  describe('mailtls check --imap-host --pop3-host (the built CLI)', () => {
    beforeAll(() => ensureCliBuilt());

    const args = () => [
      'check',
      imapServer.address,
      '--protocols',
      'imap,pop3',
      '--ports',
      [
        `${imapServer.ports.imaps}:imap-implicit`,
        `${imapServer.ports.imap}:imap-starttls`,
        `${popServer.ports.pop3s}:pop3-implicit`,
        `${popServer.ports.pop3}:pop3-starttls`,
      ].join(','),
      '--imap-host',
      imapServer.address,
      '--pop3-host',
      popAddress,
      '--ca',
      testPki().caFile,
      '--timeout',
      String(timeoutMs),
    ];

    it('--json: every POP3 port tested and passed on the POP3 host, IMAP on the IMAP host', async () => {
      const reportFile = join(mkdtempSync(join(tmpdir(), 'mailtls-two-hosts-')), 'report.html');
      const run = await runCli([...args(), '--json', '--report', reportFile], {
        timeoutMs: timeoutMs + 15_000,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const cli = auditReportSchema.parse(JSON.parse(run.stdout));
      expect(cli.incoming!.ports.map((p) => [p.protocol, p.host, p.reachable, p.findings])).toEqual([
        ['imap', imapServer.address, true, []],
        ['imap', imapServer.address, true, []],
        ['pop3', popAddress, true, []],
        ['pop3', popAddress, true, []],
      ]);
      expect(cli.incoming!.recommendations.pop3).toMatchObject({
        host: popAddress,
        port: popServer.ports.pop3s,
      });
      expect(cli.incoming!.recommendations.imap).toMatchObject({ host: imapServer.address });
      // The HTML report names both servers, and each verdict its own.
      const html = readFileSync(reportFile, 'utf8');
      expect(html).toContain(`Incoming mail (IMAP, POP3): ${imapServer.address}, ${popAddress}`);
      expect(html).toContain(`POP3: recommendation (${popAddress})`);
      expect(html).toContain(`IMAP: recommendation (${imapServer.address})`);
    });

    it('text, in English and Japanese: the host of each protocol beside its recommendation', async () => {
      const en = await runCli([...args(), '--lang', 'en'], { timeoutMs: timeoutMs + 15_000 });
      expect(en.code).toBe(0);
      expect(en.stdout).toContain(
        `IMAP recommendation (${imapServer.address}): use port ${imapServer.ports.imaps} with SSL/TLS`,
      );
      expect(en.stdout).toContain(
        `POP3 recommendation (${popAddress}): use port ${popServer.ports.pop3s} with SSL/TLS`,
      );
      expect(en.stdout).toMatch(
        new RegExp(`${popServer.ports.pop3s} +POP3 +${popAddress.replace(/\./g, '\\.')} `),
      );
      const ja = await runCli([...args(), '--lang', 'ja'], { timeoutMs: timeoutMs + 15_000 });
      expect(ja.code).toBe(0);
      expect(ja.stdout).toContain(`POP3 の推奨設定（${popAddress}）: ポート ${popServer.ports.pop3s} を`);
    });

    it('--pop3-host for a protocol not tested is a usage error (exit 2)', async () => {
      const run = await runCli([
        'check',
        imapServer.address,
        '--protocols',
        'imap',
        '--pop3-host',
        popAddress,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--pop3-host names the POP3 server, but POP3 is not tested');
      expect(run.stdout).toBe('');
    });

    it('--protocols pop3 alone tests POP3 on --pop3-host: a name that does not resolve gives the DNS error', async () => {
      const run = await runCli([
        'check',
        imapServer.address,
        '--protocols',
        'pop3',
        '--pop3-host',
        unresolvable,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`The server name "${unresolvable}" could not be found in DNS (ENOTFOUND)`);
    });
  });
});
