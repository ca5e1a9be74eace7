/**
 * The web bridge over real HTTP on 127.0.0.1. Raw node:http requests, because
 * a browser's fetch cannot forge Host or Origin: exactly what an attacker's
 * page or a DNS-rebinding attack would try.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelKeys, webTokenHeader, type Language } from '../../electron/contract.js';
import { rendererCspHeader } from '../../electron/service/csp.js';
import { createEngine } from '../../electron/service/engine.js';
import { createService } from '../../electron/service/handlers.js';
import { checkRequest, tokenMatches } from '../../electron/web/security.js';
import { maxBodyBytesFor, startWebBridge, type WebBridge } from '../../electron/web/server.js';
import { fakeEngine, sampleReport } from '../shell/helpers/fake-engine.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function send(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
        setHost: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

let root: string;
let bridge: WebBridge;
let fake: ReturnType<typeof fakeEngine>;
let language: Language = 'en';

function api(channel: string, body: unknown, headers: Record<string, string> = {}) {
  return send(bridge.port, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: {
      'Content-Type': 'application/json',
      [webTokenHeader]: bridge.token,
      Origin: `http://127.0.0.1:${bridge.port}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mailtls-bridge-'));
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>MailTLS</title>');
  writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'export {}');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  fake = fakeEngine(await createEngine({ dataDir: join(root, 'data') }));
  const service = createService({
    engine: fake.engine,
    settings: { getLanguage: () => language, setLanguage: async (l) => (language = l) },
    saveFile: async () => ({ savedAs: null }),
  });
  bridge = await startWebBridge({ service, rendererDir: join(root, 'renderer') });
});

afterAll(async () => {
  await bridge.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the bridge address', () => {
  it('listens on 127.0.0.1 only, with a 256-bit token in the URL fragment', () => {
    const address = bridge.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=${bridge.token}`);
  });
});

describe('refusals (403)', () => {
  it('refuses a foreign Origin, even with the right token', async () => {
    for (const origin of [
      'https://evil.example',
      'http://127.0.0.1:1',
      'null',
      `http://127.0.0.1:${bridge.port}.evil`,
    ]) {
      const reply = await api('settings:get-language', {}, { Origin: origin });
      expect(reply.status, origin).toBe(403);
      expect(JSON.parse(reply.body)).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'Forbidden.' },
      });
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('refuses a rebinding Host header (and a missing one)', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${bridge.port}`,
      '127.0.0.1',
      `127.0.0.1:${bridge.port + 1}`,
      `[::1]:${bridge.port}`,
    ]) {
      const reply = await api('settings:get-language', {}, { Host: host });
      expect(reply.status, host).toBe(403);
      const page = await send(bridge.port, { headers: { Host: host } });
      expect(page.status, host).toBe(403);
      expect(page.body).not.toContain('<title>');
    }
  });

  it('refuses a missing or wrong token', async () => {
    const missing = await send(bridge.port, {
      method: 'POST',
      path: '/api/settings:get-language',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(403);
    for (const token of ['', 'x', bridge.token.slice(1), `${bridge.token}0`, bridge.token.toUpperCase()]) {
      const reply = await api('settings:get-language', {}, { [webTokenHeader]: token });
      expect(reply.status, token).toBe(403);
    }
  });

  it('refuses cross-site fetch metadata, CORS preflights and proxy-style requests', async () => {
    expect((await api('settings:get-language', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await api('settings:get-language', {}, { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    const preflight = await send(bridge.port, {
      method: 'OPTIONS',
      path: '/',
      headers: { Origin: `http://127.0.0.1:${bridge.port}`, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const proxied = await send(bridge.port, { path: 'http://smtp.example.com:25/' });
    expect(proxied.status).toBe(403);
    const proxiedApi = await send(bridge.port, {
      method: 'POST',
      path: `http://127.0.0.1:${bridge.port}/api/audit:run`,
    });
    expect(proxiedApi.status).toBe(403);
    const connect = await send(bridge.port, { method: 'CONNECT', path: 'smtp.example.com:25' }).catch(
      () => null,
    );
    expect(connect === null || connect.status >= 400).toBe(true);
  });

  it('started no audit through any refused request', () => {
    expect(fake.started).toHaveLength(0);
  });
});

describe('API', () => {
  it('accepts the right token and answers the JSON Result', async () => {
    const reply = await api('settings:get-language', {});
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: 'en' });
    // Without an Origin header (not a browser) the token alone is enough; localhost works too.
    const plain = await api('settings:get-language', {}, { Origin: '', Host: `localhost:${bridge.port}` });
    expect(plain.status).toBe(403); // an empty Origin is not our origin
    const noOrigin = await send(bridge.port, {
      method: 'POST',
      path: '/api/settings:get-language',
      headers: {
        'Content-Type': 'application/json',
        [webTokenHeader]: bridge.token,
        Host: `localhost:${bridge.port}`,
      },
      body: '{}',
    });
    expect(JSON.parse(noOrigin.body)).toEqual({ ok: true, value: 'en' });
  });

  it('parses with the contract: invalid payloads are Result errors, bad JSON is a 400', async () => {
    const invalid = await api('settings:set-language', { language: 'klingon' });
    expect(invalid.status).toBe(200);
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const broken = await api('settings:set-language', '{"language":');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const notJson = await api('settings:get-language', '{}', { 'Content-Type': 'text/plain' });
    expect(notJson.status).toBe(415);
    const unknown = await api('nope:nope', {});
    expect(unknown.status).toBe(404);
    const proto = await api('__proto__', {});
    expect(proto.status).toBe(404);
    const get = await send(bridge.port, {
      path: '/api/settings:get-language',
      headers: { [webTokenHeader]: bridge.token },
    });
    expect(get.status).toBe(405);
  });

  it('caps request bodies per channel: 1 MiB, 8 MiB for reports and profiles', async () => {
    const MiB = 1024 * 1024;
    const audit = await api('audit:run', {
      auditId: 'big',
      host: 'smtp.example.com',
      caPem: 'x'.repeat(2 * MiB),
    });
    expect(audit.status).toBe(413);
    expect(JSON.parse(audit.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(fake.started.filter((a) => a.request.auditId === 'big')).toHaveLength(0);
    const report = await api('report:html', {
      report: sampleReport('smtp.example.com'),
      language: 'en',
      padding: 'x'.repeat(3 * MiB),
    });
    expect(report.status).toBe(200);
    const tooBig = await api('profile:import', { fileName: 'a', content: 'x'.repeat(9 * MiB) });
    expect(tooBig.status).toBe(413);
    for (const key of channelKeys) {
      const large = ['htmlReport', 'profileFromReport', 'importProfile', 'saveProfile', 'exportProfile'];
      expect(maxBodyBytesFor(key), key).toBe(large.includes(key) ? 8 * MiB : MiB);
    }
  });

  it('answers not-available for remembered passwords and saveFile { savedAs: null } in browser mode', async () => {
    const account = { user: 'u', host: 'smtp.example.com', port: 465 };
    expect(JSON.parse((await api('secrets:recall', account)).body)).toMatchObject({
      ok: false,
      error: { code: 'not-available' },
    });
    const saved = await api('file:save', {
      suggestedName: 'a.xml',
      mimeType: 'application/xml',
      content: '<a/>',
    });
    expect(JSON.parse(saved.body)).toEqual({ ok: true, value: { savedAs: null } });
  });

  it('speaks the UI language in its errors', async () => {
    await api('settings:set-language', { language: 'ja' });
    const reply = await api('settings:get-language', {}, { [webTokenHeader]: 'wrong' });
    expect(JSON.parse(reply.body).error.message).toMatch(/許可/);
    await api('settings:set-language', { language: 'en' });
  });
});

describe('audit:run over server-sent events', () => {
  it('streams progress, then the result', async () => {
    const next = fake.nextAudit();
    const replyPromise = api('audit:run', { auditId: 'S1', host: 'smtp.example.com' });
    const audit = await next;
    audit.progress({ port: 587, stage: 'ehlo', status: 'passed', elapsedMs: 2 });
    audit.finish();
    const reply = await replyPromise;
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const events = reply.body
      .trim()
      .split('\n\n')
      .map((block) => {
        const [eventLine, dataLine] = block.split('\n');
        return {
          event: eventLine!.replace('event: ', ''),
          data: JSON.parse(dataLine!.replace('data: ', '')),
        };
      });
    expect(events.map((e) => e.event)).toEqual(['progress', 'progress', 'result']);
    expect(events[1]!.data).toEqual({
      auditId: 'S1',
      port: 587,
      stage: 'ehlo',
      status: 'passed',
      elapsedMs: 2,
    });
    expect(events[2]!.data).toMatchObject({ ok: true, value: { host: 'smtp.example.com' } });
  });

  it('cancels the audit when the client disconnects', async () => {
    const next = fake.nextAudit();
    const req = httpRequest({
      host: '127.0.0.1',
      port: bridge.port,
      method: 'POST',
      path: '/api/audit:run',
      headers: { 'Content-Type': 'application/json', [webTokenHeader]: bridge.token },
    });
    req.on('error', () => {});
    const firstChunk = new Promise<string>((resolve) =>
      req.on('response', (res) => res.once('data', (c: Buffer) => resolve(c.toString('utf8')))),
    );
    req.end(JSON.stringify({ auditId: 'S2', host: 'smtp.example.com' }));
    const audit = await next;
    expect(await firstChunk).toContain('event: progress');
    expect(audit.signal.aborted).toBe(false);
    req.destroy();
    await expect.poll(() => audit.signal.aborted).toBe(true);
  });

  it('answers an invalid audit request on the stream, as a Result', async () => {
    const reply = await api('audit:run', { auditId: '', host: '' });
    expect(reply.body).toContain('event: result');
    expect(reply.body).toContain('"code":"invalid-input"');
  });
});

describe('static files', () => {
  it('serves the renderer with the CSP header and no caching of index.html', async () => {
    const page = await send(bridge.port, {});
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>MailTLS</title>');
    expect(page.headers['content-security-policy']).toBe(rendererCspHeader);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const script = await send(bridge.port, {
      path: '/assets/app.js',
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    // Navigations from elsewhere (the file:// redirect page) get the page, never the API.
    const navigated = await send(bridge.port, {
      headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' },
    });
    expect(navigated.status).toBe(200);
    const head = await send(bridge.port, { method: 'HEAD', path: '/index.html' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('never serves anything outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/..%5Csecret.txt',
      '/.hidden',
      '/assets',
      '/%00',
    ]) {
      const reply = await send(bridge.port, { path });
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('do not serve');
    }
    expect((await send(bridge.port, { method: 'PUT', path: '/index.html' })).status).toBe(405);
    expect((await send(bridge.port, { method: 'DELETE', path: '/' })).status).toBe(405);
  });
});

describe('checkRequest', () => {
  const token = 'a'.repeat(64);
  const port = 4321;
  const base = { host: `127.0.0.1:${port}` };
  it('lets our own page through and nothing else', () => {
    expect(
      checkRequest({ method: 'GET', url: '/', headers: { ...base, 'sec-fetch-site': 'none' } }, port, token),
    ).toEqual({
      allow: true,
      kind: 'static',
      pathname: '/',
    });
    expect(
      checkRequest(
        {
          method: 'POST',
          url: '/api/audit%3Arun',
          headers: {
            ...base,
            origin: `http://127.0.0.1:${port}`,
            'x-mailtls-token': token,
            'sec-fetch-site': 'same-origin',
          },
        },
        port,
        token,
      ),
    ).toEqual({ allow: true, kind: 'api', channelName: 'audit:run' });
    expect(
      checkRequest({ method: 'GET', url: '/', headers: { host: `LOCALHOST:${port}` } }, port, token).allow,
    ).toBe(true);
    expect(checkRequest({ method: 'GET', url: '//evil/', headers: base }, port, token)).toMatchObject({
      status: 403,
    });
    expect(checkRequest({ method: 'GET', url: '*', headers: base }, port, token)).toMatchObject({
      status: 403,
    });
    expect(
      checkRequest(
        { method: 'GET', url: '/', headers: { ...base, origin: ['a', 'b'] as never } },
        port,
        token,
      ),
    ).toMatchObject({
      status: 403,
    });
  });
  it('compares tokens in constant time, whatever their length', () => {
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(undefined, token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches('a'.repeat(5000), token)).toBe(false);
  });
});
