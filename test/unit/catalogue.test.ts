import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  audiences,
  dnsFindings,
  recipientFindings,
  adminFix,
  renderReason,
  serverSoftware,
  serverSoftwares,
  smtpFindings,
  type ServerSoftware,
  type SmtpFindingWords,
} from '../../electron/catalogue/index.js';
import {
  dnsFindingIds,
  findingIds,
  reasonSchema,
  recipientFindingIds,
  type Language,
  type PortReport,
  type Reason,
  type ReasonKey,
} from '../../electron/contract.js';

const findingTexts = smtpFindings;

const japanese = /[\u3040-\u30ff\u3400-\u9fff]/;
/** Japanese script plus full-width punctuation, none of which belongs in English text. */
const cjk = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;
const languages: Language[] = ['ja', 'en'];
const fields = ['title', 'explanation', 'fixAdmin', 'fixUser'] as const satisfies (keyof SmtpFindingWords)[];

describe('finding texts', () => {
  it('cover exactly the finding ids of the contract', () => {
    expect(Object.keys(findingTexts).sort()).toEqual([...findingIds].sort());
  });

  it.each(findingIds)('%s has non-empty ja and en texts in the right script', (id) => {
    for (const field of fields) {
      const ja = findingTexts[id].ja[field];
      const en = findingTexts[id].en[field];
      expect(ja.trim().length, `${id}.ja.${field}`).toBeGreaterThan(field === 'title' ? 3 : 15);
      expect(en.trim().length, `${id}.en.${field}`).toBeGreaterThan(field === 'title' ? 3 : 15);
      expect(ja, `${id}.ja.${field}`).toMatch(japanese);
      expect(en, `${id}.en.${field}`).not.toMatch(cjk);
    }
  });

  it.each(findingIds)('%s explains in one paragraph, and in polite Japanese', (id) => {
    for (const language of languages) {
      expect(findingTexts[id][language].explanation).not.toMatch(/\n/);
    }
    for (const field of ['explanation', 'fixAdmin', 'fixUser'] as const) {
      expect(findingTexts[id].ja[field], `${id}.ja.${field}`).toMatch(/(です|ます|ください|ません)/);
      expect(findingTexts[id].ja[field], `${id}.ja.${field}`).toMatch(/。$/);
    }
  });

  it('has a distinct title for every finding in each language', () => {
    for (const language of languages) {
      const titles = findingIds.map((id) => findingTexts[id][language].title);
      expect(new Set(titles).size).toBe(titles.length);
    }
  });

  it('names the Postfix settings the fixes rely on', () => {
    expect(adminFix('tls-not-required', 'en', 'postfix')).toContain('smtpd_tls_security_level=encrypt');
    expect(adminFix('plaintext-auth', 'en', 'postfix')).toContain('smtpd_tls_auth_only = yes');
    expect(adminFix('starttls-on-465', 'ja', 'postfix')).toContain('smtpd_tls_wrappermode=yes');
    expect(adminFix('tls-legacy-version', 'en', 'postfix')).toContain('>=TLSv1.2');
    expect(adminFix('cert-incomplete-chain', 'ja', 'postfix')).toContain('fullchain.pem');
    expect(findingTexts['starttls-command-injection'].en.explanation).toContain('CVE-2011-0411');
  });
});

