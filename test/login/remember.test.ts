/**
 * Remembered passwords through the handler table IPC and the web bridge use,
 * against a real smtp-server on 127.0.0.1. Desktop: a SecretStore with a real
 * cipher (AES-GCM standing in for safeStorage) keeps a password only after the
 * server accepted it and only when asked, as ciphertext; later tests use it
 * without the renderer ever getting it back. Browser mode (no store): the
 * secrets channels answer not-available and `remember` writes nothing.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../electron/contract.js';
import { SecretStore } from '../../electron/engine/login/index.js';
import { createEngine } from '../../electron/service/engine.js';
import { createService, type Service } from '../../electron/service/handlers.js';
import type { PasswordStore } from '../../electron/service/passwords.js';
import { createNodeService } from '../../electron/service/node-service.js';
import { createSettingsStore } from '../../electron/service/settings.js';
import { testPki } from '../helpers/env.js';
import { expectNoSecret, keychainCipher, password, user } from './secrets.js';
import { startLoginServer, type LoginServer } from './servers.js';

let server: LoginServer;
const dirs: string[] = [];
const logged: string[] = [];

beforeAll(async () => {
  server = await startLoginServer({ mode: 'implicit-tls', user, password });
});
afterAll(async () => {
  await server.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  expectNoSecret(logged);
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mailtls-remember-'));
  dirs.push(dir);
  return dir;
}

async function desktopService(dir: string, secrets: PasswordStore): Promise<Service> {
  return createService({
    engine: await createEngine({ dataDir: dir }),
    settings: await createSettingsStore({ dataDir: dir, defaultLanguage: 'ja' }),
    secrets,
    log: (message) => logged.push(message),
  });
}

const target = () => ({
  host: '127.0.0.1',
  port: server.port,
  security: 'implicit-tls',
  caPem: testPki().caPem,
});
const account = () => ({ user, host: '127.0.0.1', port: server.port });
const message = { from: user, to: 'bob@example.test', language: 'en' };

/** Every answer goes through the marker check before the test looks at it. */
async function call(service: Service, key: string, payload: unknown): Promise<Result<unknown>> {
  const result = await service.dispatch(key, payload);
  expectNoSecret(result);
  return result;
}

