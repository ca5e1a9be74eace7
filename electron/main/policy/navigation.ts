/**
 * Where the window may be and who may talk to main. Pure: imports nothing
 * from electron, tested in Node (test/shell/policy.test.ts).
 *
 * The UI is served from app://mailtls/ (see protocol.ts). Node's URL gives
 * custom schemes an opaque origin ("null"), so compare scheme and host
 * explicitly instead of `URL.origin`, and never with `startsWith`.
 */
export const appScheme = 'app';
export const appHost = 'mailtls';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

function parse(url: string | undefined | null): URL | null {
  if (typeof url !== 'string' || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for app://mailtls/... with no user, password or port. */
export function isAppUrl(url: string | undefined | null): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${appScheme}:` &&
    parsed.hostname.toLowerCase() === appHost &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The window may only ever show our own pages. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

export interface SenderFacts {
  /** `event.senderFrame?.url`; undefined when the frame is gone. */
  url: string | undefined;
  /** Whether the sender is the top frame (we use no frames). */
  isMainFrame: boolean;
}

/** IPC is answered only for our own top-level page. */
export function isTrustedSender(sender: SenderFacts): boolean {
  return sender.isMainFrame && isAppUrl(sender.url);
}