describe('fixes for the server software the server names', () => {
  const variants = findingIds.flatMap((id) =>
    languages.flatMap((language) =>
      Object.entries(findingTexts[id][language].fixAdminFor ?? {}).map(([software, text]) => ({
        id,
        language,
        software,
        text,
      })),
    ),
  );

  it('exist for every software MailTLS recognises, in both languages, and polite Japanese', () => {
    for (const software of serverSoftwares) {
      for (const language of languages) {
        expect(
          variants.filter((v) => v.software === software && v.language === language).length,
          `${software} ${language}`,
        ).toBeGreaterThan(0);
      }
    }
    for (const { id, language, software, text } of variants) {
      const where = `${id}.${language}.${software}`;
      if (language === 'ja') expect(text, where).toMatch(/(です|ます|ください|ません)(（[^）]*）)?。$/);
      else expect(text, where).not.toMatch(cjk);
    }
  });

  it('follow the software named in the greeting or EHLO, otherwise stay neutral', () => {
    const report = (banner: string, ehlo: string[] = []) => ({
      ports: [{ banner, ehlo: { beforeTls: ehlo, afterTls: null } } as unknown as PortReport],
    });
    expect(serverSoftware(report('220 mail.example.jp ESMTP Postfix (Debian/GNU)'))).toBe('postfix');
    expect(serverSoftware(report('220 mx.example.jp ESMTP Exim 4.96 Mon, 1 Dec 2026'))).toBe('exim');
    expect(serverSoftware(report('220 mail.example.jp Dovecot ready.'))).toBe('dovecot');
    expect(serverSoftware(report('220 mail.example.jp ESMTP Sendmail 8.17.1/8.17.1'))).toBe('sendmail');
    expect(serverSoftware(report('220 EX01.corp.example Microsoft ESMTP MAIL Service ready'))).toBe(
      'exchange',
    );
    expect(serverSoftware(report('220 mail.example.jp ESMTP OpenSMTPD'))).toBe('opensmtpd');
    expect(serverSoftware(report('220 mail.example.jp ESMTP', ['mail.example.jp', 'PIPELINING']))).toBeNull();
    expect(adminFix('plaintext-auth', 'en', 'exim')).toContain('auth_advertise_hosts');
    expect(adminFix('tls-not-required', 'ja', 'exchange')).toContain('RequireTLS');
    expect(adminFix('plaintext-auth', 'en', null)).toBe(findingTexts['plaintext-auth'].en.fixAdmin);
    expect(findingTexts['plaintext-auth'].en.fixAdmin).not.toMatch(/Postfix|Exim|Dovecot/);
    // No variant: the neutral text.
    expect(adminFix('cert-untrusted', 'en', 'exim')).toBe(findingTexts['cert-untrusted'].en.fixAdmin);
  });

  /** Setting names only Postfix has, and its name: wrong advice for any other server. */
  const postfixWords = /postfix|postscreen|smtpd_|postconf|main\.cf|master\.cf/i;
  const productNames: Record<ServerSoftware, string> = {
    postfix: 'Postfix',
    exim: 'Exim',
    dovecot: 'Dovecot',
    sendmail: 'Sendmail',
    exchange: 'Exchange',
    opensmtpd: 'OpenSMTPD',
  };

  it.each(findingIds)('%s: the neutral fix names no Postfix setting', (id) => {
    for (const language of languages) {
      expect(findingTexts[id][language].fixAdmin, `${id}.${language}`).not.toMatch(postfixWords);
    }
  });

  it('exist for every software wherever one exists, each in its own settings, never in Postfix words', () => {
    const withVariants = findingIds.filter(
      (id) => findingTexts[id].en.fixAdminFor ?? findingTexts[id].ja.fixAdminFor,
    );
    // The findings whose fix is a server setting (the Postfix texts name one each).
    expect(withVariants.length).toBeGreaterThanOrEqual(18);
    for (const id of withVariants) {
      for (const language of languages) {
        const words = findingTexts[id][language];
        for (const software of serverSoftwares) {
          const where = `${id}.${language}.${software}`;
          const text = words.fixAdminFor?.[software];
          expect(text, where).toBeDefined();
          expect(text, where).not.toBe(words.fixAdmin);
          if (software === 'postfix') expect(text, where).toMatch(postfixWords);
          else expect(text, where).not.toMatch(postfixWords);
          expect(text?.toLowerCase(), where).toContain(productNames[software].toLowerCase());
        }
      }
    }
  });

  it('name the settings each software really has', () => {
    expect(adminFix('starttls-missing', 'en', 'exim')).toContain('tls_advertise_hosts');
    expect(adminFix('tls-weak-cipher', 'ja', 'exim')).toContain('tls_require_ciphers');
    expect(adminFix('tls-legacy-version', 'en', 'exim')).toContain('openssl_options');
    expect(adminFix('tls-legacy-version', 'ja', 'dovecot')).toContain('ssl_min_protocol = TLSv1.2');
    expect(adminFix('no-secure-option', 'en', 'dovecot')).toContain('ssl = required');
    expect(adminFix('tls-legacy-version', 'en', 'sendmail')).toContain('confSERVER_SSL_OPTIONS');
    expect(adminFix('no-secure-option', 'ja', 'sendmail')).toContain('confAUTH_OPTIONS');
    expect(adminFix('no-secure-option', 'en', 'exchange')).toContain(
      'Set-ReceiveConnector -RequireTLS $true',
    );
    expect(adminFix('starttls-on-465', 'en', 'exchange')).toMatch(/STARTTLS only, never implicit TLS/);
    expect(adminFix('starttls-missing', 'ja', 'opensmtpd')).toContain('tls-require');
    expect(adminFix('implicit-tls-plaintext', 'en', 'opensmtpd')).toContain('listen on all smtps');
  });
});

