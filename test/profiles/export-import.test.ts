/** Exporters, importers and profileFromReport, checked with the formats' own parsers. */
import { XMLParser } from 'fast-xml-parser';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { exportFormats, type ExportFormat, type Profile } from '../../electron/contract.js';
import { UserFacingError } from '../../electron/engine/core/errors.js';
import {
  exportProfile,
  importProfile,
  parseProfile,
  profileFromReport,
} from '../../electron/engine/profiles/index.js';
import { noRecommendation, samplePort, sampleProfile, sampleReport } from './fixtures.js';

function thrown(run: () => unknown): UserFacingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserFacingError);
    return error as UserFacingError;
  }
  throw new Error('expected an error');
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: true,
  parseTagValue: false,
});
const starttls = () => sampleProfile({ outgoing: { port: 587, security: 'starttls' } });
const insecure = () =>
  sampleProfile({ profile: { verifiedWith: { date: '2026-11-29', findings: [], qualified: false } } });

describe('refusing unqualified settings', () => {
  it.each(exportFormats)('%s refuses a profile that did not qualify, with ja and en text', (format) => {
    const error = thrown(() => exportProfile(insecure(), format));
    expect(error.code).toBe('insecure');
    expect(error.text.en).toMatch(/as tested, insecure/);
    expect(error.text.ja).toMatch(/安全ではない/);
  });

  it.each(exportFormats)('%s "as tested, insecure" puts the warning at the top', (format) => {
    const { content } = exportProfile(insecure(), format, { allowInsecure: true });
    expect(content.slice(0, 700)).toContain('WARNING: INSECURE SETTING');
    expect(content.slice(0, 900)).toContain('警告: 安全ではない設定です');
  });

  it.each(exportFormats)('%s of a qualified profile has no warning and no password field', (format) => {
    const { content } = exportProfile(sampleProfile(), format);
    expect(content).not.toContain('WARNING: INSECURE');
    expect(content).not.toMatch(
      /rejectUnauthorized|ignoreTLS|tls_certcheck off|"pass"|<password>|IncomingPassword|OutgoingPassword/,
    );
  });
});

describe('values cannot inject settings', () => {
  it.each(exportFormats)('%s refuses a user name with a line break', (format) => {
    const profile = sampleProfile({ account: { userName: 'bob\nauth off' } });
    expect(thrown(() => exportProfile(profile, format)).code).toBe('invalid-input');
  });

  it('refuses a host that is not a host name or IP', () => {
    const profile = sampleProfile({ outgoing: { host: 'evil.example]:25\nrelayhost = [x' } });
    expect(thrown(() => exportProfile(profile, 'postfix')).code).toBe('invalid-input');
  });

  it('escapes XML special characters in every XML format', () => {
    for (const format of ['autoconfig', 'autodiscover', 'mobileconfig'] as const) {
      const { content } = exportProfile(sampleProfile(), format);
      expect(content).not.toContain('<A&B>');
      expect(content).toContain('&lt;A&amp;B&gt;');
    }
  });
});

describe('autoconfig (clientConfig 1.1)', () => {
  it.each([
    ['implicit-tls', 465, 'SSL'],
    ['starttls', 587, 'STARTTLS'],
  ] as const)('%s writes every required element', (security, port, socketType) => {
    const { content, fileName } = exportProfile(
      sampleProfile({ outgoing: { security, port } }),
      'autoconfig',
    );
    expect(fileName).toBe('config-v1.1.xml');
    const doc = xml.parse(content);
    expect(doc.clientConfig['@version']).toBe('1.1');
    const provider = doc.clientConfig.emailProvider;
    expect(provider['@id']).toBe('example.com');
    expect(provider.domain).toBe('example.com');
    for (const server of [provider.incomingServer, provider.outgoingServer]) {
      for (const key of ['hostname', 'port', 'socketType', 'username', 'authentication'])
        expect(server[key]).toBeTruthy();
    }
    expect(provider.incomingServer['@type']).toBe('imap');
    const out = provider.outgoingServer;
    expect(out['@type']).toBe('smtp');
    expect(out.hostname).toBe('smtp.example.com');
    expect(out.port).toBe(String(port));
    expect(out.socketType).toBe(socketType);
    expect(out.username).toBe('%EMAILADDRESS%');
    expect(out.authentication).toBe('password-cleartext');
    expect(content).toMatch(/did not test|検査していない/);
  });
});

