/**
 * Maps the path of a URL onto a file inside the built renderer folder, for the
 * app:// protocol (Electron) and the web bridge alike. Anything that could
 * leave the folder, or name a hidden file, maps to null.
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Names Windows maps to something other than the file: devices (CON, NUL,
 * COM1, LPT1... also with an extension, "nul.txt") and names it silently
 * strips trailing dots or spaces from. None of our files looks like this, so
 * they are refused on every platform.
 */
const windowsDevice =
  /^(?:con|prn|aux|nul|conin\$|conout\$|com[1-9\u00b9\u00b2\u00b3]|lpt[1-9\u00b9\u00b2\u00b3])(?:[. ].*)?$/i;

function isWindowsTrap(segment: string): boolean {
  return windowsDevice.test(segment) || /[. ]$/.test(segment);
}

export function resolveStaticPath(pathname: string, rootDir: string): string | null {
  if (!pathname.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  // Backslashes are separators on Windows, NUL ends strings in the OS, a colon
  // names a drive or an alternate data stream: none occurs in our file names.
  if (/[\\\0:]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.') || isWindowsTrap(segment))) return null;
  if (segments.length === 0) segments.push('index.html');

  const root = resolve(rootDir);
  const target = resolve(join(root, ...segments));
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || !target.startsWith(root + sep)) return null;
  return target;
}
