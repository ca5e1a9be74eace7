/**
 * Which links the renderer may hand to the system browser (`shell.openExternal`,
 * reached by a navigation or window.open): only the exact https URLs we ship,
 * i.e. the provider presets' documentation pages. The menu's help entries do
 * not pass through here; they open their own fixed URLs. Pure; tested in Node.
 */

/** The https URL without its fragment, or null for anything else. */
function normalizeHttps(url: string): string | null {
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
  parsed.hash = '';
  return parsed.href;
}

export interface ExternalUrlPolicy {
  isAllowed(url: string): boolean;
}

/** `shipped`: the exact URLs the UI links to; non-https ones are ignored. */
export function createExternalUrlPolicy(shipped: Iterable<string>): ExternalUrlPolicy {
  const exact = new Set<string>();
  for (const url of shipped) {
    const normalized = normalizeHttps(url);
    if (normalized !== null) exact.add(normalized);
  }
  return {
    isAllowed(url) {
      const normalized = normalizeHttps(url);
      return normalized !== null && exact.has(normalized);
    },
  };
}