/** One sample of every reason; the mapped type keeps it complete. */
const samples: { [K in ReasonKey]: Extract<Reason, { key: K }> } = {
  'implicit-tls-preferred': { key: 'implicit-tls-preferred' },
  'port-qualifies': { key: 'port-qualifies', port: 465 },
  'tls-version': { key: 'tls-version', version: 'TLSv1.3' },
  'certificate-valid': { key: 'certificate-valid' },
  'injection-safe': { key: 'injection-safe' },
  'tls-enforced': { key: 'tls-enforced' },
  'starttls-must-be-required': { key: 'starttls-must-be-required' },
  'implicit-tls-unavailable': { key: 'implicit-tls-unavailable', port: 465 },
  'port-25-relay-warning': { key: 'port-25-relay-warning' },
  'relay-port-passed-over': { key: 'relay-port-passed-over', port: 25 },
  'submission-port-unavailable': { key: 'submission-port-unavailable', port: 587 },
  'nothing-qualified': { key: 'nothing-qualified' },
  'fix-to-qualify': { key: 'fix-to-qualify', finding: 'cert-expired' },
  'incoming-implicit-tls-preferred': { key: 'incoming-implicit-tls-preferred' },
  'qualifying-ports': { key: 'qualifying-ports', ports: [993, 143] },
  'incoming-nothing-qualified': { key: 'incoming-nothing-qualified' },
  'outgoing-not-tested': { key: 'outgoing-not-tested' },
};

