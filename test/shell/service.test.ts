import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channelKeys, channels, type Language, type Preset } from '../../electron/contract.js';
import { UserFacingError } from '../../electron/engine/core/errors.js';
import { AuditRegistry } from '../../electron/service/audits.js';
import { channelKeyForName } from '../../electron/service/dispatch.js';
import { createEngine } from '../../electron/service/engine.js';
import { safeFileName } from '../../electron/service/file-name.js';
import { createService, type Engine } from '../../electron/service/handlers.js';
import { defaultDataDir } from '../../electron/service/paths.js';
import { createSettingsStore, type SettingsStore } from '../../electron/service/settings.js';
import { fakeEngine, sampleReport } from './helpers/fake-engine.js';

function memorySettings(language: Language = 'en'): SettingsStore {
  let current = language;
  return {
    getLanguage: () => current,
    setLanguage: async (next) => (current = next),
  };
}

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailtls-shell-'));
  temporary.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

let engineDir: string;
let engine: Engine;
beforeAll(async () => {
  engineDir = mkdtempSync(join(tmpdir(), 'mailtls-shell-engine-'));
  engine = await createEngine({ dataDir: engineDir });
});
afterAll(() => rmSync(engineDir, { recursive: true, force: true }));

describe('dispatch', () => {
  it('answers not-available, in the UI language, for the parts a shell may lack (keychain, save dialog)', async () => {
    const settings = memorySettings('ja');
    const service = createService({ engine, settings });
    const account = { user: 'u', host: 'smtp.example.com', port: 465 };
    const samples = {
      recallPassword: account,
      forgetPassword: account,
      saveFile: { suggestedName: 'a.txt', mimeType: 'text/plain', content: 'x' },
    };
    for (const [key, sample] of Object.entries(samples)) {
      const result = await service.dispatch(key, sample);
      expect(result).toEqual({
        ok: false,
        error: { code: 'not-available', message: expect.stringContaining('まだ') },
      });
    }
    await settings.setLanguage('en');
    const result = await service.dispatch('saveFile', samples.saveFile);
    expect(result).toEqual({
      ok: false,
      error: { code: 'not-available', message: 'This feature is not available yet (file:save).' },
    });
  });

  it('parses the payload before the engine sees it, and names fields but never values', async () => {
    let called = false;
    const watched: Engine = {
      ...engine,
      loginTest: async () => {
        called = true;
        throw new Error('unreachable');
      },
    };
    const service = createService({ engine: watched, settings: memorySettings() });
    const result = await service.dispatch('loginTest', {
      host: 'smtp.example.com',
      port: 70000,
      security: 'implicit-tls',
      credentials: { user: 'u', password: 'hunter2-secret' },
    });
    expect(called).toBe(false);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message).toContain('port');
      expect(result.error.message).not.toContain('hunter2');
    }
    for (const bad of [null, 'text', 42, [], { auditId: '' }]) {
      const r = await service.dispatch('runAudit', bad);
      expect(r.ok).toBe(false);
    }
  });

  it('refuses unknown channel keys, including prototype names', async () => {
    const service = createService({ engine, settings: memorySettings() });
    for (const key of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await service.dispatch(key, {})).toEqual({
        ok: false,
        error: { code: 'not-found', message: 'Unknown request.' },
      });
    }
  });

  it('maps UserFacingError to its code and hides anything else as internal', async () => {
    const logged: string[] = [];
    const failing: Engine = {
      ...engine,
      discover: async () => {
        throw new UserFacingError('timeout', { en: 'Took too long.', ja: '時間切れです。' });
      },
      listPresets: async () => {
        throw new Error('ENOENT: /secret/path');
      },
    };
    const service = createService({
      engine: failing,
      settings: memorySettings('ja'),
      log: (m) => logged.push(m),
    });
    expect(await service.dispatch('discover', { email: 'a@example.com' })).toEqual({
      ok: false,
      error: { code: 'timeout', message: '時間切れです。' },
    });
    const internal = await service.dispatch('listPresets', {});
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(internal)).not.toContain('/secret/path');
    expect(logged.join('\n')).toContain('discover:presets');
  });

  it('checks the engine answer against the response schema', async () => {
    const logged: string[] = [];
    const malformed: Engine = { ...engine, listPresets: async () => [{ id: 'x' }] as unknown as Preset[] };
    const service = createService({
      engine: malformed,
      settings: memorySettings(),
      log: (m) => logged.push(m),
    });
    const result = await service.dispatch('listPresets', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('internal');
    expect(logged[0]).toMatch(/does not match the contract/);
  });

  it('runs an audit with progress, and cancelAudit aborts it as cancelled', async () => {
    const fake = fakeEngine(engine);
    const service = createService({ engine: fake.engine, settings: memorySettings() });
    const progress: unknown[] = [];
    const next = fake.nextAudit();
    const running = service.dispatch(
      'runAudit',
      { auditId: 'A1', host: 'smtp.example.com' },
      {
        onProgress: (e) => progress.push(e),
      },
    );
    const audit = await next;
    expect(progress).toEqual([
      { auditId: 'A1', port: 465, stage: 'connect', status: 'started', elapsedMs: 1 },
    ]);

    // The same id cannot run twice at once.
    const duplicate = await service.dispatch('runAudit', { auditId: 'A1', host: 'smtp.example.com' });
    expect(duplicate.ok).toBe(false);

    expect(await service.dispatch('cancelAudit', { auditId: 'A1' })).toEqual({ ok: true, value: null });
    expect(audit.signal.aborted).toBe(true);
    expect(await running).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled.' } });
    expect(service.audits.size).toBe(0);
    // Cancelling again, or an unknown id, is fine.
    expect(await service.dispatch('cancelAudit', { auditId: 'A1' })).toEqual({ ok: true, value: null });
  });

  it('returns a finished audit report', async () => {
    const fake = fakeEngine(engine, { instant: true });
    const service = createService({ engine: fake.engine, settings: memorySettings() });
    const result = await service.dispatch('runAudit', { auditId: 'A2', host: 'smtp.example.com' });
    expect(result).toEqual({ ok: true, value: sampleReport('smtp.example.com') });
  });

  it('aborts an audit when the caller goes away', async () => {
    const fake = fakeEngine(engine);
    const service = createService({ engine: fake.engine, settings: memorySettings() });
    const caller = new AbortController();
    const next = fake.nextAudit();
    const running = service.dispatch(
      'runAudit',
      { auditId: 'A3', host: 'h.example' },
      { signal: caller.signal },
    );
    const audit = await next;
    caller.abort();
    expect(audit.signal.aborted).toBe(true);
    expect((await running).ok).toBe(false);
  });

  it('gets and sets the language, and tells the shell', async () => {
    const changes: Language[] = [];
    const service = createService({
      engine,
      settings: memorySettings('en'),
      onLanguageChanged: (l) => changes.push(l),
    });
    expect(await service.dispatch('getLanguage', {})).toEqual({ ok: true, value: 'en' });
    expect(await service.dispatch('setLanguage', { language: 'ja' })).toEqual({ ok: true, value: 'ja' });
    expect(await service.dispatch('getLanguage', {})).toEqual({ ok: true, value: 'ja' });
    expect(changes).toEqual(['ja']);
    expect((await service.dispatch('setLanguage', { language: 'fr' })).ok).toBe(false);
    // Errors now come in Japanese.
    const r = await service.dispatch('saveFile', {
      suggestedName: 'a.txt',
      mimeType: 'text/plain',
      content: 'x',
    });
    expect(!r.ok && r.error.message).toContain('まだ');
  });

  it('saveFile uses the shell-provided writer, else is not available', async () => {
    const without = createService({ engine, settings: memorySettings() });
    const request = { suggestedName: 'a.txt', mimeType: 'text/plain', content: 'x' };
    expect((await without.dispatch('saveFile', request)).ok).toBe(false);
    const withWriter = createService({
      engine,
      settings: memorySettings(),
      saveFile: async (r) => ({ savedAs: `/tmp/${r.suggestedName}` }),
    });
    expect(await withWriter.dispatch('saveFile', request)).toEqual({
      ok: true,
      value: { savedAs: '/tmp/a.txt' },
    });
  });

  it('maps channel names to keys for every channel', () => {
    for (const key of channelKeys) expect(channelKeyForName(channels[key].name)).toBe(key);
    expect(channelKeyForName('constructor')).toBeUndefined();
  });

  it('AuditRegistry links a parent signal that was already aborted', () => {
    const registry = new AuditRegistry();
    const parent = new AbortController();
    parent.abort();
    const audit = registry.start('x', parent.signal);
    expect(audit.signal.aborted).toBe(true);
    audit.done();
    expect(registry.size).toBe(0);
  });
});

