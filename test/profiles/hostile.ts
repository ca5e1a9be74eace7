/**
 * Hostile profiles and what each export must contain for them: the exact keys,
 * directives and elements, and each value as the profile holds it. Shared by the
 * in-process property tests and the ones that run the real consumers.
 */
import { parse as parseDotenv } from 'dotenv';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { parse as parsePlist } from 'plist';
import { expect } from 'vitest';
import type { ExportFormat, IncomingProtocol, IncomingSetting, Profile } from '../../electron/contract.js';
import { parseProfile, withoutTrust } from '../../electron/engine/profiles/index.js';

/** Everything that has broken a config file somewhere: quotes, substitutions, comment and CDATA ends, entities. */
const hostilePieces = [
  '"',
  "'",
  '$(touch CANARY)',
  '`touch CANARY`',
  '${HOME}',
  '$HOME',
  '#',
  ';',
  '--->',
  '-->',
  '--',
  ']]>',
  '<![CDATA[',
  '&amp;',
  '&#10;',
  '&lt;',
  '&e;',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
  '</username>',
  '<?xml version="1.0"?>',
  '\\',
  '\\n',
  '=',
  ' ',
  '%EMAILADDRESS%',
  '%U',
  '%%',
  '<',
  '>',
  '&',
  'é',
  '日本語',
  '😀',
  '\u202e',
  'tls_certcheck off',
  'passwordeval "touch CANARY"',
  'relayhost = [evil.example]:25',
  'NODE_OPTIONS=--require CANARY',
  'export X=1',
  '-',
];
/** Characters that end a line or element somewhere; every one must be refused outside the note. */
export const breakingPieces = [
  '\n',
  '\r',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0000',
  '\u0085',
  '\t',
  '\u001b[2J',
  '\ud800',
];

function text(pieces: string[], canary: string): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 6 })
    .map((parts) => parts.join('').replaceAll('CANARY', canary).slice(0, 180));
}

const fingerprint = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 32, maxLength: 32 })
  .map((bytes) => bytes.map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':'));
const hostName = fc.constantFrom(
  'smtp.example.com',
  'xn--bcher-kva.example',
  '127.0.0.1',
  '::1',
  'mail.example.',
);

/** Issue 14: an incoming setting with every choice a profile can hold. */
const incomingSetting: fc.Arbitrary<IncomingSetting> = fc.record({
  host: fc.constantFrom('imap.example.com', 'pop.example.jp', '127.0.0.2', '::1', 'mail.example.'),
  port: fc.constantFrom(993, 143, 995, 110, 10993),
  security: fc.constantFrom('implicit-tls' as const, 'starttls' as const),
  authentication: fc.constantFrom('password' as const, 'oauth2' as const),
  userName: fc.constantFrom('account' as const, 'local-part' as const),
});
/** Not tested (undefined), or per protocol: qualified, tested without result (null), not tested (absent). */
const incoming: fc.Arbitrary<Profile['incoming']> = fc.option(
  fc.record({ imap: fc.option(incomingSetting), pop3: fc.option(incomingSetting) }, { requiredKeys: [] }),
  { nil: undefined },
);

const date = fc
  .date({ min: new Date(0), max: new Date(4_102_444_800_000), noInvalidDate: true })
  .map((d) => d.toISOString());

/**
 * Profiles whose free-text fields (name, display name, user name, address, note)
 * hold every hostile piece that is still one line of text; the note gets line
 * breaks too (only the JSON formats carry it).
 */
