/**
 * Every Japanese text MailTLS writes, read without a browser: the UI strings, the
 * mail-program guides and pictures, the finding catalogue, transcript notes,
 * error explanations and provider notes. None may hold an English sentence (the
 * Chromium test in test/e2e/japanese.test.ts reads what a screen actually shows).
 */
import { describe, expect, it } from 'vitest';
import {
  dnsFindings,
  recipientFindings,
  renderTranscriptNote,
  smtpFindings,
} from '../../electron/catalogue/index.js';
import type { TranscriptNote } from '../../electron/contract.js';
import { presets } from '../../electron/engine/discover/presets.js';
import { loginTexts } from '../../electron/engine/login/explanations.js';
import { errorTable } from '../../electron/engine/tls/error-explanations.js';
import { guides } from '../../renderer/src/guides/index.js';
import { pictures } from '../../renderer/src/guides/pictures.js';
import { ja } from '../../renderer/src/i18n/ja.js';
import { englishSentences } from '../helpers/english.js';

/** Every string in `value`, or only those under a `ja` key when `underJa` is false. */
function strings(value: unknown, underJa: boolean): string[] {
  if (typeof value === 'string') return underJa ? [value] : [];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => strings(child, underJa || key === 'ja'));
}

/** One note of every kind; the Record type refuses a kind left out. */
const notes: Record<TranscriptNote['key'], TranscriptNote> = {
  connected: { key: 'connected', host: 'smtp.example.jp', port: 587 },
  'implicit-tls-first': { key: 'implicit-tls-first' },
  'tls-established': { key: 'tls-established', version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
  'tls-handshake-failed': { key: 'tls-handshake-failed', detail: 'x' },
  'plaintext-fallback': { key: 'plaintext-fallback' },
  'implicit-tls-detected': { key: 'implicit-tls-detected' },
  'discarded-before-handshake': { key: 'discarded-before-handshake', bytes: 12 },
  'system-trust-recheck': { key: 'system-trust-recheck' },
  'certificate-remembered': { key: 'certificate-remembered' },
  'remembered-chain-changed': { key: 'remembered-chain-changed' },
  'chain-not-verified': { key: 'chain-not-verified' },
  'system-trust-retry': { key: 'system-trust-retry' },
  'starttls-not-offered-stop': { key: 'starttls-not-offered-stop' },
  'starttls-refused-stop': { key: 'starttls-refused-stop' },
  'certificate-not-verified-stop': { key: 'certificate-not-verified-stop', detail: 'x' },
  'certificate-verified': { key: 'certificate-verified' },
  'auth-not-offered': { key: 'auth-not-offered' },
  'no-supported-mechanism': { key: 'no-supported-mechanism', offered: 'XOAUTH2' },
  'starttls-after-login-accepted': { key: 'starttls-after-login-accepted' },
  'starttls-after-login-refused': { key: 'starttls-after-login-refused' },
  'reply-rejected': { key: 'reply-rejected', detail: 'x' },
  'lines-dropped': { key: 'lines-dropped', count: 3 },
};

/** Words quoted in 「」 are someone else's (a server's reply, a program's label): left as they are. */
const unquoted = (text: string) => text.replace(/「[^」]*」/g, '「」');

const findings = Object.values({ ...smtpFindings, ...dnsFindings, ...recipientFindings });
const explanations = [...errorTable.map((row) => row.text), ...Object.values(loginTexts)];
const sources: Record<string, string[]> = {
  'UI strings': strings(ja, true),
  guides: strings(guides, false),
  pictures: strings(pictures, false),
  'transcript notes': Object.values(notes).map((note) => renderTranscriptNote(note, 'ja')),
  'provider notes': strings(presets, false),
  // What every person reads; the admin's fix quotes configuration and commands.
  'finding titles and explanations': findings.flatMap((entry) =>
    [entry.ja.title, entry.ja.explanation].map(unquoted),
  ),
  'causes of errors': explanations.map((text) => unquoted(text.ja.cause)),
};

describe('Japanese texts', () => {
  it('the detector finds English sentences and lets names, values and acronyms pass', () => {
    expect(englishSentences('TLS handshake first (implicit TLS)')).toEqual([
      'TLS handshake first',
      'implicit TLS',
    ]);
    expect(englishSentences('サーバーの応答: The server answered')).toEqual(['The server answered']);
    expect(englishSentences('Thunderbird 自動設定 (XML)、smtp.example.jp:587、TLSv1.3、DNS SPF')).toEqual([]);
  });

  for (const [source, texts] of Object.entries(sources)) {
    it(`${source}: no English sentence`, () => {
      expect(texts.length).toBeGreaterThan(0);
      expect(
        texts.flatMap((text) => englishSentences(text).map((found) => `“${found}” in “${text}”`)),
      ).toEqual([]);
    });
  }
});
