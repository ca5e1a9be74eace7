/**
 * The web bridge's gatekeeping, as pure functions (tested in test/web/).
 *
 * The bridge can open SMTP connections on a caller's behalf, so it must never
 * serve anyone but the page it served itself:
 * - Host must name the bridge exactly (127.0.0.1:<port> or localhost:<port>),
 *   which defeats DNS rebinding;
 * - Origin, when the browser sends one, must be the bridge's own origin, and on
 *   API calls a Sec-Fetch-Site header must say same-origin;
 * - API calls must carry the per-start token, which only the bridge's own page
 *   knows (it arrives in the URL fragment, which browsers never send anywhere);
 * - no CORS headers are ever sent, requests in absolute form (proxy style) are refused.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { webApiPrefix, webTokenHeader } from '../contract.js';

export const bridgeHost = '127.0.0.1';

/** 32 random bytes, hex: what goes into the URL fragment and the x-mailtls-token header. */
export function createToken(): string {
  return randomBytes(32).toString('hex');
}

export function allowedHosts(port: number): string[] {
  return [`${bridgeHost}:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

/** Constant-time comparison; hashing first hides the length as well. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 1024) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

export type Decision =
  | { allow: true; kind: 'static'; pathname: string }
  | { allow: true; kind: 'api'; channelName: string }
  | { allow: false; status: 400 | 403 | 404 | 405; reason: string };

export interface RequestFacts {
  method: string | undefined;
  /** The raw request target (`req.url`). */
  url: string | undefined;
  headers: IncomingHttpHeaders;
}

/**
 * Decides whether a request may go on, before its body is read.
 * Every refusal on security grounds is a 403.
 */
export function checkRequest(request: RequestFacts, port: number, token: string): Decision {
  const host = single(request.headers.host)?.toLowerCase();
  if (!host || !allowedHosts(port).includes(host)) {
    return { allow: false, status: 403, reason: 'host' };
  }
  const origin = single(request.headers.origin);
  if (request.headers.origin !== undefined && (!origin || !allowedOrigins(port).includes(origin))) {
    return { allow: false, status: 403, reason: 'origin' };
  }
  const target = request.url ?? '';
  // Origin-form only: "GET http://elsewhere/ HTTP/1.1" is a proxy request; "//x" is not a path of ours.
  if (!target.startsWith('/') || target.startsWith('//')) {
    return { allow: false, status: 403, reason: 'target' };
  }
  let pathname: string;
  try {
    pathname = new URL(target, `http://${bridgeHost}:${port}`).pathname;
  } catch {
    return { allow: false, status: 400, reason: 'target' };
  }
  const method = request.method ?? '';

  if (pathname.startsWith(webApiPrefix)) {
    if (!tokenMatches(single(request.headers[webTokenHeader]), token)) {
      return { allow: false, status: 403, reason: 'token' };
    }
    // Only our own page calls the API. (Static files may be reached cross-site: the
    // browser-opening redirect page is a file:// page, and the files hold no secret.)
    const fetchSite = single(request.headers['sec-fetch-site']);
    if (request.headers['sec-fetch-site'] !== undefined && fetchSite !== 'same-origin') {
      return { allow: false, status: 403, reason: 'fetch-site' };
    }
    if (method !== 'POST') return { allow: false, status: 405, reason: 'method' };
    let channelName: string;
    try {
      channelName = decodeURIComponent(pathname.slice(webApiPrefix.length));
    } catch {
      return { allow: false, status: 404, reason: 'channel' };
    }
    return { allow: true, kind: 'api', channelName };
  }
  // No CORS, ever: a preflight gets nothing that would let a foreign page go on.
  if (method === 'OPTIONS') return { allow: false, status: 403, reason: 'method' };
  if (method !== 'GET' && method !== 'HEAD') return { allow: false, status: 405, reason: 'method' };
  return { allow: true, kind: 'static', pathname };
}

/** `application/json`, optionally with parameters (`; charset=utf-8`). */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  return value.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
