/**
 * Electron main process: wiring only. Every decision lives in a plain module
 * tested in Node (policy/*, guards.ts, ipc.ts, menu.ts, window.ts and
 * electron/service/**); this file connects them to Electron's objects.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../contract.js';
import { listPresets } from '../engine/discover/index.js';
import { UserFacingError } from '../engine/core/errors.js';
import { SecretStore } from '../engine/login/secret-store.js';
import { createEngine } from '../service/engine.js';
import { safeFileName } from '../service/file-name.js';
import type { ParsedRequest } from '../service/dispatch.js';
import { createService, type Service } from '../service/handlers.js';
import { defaultDataDir } from '../service/paths.js';
import { createSettingsStore } from '../service/settings.js';
import { guardWebContents } from './guards.js';
import { registerIpcHandlers } from './ipc.js';
import { buildMenuTemplate } from './menu.js';
import { createExternalUrlPolicy } from './policy/external.js';
import { appEntryUrl, appScheme } from './policy/navigation.js';
import { decidePermission } from './policy/permissions.js';
import { appProtocolResponse } from './policy/protocol.js';
import { createMainWindow } from './window.js';

const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
// Links the renderer may open in the system browser: the presets' documentation pages, exactly.
const externalUrls = createExternalUrlPolicy(listPresets().map((preset) => preset.sourceUrl));

// Must happen before `ready`: app:// behaves like https (standard, secure origin).
protocol.registerSchemesAsPrivileged([
  // corsEnabled lets the page's own module scripts (crossorigin) load; other origins still get no CORS headers.
  {
    scheme: appScheme,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
  },
]);
// One folder for the app, the CLI and browser mode, so profiles are shared.
app.setPath('userData', defaultDataDir({ env: process.env, platform: process.platform, homedir: homedir() }));
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let service: Service | null = null;

/** Callers pass fixed URLs (the menu's help links) or ones vetted by externalUrls (guards.ts). */
function openInBrowser(url: string): void {
  void shell.openExternal(url);
}

function systemLanguage(): Language {
  const first = app.getPreferredSystemLanguages()[0] ?? app.getLocale();
  return first.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

function setMenu(language: Language): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        language,
        platform: process.platform,
        appName: 'MailTLS',
        isPackaged: app.isPackaged,
        openHelp: openInBrowser,
      }),
    ),
  );
}

const saveFilters: Record<string, { en: string; ja: string }> = {
  '.html': { en: 'Web page', ja: 'Web ページ' },
  '.json': { en: 'JSON', ja: 'JSON' },
  '.xml': { en: 'XML', ja: 'XML' },
  '.mobileconfig': { en: 'Apple configuration profile', ja: 'Apple 構成プロファイル' },
};

async function saveWithDialog(request: ParsedRequest<'saveFile'>, language: Language) {
  const name = safeFileName(request.suggestedName);
  const extension = extname(name).toLowerCase();
  const filter = saveFilters[extension];
  const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
  const options = {
    defaultPath: join(app.getPath('documents'), name),
    filters: [
      ...(filter && extension ? [{ name: filter[language], extensions: [extension.slice(1)] }] : []),
      { name: language === 'ja' ? 'すべてのファイル' : 'All files', extensions: ['*'] },
    ],
  };
  const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { savedAs: null };
  try {
    await writeFile(choice.filePath, request.content, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UserFacingError('io', {
      en: `Could not write the file (${code}).`,
      ja: `ファイルを書き込めませんでした（${code}）。`,
    });
  }
  return { savedAs: choice.filePath };
}

function showWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    return;
  }
  mainWindow = createMainWindow({
    BrowserWindow,
    preloadPath,
    title: 'MailTLS',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#17191c' : '#ffffff',
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(appEntryUrl);
}

async function ready(): Promise<void> {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(decidePermission(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  // The renderer has no business on the network: the engine talks SMTP from this process.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
  protocol.handle(appScheme, (request) =>
    appProtocolResponse({ url: request.url, method: request.method }, rendererDir),
  );

  const dataDir = app.getPath('userData');
  const settings = await createSettingsStore({ dataDir, defaultLanguage: systemLanguage() });
  const engine = await createEngine({ dataDir });
  service = createService({
    engine,
    settings,
    saveFile: (request) => saveWithDialog(request, settings.getLanguage()),
    onLanguageChanged: setMenu,
    secrets: new SecretStore(join(dataDir, 'secrets.json'), {
      // Asked on every use (it is only known after ready). Linux without a keyring falls
      // back to 'basic_text', a key built into Chromium: no better than plaintext, so refused.
      isAvailable: () =>
        safeStorage.isEncryptionAvailable() &&
        !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (encrypted) => safeStorage.decryptString(encrypted),
    }),
  });
  registerIpcHandlers(ipcMain, service);
  setMenu(settings.getLanguage());
  showWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, {
      isAllowedExternalUrl: (url) => externalUrls.isAllowed(url),
      openExternal: openInBrowser,
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (service && BrowserWindow.getAllWindows().length === 0) showWindow();
  });
  app.on('before-quit', () => service?.audits.cancelAll());
  app
    .whenReady()
    .then(ready)
    .catch((error: unknown) => {
      dialog.showErrorBox('MailTLS', error instanceof Error ? error.message : String(error));
      app.quit();
    });
}
