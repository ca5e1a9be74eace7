import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  audiences,
  dnsFindings,
  reasonTexts,
  renderReason,
  smtpFindings,
  type ReasonKey,
  type SmtpFindingWords,
} from '../../electron/catalogue/index.js';
import { dnsFindingIds, findingIds, type Language } from '../../electron/contract.js';

const findingTexts = smtpFindings;

const japanese = /[\u3040-\u30ff\u3400-\u9fff]/;
/** Japanese script plus full-width punctuation, none of which belongs in English text. */
const cjk = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;
const languages: Language[] = ['ja', 'en'];
const fields: (keyof SmtpFindingWords)[] = ['title', 'explanation', 'fixAdmin', 'fixUser'];

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
    expect(findingTexts['tls-not-required'].en.fixAdmin).toContain('smtpd_tls_security_level=encrypt');
    expect(findingTexts['plaintext-auth'].en.fixAdmin).toContain('smtpd_tls_auth_only = yes');
    expect(findingTexts['starttls-on-465'].ja.fixAdmin).toContain('smtpd_tls_wrappermode=yes');
    expect(findingTexts['tls-legacy-version'].en.fixAdmin).toContain('>=TLSv1.2');
    expect(findingTexts['cert-incomplete-chain'].ja.fixAdmin).toContain('fullchain.pem');
    expect(findingTexts['starttls-command-injection'].en.explanation).toContain('CVE-2011-0411');
  });
});

/** A sample parameter for every reason key (null: the key takes none); the Record keeps it complete. */
const sampleParams: Record<ReasonKey, string | null> = {
  'implicit-tls-preferred': null,
  'port-qualifies': '465',
  'tls-version': 'TLSv1.3',
  'certificate-valid': null,
  'injection-safe': null,
  'tls-enforced': null,
  'starttls-must-be-required': null,
  'implicit-tls-unavailable': '465',
  'port-25-relay-warning': null,
  'relay-port-passed-over': '25',
  'submission-port-unavailable': '587',
  'nothing-qualified': null,
  'fix-to-qualify': 'cert-expired',
  'certificate-pinned': null,
};

describe('reason texts', () => {
  const keys = Object.keys(sampleParams) as ReasonKey[];

  it('cover the same keys as the samples', () => {
    expect(Object.keys(reasonTexts).sort()).toEqual([...keys].sort());
  });

  it.each(keys)('%s renders in both languages with its parameter substituted', (key) => {
    const param = sampleParams[key];
    const reason = param === null ? key : `${key}:${param}`;
    for (const language of languages) {
      const text = renderReason(reason, language);
      expect(text).not.toBe(reason);
      expect(text).not.toMatch(/[{}]/);
      expect(text).toMatch(language === 'ja' ? japanese : /^[^\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+$/);
      if (param !== null && key !== 'fix-to-qualify') expect(text).toContain(param);
    }
  });

  it('substitutes ports and versions', () => {
    expect(renderReason('port-qualifies:465', 'ja')).toContain('465番ポート');
    expect(renderReason('port-qualifies:587', 'en')).toMatch(/^Port 587 qualifies/);
    expect(renderReason('tls-version:TLSv1.2', 'en')).toBe('The connection used TLSv1.2.');
    expect(renderReason('implicit-tls-unavailable:465', 'en')).toContain('Port 465');
  });

  it('renders a finding id parameter as that finding’s title', () => {
    expect(renderReason('fix-to-qualify:cert-expired', 'en')).toContain(
      findingTexts['cert-expired'].en.title,
    );
    expect(renderReason('fix-to-qualify:plaintext-auth', 'ja')).toContain(
      findingTexts['plaintext-auth'].ja.title,
    );
    expect(renderReason('fix-to-qualify:not-a-finding', 'en')).toContain('not-a-finding');
  });

  it('renders unknown keys and misshapen reasons as the raw string', () => {
    expect(renderReason('made-up-reason', 'ja')).toBe('made-up-reason');
    expect(renderReason('made-up-reason:42', 'en')).toBe('made-up-reason:42');
    expect(renderReason('port-qualifies', 'en')).toBe('port-qualifies');
    expect(renderReason('certificate-valid:extra', 'en')).toBe('certificate-valid:extra');
    expect(renderReason('constructor', 'en')).toBe('constructor');
  });

  it('keeps a parameter literal, even one with replacement patterns or colons', () => {
    expect(renderReason('tls-version:$&$1', 'en')).toBe('The connection used $&$1.');
    expect(renderReason('tls-version:a:b', 'en')).toBe('The connection used a:b.');
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
  const everyId = [...findingIds, ...dnsFindingIds];

  it('has an entry for every id of the contract, SMTP and DNS, and nothing else', () => {
    expect(Object.keys(smtpFindings).sort()).toEqual([...findingIds].sort());
    expect(Object.keys(dnsFindings).sort()).toEqual([...dnsFindingIds].sort());
    expect(new Set(everyId).size).toBe(findingIds.length + dnsFindingIds.length);
  });

  it('gives every id a severity, an audience and its words in both languages', () => {
    for (const [id, entry] of [...Object.entries(smtpFindings), ...Object.entries(dnsFindings)]) {
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
    const titles = Object.values({ ...smtpFindings, ...dnsFindings }).flatMap((e) => [
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
