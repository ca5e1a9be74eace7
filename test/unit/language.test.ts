/**
 * The language a CLI start picks. Without any locale variable the operating system's
 * locale decides through ICU, which reads its default once per process: those cases
 * run in a child process started with that locale.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../electron/cli/language.js';

/** This process's environment without any locale variable (ICU takes an empty one as set). */
function withoutLocale(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(LC_|LANG)/.test(name)));
}

/** detectLanguage({}) in a fresh Node whose ICU default locale comes from `lang` (three of these fit the 30 s test timeout). */
function withoutVariables(lang: string): string {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "import('./electron/cli/language.ts').then((m) => process.stdout.write(m.detectLanguage({})))",
    ],
    { env: { ...withoutLocale(), LANG: lang }, encoding: 'utf8', timeout: 8_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe('detectLanguage', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(detectLanguage({ LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(detectLanguage({ LC_MESSAGES: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(detectLanguage({ LC_ALL: 'en_GB.UTF-8', LC_MESSAGES: 'ja_JP.UTF-8', LANG: 'ja_JP' })).toBe('en');
    expect(detectLanguage({ LANG: 'fr_FR.UTF-8' })).toBe('en');
  });

  it('asks the operating system when no variable is set', () => {
    expect(withoutVariables('ja_JP.UTF-8')).toBe('ja');
    expect(withoutVariables('fr_FR.UTF-8')).toBe('en');
    expect(withoutVariables('C')).toBe('en');
  });
});
