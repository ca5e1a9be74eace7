/**
 * Which links may leave the app for the system browser (`shell.openExternal`).
 * Only https documentation pages: a fixed list of documentation sites, plus
 * the exact source URLs of the provider presets we ship. Pure; tested in Node.
 */

/** Documentation sites the UI links to (standards, mail providers, mail clients). */
export const documentationHosts: readonly string[] = [
  'www.rfc-editor.org',
  'datatracker.ietf.org',
  'support.google.com',
  'support.microsoft.com',
  'learn.microsoft.com',
  'support.apple.com',
  'support.mozilla.org',
  'help.yahoo.co.jp',
  'help.yahoo.com',
  'help.aol.com',
];

function parseHttps(url: string): URL | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (
    parsed.protocol !== 'https:' ||
    parsed.username !== '' ||
    parsed.password !== '' ||
    parsed.port !== ''
  ) {
    return null;
  }
  return parsed;
}

export interface ExternalUrlPolicy {
  isAllowed(url: string): boolean;
  /** Adds exact URLs (the presets' documentation pages); non-https ones are ignored. */
  allowExact(urls: Iterable<string>): void;
}

export function createExternalUrlPolicy(hosts: readonly string[] = documentationHosts): ExternalUrlPolicy {
  const allowedHosts = new Set(hosts.map((h) => h.toLowerCase()));
  const exact = new Set<string>();
  return {
    isAllowed(url) {
      const parsed = parseHttps(url);
      if (!parsed) return false;
      if (allowedHosts.has(parsed.hostname)) return true;
      const withoutHash = new URL(parsed.href);
      withoutHash.hash = '';
      return exact.has(withoutHash.href);
    },
    allowExact(urls) {
      for (const url of urls) {
        const parsed = parseHttps(url);
        if (!parsed) continue;
        parsed.hash = '';
        exact.add(parsed.href);
      }
    },
  };
}
