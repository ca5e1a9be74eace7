/**
 * Main-process wiring with small fakes of the Electron objects passed in
 * (the Electron binary is never loaded).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelKeys, channels, eventChannels, type Language } from '../../electron/contract.js';
import { guardWebContents } from '../../electron/main/guards.js';
import { registerIpcHandlers } from '../../electron/main/ipc.js';
import { buildMenuTemplate, helpLinks } from '../../electron/main/menu.js';
import { createExternalUrlPolicy } from '../../electron/main/policy/external.js';
import { appEntryUrl } from '../../electron/main/policy/navigation.js';
import { createMainWindow, type BrowserWindowClass } from '../../electron/main/window.js';

// Electron's types, reached through our modules (tests import nothing from electron).
type BrowserWindowConstructorOptions = NonNullable<ConstructorParameters<BrowserWindowClass>[0]>;
type MenuItemConstructorOptions = ReturnType<typeof buildMenuTemplate>[number];
import { createEngine } from '../../electron/service/engine.js';
import { createService, type Engine } from '../../electron/service/handlers.js';
import { fakeEngine } from './helpers/fake-engine.js';

describe('main window', () => {
  it('is created with the literal secure preferences', () => {
    const created: BrowserWindowConstructorOptions[] = [];
    class FakeWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        created.push(options);
      }
      once() {
        return this;
      }
    }
    createMainWindow({
      BrowserWindow: FakeWindow as unknown as BrowserWindowClass,
      preloadPath: '/app/out/preload/index.cjs',
      title: 'MailTLS',
      backgroundColor: '#fff',
    });
    expect(created).toHaveLength(1);
    const prefs = created[0]!.webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(created[0]!.show).toBe(false);
  });

  it('writes the preferences as literals in the source (what electronegativity reads)', () => {
    const source = readFileSync(resolve('electron/main/window.ts'), 'utf8');
    for (const literal of [
      'contextIsolation: true,',
      'sandbox: true,',
      'nodeIntegration: false,',
      'webviewTag: false,',
    ]) {
      expect(source).toContain(literal);
    }
    expect(source).not.toMatch(/\.\.\.\s*\w+[^\n]*\n[^\n]*webPreferences/);
  });
});

type Listener = (event: { url: string; preventDefault: () => void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    contents: {
      on(name: string, listener: Listener) {
        listeners.set(name, listener);
        return this;
      },
      setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
        openHandler = handler;
      },
    },
    emit(name: string, url: string) {
      let prevented = false;
      listeners.get(name)?.({ url, preventDefault: () => (prevented = true) });
      return prevented;
    },
    open: (url: string) => openHandler!({ url }),
    has: (name: string) => listeners.has(name),
  };
}

const presetPage = 'https://help.example.net/smtp-settings';

describe('webContents guards', () => {
  const policy = createExternalUrlPolicy([presetPage]);
  function setup() {
    const opened: string[] = [];
    const fake = fakeContents();
    guardWebContents(fake.contents as never, {
      isAllowedExternalUrl: (url) => policy.isAllowed(url),
      openExternal: (url) => opened.push(url),
    });
    return { fake, opened };
  }

  it('keeps navigation inside app://mailtls', () => {
    const { fake, opened } = setup();
    expect(fake.emit('will-navigate', appEntryUrl)).toBe(false);
    expect(fake.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fake.emit('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fake.emit('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.emit('will-attach-webview', appEntryUrl)).toBe(true);
    expect(opened).toEqual([]);
    // A shipped documentation link that tried to replace the page opens in the system browser instead.
    expect(fake.emit('will-navigate', presetPage)).toBe(true);
    expect(opened).toEqual([presetPage]);
  });

  it('denies every new window and opens only the exact documentation URLs we ship', () => {
    const { fake, opened } = setup();
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(fake.open('file:///C:/calc.exe')).toEqual({ action: 'deny' });
    expect(fake.open(appEntryUrl)).toEqual({ action: 'deny' });
    expect(fake.open('https://help.example.net/other-page')).toEqual({ action: 'deny' });
    expect(fake.open(presetPage)).toEqual({ action: 'deny' });
    expect(opened).toEqual([presetPage]);
  });
});

function fakeIpc() {
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  return {
    ipcMain: {
      handle(name: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) {
        if (handlers.has(name)) throw new Error(`second handler for ${name}`);
        handlers.set(name, handler);
      },
      removeHandler(name: string) {
        handlers.delete(name);
      },
    },
    handlers,
  };
}

function fakeEvent(url: string | null, options: { subframe?: boolean } = {}) {
  const sent: [string, unknown][] = [];
  // Electron's webContents events, as far as ipc.ts listens to them.
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const add = (name: string, listener: (...args: unknown[]) => void) => {
    if (!listeners.has(name)) listeners.set(name, new Set());
    listeners.get(name)!.add(listener);
  };
  const sender = {
    send: (channel: string, payload: unknown) => sent.push([channel, payload]),
    isDestroyed: () => false,
    on: add,
    once: add,
    removeListener: (name: string, listener: (...args: unknown[]) => void) =>
      listeners.get(name)?.delete(listener),
  };
  const senderFrame = url === null ? null : { url, parent: options.subframe ? {} : null };
  return {
    event: { sender, senderFrame },
    sent,
    emit: (name: string, ...args: unknown[]) => [...(listeners.get(name) ?? [])].forEach((l) => l(...args)),
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
}

describe('IPC handlers', () => {
  let engineDir: string;
  let engine: Engine;
  beforeAll(async () => {
    engineDir = mkdtempSync(join(tmpdir(), 'mailtls-ipc-'));
    engine = await createEngine({ dataDir: engineDir });
  });
  afterAll(() => rmSync(engineDir, { recursive: true, force: true }));

  function setup(language: Language = 'en') {
    const fake = fakeEngine(engine);
    let current = language;
    const service = createService({
      engine: fake.engine,
      settings: { getLanguage: () => current, setLanguage: async (l) => (current = l) },
    });
    const ipc = fakeIpc();
    const unregister = registerIpcHandlers(ipc.ipcMain as never, service);
    return { fake, service, ipc, unregister };
  }

  it('registers exactly one handler per contract channel', () => {
    const { ipc, unregister } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(channelKeys.map((k) => channels[k].name).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('refuses foreign, missing and sub-frame senders before parsing anything', async () => {
    const { ipc, fake } = setup('ja');
    const handler = ipc.handlers.get('audit:run')!;
    for (const e of [
      fakeEvent('https://evil.example/'),
      fakeEvent('file:///index.html'),
      fakeEvent(null),
      fakeEvent(appEntryUrl, { subframe: true }),
    ]) {
      const result = await handler(e.event, { auditId: 'x', host: 'smtp.example.com' });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(fake.started).toHaveLength(0);
  });

  it('parses the payload, answers a Result and sends progress to the calling page only', async () => {
    const { ipc, fake } = setup();
    const bad = await ipc.handlers.get('settings:set-language')!(fakeEvent(appEntryUrl).event, {
      language: 'de',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const good = await ipc.handlers.get('settings:set-language')!(fakeEvent(appEntryUrl).event, {
      language: 'ja',
    });
    expect(good).toEqual({ ok: true, value: 'ja' });

    const caller = fakeEvent(appEntryUrl);
    const next = fake.nextAudit();
    const running = ipc.handlers.get('audit:run')!(caller.event, { auditId: 'P1', host: 'smtp.example.com' });
    const audit = await next;
    audit.finish();
    expect(await running).toMatchObject({ ok: true, value: { host: 'smtp.example.com' } });
    expect(caller.sent).toEqual([
      [
        eventChannels.auditProgress,
        { auditId: 'P1', port: 465, stage: 'connect', status: 'started', elapsedMs: 1 },
      ],
    ]);
  });

  const navigation = (isMainFrame: boolean, isSameDocument = false) => ({
    url: appEntryUrl,
    isMainFrame,
    isSameDocument,
  });

  it('cancels what a page started when its window closes, its renderer crashes or it reloads', async () => {
    const { ipc, fake } = setup();
    for (const [name, ...args] of [
      ['destroyed'],
      ['render-process-gone', {}, { reason: 'crashed', exitCode: 1 }],
      ['did-start-navigation', navigation(true)],
    ] as const) {
      const caller = fakeEvent(appEntryUrl);
      const next = fake.nextAudit();
      const running = ipc.handlers.get('audit:run')!(caller.event, {
        auditId: name,
        host: 'smtp.example.com',
      });
      const audit = await next;
      expect(audit.signal.aborted).toBe(false);
      caller.emit(name, ...args);
      expect(audit.signal.aborted, name).toBe(true);
      expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(caller.listenerCount(), name).toBe(0);
    }
  });

  it('keeps an audit running through sub-frame and in-page navigations, and unhooks when done', async () => {
    const { ipc, fake } = setup();
    const caller = fakeEvent(appEntryUrl);
    const next = fake.nextAudit();
    const running = ipc.handlers.get('audit:run')!(caller.event, { auditId: 'P3', host: 'smtp.example.com' });
    const audit = await next;
    caller.emit('did-start-navigation', navigation(false));
    caller.emit('did-start-navigation', navigation(true, true));
    expect(audit.signal.aborted).toBe(false);
    audit.finish();
    expect(await running).toMatchObject({ ok: true });
    expect(caller.listenerCount()).toBe(0);
  });
});

describe('menu', () => {
  function labels(items: MenuItemConstructorOptions[]): string[] {
    return items.flatMap((item) => [
      ...(item.label ? [item.label] : []),
      ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
    ]);
  }
  function roles(items: MenuItemConstructorOptions[]): string[] {
    return items.flatMap((item) => [
      ...(item.role ? [String(item.role)] : []),
      ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
    ]);
  }
  const base = { appName: 'MailTLS', isPackaged: true, openHelp: () => {} };

  it('has the standard roles (and so their shortcuts) in both languages', () => {
    for (const language of ['ja', 'en'] as const) {
      for (const platform of ['linux', 'win32', 'darwin'] as const) {
        const template = buildMenuTemplate({ ...base, language, platform });
        const r = roles(template);
        for (const role of [
          'undo',
          'redo',
          'cut',
          'copy',
          'paste',
          'selectAll',
          'close',
          'quit',
          'reload',
          'zoomIn',
          'zoomOut',
          'resetZoom',
          'togglefullscreen',
          'minimize',
          'about',
        ]) {
          expect(r, `${language} ${platform} ${role}`).toContain(role);
        }
        expect(r).not.toContain('toggleDevTools');
      }
    }
    expect(labels(buildMenuTemplate({ ...base, language: 'ja', platform: 'linux' }))).toEqual(
      expect.arrayContaining(['ファイル', '編集', '表示', 'ヘルプ', 'コピー', '貼り付け']),
    );
    expect(labels(buildMenuTemplate({ ...base, language: 'en', platform: 'linux' }))).toEqual(
      expect.arrayContaining(['File', 'Edit', 'View', 'Help', 'Copy', 'Paste']),
    );
    expect(roles(buildMenuTemplate({ ...base, language: 'en', platform: 'darwin' }))).toEqual(
      expect.arrayContaining(['hide', 'hideOthers', 'unhide', 'front', 'services']),
    );
    expect(
      roles(buildMenuTemplate({ ...base, language: 'en', platform: 'linux', isPackaged: false })),
    ).toContain('toggleDevTools');
  });

  it('help entries open their fixed https documentation URLs', () => {
    const opened: string[] = [];
    const template = buildMenuTemplate({
      ...base,
      language: 'en',
      platform: 'linux',
      openHelp: (u) => opened.push(u),
    });
    const help = template.find((item) => item.role === 'help')!;
    for (const item of help.submenu as MenuItemConstructorOptions[]) {
      (item.click as (() => void) | undefined)?.();
    }
    expect(opened).toEqual([helpLinks.starttls, helpLinks.submission]);
    for (const url of opened) expect(new URL(url).protocol).toBe('https:');
  });
});