describe('reason texts', () => {
  const reasons = Object.values(samples);

  it('cover every reason of the contract', () => {
    const keys = reasonSchema.options.map((option) => option.shape.key.value);
    expect(Object.keys(samples).sort()).toEqual([...keys].sort());
  });

  it.each(reasons.map((r) => [r.key, r] as const))(
    '%s renders in both languages with its parameter',
    (_key, reason) => {
      for (const language of languages) {
        const text = renderReason(reason, language);
        expect(text).not.toMatch(/[{}]|undefined/);
        expect(text).toMatch(language === 'ja' ? japanese : /^[^\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+$/);
        if ('port' in reason) expect(text).toContain(String(reason.port));
        if ('version' in reason) expect(text).toContain(reason.version);
      }
    },
  );

  it('substitutes ports and versions', () => {
    expect(renderReason({ key: 'port-qualifies', port: 465 }, 'ja')).toContain('465番ポート');
    expect(renderReason({ key: 'port-qualifies', port: 587 }, 'en')).toMatch(/^Port 587 qualifies/);
    expect(renderReason({ key: 'tls-version', version: 'TLSv1.2' }, 'en')).toBe(
      'The connection used TLSv1.2.',
    );
  });

  it('renders a finding as that finding’s title', () => {
    expect(renderReason({ key: 'fix-to-qualify', finding: 'cert-expired' }, 'en')).toContain(
      findingTexts['cert-expired'].en.title,
    );
    expect(renderReason({ key: 'fix-to-qualify', finding: 'plaintext-auth' }, 'ja')).toContain(
      findingTexts['plaintext-auth'].ja.title,
    );
  });

  it('are typed in the report: strings, unknown keys and misshapen parameters are refused', () => {
    for (const bad of [
      'port-qualifies:465',
      { key: 'made-up-reason' },
      { key: 'port-qualifies', port: '465' },
      { key: 'tls-version', version: 'SSLv3' },
      { key: 'fix-to-qualify', finding: 'not-a-finding' },
    ])
      expect(reasonSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    for (const reason of reasons) expect(reasonSchema.parse(reason)).toEqual(reason);
  });
});

const root = fileURLToPath(new URL('../..', import.meta.url));
const catalogueDir = join(root, 'electron', 'catalogue');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('the finding catalogue', () => {
  const everyId = [...findingIds, ...dnsFindingIds, ...recipientFindingIds];

  it('has an entry for every id of the contract, audit, DNS and recipient, and nothing else', () => {
    expect(Object.keys(smtpFindings).sort()).toEqual([...findingIds].sort());
    expect(Object.keys(dnsFindings).sort()).toEqual([...dnsFindingIds].sort());
    expect(Object.keys(recipientFindings).sort()).toEqual([...recipientFindingIds].sort());
    expect(new Set(everyId).size).toBe(findingIds.length + dnsFindingIds.length + recipientFindingIds.length);
  });

  it('gives every id a severity, an audience and its words in both languages', () => {
    for (const [id, entry] of [
      ...Object.entries(smtpFindings),
      ...Object.entries(dnsFindings),
      ...Object.entries(recipientFindings),
    ]) {
      expect(audiences, id).toContain(entry.audience);
      for (const field of ['title', 'explanation', 'fixAdmin'] as const) {
        expect(entry.en[field].length, `${id}.en.${field}`).toBeGreaterThan(5);
        expect(entry.ja[field], `${id}.ja.${field}`).toMatch(japanese);
        expect(entry.en[field], `${id}.en.${field}`).not.toMatch(cjk);
      }
    }
  });

  it('marks what endangers a strictly set mail program as client risk, what the server merely allows as hardening', () => {
    for (const id of [
      'cert-expired',
      'cert-untrusted',
      'cert-hostname-mismatch',
      'starttls-command-injection',
      'starttls-response-injection',
      'tls-handshake-failed',
    ] as const)
      expect(smtpFindings[id].audience, id).toBe('client-risk');
    for (const id of [
      'tls-not-required',
      'plaintext-auth',
      'tls-legacy-version',
      'starttls-still-advertised',
    ] as const)
      expect(smtpFindings[id].audience, id).toBe('server-hardening');
  });

  it('is the only place that words a finding', () => {
    const titles = Object.values({ ...smtpFindings, ...dnsFindings, ...recipientFindings }).flatMap((e) => [
      e.en.title,
      e.ja.title,
    ]);
    const idKey = new RegExp(`['"]?(${everyId.join('|')})['"]?\\s*:\\s*\\{`);
    const offenders: string[] = [];
    for (const file of [
      ...sourceFiles(join(root, 'electron')),
      ...sourceFiles(join(root, 'renderer', 'src')),
    ]) {
      if (file.startsWith(catalogueDir)) continue;
      const text = readFileSync(file, 'utf8');
      const where = relative(root, file);
      // A title written out as a string of its own (quoted whole), not a phrase inside a sentence or a log note.
      for (const title of titles)
        if (["'", '"', '`'].some((q) => text.includes(`${q}${title}${q}`)))
          offenders.push(`${where}: "${title}"`);
      if (idKey.test(text)) offenders.push(`${where}: an object keyed by a finding id`);
    }
    expect(offenders).toEqual([]);
  });
});
