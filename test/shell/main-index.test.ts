/**
 * electron/main/index.ts run against a fake `electron` module: checks the
 * wiring order and that each guard is really installed. (No Electron binary
 * is loaded; the fake records what main asked for.)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelKeys, channels } from '../../electron/contract.js';
import { listPresets } from '../../electron/engine/discover/index.js';
import { helpLinks } from '../../electron/main/menu.js';
import { testPki } from '../helpers/env.js';
import { expectNoSecret, keychainCipher, password, user } from '../login/secrets.js';
import { startLoginServer } from '../login/servers.js';

type Fn = (...args: unknown[]) => unknown;

const dataDir = mkdtempSync(join(tmpdir(), 'mailtls-main-'));

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Fn>();
  const ipc = new Map<string, Fn>();
  const windows: { options: Record<string, unknown>; loaded: string[]; focused: number }[] = [];
  const menus: unknown[] = [];
  const opened: string[] = [];
  const record = {
    schemes: [] as unknown[],
    paths: new Map<string, string>(),
    sandbox: false,
    protocolHandlers: new Map<string, Fn>(),
    permissionRequest: undefined as Fn | undefined,
    permissionCheck: undefined as Fn | undefined,
    devicePermission: undefined as Fn | undefined,
    beforeRequest: undefined as { filter: { urls: string[] }; listener: Fn } | undefined,
  };
  /** safeStorage: encrypts with the real cipher set below; availability and backend can be switched. */
  const keychain = {
    available: true,
    backend: 'gnome_libsecret',
    cipher: undefined as { encrypt(plain: string): Buffer; decrypt(encrypted: Buffer): string } | undefined,
  };
  let readyResolve: () => void = () => {};
  const ready = new Promise<void>((r) => (readyResolve = r));

  class BrowserWindow {
    static all: BrowserWindow[] = [];
    entry: (typeof windows)[number];
    constructor(options: Record<string, unknown>) {
      this.entry = { options, loaded: [], focused: 0 };
      windows.push(this.entry);
      BrowserWindow.all.push(this);
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    loadURL(url: string) {
      this.entry.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    focus() {
      this.entry.focused += 1;
    }
    restore() {}
    static getFocusedWindow() {
      return null;
    }
    static getAllWindows() {
      return BrowserWindow.all;
    }
  }

  const electron = {
    app: {
      on: (name: string, listener: Fn) => appListeners.set(name, listener),
      whenReady: () => ready,
      setPath: (name: string, value: string) => record.paths.set(name, value),
      getPath: (name: string) => record.paths.get(name) ?? `/fake/${name}`,
      enableSandbox: () => (record.sandbox = true),
      requestSingleInstanceLock: () => true,
      quit: () => {},
      isPackaged: true,
      getPreferredSystemLanguages: () => ['ja-JP'],
      getLocale: () => 'ja',
    },
    BrowserWindow,
    dialog: { showSaveDialog: async () => ({ canceled: true }), showErrorBox: () => {} },
    ipcMain: {
      handle: (name: string, handler: Fn) => ipc.set(name, handler),
      removeHandler: (name: string) => ipc.delete(name),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => menus.push(menu),
    },
    nativeTheme: { shouldUseDarkColors: false },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => record.schemes.push(...schemes),
      handle: (scheme: string, handler: Fn) => record.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Fn) => (record.permissionRequest = h),
        setPermissionCheckHandler: (h: Fn) => (record.permissionCheck = h),
        setDevicePermissionHandler: (h: Fn) => (record.devicePermission = h),
        webRequest: {
          onBeforeRequest: (filter: { urls: string[] }, listener: Fn) =>
            (record.beforeRequest = { filter, listener }),
        },
      },
    },
    shell: { openExternal: async (url: string) => void opened.push(url) },
    safeStorage: {
      isEncryptionAvailable: () => keychain.available,
      getSelectedStorageBackend: () => keychain.backend,
      encryptString: (plain: string) => keychain.cipher!.encrypt(plain),
      decryptString: (encrypted: Buffer) => keychain.cipher!.decrypt(encrypted),
    },
  };
  return {
    electron,
    appListeners,
    ipc,
    windows,
    menus,
    opened,
    record,
    keychain,
    start: () => readyResolve(),
  };
});

vi.mock('electron', () => fake.electron);
fake.keychain.cipher = keychainCipher();

