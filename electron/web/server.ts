/**
 * The web bridge: serves the built renderer and the contract's handler table
 * over HTTP on 127.0.0.1, for browser mode (`mailtls serve`, `npm start`
 * without Electron) and for the end-to-end tests in Chromium.
 *
 * Protocol (see the end of electron/contract.ts): `POST /api/<channel name>`
 * with a JSON body and the token in `x-mailtls-token`; the reply is the JSON
 * Result with status 200. `audit:run` answers `text/event-stream` instead
 * (`event: progress` per ProgressEvent, then one `event: result`); closing
 * that response cancels the audit. Refusals (403 host/origin/token, 400 bad
 * JSON, 404 unknown channel, 405 method, 413 too large, 415 not JSON) carry a
 * JSON Result error too, never CORS headers.
 *
 * `file:save` answers `{ savedAs: null }` here: a browser has no save dialog
 * for us, so the renderer offers the file as a download itself.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  webApiPrefix,
  webTokenFragmentKey,
  type BridgeError,
  type ChannelKey,
  type Language,
  type Result,
} from '../contract.js';
import { mimeTypeFor, securityHeaders } from '../service/csp.js';
import { channelKeyForName } from '../service/dispatch.js';
import type { Service } from '../service/handlers.js';
import { resolveStaticPath } from '../service/static-path.js';
import { bridgeHost, checkRequest, createToken, isJsonContentType } from './security.js';

export interface WebBridgeOptions {
  service: Service;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (default) lets the system choose a free port. */
  port?: number;
  /** Tests may fix the token; otherwise a fresh random one per start. */
  token?: string;
}

export interface WebBridge {
  /** `http://127.0.0.1:<port>/` */
  readonly origin: string;
  /** The URL to open: origin plus `#token=<token>`. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly server: Server;
  close(): Promise<void>;
}

const apiHeaders = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const refusalText: Record<number, { code: BridgeError['code']; text: Record<Language, string> }> = {
  400: {
    code: 'invalid-input',
    text: { en: 'The request is not valid JSON.', ja: 'リクエストが正しい JSON ではありません。' },
  },
  403: { code: 'forbidden', text: { en: 'Forbidden.', ja: 'このリクエストは許可されていません。' } },
  404: { code: 'not-found', text: { en: 'Not found.', ja: '見つかりません。' } },
  405: { code: 'forbidden', text: { en: 'Method not allowed.', ja: 'このメソッドは使えません。' } },
  413: { code: 'invalid-input', text: { en: 'The request is too large.', ja: 'リクエストが大きすぎます。' } },
  415: {
    code: 'invalid-input',
    text: { en: 'The request must be JSON.', ja: 'リクエストは JSON で送ってください。' },
  },
  500: { code: 'internal', text: { en: 'Internal error.', ja: '内部エラーが発生しました。' } },
  503: {
    code: 'not-available',
    text: {
      en: 'The user interface is not built yet: run npm run build.',
      ja: '画面がまだビルドされていません。npm run build を実行してください。',
    },
  },
};

function sendJson(
  res: ServerResponse,
  status: number,
  body: Result<unknown>,
  extra: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...apiHeaders, ...extra, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, language: Language, extra: Record<string, string> = {}) {
  const entry = refusalText[status] ?? refusalText[403]!;
  sendJson(res, status, { ok: false, error: { code: entry.code, message: entry.text[language] } }, extra);
}

/**
 * Request body caps. Only an audit report or a profile file comes near a
 * megabyte; the largest (file:save, up to 20 M characters) is never sent by
 * browser mode, which downloads files itself.
 */
const largeBodyChannels: ReadonlySet<ChannelKey> = new Set<ChannelKey>([
  'htmlReport',
  'profileFromReport',
  'importProfile',
  'saveProfile',
  'exportProfile',
]);

export function maxBodyBytesFor(key: ChannelKey): number {
  return largeBodyChannels.has(key) ? 8 * 1024 * 1024 : 1024 * 1024;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const { service, rendererDir } = options;
  const token = options.token ?? createToken();
  let port = 0;

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string) {
    const file = resolveStaticPath(pathname, rendererDir);
    if (!file) return refuse(res, 404, service.language());
    let info;
    try {
      info = await stat(file);
    } catch {
      if (pathname === '/' || pathname === '/index.html') return refuse(res, 503, service.language());
      return refuse(res, 404, service.language());
    }
    if (!info.isFile()) return refuse(res, 404, service.language());
    const mimeType = mimeTypeFor(file);
    // index.html must never be cached; hashed assets may be revalidated.
    const headers = securityHeaders(mimeType, { cache: !mimeType.startsWith('text/html') });
    res.writeHead(200, { ...headers, 'Content-Length': info.size });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, channelName: string) {
    const language = service.language();
    const key = channelKeyForName(channelName);
    if (!key) {
      req.resume();
      return refuse(res, 404, language);
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      req.resume();
      return refuse(res, 415, language);
    }
    let payload: unknown;
    try {
      const text = await readBody(req, maxBodyBytesFor(key));
      payload = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuse(res, 413, language, { Connection: 'close' });
      return refuse(res, 400, language);
    }

    // The caller going away (tab closed, fetch aborted) cancels whatever it started.
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });

    if (key !== 'runAudit') {
      const result = await service.dispatch(key, payload, { signal: controller.signal });
      if (!res.destroyed) sendJson(res, 200, result);
      return;
    }

    res.writeHead(200, {
      ...apiHeaders,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    const send = (event: 'progress' | 'result', data: unknown) => {
      if (!res.destroyed && !res.writableEnded)
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const result = await service.dispatch(key, payload, {
      signal: controller.signal,
      onProgress: (event) => send('progress', event),
    });
    send('result', result);
    if (!res.destroyed) res.end();
  }

  const server = createServer((req, res) => {
    const decision = checkRequest({ method: req.method, url: req.url, headers: req.headers }, port, token);
    if (!decision.allow) {
      req.resume();
      const extra: Record<string, string> =
        decision.status === 405 ? { Allow: req.url?.startsWith(webApiPrefix) ? 'POST' : 'GET, HEAD' } : {};
      return refuse(res, decision.status, service.language(), extra);
    }
    const work =
      decision.kind === 'api'
        ? serveApi(req, res, decision.channelName)
        : serveStatic(req, res, decision.pathname);
    work.catch(() => {
      if (!res.headersSent) refuse(res, 500, service.language());
      else res.destroy();
    });
  });
  // Slow-loris guard for a loopback server: whole request within 60 s.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: bridgeHost, port: options.port ?? 0, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${bridgeHost}:${port}/`;

  return {
    origin,
    url: `${origin}#${webTokenFragmentKey}=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        service.audits.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The renderer's index.html inside a built renderer folder. */
export function rendererIndex(rendererDir: string): string {
  return join(rendererDir, 'index.html');
}