describe('settings file', () => {
  it('persists the language in settings.json with private permissions', async () => {
    const dir = join(tempDir(), 'nested', 'mailtls');
    const first = await createSettingsStore({ dataDir: dir, defaultLanguage: 'en' });
    expect(first.getLanguage()).toBe('en');
    await first.setLanguage('ja');
    const second = await createSettingsStore({ dataDir: dir, defaultLanguage: 'en' });
    expect(second.getLanguage()).toBe('ja');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ language: 'ja' });
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, 'settings.json')).mode & 0o077).toBe(0);
      expect(statSync(dir).mode & 0o077).toBe(0);
    }
  });

  it('falls back to the default on a damaged or hostile file, and keeps unknown keys', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{not json');
    expect((await createSettingsStore({ dataDir: dir, defaultLanguage: 'ja' })).getLanguage()).toBe('ja');
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ language: 'xx' }));
    expect((await createSettingsStore({ dataDir: dir, defaultLanguage: 'en' })).getLanguage()).toBe('en');
    writeFileSync(
      join(dir, 'settings.json'),
      '{"__proto__": {"polluted": true}, "language": "ja", "other": 1}',
    );
    const store = await createSettingsStore({ dataDir: dir, defaultLanguage: 'en' });
    expect(store.getLanguage()).toBe('ja');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await store.setLanguage('en');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      language: 'en',
      other: 1,
    });
  });

  it('lives in memory without a data folder', async () => {
    const store = await createSettingsStore({ defaultLanguage: 'en' });
    await store.setLanguage('ja');
    expect(store.getLanguage()).toBe('ja');
  });
});

