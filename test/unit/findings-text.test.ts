import { describe, expect, it } from 'vitest';
import { findingIds, type Language } from '../../electron/contract.js';
import {
  findingTexts,
  reasonTexts,
  renderReason,
  type FindingText,
  type ReasonKey,
} from '../../electron/engine/findings-text.js';

const japanese = /[\u3040-\u30ff\u3400-\u9fff]/;
/** Japanese script plus full-width punctuation, none of which belongs in English text. */
const cjk = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;
const languages: Language[] = ['ja', 'en'];
const fields: (keyof FindingText)[] = ['title', 'explanation', 'fixAdmin', 'fixUser'];

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
  'nothing-qualified': null,
  'fix-to-qualify': 'cert-expired',
  'certificate-pinned': null,
  'incoming-implicit-tls-preferred': null,
  'qualifying-ports': '993, 143',
  'incoming-nothing-qualified': null,
  'outgoing-not-tested': null,
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
