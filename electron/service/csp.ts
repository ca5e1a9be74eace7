/**
 * The renderer's Content Security Policy. renderer/index.html carries the same
 * policy in its <meta> tag (a test keeps the two equal); the app:// protocol
 * handler and the web bridge also send it as a header, where `frame-ancestors`
 * works too (browsers ignore that directive in <meta>).
 */
export const rendererCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

export const rendererCspHeader = `${rendererCsp}; frame-ancestors 'none'`;

/** Headers every response carrying renderer content gets (app:// and the web bridge). */
export function securityHeaders(mimeType: string, options: { cache: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': mimeType,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cache-Control': options.cache ? 'no-cache' : 'no-store',
  };
  if (mimeType.startsWith('text/html')) headers['Content-Security-Policy'] = rendererCspHeader;
  return headers;
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Content type by file extension; unknown types are served as opaque bytes. */
export function mimeTypeFor(filePath: string): string {
  const dot = filePath.lastIndexOf('.');
  const slash = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  const extension = dot > slash ? filePath.slice(dot).toLowerCase() : '';
  return mimeTypes[extension] ?? 'application/octet-stream';
}