describe('data folder', () => {
  it('follows each platform convention and the override', () => {
    expect(defaultDataDir({ env: {}, platform: 'linux', homedir: '/home/u' })).toBe(
      '/home/u/.config/mailtls',
    );
    expect(
      defaultDataDir({ env: { XDG_CONFIG_HOME: '/x/cfg' }, platform: 'linux', homedir: '/home/u' }),
    ).toBe('/x/cfg/mailtls');
    // A relative XDG_CONFIG_HOME is invalid per the spec.
    expect(defaultDataDir({ env: { XDG_CONFIG_HOME: 'rel' }, platform: 'linux', homedir: '/home/u' })).toBe(
      '/home/u/.config/mailtls',
    );
    expect(defaultDataDir({ env: {}, platform: 'darwin', homedir: '/Users/u' })).toBe(
      '/Users/u/Library/Application Support/MailTLS',
    );
    expect(
      defaultDataDir({
        env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' },
        platform: 'win32',
        homedir: 'C:\\Users\\u',
      }),
    ).toMatch(/AppData.Roaming.MailTLS$/);
    expect(defaultDataDir({ env: { MAILTLS_DATA_DIR: '/data/m' }, platform: 'linux', homedir: '/h' })).toBe(
      '/data/m',
    );
  });
});

describe('safeFileName', () => {
  it('keeps ordinary names', () => {
    expect(safeFileName('smtp.example.com-autoconfig.xml')).toBe('smtp.example.com-autoconfig.xml');
    expect(safeFileName('メール設定.mobileconfig')).toBe('メール設定.mobileconfig');
  });
  it('drops folders, forbidden and control characters, reserved and hidden names', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\system.ini')).toBe('system.ini');
    expect(safeFileName('a<b>c:d"e|f?g*h\u0000i\n.txt')).toBe('a_b_c_d_e_f_g_h_i_.txt');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('  ...  ')).toBe('mailtls-export.txt');
    const long = safeFileName(`${'x'.repeat(300)}.json`);
    expect(long.length).toBe(200);
    expect(long.endsWith('.json')).toBe(true);
  });
});
