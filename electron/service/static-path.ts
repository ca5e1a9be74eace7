/**
 * Maps the path of a URL onto a file inside the built renderer folder, for the
 * app:// protocol (Electron) and the web bridge alike. Anything that could
 * leave the folder, or name a hidden file, maps to null.
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

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
  if (segments.some((segment) => segment.startsWith('.'))) return null;
  if (segments.length === 0) segments.push('index.html');

  const root = resolve(rootDir);
  const target = resolve(join(root, ...segments));
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || !target.startsWith(root + sep)) return null;
  return target;
}
