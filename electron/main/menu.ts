/**
 * The application menu in Japanese and English. Built as a plain template
 * (types from electron only), so it is tested in Node. Standard items use
 * Electron roles, which bring the shortcuts people expect: Ctrl/Cmd+Z, +Shift+Z,
 * X, C, V, A, W, Q, R, 0, +, -, F11 (Ctrl+Cmd+F on macOS), Cmd+M, Cmd+H.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../contract.js';

export interface MenuOptions {
  language: Language;
  platform: NodeJS.Platform;
  appName: string;
  /** Developer tools only in unpackaged builds. */
  isPackaged: boolean;
  /** Opens one of the fixed helpLinks in the system browser. */
  openHelp: (url: string) => void;
}

export const helpLinks = {
  starttls: 'https://www.rfc-editor.org/rfc/rfc3207',
  submission: 'https://www.rfc-editor.org/rfc/rfc8314',
} as const;

const labels = {
  en: {
    file: 'File',
    close: 'Close Window',
    quit: 'Quit MailTLS',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Toggle Full Screen',
    devTools: 'Developer Tools',
    window: 'Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    front: 'Bring All to Front',
    help: 'Help',
    starttls: 'STARTTLS explained (RFC 3207)',
    submission: 'TLS for sending mail (RFC 8314)',
    about: 'About MailTLS',
    services: 'Services',
    hide: 'Hide MailTLS',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
  },
  ja: {
    file: 'ファイル',
    close: 'ウインドウを閉じる',
    quit: 'MailTLS を終了',
    edit: '編集',
    undo: '取り消す',
    redo: 'やり直す',
    cut: '切り取り',
    copy: 'コピー',
    paste: '貼り付け',
    selectAll: 'すべてを選択',
    view: '表示',
    reload: '再読み込み',
    resetZoom: '実際のサイズ',
    zoomIn: '拡大',
    zoomOut: '縮小',
    fullScreen: 'フルスクリーンの切り替え',
    devTools: '開発者ツール',
    window: 'ウインドウ',
    minimize: 'しまう',
    zoom: '拡大／縮小',
    front: 'すべてを手前に移動',
    help: 'ヘルプ',
    starttls: 'STARTTLS の仕組み（RFC 3207）',
    submission: 'メール送信の TLS（RFC 8314）',
    about: 'MailTLS について',
    services: 'サービス',
    hide: 'MailTLS を隠す',
    hideOthers: 'ほかを隠す',
    unhide: 'すべてを表示',
  },
} satisfies Record<Language, Record<string, string>>;

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = labels[options.language];
  const mac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];

  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about', label: t.about },
        { type: 'separator' },
        { role: 'services', label: t.services },
        { type: 'separator' },
        { role: 'hide', label: t.hide },
        { role: 'hideOthers', label: t.hideOthers },
        { role: 'unhide', label: t.unhide },
        { type: 'separator' },
        { role: 'quit', label: t.quit },
      ],
    });
  }

  template.push({
    label: t.file,
    submenu: mac
      ? [{ role: 'close', label: t.close }]
      : [{ role: 'close', label: t.close }, { type: 'separator' }, { role: 'quit', label: t.quit }],
  });

  template.push({
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      { type: 'separator' },
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'selectAll', label: t.selectAll },
    ],
  });

  template.push({
    label: t.view,
    submenu: [
      { role: 'reload', label: t.reload },
      ...(options.isPackaged
        ? []
        : [{ role: 'toggleDevTools', label: t.devTools } as MenuItemConstructorOptions]),
      { type: 'separator' },
      { role: 'resetZoom', label: t.resetZoom },
      { role: 'zoomIn', label: t.zoomIn },
      // Ctrl+= as well: on most keyboards "+" needs Shift.
      {
        role: 'zoomIn',
        label: t.zoomIn,
        accelerator: 'CommandOrControl+=',
        visible: false,
        acceleratorWorksWhenHidden: true,
      },
      { role: 'zoomOut', label: t.zoomOut },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t.fullScreen },
    ],
  });

  template.push({
    label: t.window,
    role: 'window',
    submenu: mac
      ? [
          { role: 'minimize', label: t.minimize },
          { role: 'zoom', label: t.zoom },
          { type: 'separator' },
          { role: 'front', label: t.front },
        ]
      : [{ role: 'minimize', label: t.minimize }],
  });

  template.push({
    label: t.help,
    role: 'help',
    submenu: [
      { label: t.starttls, click: () => options.openHelp(helpLinks.starttls) },
      { label: t.submission, click: () => options.openHelp(helpLinks.submission) },
      ...(mac
        ? []
        : [
            { type: 'separator' } as MenuItemConstructorOptions,
            { role: 'about', label: t.about } as MenuItemConstructorOptions,
          ]),
    ],
  });

  return template;
}
