/** Every string exists in Japanese and English, and every key the UI uses exists. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  errorCodes,
  exportFormats,
  recipientMxSchema,
  recipientVerdicts,
  reportModes,
  severities,
} from '../../electron/contract.js';
import { en } from '../../renderer/src/i18n/en.js';
import { ja } from '../../renderer/src/i18n/ja.js';
import { guides } from '../../renderer/src/guides/index.js';
import { clientIds } from '../../renderer/src/store/types.js';

const srcDir = fileURLToPath(new URL('../../renderer/src', import.meta.url));

/** "a.b.c" → string for every leaf. */
function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') {
    out.set(prefix, value);
    return out;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const enKeys = flatten(en);
const jaKeys = flatten(ja);

describe('ja and en texts', () => {
  it('have exactly the same keys', () => {
    expect([...jaKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('have no empty text and the same placeholders in both languages', () => {
    for (const [key, text] of enKeys) {
      const other = jaKeys.get(key) ?? '';
      expect(text.trim(), key).not.toBe('');
      expect(other.trim(), key).not.toBe('');
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });

  it('Japanese texts are written in Japanese, not left in English', () => {
    // Names and codes may stay identical; sentences may not.
    const identical = [...enKeys].filter(([key, text]) => text.includes(' ') && jaKeys.get(key) === text);
    expect(identical.map(([key]) => key)).toEqual([]);
  });

  it('cover every key the components ask for by name', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9.-]+)'/g)) {
        if (match[1]) used.add(match[1]);
      }
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(
      (key) => !enKeys.has(key) && ![...enKeys.keys()].some((k) => k.startsWith(`${key}.`)),
    );
    expect(missing).toEqual([]);
  });

  // Findings and reasons are worded by electron/catalogue (test/unit/catalogue.test.ts).
  it('cover every value of the contract that the UI names', () => {
    const expected = [
      ...reportModes.map((m) => `test.modes.${m}`),
      ...severities.map((s) => `severities.${s}`),
      ...errorCodes.map((c) => `errors.${c}`),
      ...exportFormats.map((f) => `export.formats.${f}`),
      ...['preset', 'autoconfig', 'srv', 'mx', 'guess'].map((s) => `account.sources.${s}`),
      ...['safe', 'vulnerable', 'inconclusive', 'not-tested'].map((s) => `compare.injection.${s}`),
      ...['enforced', 'not-enforced', 'not-tested'].map((s) => `compare.enforcement.${s}`),
      ...['c', 's', 'i'].map((d) => `compare.directions.${d}`),
      ...recipientVerdicts.map((v) => `recipient.verdicts.${v}`),
      ...recipientMxSchema.shape.transport.options.map((x) => `recipient.transports.${x}`),
    ];
    expect(expected.filter((key) => !enKeys.has(key))).toEqual([]);
  });
});

describe('client guides', () => {
  it('exist for every client, in both languages, with matching placeholders', () => {
    expect(Object.keys(guides).sort()).toEqual([...clientIds].sort());
    for (const guide of Object.values(guides)) {
      const texts = [
        guide.name,
        ...Object.values(guide.terms),
        ...guide.steps.map((s) => s.text),
        ...guide.notes,
      ];
      for (const text of texts) {
        expect(text.en.trim(), guide.id).not.toBe('');
        expect(text.ja.trim(), guide.id).not.toBe('');
        expect(placeholders(text.ja), `${guide.id}: ${text.en}`).toEqual(placeholders(text.en));
      }
    }
  });

  it('list as copyable values exactly the values each step mentions', () => {
    for (const guide of Object.values(guides)) {
      expect(guide.steps.length, guide.id).toBeGreaterThanOrEqual(4);
      for (const step of guide.steps) {
        const mentioned = [...new Set(placeholders(step.text.en))].sort();
        expect([...(step.values ?? [])].sort(), `${guide.id}: ${step.text.en}`).toEqual(mentioned);
      }
    }
  });

  it('the control-panel guide has the seven steps', () => {
    expect(guides['control-panel'].steps).toHaveLength(7);
  });
});