/** The files in the data folder, relative to it. */
async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('desktop app: remembered passwords', () => {
  it('a remembered password is only ever sent under the trust it was accepted with', async () => {
    const dir = await dataDir();
    const service = await desktopService(dir, new SecretStore(join(dir, 'secrets.json'), keychainCipher()));
    const remember = { ...target(), credentials: { user, password }, remember: true };
    expect(await call(service, 'loginTest', remember)).toMatchObject({ ok: true, value: { success: true } });
    // The request brings other trust (here: none at all, so the test CA is unknown to it);
    // the stored trust is used regardless, so a page cannot redirect the secret with its own CA or pin.
    const { caPem: _dropped, ...withoutCa } = target();
    const reuse = {
      ...withoutCa,
      pinnedFingerprint256: 'AA:'.repeat(31) + 'AA',
      credentials: { user, useRememberedPassword: true },
    };
    expect(await call(service, 'loginTest', reuse)).toMatchObject({ ok: true, value: { success: true } });
  });

  it('keeps a password only after a successful test with remember, as ciphertext, and uses it', async () => {
    const dir = await dataDir();
    const file = join(dir, 'secrets.json');
    const service = await desktopService(dir, new SecretStore(file, keychainCipher()));
    const typed = (pw: string, remember?: boolean) => ({
      ...target(),
      credentials: { user, password: pw },
      ...(remember === undefined ? {} : { remember }),
    });
    const remembered = { ...target(), credentials: { user, useRememberedPassword: true } };

    expect(await call(service, 'recallPassword', account())).toEqual({
      ok: true,
      value: { remembered: false },
    });
    // Refused log-ins and an accepted one without "remember" store nothing.
    expect(await call(service, 'loginTest', typed(`${password}-x`, true))).toMatchObject({
      ok: true,
      value: { success: false },
    });
    expect(await call(service, 'sendTest', { ...typed(`${password}-x`, true), ...message })).toMatchObject({
      ok: false,
      error: { code: 'auth-failed' },
    });
    expect(await call(service, 'loginTest', typed(password, false))).toMatchObject({
      ok: true,
      value: { success: true },
    });
    expect(await call(service, 'loginTest', typed(password))).toMatchObject({ ok: true });
    expect(await files(dir)).not.toContain('secrets.json');
    expect(await call(service, 'loginTest', remembered)).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('記憶されていません') },
    });

    expect(await call(service, 'loginTest', typed(password, true))).toMatchObject({
      ok: true,
      value: { success: true },
    });
    const stored = await readFile(file, 'utf8');
    expectNoSecret(stored);
    expect(Object.keys(JSON.parse(stored).entries)).toEqual([`${user}@127.0.0.1:${server.port}`]);
    expect(await call(service, 'recallPassword', account())).toEqual({
      ok: true,
      value: { remembered: true },
    });

    // The service fills in the remembered password; the server sees a real log-in.
    const authsBefore = server.auths.length;
    expect(await call(service, 'loginTest', remembered)).toMatchObject({
      ok: true,
      value: { success: true },
    });
    expect(await call(service, 'sendTest', { ...remembered, ...message })).toMatchObject({
      ok: true,
      value: { accepted: true },
    });
    expect(server.auths.length).toBe(authsBefore + 2);
    // Another account on the same server has nothing remembered.
    expect(await call(service, 'recallPassword', { ...account(), user: 'carol@example.test' })).toEqual({
      ok: true,
      value: { remembered: false },
    });

    expect(await call(service, 'forgetPassword', account())).toEqual({ ok: true, value: null });
    expect(await call(service, 'recallPassword', account())).toEqual({
      ok: true,
      value: { remembered: false },
    });
    expect(await call(service, 'loginTest', remembered)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    // A test message that went through also keeps it.
    expect(await call(service, 'sendTest', { ...typed(password, true), ...message })).toMatchObject({
      ok: true,
      value: { accepted: true },
    });
    expect(await call(service, 'recallPassword', account())).toMatchObject({ value: { remembered: true } });
    expectNoSecret(await readFile(file, 'utf8'));
  });

  it('takes the typed password or the remembered one, never both or neither', async () => {
    const dir = await dataDir();
    const service = await desktopService(dir, new SecretStore(join(dir, 'secrets.json'), keychainCipher()));
    for (const credentials of [
      { user, password, useRememberedPassword: true },
      { user, useRememberedPassword: false },
      { user },
      { user, password: '' },
    ]) {
      expect(await call(service, 'loginTest', { ...target(), credentials })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
    }
    expect(await call(service, 'recallPassword', { ...account(), password })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('without a secure keychain: not-available before any log-in is attempted, nothing written', async () => {
    const dir = await dataDir();
    const service = await desktopService(
      dir,
      new SecretStore(join(dir, 'secrets.json'), keychainCipher(false)),
    );
    const noKeychain = {
      ok: false,
      error: { code: 'not-available', message: expect.stringContaining('キーチェーン') },
    };
    expect(await call(service, 'recallPassword', account())).toMatchObject(noKeychain);
    const authsBefore = server.auths.length;
    expect(
      await call(service, 'loginTest', { ...target(), credentials: { user, password }, remember: true }),
    ).toMatchObject(noKeychain);
    expect(server.auths.length).toBe(authsBefore);
    expect(await files(dir)).not.toContain('secrets.json');
  });
});

describe('browser mode and CLI: never stored', () => {
  it('answers not-available for the secrets channels and ignores remember', async () => {
    const dir = await dataDir();
    const service = await createNodeService({ defaultLanguage: 'en', dataDir: dir, env: {} });
    const notAvailable = { ok: false, error: { code: 'not-available' } };
    expect(await call(service, 'recallPassword', account())).toMatchObject(notAvailable);
    expect(await call(service, 'forgetPassword', account())).toMatchObject(notAvailable);
    expect(
      await call(service, 'loginTest', { ...target(), credentials: { user, password }, remember: true }),
    ).toMatchObject({ ok: true, value: { success: true } });
    expect(
      await call(service, 'sendTest', {
        ...target(),
        credentials: { user, password },
        remember: true,
        ...message,
      }),
    ).toMatchObject({ ok: true, value: { accepted: true } });
    expect(
      await call(service, 'loginTest', { ...target(), credentials: { user, useRememberedPassword: true } }),
    ).toMatchObject(notAvailable);
    expect(await files(dir)).not.toContain('secrets.json');
    for (const name of await files(dir)) expectNoSecret(await readFile(join(dir, name), 'utf8'));
  });
});