beforeAll(async () => {
  vi.stubEnv('MAILTLS_DATA_DIR', dataDir);
  await import('../../electron/main/index.js');
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

const trusted = () => ({
  senderFrame: { url: 'app://mailtls/index.html', parent: null },
  sender: {
    on: () => {},
    once: () => {},
    removeListener: () => {},
    isDestroyed: () => false,
    send: () => {},
  },
});

describe('before ready', () => {
  it('registers app:// as a secure standard scheme, points userData at the shared folder, enables the sandbox', () => {
    expect(fake.record.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.record.paths.get('userData')).toBe(dataDir);
    expect(fake.record.sandbox).toBe(true);
    expect([...fake.appListeners.keys()]).toEqual(
      expect.arrayContaining(['second-instance', 'web-contents-created', 'window-all-closed']),
    );
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipc.size).toBe(0);
  });
});

describe('after ready', () => {
  beforeAll(async () => {
    fake.start();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  });

  it('opens one secure window on app://mailtls', () => {
    const window = fake.windows[0]!;
    expect(window.loaded).toEqual(['app://mailtls/index.html']);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: expect.stringMatching(/preload[\\/]index\.cjs$/),
    });
  });

  it('denies permissions except clipboard writes from the app, and blocks renderer network requests', () => {
    const decide = (permission: string, url: string) => {
      let granted: boolean | undefined;
      fake.record.permissionRequest!(null, permission, (g: boolean) => (granted = g), { requestingUrl: url });
      return granted;
    };
    expect(decide('media', 'app://mailtls/index.html')).toBe(false);
    expect(decide('notifications', 'app://mailtls/index.html')).toBe(false);
    expect(decide('clipboard-sanitized-write', 'app://mailtls/index.html')).toBe(true);
    expect(decide('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(fake.record.permissionCheck!(null, 'geolocation', 'app://mailtls', {})).toBe(false);
    expect(fake.record.devicePermission!({})).toBe(false);
    let cancelled: boolean | undefined;
    fake.record.beforeRequest!.listener(
      { url: 'https://evil.example/' },
      (r: { cancel: boolean }) => (cancelled = r.cancel),
    );
    expect(cancelled).toBe(true);
    expect(fake.record.beforeRequest!.filter.urls).toEqual(
      expect.arrayContaining(['https://*/*', 'http://*/*']),
    );
  });

  it('serves app:// through the path mapper', async () => {
    const handler = fake.record.protocolHandlers.get('app')!;
    const response = (await handler({ url: 'app://mailtls/../../package.json', method: 'GET' })) as Response;
    expect(response.status).toBe(404);
  });

  it('answers IPC for every channel, in the system language, and rebuilds the menu on a switch', async () => {
    expect([...fake.ipc.keys()].sort()).toEqual(channelKeys.map((k) => channels[k].name).sort());
    expect(await fake.ipc.get('settings:get-language')!(trusted(), {})).toEqual({ ok: true, value: 'ja' });
    const foreign = { ...trusted(), senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await fake.ipc.get('settings:get-language')!(foreign, {})).toMatchObject({ ok: false });
    const menusBefore = fake.menus.length;
    expect(JSON.stringify(fake.menus.at(-1))).toContain('編集');
    expect(await fake.ipc.get('settings:set-language')!(trusted(), { language: 'en' })).toEqual({
      ok: true,
      value: 'en',
    });
    expect(fake.menus.length).toBe(menusBefore + 1);
    expect(JSON.stringify(fake.menus.at(-1))).toContain('"Edit"');
  });

  it('remembers a password through safeStorage, only while it offers real encryption', async () => {
    const server = await startLoginServer({ mode: 'implicit-tls', user, password });
    const ipc = (name: string, payload: unknown) => fake.ipc.get(name)!(trusted(), payload);
    const account = { user, host: '127.0.0.1', port: server.port };
    const login = {
      host: '127.0.0.1',
      port: server.port,
      security: 'implicit-tls',
      caPem: testPki().caPem,
      credentials: { user, password },
    };
    const noKeychain = {
      ok: false,
      error: { code: 'not-available', message: expect.stringMatching(/keychain|キーチェーン/) },
    };
    try {
      expect(await ipc('smtp:login-test', { ...login, remember: true })).toMatchObject({
        ok: true,
        value: { success: true },
      });
      expectNoSecret(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
      expect(await ipc('secrets:recall', account)).toEqual({ ok: true, value: { remembered: true } });
      expect(
        await ipc('smtp:login-test', { ...login, credentials: { user, useRememberedPassword: true } }),
      ).toMatchObject({ ok: true, value: { success: true } });
      expect(server.auths).toHaveLength(2);

      // Linux without a keyring: Chromium's built-in key protects nothing, so it is refused there.
      fake.keychain.backend = 'basic_text';
      expect(await ipc('secrets:recall', account)).toMatchObject(
        process.platform === 'linux' ? noKeychain : { ok: true },
      );
      fake.keychain.backend = 'kwallet6';
      fake.keychain.available = false;
      expect(await ipc('secrets:recall', account)).toMatchObject(noKeychain);
      fake.keychain.available = true;

      expect(await ipc('secrets:forget', account)).toEqual({ ok: true, value: null });
      expect(await ipc('secrets:recall', account)).toEqual({ ok: true, value: { remembered: false } });
    } finally {
      await server.close();
    }
  });

  it('guards every new webContents', () => {
    const listeners = new Map<string, Fn>();
    let openHandler: Fn | undefined;
    const contents = {
      on: (name: string, l: Fn) => listeners.set(name, l),
      setWindowOpenHandler: (h: Fn) => (openHandler = h),
    };
    fake.appListeners.get('web-contents-created')!({}, contents);
    let prevented = false;
    listeners.get('will-navigate')!({
      url: 'https://evil.example/',
      preventDefault: () => (prevented = true),
    });
    expect(prevented).toBe(true);
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    // Only the presets' exact documentation pages, not the rest of their hosts or other doc sites.
    const presetPage = listPresets()[0]!.sourceUrl;
    for (const url of [
      `${new URL(presetPage).origin}/`,
      'https://www.rfc-editor.org/rfc/rfc8314',
      presetPage,
    ]) {
      expect(openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.opened).toEqual([presetPage]);
  });

  it('opens the fixed help-menu links directly', () => {
    fake.opened.length = 0;
    const template = fake.menus.at(-1) as { role?: string; submenu?: { click?: () => void }[] }[];
    const help = template.find((item) => item.role === 'help')!;
    for (const item of help.submenu!) item.click?.();
    expect(fake.opened).toEqual([helpLinks.starttls, helpLinks.submission]);
  });

  it('focuses the existing window on a second launch', () => {
    fake.appListeners.get('second-instance')!();
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]!.focused).toBe(1);
  });
});
