/**
 * Per-webContents guards, attached to every webContents the app creates:
 * navigation only within app://mailtls, no new windows (allowlisted
 * documentation links go to the system browser instead), no <webview>.
 * Takes the webContents and the external opener as parameters (tested with fakes).
 */
import type { WebContents } from 'electron';
import { isAllowedNavigation } from './policy/navigation.js';

export interface GuardDeps {
  isAllowedExternalUrl: (url: string) => boolean;
  /** Hands a vetted URL to the system browser. */
  openExternal: (url: string) => void;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardWebContents(contents: GuardedContents, deps: GuardDeps): void {
  const leave = (url: string) => {
    if (deps.isAllowedExternalUrl(url)) deps.openExternal(url);
  };
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) {
      event.preventDefault();
      leave(event.url);
    }
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    leave(url);
    return { action: 'deny' };
  });
}
