/**
 * Files named on the command line other than --ca (covered in ports.test.ts): the list of
 * `mailtls batch`, the report or profile of `mailtls import` and `mailtls export --from`.
 * Too large ones are refused before being read, unreadable ones name the system's reason,
 * in English and Japanese, and `readBoundedFile` gives each refusal its error kind.
 */
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoundedFile, readInputFile } from '../../electron/cli/files.js';
import { UserFacingError } from '../../electron/engine/core/errors.js';
import { runCli, type CliRun } from '../helpers/cli.js';

let dir: string;
const files = { missing: '', directory: '', largeList: '', largeReport: '', small: '' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailtls-named-files-'));
  files.missing = join(dir, 'missing.txt');
  files.directory = join(dir, 'folder');
  mkdirSync(files.directory);
  // Sparse files one byte over each limit: only their size matters, they are never read.
  files.largeList = join(dir, 'servers.txt');
  writeFileSync(files.largeList, 'localhost\n');
  truncateSync(files.largeList, 5_000_001);
  files.largeReport = join(dir, 'report.json');
  writeFileSync(files.largeReport, '{}');
  truncateSync(files.largeReport, 1024 * 1024 + 1);
  files.small = join(dir, 'small.txt');
  writeFileSync(files.small, 'twelve bytes');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectRefusal(run: CliRun, message: string): void {
  expect(run.stderr).toBe(`mailtls: ${message}\n`);
  expect(run.stdout).toBe('');
  expect(run.code).toBe(2);
}

const unreadable = {
  en: (file: string, code: string) => `Cannot read ${file} (${code}).`,
  ja: (file: string, code: string) => `${file} を読めません（${code}）。`,
};

describe('mailtls batch FILE', () => {
  const tooLarge = {
    en: (file: string) => `${file} is larger than 5 MB; is it really a list of servers?`,
    ja: (file: string) => `${file} は 5 MB を超えています。サーバーの一覧ファイルか確認してください。`,
  };

  it.each(['en', 'ja'] as const)('refuses a too large, a missing and a directory FILE (%s)', async (lang) => {
    const [large, missing, directory] = await Promise.all(
      [files.largeList, files.missing, files.directory].map((file) =>
        runCli(['batch', file, '--lang', lang]),
      ),
    );
    expectRefusal(large!, tooLarge[lang](files.largeList));
    expectRefusal(missing!, unreadable[lang](files.missing, 'ENOENT'));
    expectRefusal(directory!, unreadable[lang](files.directory, 'EISDIR'));
  });
});

describe('mailtls import FILE and export --from FILE', () => {
  const tooLarge = {
    en: (file: string) => `${file} is too large to be a report or profile (at most 1 MiB).`,
    ja: (file: string) => `${file} は大きすぎるため、検査結果やプロファイルではありません（1 MiB まで）。`,
  };
  const commands = {
    import: (file: string) => ['import', file],
    export: (file: string) => ['export', '--from', file, '--format', 'msmtp'],
  };

  it.each(
    (['import', 'export'] as const).flatMap((command) =>
      (['en', 'ja'] as const).map((lang) => [command, lang] as const),
    ),
  )('%s refuses a too large and a missing file (%s)', async (command, lang) => {
    const [large, missing] = await Promise.all(
      [files.largeReport, files.missing].map((file) => runCli([...commands[command](file), '--lang', lang])),
    );
    expectRefusal(large!, tooLarge[lang](files.largeReport));
    expectRefusal(missing!, unreadable[lang](files.missing, 'ENOENT'));
  });
});

describe('readBoundedFile', () => {
  const words = { tooLarge: (size: number) => ({ en: `${size} bytes`, ja: `${size} バイト` }) };

  function refusal(read: () => string): UserFacingError {
    try {
      read();
    } catch (error) {
      if (error instanceof UserFacingError) return error;
      throw error;
    }
    throw new Error('the read was not refused');
  }

  it('reads a file within its limit, the limit included', () => {
    expect(readBoundedFile(files.small, 12, words, 'invalid-input')).toBe('twelve bytes');
  });

  it("refuses a file over its limit as the caller's kind, with its size", () => {
    for (const kind of ['invalid-input', 'io'] as const) {
      const error = refusal(() => readBoundedFile(files.small, 11, words, kind));
      expect(error.code).toBe(kind);
      expect(error.text).toEqual({ en: '12 bytes', ja: '12 バイト' });
    }
    expect(refusal(() => readInputFile(files.largeReport)).code).toBe('invalid-input');
  });

  it('makes an unreadable file an io error, in the caller’s words when it has some', () => {
    const plain = refusal(() => readBoundedFile(files.missing, 100, words, 'invalid-input'));
    expect(plain.code).toBe('io');
    expect(plain.text).toEqual({
      en: unreadable.en(files.missing, 'ENOENT'),
      ja: unreadable.ja(files.missing, 'ENOENT'),
    });
    const own = refusal(() =>
      readBoundedFile(
        files.directory,
        100_000,
        { ...words, unreadable: (code) => ({ en: code, ja: code }) },
        'invalid-input',
      ),
    );
    expect(own.code).toBe('io');
    expect(own.text).toEqual({ en: 'EISDIR', ja: 'EISDIR' });
  });
});
