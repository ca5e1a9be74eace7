/**
 * The app:// protocol: maps app://mailtls/<path> onto out/renderer and builds
 * the response with the same security headers as the web bridge (CSP,
 * nosniff...). Uses only the web platform's Response (global in Node and
 * Electron), so it is tested in Node.
 */
import { readFile, stat } from 'node:fs/promises';
import { mimeTypeFor, securityHeaders } from '../../service/csp.js';
import { resolveStaticPath } from '../../service/static-path.js';
import { isAppUrl } from './navigation.js';

/** The file an app:// URL names inside `rendererDir`, or null. */
export function appUrlToPath(url: string, rendererDir: string): string | null {
  if (!isAppUrl(url)) return null;
  return resolveStaticPath(new URL(url).pathname, rendererDir);
}

export interface AppRequest {
  url: string;
  method: string;
}

export async function appProtocolResponse(request: AppRequest, rendererDir: string): Promise<Response> {
  const notFound = () =>
    new Response('Not found', {
      status: 404,
      headers: securityHeaders('text/plain; charset=utf-8', { cache: false }),
    });
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', {
      status: 405,
      headers: securityHeaders('text/plain; charset=utf-8', { cache: false }),
    });
  }
  const path = appUrlToPath(request.url, rendererDir);
  if (!path) return notFound();
  let body: Uint8Array;
  try {
    // Regular files only: reading a FIFO or a device (through a symlink, say) would hang or never end.
    if (!(await stat(path)).isFile()) return notFound();
    body = await readFile(path);
  } catch {
    return notFound();
  }
  const mimeType = mimeTypeFor(path);
  const headers = securityHeaders(mimeType, { cache: !mimeType.startsWith('text/html') });
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}