export function hostileProfile(canary: string): fc.Arbitrary<Profile> {
  const free = text(hostilePieces, canary);
  const addressPart = free.map((value) => value.replace(/[\s@"\\]/g, '') || 'x');
  return fc
    .record({
      name: free,
      displayName: fc.option(free),
      userName: fc.option(free),
      // The contract caps an address at 254 characters (RFC 5321's path limit).
      email: fc.option(
        fc
          .tuple(addressPart, addressPart)
          .map(([local, domain]) => `${local.slice(0, 126)}@${domain.slice(0, 127)}`),
      ),
      note: text([...hostilePieces, ...breakingPieces], canary),
      host: hostName,
      port: fc.constantFrom(25, 465, 587, 2525),
      security: fc.constantFrom('implicit-tls' as const, 'starttls' as const),
      authentication: fc.constantFrom('password' as const, 'none' as const, 'oauth2' as const),
      pinnedFingerprint256: fc.option(fingerprint),
      verifiedWith: fc.option(fc.record({ date, qualified: fc.boolean() })),
      incoming,
    })
    .map((r) => ({
      schema: 'mailtls.profile/1' as const,
      id: 'p-hostile',
      name: r.name,
      account: { email: r.email, displayName: r.displayName, userName: r.userName },
      outgoing: { host: r.host, port: r.port, security: r.security, authentication: r.authentication },
      ...(r.incoming === undefined ? {} : { incoming: r.incoming }),
      pinnedFingerprint256: r.pinnedFingerprint256,
      verifiedWith: r.verifiedWith && { ...r.verifiedWith, findings: [] },
      note: r.note,
    }));
}

/** A profile with one line-breaking piece in one of the fields that go into line-based files. */
export function brokenProfile(canary: string): fc.Arbitrary<Profile> {
  const broken = fc
    .tuple(text(hostilePieces, canary), fc.constantFrom(...breakingPieces), text(hostilePieces, canary))
    .map(([a, b, c]) => `${a}${b}${c}`);
  const field = fc.constantFrom(
    'name',
    'displayName',
    'userName',
    'email',
    'host',
    'incomingHost',
    'date',
    'fingerprint',
  );
  return fc.tuple(hostileProfile(canary), field, broken).map(([profile, which, value]) => {
    const account = { ...profile.account };
    const outgoing = { ...profile.outgoing };
    let { name, verifiedWith, pinnedFingerprint256, incoming } = profile;
    if (which === 'name') name = value;
    if (which === 'displayName') account.displayName = value;
    if (which === 'userName') account.userName = value;
    if (which === 'email') account.email = `${value}@example.com`;
    if (which === 'host') outgoing.host = `smtp${value}.example`;
    if (which === 'incomingHost') {
      incoming = {
        ...incoming,
        pop3: {
          host: `pop${value}.example`,
          port: 995,
          security: 'implicit-tls',
          authentication: 'password',
          userName: 'account',
        },
      };
    }
    if (which === 'date')
      verifiedWith = { date: `2026-11-29T10:00:00Z${value}`, findings: [], qualified: true };
    if (which === 'fingerprint') pinnedFingerprint256 = `${'AB:'.repeat(31)}CD${value}`;
    return { ...profile, name, account, outgoing, incoming, verifiedWith, pinnedFingerprint256 };
  });
}

/** The profile as every export must show it: validated, dates normalised, no trust from the file. */
export function expectedProfile(input: Profile): Profile {
  return withoutTrust(parseProfile(input));
}

const login = (p: Profile) => p.account.userName ?? p.account.email;
const domainOf = (p: Profile) =>
  p.account.email === null ? p.outgoing.host : p.account.email.slice(p.account.email.lastIndexOf('@') + 1);

/** Issue 14: the qualified incoming settings, IMAP first. */
export function incomingOf(p: Profile): { protocol: IncomingProtocol; setting: IncomingSetting }[] {
  return (['imap', 'pop3'] as const).flatMap((protocol) => {
    const setting = p.incoming?.[protocol];
    return setting ? [{ protocol, setting }] : [];
  });
}

/** The incoming log-in: the account's (as for SMTP), or the address before the "@". */
export function incomingLogin(p: Profile, setting: IncomingSetting): string | null {
  if (setting.userName === 'account') return login(p);
  return p.account.email === null ? null : p.account.email.slice(0, p.account.email.lastIndexOf('@'));
}

/** Incoming mail was tested and nothing qualified: Thunderbird and Apple files would name a failed server. */
const incomingFailed = (p: Profile) => p.incoming !== undefined && incomingOf(p).length === 0;

/** Which error a format refuses a profile with (a value its syntax cannot carry, or no safe incoming server), or null. */
export function refusalCode(p: Profile, format: ExportFormat): 'invalid-input' | 'insecure' | null {
  if ((format === 'mobileconfig' || format === 'autoconfig') && incomingFailed(p)) return 'insecure';
  if (format === 'mobileconfig') {
    const oauth = [p.outgoing.authentication, incomingOf(p)[0]?.setting.authentication].includes('oauth2');
    return oauth ? 'invalid-input' : null;
  }
  if (format === 'msmtp')
    return p.account.email !== null && /%[UHCM]/.test(p.account.email) ? 'invalid-input' : null;
  if (format === 'env') {
    const values = [p.account.email, p.outgoing.authentication === 'none' ? null : login(p)];
    const unwritable = values.some(
      (v) => v !== null && (v.includes("'") || v.endsWith('\\')) && /[$`\\"]/.test(v),
    );
    return unwritable ? 'invalid-input' : null;
  }
  return null;
}

/** Formats that may refuse a profile, and when. */
export function refuses(p: Profile, format: ExportFormat): boolean {
  return refusalCode(p, format) !== null;
}

// ---- msmtp --------------------------------------------------------------------------------

/** The msmtprc directives, read the way msmtp reads them (checked against msmtp itself). */
export function msmtpDirectives(content: string): [string, string][] {
  const directives: [string, string][] = [];
  for (const raw of content.split('\n')) {
    const line = raw.replace(/^[ \t]+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const space = line.search(/[ \t]/);
    const key = space === -1 ? line : line.slice(0, space);
    let value = space === -1 ? '' : line.slice(space).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    directives.push([key, value]);
  }
  return directives;
}

export function expectedMsmtp(p: Profile): [string, string][] {
  const auth = { password: 'on', none: 'off', oauth2: 'oauthbearer' }[p.outgoing.authentication];
  const account = `mailtls-${p.outgoing.host.replace(/[^A-Za-z0-9.-]/g, '_')}`;
  const directives: [string, string][] = [
    ['account', account],
    ['host', p.outgoing.host],
    ['port', String(p.outgoing.port)],
    ['tls', 'on'],
    ['tls_starttls', p.outgoing.security === 'starttls' ? 'on' : 'off'],
  ];
  if (p.pinnedFingerprint256 !== null) directives.push(['tls_fingerprint', p.pinnedFingerprint256]);
  directives.push(['auth', auth]);
  const user = login(p);
  if (p.outgoing.authentication !== 'none' && user !== null) directives.push(['user', user]);
  if (p.account.email !== null) directives.push(['from', p.account.email]);
  return directives;
}

// ---- Postfix main.cf ----------------------------------------------------------------------

/** `name = value` pairs as main.cf defines them: `#` lines are comments, indented lines continue. */
export function mainCf(content: string): Map<string, string> {
  const logical: string[] = [];
  for (const line of content.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    if (/^\s/.test(line) && logical.length > 0) logical[logical.length - 1] += ` ${line.trim()}`;
    else logical.push(line);
  }
  return new Map(
    logical.map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
  );
}

export function expectedPostfix(p: Profile): Map<string, string> {
  const host = p.outgoing.host.includes(':') ? `ipv6:${p.outgoing.host}` : p.outgoing.host;
  const entries: [string, string][] = [['relayhost', `[${host}]:${p.outgoing.port}`]];
  if (p.pinnedFingerprint256 === null) {
    entries.push(
      ['smtp_tls_security_level', 'secure'],
      ['smtp_tls_CAfile', '/etc/ssl/certs/ca-certificates.crt'],
    );
  } else {
    entries.push(
      ['smtp_tls_security_level', 'fingerprint'],
      ['smtp_tls_fingerprint_digest', 'sha256'],
      ['smtp_tls_fingerprint_cert_match', p.pinnedFingerprint256],
    );
  }
  entries.push(
    ['smtp_tls_wrappermode', p.outgoing.security === 'implicit-tls' ? 'yes' : 'no'],
    ['smtp_tls_mandatory_protocols', '!SSLv2, !SSLv3, !TLSv1, !TLSv1.1'],
  );
  if (p.outgoing.authentication !== 'none') {
    entries.push(
      ['smtp_sasl_auth_enable', 'yes'],
      ['smtp_sasl_password_maps', 'hash:/etc/postfix/sasl_passwd'],
      ['smtp_sasl_security_options', 'noanonymous'],
      ['smtp_sasl_tls_security_options', 'noanonymous'],
    );
  }
  return new Map(entries);
}

// ---- .env ---------------------------------------------------------------------------------

export function expectedEnv(p: Profile): Record<string, string> {
  const env: Record<string, string> = {
    SMTP_HOST: p.outgoing.host,
    SMTP_PORT: String(p.outgoing.port),
    SMTP_SECURE: String(p.outgoing.security === 'implicit-tls'),
    SMTP_REQUIRE_TLS: String(p.outgoing.security === 'starttls'),
    SMTP_TLS_MIN_VERSION: 'TLSv1.2',
  };
  const user = login(p);
  if (p.outgoing.authentication !== 'none' && user !== null) {
    env.SMTP_USER = user;
    env.SMTP_PASSWORD = '';
  }
  if (p.account.email !== null) env.SMTP_FROM = p.account.email;
  if (p.pinnedFingerprint256 !== null) env.SMTP_TLS_PINNED_SHA256 = p.pinnedFingerprint256;
  return env;
}

// ---- XML and plist ------------------------------------------------------------------------

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ['authentication', 'incomingServer', 'Protocol'].includes(name),
});

/** Whitespace between elements is layout, not data. */
function withoutLayout(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLayout);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !(key === '#text' && typeof v === 'string' && v.trim() === ''))
      .map(([key, v]) => [key, withoutLayout(v)]),
  );
}

/** The document parsed by fast-xml-parser, and a check that exactly one comment and no DTD made it in. */
export function parseXmlExport(content: string, doctypes = 0): Record<string, unknown> {
  expect(content.match(/<!--/g)).toHaveLength(1);
  expect(content.match(/-->/g)).toHaveLength(1);
  expect((content.match(/<!DOCTYPE/g) ?? []).length).toBe(doctypes);
  const parsed = withoutLayout(xmlParser.parse(content)) as Record<string, unknown>;
  delete parsed['?xml'];
  return parsed;
}

const authValues = {
  password: ['password-cleartext'],
  none: ['none'],
  oauth2: ['OAuth2', 'password-cleartext'],
};

export function expectedAutoconfig(p: Profile): Record<string, unknown> {
  const domain = domainOf(p);
  const user = p.account.userName ?? '%EMAILADDRESS%';
  const { host, port, security, authentication } = p.outgoing;
  const incoming = incomingOf(p);
  return {
    clientConfig: {
      '@version': '1.1',
      emailProvider: {
        '@id': domain,
        domain,
        displayName: p.account.displayName ?? p.name,
        displayShortName: domain,
        // Without a tested incoming server, Thunderbird's required one is the labelled placeholder.
        incomingServer:
          incoming.length === 0
            ? [
                {
                  '@type': 'imap',
                  hostname: host,
                  port: '993',
                  socketType: 'SSL',
                  username: user,
                  authentication: ['password-cleartext'],
                },
              ]
            : incoming.map(({ protocol, setting }) => ({
                '@type': protocol,
                hostname: setting.host,
                port: String(setting.port),
                socketType: setting.security === 'implicit-tls' ? 'SSL' : 'STARTTLS',
                username: setting.userName === 'local-part' ? '%EMAILLOCALPART%' : user,
                authentication: authValues[setting.authentication],
              })),
        outgoingServer: {
          '@type': 'smtp',
          hostname: host,
          port: String(port),
          socketType: security === 'implicit-tls' ? 'SSL' : 'STARTTLS',
          username: user,
          authentication: authValues[authentication],
        },
      },
    },
  };
}

function autodiscoverProtocol(
  type: string,
  server: string,
  port: number,
  security: IncomingSetting['security'],
  user: string | null,
  authRequired: boolean,
): Record<string, unknown> {
  const protocol: Record<string, unknown> = { Type: type, Server: server, Port: String(port) };
  if (user !== null && authRequired) protocol.LoginName = user;
  return Object.assign(protocol, {
    DomainRequired: 'off',
    SPA: 'off',
    SSL: 'on',
    Encryption: security === 'implicit-tls' ? 'SSL' : 'TLS',
    AuthRequired: authRequired ? 'on' : 'off',
  });
}

export function expectedAutodiscover(p: Profile): Record<string, unknown> {
  const { host, port, security, authentication } = p.outgoing;
  const protocols = [
    ...incomingOf(p).map(({ protocol, setting }) =>
      autodiscoverProtocol(
        protocol === 'imap' ? 'IMAP' : 'POP3',
        setting.host,
        setting.port,
        setting.security,
        incomingLogin(p, setting),
        true,
      ),
    ),
    autodiscoverProtocol('SMTP', host, port, security, login(p), authentication !== 'none'),
  ];
  const response: Record<string, unknown> = {
    '@xmlns': 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a',
  };
  if (p.account.displayName !== null) response.User = { DisplayName: p.account.displayName };
  response.Account = { AccountType: 'email', Action: 'settings', Protocol: protocols };
  return {
    Autodiscover: {
      '@xmlns': 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006',
      Response: response,
    },
  };
}

/** The mail payload's profile-derived keys; the rest is fixed and checked by key set. */
export function checkMobileconfig(content: string, p: Profile): void {
  expect(content.match(/<!--/g)).toHaveLength(1);
  expect(content.match(/-->/g)).toHaveLength(1);
  expect(content.match(/<!DOCTYPE/g)).toHaveLength(1);
  const top = parsePlist(content) as Record<string, unknown>;
  const mail = (top.PayloadContent as Record<string, unknown>[])[0] as Record<string, unknown>;
  expect((top.PayloadContent as unknown[]).length).toBe(1);
  const name = p.name || p.outgoing.host;
  const user = login(p);
  // One payload, one account type: IMAP when it qualified, else POP3, else the labelled placeholder.
  const chosen = incomingOf(p)[0];
  const incomingUser = chosen ? incomingLogin(p, chosen.setting) : user;
  const expected: Record<string, unknown> = {
    PayloadDisplayName: name,
    EmailAccountDescription: name,
    EmailAccountType: chosen?.protocol === 'pop3' ? 'EmailTypePOP' : 'EmailTypeIMAP',
    IncomingMailServerHostName: chosen?.setting.host ?? p.outgoing.host,
    IncomingMailServerPortNumber: chosen?.setting.port ?? 993,
    IncomingMailServerUseSSL: true,
    IncomingMailServerAuthentication: 'EmailAuthPassword',
    OutgoingMailServerHostName: p.outgoing.host,
    OutgoingMailServerPortNumber: p.outgoing.port,
    OutgoingMailServerUseSSL: true,
  };
  if (p.account.displayName !== null) expected.EmailAccountName = p.account.displayName;
  if (p.account.email !== null) expected.EmailAddress = p.account.email;
  if (incomingUser !== null) expected.IncomingMailServerUsername = incomingUser;
  if (user !== null && p.outgoing.authentication !== 'none') expected.OutgoingMailServerUsername = user;
  expect(mail).toMatchObject(expected);
  const fixed = [
    'PayloadType',
    'PayloadVersion',
    'PayloadIdentifier',
    'PayloadUUID',
    'PayloadDisplayName',
    'EmailAccountType',
    'EmailAccountDescription',
    'IncomingMailServerHostName',
    'IncomingMailServerPortNumber',
    'IncomingMailServerUseSSL',
    'IncomingMailServerAuthentication',
    'OutgoingMailServerHostName',
    'OutgoingMailServerPortNumber',
    'OutgoingMailServerUseSSL',
    'OutgoingMailServerAuthentication',
  ];
  const optional = [
    'EmailAccountName',
    'EmailAddress',
    'IncomingMailServerUsername',
    'OutgoingMailServerUsername',
  ];
  expect(Object.keys(mail).sort()).toEqual([...fixed, ...optional.filter((k) => k in expected)].sort());
  expect(top.PayloadDisplayName).toBe(`MailTLS: ${name}`);
}

/** Every in-process check of one export against the profile it came from. */
export function checkExport(format: ExportFormat, content: string, p: Profile): void {
  switch (format) {
    case 'mailtls': {
      const { warning: _warning, ...profile } = JSON.parse(content) as Record<string, unknown>;
      expect(profile).toEqual(JSON.parse(JSON.stringify(p)));
      return;
    }
    case 'nodemailer': {
      const options = JSON.parse(content) as Record<string, unknown>;
      const keys = ['_mailtls', 'host', 'port', 'secure', 'tls'];
      if (p.outgoing.security === 'starttls') keys.push('requireTLS');
      const user = login(p);
      if (user !== null && p.outgoing.authentication !== 'none') keys.push('auth');
      expect(Object.keys(options).sort()).toEqual(keys.sort());
      expect(options.host).toBe(p.outgoing.host);
      expect(options.port).toBe(p.outgoing.port);
      if (keys.includes('auth')) expect((options.auth as { user: string }).user).toBe(user);
      return;
    }
    case 'msmtp':
      expect(msmtpDirectives(content)).toEqual(expectedMsmtp(p));
      return;
    case 'postfix':
      expect(mainCf(content)).toEqual(expectedPostfix(p));
      return;
    case 'env':
      expect(parseDotenv(content)).toEqual(expectedEnv(p));
      return;
    case 'autoconfig':
      expect(parseXmlExport(content)).toEqual(expectedAutoconfig(p));
      return;
    case 'autodiscover':
      expect(parseXmlExport(content)).toEqual(expectedAutodiscover(p));
      return;
    case 'mobileconfig':
      checkMobileconfig(content, p);
      return;
  }
}
