/**
 * Issue 14: profiles carry the incoming servers the audit recommends, and the
 * client formats that configure a whole account (autoconfig, mobileconfig,
 * autodiscover, the MailTLS format) write them; the others say they configure
 * sending only. Ends with a real audit of Postfix (outgoing) and Dovecot
 * (incoming) on loopback, exported to every format and read back key by key,
 * in process and through `mailtls export --from REPORT.json`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { XMLParser } from 'fast-xml-parser';
import { parse as parsePlist } from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportFormats,
  type AuditReport,
  type ExportFormat,
  type IncomingSetting,
  type Profile,
} from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { UserFacingError } from '../../electron/engine/core/errors.js';
import {
  AuditSeal,
  exportProfile,
  importProfile,
  parseProfile,
  profileFromReport,
} from '../../electron/engine/profiles/index.js';
import { ensureCliBuilt, runCli } from '../helpers/cli.js';
import { dovecotBinary, startDovecot, type DovecotInstance } from '../helpers/dovecot.js';
import { peerAvailable, testPki } from '../helpers/env.js';
import { startPostfix, type PostfixInstance } from '../helpers/postfix.js';
import { sampleIncomingPort, sampleIncomingReport, sampleProfile } from './fixtures.js';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['incomingServer', 'Protocol', 'authentication'].includes(name),
});

const imaps: IncomingSetting = {
  host: 'imap.example.com',
  port: 993,
  security: 'implicit-tls',
  authentication: 'password',
  userName: 'account',
};
const pop3Stls: IncomingSetting = {
  host: 'pop.example.com',
  port: 110,
  security: 'starttls',
  authentication: 'password',
  userName: 'local-part',
};

function withIncoming(incoming: Profile['incoming']): Profile {
  return sampleProfile({ profile: { incoming } });
}

function failure(run: () => unknown): UserFacingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserFacingError);
    return error as UserFacingError;
  }
  throw new Error('expected a refusal');
}

type Dict = Record<string, unknown>;
const autoconfigServers = (content: string) =>
  ((xml.parse(content) as Dict).clientConfig as Dict).emailProvider as Dict;
const autodiscoverProtocols = (content: string) =>
  ((((xml.parse(content) as Dict).Autodiscover as Dict).Response as Dict).Account as Dict).Protocol as Dict[];
const mobileconfigMail = (content: string) =>
  ((parsePlist(content) as Dict).PayloadContent as Dict[])[0] as Dict;

describe('profileFromReport takes the incoming recommendation', () => {
  it('an audit of both directions gives IMAP and POP3 settings beside the outgoing one', () => {
    const profile = profileFromReport(
      sampleIncomingReport(),
      { email: 'alice@example.com' },
      { audited: true },
    );
    expect(profile.incoming).toEqual({
      imap: { ...imaps, host: 'mail.example.com' },
      pop3: { ...imaps, host: 'mail.example.com', port: 995 },
    });
    expect(profile.outgoing).toMatchObject({ port: 465, security: 'implicit-tls' });
  });

  it('without an incoming audit the profile has no incoming field, as before issue 14', () => {
    const report = sampleIncomingReport();
    delete report.incoming;
    expect('incoming' in profileFromReport(report, {}, { audited: true })).toBe(false);
  });

  it('a protocol tested without a qualifying port is null; one not tested is absent', () => {
    const report = sampleIncomingReport();
    const incoming = report.incoming!;
    const failed = { ...incoming.recommendations.pop3!, port: null, security: null };
    const tested: AuditReport = {
      ...report,
      incoming: {
        ...incoming,
        ports: incoming.ports.filter((p) => p.protocol === 'pop3'),
        recommendations: { imap: null, pop3: failed },
      },
    };
    expect(profileFromReport(tested, {}, { audited: true }).incoming).toEqual({ pop3: null });
  });

  it('a report from a file is advised again: a claimed 993 with an untrusted certificate gives way to 143', () => {
    const report = sampleIncomingReport();
    const incoming = report.incoming!;
    const untrusted = sampleIncomingPort(993, 'imap', 'implicit-tls');
    untrusted.certificate = { ...untrusted.certificate!, trusted: false };
    const lying: AuditReport = {
      ...report,
      incoming: { ...incoming, ports: [untrusted, ...incoming.ports.slice(1)] },
    };
    expect(profileFromReport(lying, {}, { audited: true }).incoming?.imap?.port).toBe(993);
    expect(profileFromReport(lying).incoming?.imap).toMatchObject({ port: 143, security: 'starttls' });
    expect(importProfile('report.json', JSON.stringify(lying)).incoming?.imap?.port).toBe(143);
  });

  it('an audit of incoming mail only is refused with a clear reason: a profile needs the outgoing server', () => {
    const incomingOnly = { ...sampleIncomingReport(), ports: [] };
    for (const audited of [true, false]) {
      const error = failure(() => profileFromReport(incomingOnly, {}, { audited }));
      expect(error.code).toBe('invalid-input');
      expect(error.text.en).toMatch(/tested incoming mail only/);
      expect(error.text.ja).toMatch(/受信だけ/);
    }
  });

  it('OAuth2 only when nothing but OAuth mechanisms is offered after TLS', () => {
    const report = sampleIncomingReport();
    const [imap, ...rest] = report.incoming!.ports;
    const oauthOnly = { ...imap!, auth: { beforeTls: [], afterTls: ['XOAUTH2', 'OAUTHBEARER'] } };
    const profile = profileFromReport({
      ...report,
      incoming: { ...report.incoming!, ports: [oauthOnly, ...rest] },
    });
    expect(profile.incoming?.imap?.authentication).toBe('oauth2');
    expect(profile.incoming?.pop3?.authentication).toBe('password');
  });

  it('an old profile without incoming still imports, and a profile with one keeps it exactly', () => {
    const old = sampleProfile();
    expect('incoming' in old).toBe(false);
    expect(importProfile('old.json', JSON.stringify(old)).outgoing).toEqual(old.outgoing);
    const both = withIncoming({ imap: imaps, pop3: null });
    expect(parseProfile(both).incoming).toEqual({ imap: imaps, pop3: null });
  });
});

describe('exports with incoming servers', () => {
  const both = withIncoming({ imap: imaps, pop3: pop3Stls });

  it('autoconfig: one incomingServer per protocol, IMAP first, then the SMTP server', () => {
    const { content } = exportProfile(both, 'autoconfig');
    const provider = autoconfigServers(content);
    expect(provider.incomingServer).toEqual([
      {
        '@type': 'imap',
        hostname: 'imap.example.com',
        port: '993',
        socketType: 'SSL',
        username: '%EMAILADDRESS%',
        authentication: ['password-cleartext'],
      },
      {
        '@type': 'pop3',
        hostname: 'pop.example.com',
        port: '110',
        socketType: 'STARTTLS',
        username: '%EMAILLOCALPART%',
        authentication: ['password-cleartext'],
      },
    ]);
    expect((provider.outgoingServer as Dict).hostname).toBe('smtp.example.com');
    expect(content).toContain('Incoming IMAP: implicit TLS.');
    expect(content).not.toMatch(/placeholder|仮の値/);
  });

  it('mobileconfig: the IMAP account with the incoming keys; POP3 named in the description as also qualified', () => {
    const { content } = exportProfile(both, 'mobileconfig');
    const mail = mobileconfigMail(content);
    expect(mail.EmailAccountType).toBe('EmailTypeIMAP');
    expect(mail.IncomingMailServerHostName).toBe('imap.example.com');
    expect(mail.IncomingMailServerPortNumber).toBe(993);
    expect(mail.IncomingMailServerUseSSL).toBe(true);
    expect(mail.IncomingMailServerAuthentication).toBe('EmailAuthPassword');
    expect(mail.IncomingMailServerUsername).toBe('alice@example.com');
    expect((parsePlist(content) as Dict).PayloadDescription).toMatch(/sets up IMAP; POP3 also qualified/);

    const popOnly = mobileconfigMail(
      exportProfile(withIncoming({ imap: null, pop3: pop3Stls }), 'mobileconfig').content,
    );
    expect(popOnly).toMatchObject({
      EmailAccountType: 'EmailTypePOP',
      IncomingMailServerHostName: 'pop.example.com',
      IncomingMailServerPortNumber: 110,
      IncomingMailServerUseSSL: true,
      IncomingMailServerUsername: 'alice',
    });
  });

  it('autodiscover: IMAP and POP3 Protocol blocks with SSL/TLS by mode, then SMTP', () => {
    const protocols = autodiscoverProtocols(exportProfile(both, 'autodiscover').content);
    expect(protocols.map((p) => p.Type)).toEqual(['IMAP', 'POP3', 'SMTP']);
    expect(protocols[0]).toEqual({
      Type: 'IMAP',
      Server: 'imap.example.com',
      Port: '993',
      LoginName: 'alice@example.com',
      DomainRequired: 'off',
      SPA: 'off',
      SSL: 'on',
      Encryption: 'SSL',
      AuthRequired: 'on',
    });
    expect(protocols[1]).toMatchObject({
      Server: 'pop.example.com',
      Port: '110',
      Encryption: 'TLS',
      LoginName: 'alice',
    });
  });

  it('the MailTLS format keeps every state of incoming exactly', () => {
    for (const incoming of [{ imap: imaps, pop3: pop3Stls }, { imap: null }, { pop3: null, imap: imaps }]) {
      const parsed = JSON.parse(exportProfile(withIncoming(incoming), 'mailtls').content) as Profile;
      expect(parsed.incoming).toEqual(incoming);
    }
  });

  it.each(['msmtp', 'postfix', 'env', 'nodemailer'] as ExportFormat[])(
    '%s configures sending only and says where the incoming server goes',
    (format) => {
      const { content } = exportProfile(both, format);
      expect(content).toContain('This format configures sending only.');
      expect(content).toContain('この形式は送信だけを設定します。');
      expect(content).not.toMatch(/imap\.example\.com|pop\.example\.com|993|995/);
    },
  );

  it('incoming tested, nothing qualified: outgoing only and said so; Thunderbird and Apple, which need one, refuse', () => {
    const failed = withIncoming({ imap: null, pop3: null });
    const autodiscover = exportProfile(failed, 'autodiscover').content;
    expect(autodiscoverProtocols(autodiscover).map((p) => p.Type)).toEqual(['SMTP']);
    expect(autodiscover).toContain('IMAP was tested and no port qualified, so it is left out.');
    expect(autodiscover).toContain(
      'No incoming setting qualified: this file carries the outgoing server only.',
    );
    expect(autodiscover).toContain(
      '合格した受信設定がないため、このファイルには送信サーバーだけを入れています。',
    );
    for (const format of ['autoconfig', 'mobileconfig'] as const) {
      const error = failure(() => exportProfile(failed, format));
      expect(error.code).toBe('insecure');
      expect(error.text.en).toMatch(/needs an incoming server, and no IMAP or POP3 setting passed/);
      expect(error.text.ja).toMatch(/受信サーバーが必要ですが/);
    }
  });

  it('incoming not tested: autodiscover says it carries the outgoing server only, autoconfig labels its placeholder', () => {
    const untested = sampleProfile();
    const autodiscover = exportProfile(untested, 'autodiscover').content;
    expect(autodiscoverProtocols(autodiscover).map((p) => p.Type)).toEqual(['SMTP']);
    expect(autodiscover).toContain(
      'Incoming mail (IMAP/POP3) was not tested by MailTLS: this file carries the outgoing server only.',
    );
    expect(exportProfile(untested, 'autoconfig').content).toMatch(/placeholder MailTLS did not test/);
  });

  it('Apple cannot describe OAuth2 for the incoming server either', () => {
    const error = failure(() =>
      exportProfile(withIncoming({ imap: { ...imaps, authentication: 'oauth2' } }), 'mobileconfig'),
    );
    expect(error.code).toBe('invalid-input');
  });
});

describe('the audit seal covers the incoming servers', () => {
  const seal = new AuditSeal(randomBytes(32));
  const sealed = seal.seal(profileFromReport(sampleIncomingReport(), {}, { audited: true }));

  it('a sealed profile is vouched for; an edited incoming server, or one removed, loses the seal', () => {
    expect(seal.vouch(sealed).verifiedWith?.qualified).toBe(true);
    const moved = { ...sealed, incoming: { ...sealed.incoming, imap: { ...imaps, host: 'evil.example' } } };
    expect(seal.vouch(moved).verifiedWith).toBeNull();
    expect(exportProfile(moved, 'autoconfig', { seal }).content).toContain('Not verified by MailTLS');
    const { incoming: _incoming, ...without } = sealed;
    expect(seal.vouch(without).verifiedWith).toBeNull();
    expect(exportProfile(sealed, 'autoconfig', { seal }).content).toMatch(/Verified by MailTLS on/);
  });

  it('a profile sealed before issue 14 (no incoming) keeps its seal', () => {
    const { incoming: _incoming, ...old } = profileFromReport(sampleIncomingReport(), {}, { audited: true });
    expect(seal.vouch(seal.seal(old)).verifiedWith?.qualified).toBe(true);
  });
});

describe('round trip export -> import keeps the incoming servers', () => {
  it.each([
    ['autoconfig', { imap: imaps, pop3: pop3Stls }],
    ['autodiscover', { imap: imaps, pop3: { ...pop3Stls, userName: 'account' as const } }],
    ['mobileconfig', { imap: imaps }],
    ['mobileconfig', { pop3: pop3Stls }],
    ['mailtls', { imap: imaps, pop3: pop3Stls }],
  ] as [ExportFormat, NonNullable<Profile['incoming']>][])('%s with %j', (format, incoming) => {
    const { content, fileName } = exportProfile(withIncoming(incoming), format);
    const imported = importProfile(fileName, content);
    expect(imported.incoming).toEqual(incoming);
    expect(imported.verifiedWith).toBeNull();
  });

  it('a client file offering incoming mail only in plaintext gives no incoming setting (a profile cannot hold one)', () => {
    const plain = exportProfile(withIncoming({ imap: imaps }), 'autoconfig')
      .content.replace(
        '<socketType>SSL</socketType>\n      <username>%EMAILADDRESS%</username>',
        '<socketType>plain</socketType>\n      <username>%EMAILADDRESS%</username>',
      )
      .replace('<port>993</port>', '<port>143</port>');
    expect(plain).toContain('<socketType>plain</socketType>');
    expect(importProfile('config-v1.1.xml', plain).incoming).toBeUndefined();
  });
});

const hasPeers = peerAvailable('DOVECOT', [dovecotBinary]) && peerAvailable('POSTFIX', ['/usr/sbin/postfix']);

describe.runIf(hasPeers)('a real audit of Postfix and Dovecot (good shape), exported to every format', () => {
  let postfix: PostfixInstance;
  let dovecot: DovecotInstance;
  let report: AuditReport;
  const dir = mkdtempSync(join(tmpdir(), 'mailtls-incoming-profiles-'));

  beforeAll(async () => {
    const { certFile, keyFile } = testPki().leaf('valid');
    postfix = await startPostfix({ certFile, keyFile, shape: 'good' });
    dovecot = await startDovecot({ certFile, keyFile, shape: 'good' });
    const { ports } = dovecot;
    report = await runAudit({
      auditId: 'profiles-incoming',
      host: 'localhost',
      protocols: ['smtp', 'imap', 'pop3'],
      ports: [
        { port: postfix.ports.submissions, mode: 'implicit-tls' },
        { port: postfix.ports.submission, mode: 'starttls' },
      ],
      incomingHost: dovecot.address,
      incomingPorts: [
        { port: ports.imaps, protocol: 'imap', mode: 'implicit-tls' },
        { port: ports.imap, protocol: 'imap', mode: 'starttls' },
        { port: ports.pop3s, protocol: 'pop3', mode: 'implicit-tls' },
        { port: ports.pop3, protocol: 'pop3', mode: 'starttls' },
      ],
      caPem: testPki().caPem,
      timeoutMs: 20_000,
    });
  }, 90_000);
  afterAll(() => {
    postfix?.stop();
    dovecot?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What every format must say about the audited account, key by key. */
  function checkFormat(format: ExportFormat, content: string, profile: Profile): void {
    const { ports, address } = dovecot;
    switch (format) {
      case 'autoconfig': {
        const provider = autoconfigServers(content);
        expect(provider.incomingServer).toEqual([
          {
            '@type': 'imap',
            hostname: address,
            port: String(ports.imaps),
            socketType: 'SSL',
            username: '%EMAILADDRESS%',
            authentication: ['password-cleartext'],
          },
          {
            '@type': 'pop3',
            hostname: address,
            port: String(ports.pop3s),
            socketType: 'SSL',
            username: '%EMAILADDRESS%',
            authentication: ['password-cleartext'],
          },
        ]);
        expect(provider.outgoingServer).toMatchObject({
          hostname: 'localhost',
          port: String(postfix.ports.submissions),
          socketType: 'SSL',
        });
        return;
      }
      case 'mobileconfig':
        expect(mobileconfigMail(content)).toMatchObject({
          EmailAccountType: 'EmailTypeIMAP',
          IncomingMailServerHostName: address,
          IncomingMailServerPortNumber: ports.imaps,
          IncomingMailServerUseSSL: true,
          IncomingMailServerAuthentication: 'EmailAuthPassword',
          IncomingMailServerUsername: 'alice@example.com',
          OutgoingMailServerHostName: 'localhost',
          OutgoingMailServerPortNumber: postfix.ports.submissions,
        });
        return;
      case 'autodiscover': {
        const protocols = autodiscoverProtocols(content);
        expect(protocols.map((p) => [p.Type, p.Server, p.Port, p.SSL, p.Encryption, p.LoginName])).toEqual([
          ['IMAP', address, String(ports.imaps), 'on', 'SSL', 'alice@example.com'],
          ['POP3', address, String(ports.pop3s), 'on', 'SSL', 'alice@example.com'],
          ['SMTP', 'localhost', String(postfix.ports.submissions), 'on', 'SSL', 'alice@example.com'],
        ]);
        return;
      }
      case 'mailtls':
        expect((JSON.parse(content) as Profile).incoming).toEqual(profile.incoming);
        return;
      case 'env':
        expect(Object.keys(parseDotenv(content)).every((key) => key.startsWith('SMTP_'))).toBe(true);
        expect(content).toContain('This format configures sending only.');
        return;
      default:
        expect(content).toContain('This format configures sending only.');
        expect(content).not.toContain(address);
    }
  }

  it('the profile holds the recommended 993 and 995, both implicit TLS, on the Dovecot host', () => {
    const profile = profileFromReport(report, { email: 'alice@example.com' }, { audited: true });
    const setting = (port: number): IncomingSetting => ({
      host: dovecot.address,
      port,
      security: 'implicit-tls',
      authentication: 'password',
      userName: 'account',
    });
    expect(profile.verifiedWith?.qualified).toBe(true);
    expect(profile.incoming).toEqual({
      imap: setting(dovecot.ports.imaps),
      pop3: setting(dovecot.ports.pop3s),
    });
    for (const format of exportFormats) {
      checkFormat(format, exportProfile(profile, format).content, profile);
    }
  });

  it('mailtls export --from REPORT.json carries the incoming servers too, and mailtls import reads them back', async () => {
    ensureCliBuilt();
    const file = join(dir, 'report.json');
    writeFileSync(file, JSON.stringify(report));
    const profile = profileFromReport(report, { email: 'alice@example.com' });
    for (const format of ['autoconfig', 'mobileconfig', 'autodiscover', 'mailtls', 'msmtp'] as const) {
      const result = await runCli([
        'export',
        '--from',
        file,
        '--format',
        format,
        '--email',
        'alice@example.com',
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      checkFormat(format, result.stdout, profile);
    }
    // mailtls import reads the incoming servers back from the exported Thunderbird file.
    const autoconfig = join(dir, 'config-v1.1.xml');
    writeFileSync(autoconfig, exportProfile(profile, 'autoconfig').content);
    const imported = await runCli(['import', autoconfig]);
    expect(imported.code, imported.stderr).toBe(0);
    expect((JSON.parse(imported.stdout) as Profile).incoming).toEqual(profile.incoming);
  }, 60_000);
});