describe('autodiscover (POX)', () => {
  it.each([
    ['implicit-tls', 465, 'SSL'],
    ['starttls', 587, 'TLS'],
  ] as const)('%s writes the response with Encryption %s', (security, port, encryption) => {
    const { content } = exportProfile(sampleProfile({ outgoing: { security, port } }), 'autodiscover');
    const doc = xml.parse(content);
    expect(doc.Autodiscover['@xmlns']).toBe(
      'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006',
    );
    const response = doc.Autodiscover.Response;
    expect(response['@xmlns']).toBe(
      'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a',
    );
    expect(response.Account.AccountType).toBe('email');
    expect(response.Account.Action).toBe('settings');
    const protocol = response.Account.Protocol;
    expect(protocol).toMatchObject({
      Type: 'SMTP',
      Server: 'smtp.example.com',
      Port: String(port),
      SSL: 'on',
      Encryption: encryption,
      SPA: 'off',
      AuthRequired: 'on',
      LoginName: 'alice@example.com',
    });
  });
});

describe('mobileconfig (Apple configuration profile)', () => {
  type Dict = Record<string, unknown>;
  const uuid = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

  function parsed(profile: Profile): { top: Dict; mail: Dict } {
    const top = parsePlist(exportProfile(profile, 'mobileconfig').content) as Dict;
    return { top, mail: (top.PayloadContent as Dict[])[0] as Dict };
  }

  it('has every required key with the right type', () => {
    const { top, mail } = parsed(starttls());
    const expectTypes = (dict: Dict, types: Record<string, string>) => {
      for (const [key, type] of Object.entries(types)) {
        expect([key, typeof dict[key]]).toEqual([key, type]);
      }
    };
    expectTypes(top, {
      PayloadType: 'string',
      PayloadVersion: 'number',
      PayloadIdentifier: 'string',
      PayloadUUID: 'string',
      PayloadDisplayName: 'string',
      PayloadDescription: 'string',
    });
    expect(Array.isArray(top.PayloadContent)).toBe(true);
    expect(top.PayloadType).toBe('Configuration');
    expect(top.PayloadVersion).toBe(1);
    expect(top.PayloadUUID).toMatch(uuid);
    expectTypes(mail, {
      PayloadType: 'string',
      PayloadVersion: 'number',
      PayloadIdentifier: 'string',
      PayloadUUID: 'string',
      EmailAccountType: 'string',
      EmailAddress: 'string',
      IncomingMailServerHostName: 'string',
      IncomingMailServerPortNumber: 'number',
      IncomingMailServerUseSSL: 'boolean',
      IncomingMailServerAuthentication: 'string',
      OutgoingMailServerHostName: 'string',
      OutgoingMailServerPortNumber: 'number',
      OutgoingMailServerUseSSL: 'boolean',
      OutgoingMailServerAuthentication: 'string',
      OutgoingMailServerUsername: 'string',
    });
    expect(mail).toMatchObject({
      PayloadType: 'com.apple.mail.managed',
      PayloadVersion: 1,
      EmailAccountType: 'EmailTypeIMAP',
      OutgoingMailServerHostName: 'smtp.example.com',
      OutgoingMailServerPortNumber: 587,
      OutgoingMailServerUseSSL: true,
      OutgoingMailServerAuthentication: 'EmailAuthPassword',
      IncomingMailServerUseSSL: true,
    });
    expect(Number.isInteger(mail.OutgoingMailServerPortNumber)).toBe(true);
    expect(mail.PayloadUUID).toMatch(uuid);
    expect(mail.PayloadIdentifier).toBe(`${String(top.PayloadIdentifier)}.mail`);
    expect(top.PayloadDescription).toMatch(/not signed/);
    expect(top.ConsentText).toBeUndefined();
  });

  it('keeps the same UUIDs for the same profile and different ones for another', () => {
    const a = parsed(sampleProfile());
    const again = parsed(sampleProfile({ outgoing: { port: 587, security: 'starttls' } }));
    const other = parsed(sampleProfile({ profile: { id: 'p-other' } }));
    expect(again.top.PayloadUUID).toBe(a.top.PayloadUUID);
    expect(again.mail.PayloadUUID).toBe(a.mail.PayloadUUID);
    expect(other.top.PayloadUUID).not.toBe(a.top.PayloadUUID);
    expect(a.mail.PayloadUUID).not.toBe(a.top.PayloadUUID);
  });

  it('shows the insecure warning as consent text in both languages', () => {
    const top = parsePlist(
      exportProfile(insecure(), 'mobileconfig', { allowInsecure: true }).content,
    ) as Dict;
    const consent = top.ConsentText as Dict;
    expect(consent.en).toMatch(/INSECURE/);
    expect(consent.ja).toMatch(/安全ではない/);
  });
});

