/**
 * Permission decisions for the session. Electron grants everything when no
 * handler is set; we deny everything but one thing: writing text to the
 * clipboard from our own page (the "copy" buttons next to the settings to
 * enter; Chromium asks for `clipboard-sanitized-write` before each
 * `navigator.clipboard.writeText`, and it still needs a user gesture).
 * Reading the clipboard, camera, notifications, geolocation... are denied.
 */
import { isAppUrl } from './navigation.js';

const grantedToApp: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** `requestingUrl` is the requesting page or origin as Electron reports it. */
export function decidePermission(permission: string, requestingUrl: string | undefined): boolean {
  return grantedToApp.has(permission) && isAppUrl(requestingUrl);
}
