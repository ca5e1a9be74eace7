/**
 * The built renderer in real Chromium: its CSP blocks an inline script, both with the <meta> policy alone (as a plain static server would
 * serve it) and through the web bridge (meta plus header), while the page's
 * own bundle loads without any violation.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mimeTypeFor } from '../../electron/service/csp.js';
import { createEngine } from '../../electron/service/engine.js';
import { createService } from '../../electron/service/handlers.js';
import { resolveStaticPath } from '../../electron/service/static-path.js';
import { webTokenHeader } from '../../electron/contract.js';
import { redirectPage } from '../../electron/web/open-browser.js';
import { startWebBridge, type WebBridge } from '../../electron/web/server.js';
import { peerAvailable } from '../helpers/env.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const rendererDir = resolve('out/renderer');
const built = existsSync(join(rendererDir, 'index.html'));
if (!built) console.warn('skipping CSP browser tests: out/renderer is not built (npm run build)');
const run = built && peerAvailable('BROWSER', [chromiumPath]);

let browser: Browser;
let plain: Server;
let plainOrigin: string;
let bridge: WebBridge;
let dataDir: string;

beforeAll(async () => {
  if (!run) return;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  // Meta only: no CSP header at all.
  plain = createServer((req, res) => {
    const file = resolveStaticPath(new URL(req.url ?? '/', 'http://x').pathname, rendererDir);
    if (!file || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': mimeTypeFor(file) });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  plainOrigin = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
  let language: 'en' | 'ja' = 'en';
  dataDir = mkdtempSync(join(tmpdir(), 'mailtls-csp-'));
  bridge = await startWebBridge({
    service: createService({
      engine: await createEngine({ dataDir }),
      settings: { getLanguage: () => language, setLanguage: async (l) => (language = l) },
      saveFile: async () => ({ savedAs: null }),
    }),
    rendererDir,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (plain ? plain.close(r) : r(undefined)));
  await bridge?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function openPage(url: string): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await browser.newPage();
  // Registered before any page script: records every CSP violation the page reports.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  return {
    page,
    violations: () =>
      page.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations]),
  };
}

async function expectInlineBlocked(page: Page, violations: () => Promise<string[]>) {
  // The page's own bundle and styles loaded without a single violation (zod's eval
  // probe included: renderer/src/zod-config.ts turns it off).
  await expect
    .poll(() => page.evaluate(() => document.querySelectorAll('#root > *').length))
    .toBeGreaterThan(0);
  expect(await violations()).toEqual([]);

  const ran = await page.evaluate(async () => {
    const w = window as unknown as { __inlineRan?: boolean };
    w.__inlineRan = false;
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.head.appendChild(script);
    await new Promise((r) => setTimeout(r, 50));
    return w.__inlineRan;
  });
  expect(ran).toBe(false);
  // One report per policy that blocked it: the meta, and in browser mode the header too.
  await expect.poll(() => violations().then((list) => list.length)).toBeGreaterThan(0);
  for (const violation of await violations()) expect(violation).toMatch(/^script-src(-elem)? inline$/);
  await page.close();
}

describe.runIf(run)('the web bridge in Chromium', () => {
  it('opens through the redirect page handed to the system browser, and its own page may call the API', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailtls-open-test-'));
    try {
      const file = join(dir, 'open-mailtls.html');
      writeFileSync(file, redirectPage(bridge.url));
      const page = await browser.newPage();
      // The URL as committed, fragment included (the renderer then moves the token out of the address bar).
      const committed: string[] = [];
      page.on('framenavigated', (frame) => committed.push(frame.url()));
      await page.goto(pathToFileURL(file).href);
      await expect.poll(() => committed).toContain(bridge.url);
      await page.waitForLoadState('load');
      const result = await page.evaluate(
        async ({ header, token }) => {
          const reply = await fetch('/api/settings:get-language', {
            method: 'POST',
            headers: { 'content-type': 'application/json', [header]: token },
            body: '{}',
          });
          return { status: reply.status, body: await reply.json() };
        },
        { header: webTokenHeader, token: bridge.token },
      );
      expect(result).toEqual({ status: 200, body: { ok: true, value: 'en' } });
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses the API to another origin, even one that knows the token', async () => {
    const page = await browser.newPage();
    await page.goto(plainOrigin);
    const outcome = await page.evaluate(
      async ({ origin, token, header }) => {
        try {
          const reply = await fetch(`${origin}api/settings:get-language`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [header]: token },
            body: '{}',
          });
          return `status ${reply.status}`;
        } catch (error) {
          return (error as Error).name;
        }
      },
      { origin: bridge.origin, token: bridge.token, header: webTokenHeader },
    );
    // The CSP (connect-src 'self') or the missing CORS headers stop it in the browser;
    // the bridge would answer 403 anyway (bridge.test.ts).
    expect(outcome).toBe('TypeError');
    await page.close();
  });
});

describe.runIf(run)('CSP in Chromium', () => {
  it('blocks an inline script with the <meta> policy alone', async () => {
    const { page, violations } = await openPage(plainOrigin);
    expect(
      await page.evaluate(() =>
        document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
      ),
    ).toContain("script-src 'self'");
    await expectInlineBlocked(page, violations);
  });

  it('blocks an inline script in browser mode (web bridge, header and meta)', async () => {
    const { page, violations } = await openPage(bridge.url);
    await expectInlineBlocked(page, violations);
  });
});