describe('text formats', () => {
  it('msmtp: tls on, tls_starttls by mode, port, auth, no password', () => {
    const implicit = exportProfile(sampleProfile(), 'msmtp').content;
    expect(implicit).toMatch(/^tls on$/m);
    expect(implicit).toMatch(/^tls_starttls off$/m);
    expect(implicit).toMatch(/^port 465$/m);
    expect(implicit).toMatch(/^auth on$/m);
    expect(implicit).toMatch(/^user "alice@example\.com"$/m);
    expect(implicit).not.toMatch(/^password/m);
    expect(exportProfile(starttls(), 'msmtp').content).toMatch(/^tls_starttls on$/m);
  });

  it('nodemailer: secure by mode, requireTLS for STARTTLS, TLS 1.2, servername', () => {
    const implicit = JSON.parse(exportProfile(sampleProfile(), 'nodemailer').content);
    expect(implicit).toMatchObject({
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      tls: { minVersion: 'TLSv1.2', servername: 'smtp.example.com' },
      auth: { user: 'alice@example.com' },
    });
    expect(implicit.requireTLS).toBeUndefined();
    const start = JSON.parse(exportProfile(starttls(), 'nodemailer').content);
    expect(start).toMatchObject({ port: 587, secure: false, requireTLS: true });
    expect(start.auth.pass).toBeUndefined();
  });

  it('nodemailer: a pinned fingerprint is explained, checks stay on', () => {
    const fp = 'AB:'.repeat(31) + 'CD';
    const options = JSON.parse(
      exportProfile(sampleProfile({ profile: { pinnedFingerprint256: fp } }), 'nodemailer').content,
    );
    expect(options._mailtls.pinnedFingerprint256).toBe(fp);
    expect(options._mailtls.pinning.join(' ')).toMatch(/checkServerIdentity/);
    expect(options.tls.rejectUnauthorized).toBeUndefined();
  });

  it('postfix: relayhost, verified TLS, wrapper mode for implicit TLS, SASL placeholder', () => {
    const implicit = exportProfile(sampleProfile(), 'postfix').content;
    expect(implicit).toMatch(/^relayhost = \[smtp\.example\.com\]:465$/m);
    expect(implicit).toMatch(/^smtp_tls_security_level = secure$/m);
    expect(implicit).toMatch(/^smtp_tls_wrappermode = yes$/m);
    expect(implicit).toMatch(/^smtp_sasl_password_maps = hash:\/etc\/postfix\/sasl_passwd$/m);
    expect(implicit).toMatch(/^#\s+\[smtp\.example\.com\]:465 alice@example\.com:YOUR_PASSWORD$/m);
    expect(exportProfile(starttls(), 'postfix').content).toMatch(/^smtp_tls_wrappermode = no$/m);
    const pinned = exportProfile(
      sampleProfile({ profile: { pinnedFingerprint256: 'AB:'.repeat(31) + 'CD' } }),
      'postfix',
    );
    expect(pinned.content).toMatch(/^smtp_tls_security_level = fingerprint$/m);
    expect(pinned.content).toMatch(/^smtp_tls_fingerprint_cert_match = (AB:){31}CD$/m);
  });

  it('env: the usual variables, empty password', () => {
    const env = exportProfile(starttls(), 'env').content;
    for (const line of [
      "SMTP_HOST='smtp.example.com'",
      'SMTP_PORT=587',
      'SMTP_SECURE=false',
      'SMTP_REQUIRE_TLS=true',
      "SMTP_USER='alice@example.com'",
      'SMTP_PASSWORD=',
    ]) {
      expect(env.split('\n')).toContain(line);
    }
  });
});

describe('import', () => {
  it('round-trips the mailtls format exactly, except trust, which is never imported', () => {
    for (const profile of [
      sampleProfile(),
      starttls(),
      sampleProfile({ profile: { pinnedFingerprint256: 'AB:'.repeat(31) + 'CD' } }),
    ]) {
      const { content, fileName } = exportProfile(profile, 'mailtls');
      expect(importProfile(fileName, content)).toEqual({ ...profile, verifiedWith: null });
    }
    // A failure the file admits is kept: it can only make exports stricter.
    const unsafe = insecure();
    const { content } = exportProfile(unsafe, 'mailtls', { allowInsecure: true });
    expect(importProfile('x.json', content)).toEqual(parseProfile(unsafe));
  });

  it.each(['autoconfig', 'mobileconfig', 'msmtp', 'autodiscover', 'nodemailer'] as ExportFormat[])(
    'reads back what %s export wrote (server, port, mode, auth)',
    (format) => {
      for (const profile of [
        sampleProfile(),
        starttls(),
        sampleProfile({ outgoing: { authentication: 'none' } }),
      ]) {
        if (format === 'mobileconfig' && profile.outgoing.authentication === 'oauth2') continue;
        const { content, fileName } = exportProfile(profile, format);
        const imported = importProfile(fileName, content);
        expect(imported.outgoing).toEqual(profile.outgoing);
        expect(imported.verifiedWith).toBeNull();
      }
    },
  );

  it('keeps the address and user name where the format carries them', () => {
    const profile = sampleProfile({ account: { userName: 'alice-login' } });
    for (const format of ['mobileconfig', 'msmtp'] as const) {
      const imported = importProfile('f', exportProfile(profile, format).content);
      expect(imported.account.email).toBe('alice@example.com');
      expect(imported.account.userName).toBe('alice-login');
    }
    expect(importProfile('f', exportProfile(profile, 'autoconfig').content).account.userName).toBe(
      'alice-login',
    );
  });

  it('refuses files that only describe plaintext or unchecked TLS', () => {
    const plainAutoconfig = exportProfile(starttls(), 'autoconfig').content.replace(
      /<socketType>STARTTLS</,
      '<socketType>plain<',
    );
    const plainMsmtp = exportProfile(starttls(), 'msmtp').content.replace(/^tls on$/m, 'tls off');
    const nocheck = `${exportProfile(starttls(), 'msmtp').content}\ntls_certcheck off\n`;
    const noSsl = exportProfile(starttls(), 'mobileconfig').content.replace(
      /(<key>OutgoingMailServerUseSSL<\/key>\s*)<true\/>/,
      '$1<false/>',
    );
    const optional = JSON.stringify({ host: 'smtp.example.com', port: 587, secure: false });
    for (const content of [plainAutoconfig, plainMsmtp, nocheck, noSsl, optional]) {
      const error = thrown(() => importProfile('f', content));
      expect(error.code).toBe('invalid-input');
      expect(error.text.en).toMatch(/plaintext|without TLS|without SSL/);
    }
  });

  it('turns an audit report into a profile', () => {
    const report = sampleReport();
    expect(importProfile('report.json', JSON.stringify(report))).toEqual(profileFromReport(report));
  });
});

describe('hostile imports: a clear error in both languages', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['20 MB file', () => `{"x":"${'a'.repeat(20 * 1024 * 1024)}"}`, /too large/],
    ['invalid JSON', () => '{"schema": "mailtls.profile/1", ', /not valid JSON/],
    [
      'wrong schema version',
      () => JSON.stringify({ ...sampleProfile(), schema: 'mailtls.profile/2' }),
      /mailtls\.profile\/2/,
    ],
    ['__proto__ key', () => `{"schema":"mailtls.profile/1","__proto__":{"polluted":true}}`, /__proto__/],
    [
      'nested constructor key',
      () => `{"schema":"mailtls.profile/1","account":{"constructor":{"prototype":1}}}`,
      /constructor|prototype/,
    ],
    [
      'missing fields',
      () => JSON.stringify({ schema: 'mailtls.profile/1', id: 'x' }),
      /not a valid MailTLS profile/,
    ],
    ['unsafe id', () => JSON.stringify({ ...sampleProfile(), id: '../../etc/passwd' }), /profile id/],
    [
      'XML with a DTD',
      () => '<?xml version="1.0"?><!DOCTYPE clientConfig [<!ELEMENT clientConfig ANY>]><clientConfig/>',
      /DTD/,
    ],
    [
      'XML with an external entity',
      () =>
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><clientConfig version="1.1"><emailProvider id="x">&xxe;</emailProvider></clientConfig>',
      /DTD|entit/,
    ],
    [
      'billion laughs in a plist',
      () =>
        '<?xml version="1.0"?><!DOCTYPE plist [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><plist version="1.0"><dict/></plist>',
      /DTD|entit/,
    ],
    ['broken XML', () => '<clientConfig version="1.1"><emailProvider></clientConfig>', /well-formed/],
    [
      'plist with a wrong type',
      () =>
        exportProfile(sampleProfile(), 'mobileconfig').content.replace(
          /(<key>OutgoingMailServerPortNumber<\/key>\s*)<integer>465<\/integer>/,
          '$1<string>465</string>',
        ),
      /OutgoingMailServerPortNumber/,
    ],
    ['deeply nested JSON', () => `{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, /nested too deeply/],
    [
      'deeply nested XML',
      () => `<clientConfig>${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}</clientConfig>`,
      /nested too deeply/,
    ],
    [
      'XML element named __proto__',
      () => '<clientConfig><__proto__>1</__proto__></clientConfig>',
      /refuses for safety/,
    ],
    ['unknown text', () => 'hello world', /cannot read/],
  ];

  it.each(cases)('%s', (_name, content, message) => {
    const error = thrown(() => importProfile('hostile', content()));
    expect(error.code).toBe('invalid-input');
    expect(error.text.en).toMatch(message);
    expect(error.text.ja.length).toBeGreaterThan(5);
    expect(error.text.ja).not.toBe(error.text.en);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('profileFromReport', () => {
  it('uses the recommendation and marks it qualified when this machine ran the audit', () => {
    const profile = profileFromReport(sampleReport(), { email: 'alice@example.com' }, { audited: true });
    expect(profile.outgoing).toEqual({
      host: 'mail.example.com',
      port: 465,
      security: 'implicit-tls',
      authentication: 'password',
    });
    expect(profile.verifiedWith).toMatchObject({ qualified: true, date: '2026-11-29T10:00:00.000Z' });
    expect(profile.account.email).toBe('alice@example.com');
    expect(profileFromReport(sampleReport(), { email: 'alice@example.com' }).id).toBe(profile.id);
  });

  it('without a recommendation: the best TLS port as tested, not qualified, so export refuses', () => {
    const report = sampleReport({
      ports: [
        samplePort(25, 'plain'),
        samplePort(465, 'unreachable'),
        samplePort(587, 'starttls', { findings: [{ id: 'cert-expired', severity: 'high', port: 587 }] }),
      ],
      recommendation: noRecommendation,
      findings: [{ id: 'no-secure-option', severity: 'high' }],
    });
    const profile = profileFromReport(report);
    expect(profile.outgoing).toMatchObject({ port: 587, security: 'starttls' });
    expect(profile.verifiedWith?.qualified).toBe(false);
    expect(profile.verifiedWith?.findings.map((f) => f.id)).toEqual(['no-secure-option', 'cert-expired']);
    expect(thrown(() => exportProfile(profile, 'msmtp')).code).toBe('insecure');
  });

  it('refuses when no port spoke TLS at all', () => {
    const report = sampleReport({
      ports: [samplePort(25, 'plain'), samplePort(587, 'plain')],
      recommendation: noRecommendation,
    });
    expect(thrown(() => profileFromReport(report)).code).toBe('insecure');
  });

  it('keeps a pinned fingerprint the user chose to trust', () => {
    const fp = 'AB:'.repeat(31) + 'CD';
    const report = sampleReport({
      recommendation: { ...sampleReport().recommendation, pinnedFingerprint256: fp },
    });
    expect(profileFromReport(report).pinnedFingerprint256).toBe(fp);
  });
});
