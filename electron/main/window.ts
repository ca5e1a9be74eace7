/**
 * The main window. The security preferences are an inline literal on purpose:
 * electronegativity and our own test (test/shell/window.test.ts) read them as
 * written, and a value from a spread or a variable would hide them.
 *
 * The constructor is passed in, so this module has no runtime `electron`
 * import and runs in Node with a fake.
 */
import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow;

export interface MainWindowOptions {
  BrowserWindow: BrowserWindowClass;
  /** out/preload/index.cjs */
  preloadPath: string;
  title: string;
  /** Background shown before the page paints (follows the system's dark mode). */
  backgroundColor: string;
}

export function createMainWindow({ BrowserWindow, preloadPath, title, backgroundColor }: MainWindowOptions) {
  const window = new BrowserWindow({
    width: 1120,
    height: 800,
    minWidth: 560,
    minHeight: 480,
    show: false,
    title,
    backgroundColor,
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
