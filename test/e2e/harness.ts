/**
 * End-to-end harness: `mailtls serve` as a child process, real Chromium through
 * playwright-core, axe-core injected into the page, and screenshots.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import { dovecotBinary } from '../helpers/dovecot.js';
import { peerAvailable } from '../helpers/env.js';
import { postfixBinary } from '../helpers/postfix.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
export const chromiumPath = '/usr/bin/chromium';
export const screenshotDir = join(root, 'test/artifacts/screenshots');

/** The mail servers an end-to-end suite may need besides Chromium, by their REQUIRE_<NAME>. */
const serverBinaries = { POSTFIX: postfixBinary, DOVECOT: dovecotBinary } as const;

/**
 * Whether a suite that needs Chromium and the named servers runs (`describe.runIf`).
 * Every peer is checked (peerAvailable): a missing one skips the suite with a printed
 * reason, or fails it when its REQUIRE_<NAME>=1.
 */
export function peersReady(...servers: (keyof typeof serverBinaries)[]): boolean {
  const found = [
    peerAvailable('BROWSER', [chromiumPath]),
    ...servers.map((name) => peerAvailable(name, [serverBinaries[name]])),
  ];
  return found.every(Boolean);
}

/**
 * NODE_OPTIONS for `mailtls serve` whose name look-ups must go to the test DNS server
 * (test/helpers/resolve-through.mjs, pointed at it by MAILTLS_TEST_RESOLVER).
 */
export const resolveThroughTestDns = `--import ${pathToFileURL(join(root, 'test/helpers/resolve-through.mjs')).href}`;

/**
 * A random loopback address of the test's own (never 127.0.0.1, the client's, nor
 * 127.0.0.2, Dovecot's default), so a provider's standard ports are free there.
 */
export function ownLoopbackAddress(): string {
  const octet = () => 2 + Math.floor(Math.random() * 250);
  return `127.${octet()}.${octet()}.${octet() + 1}`;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the built `mailtls serve` (it picks a free port) with its own data folder;
 * `dnsServer` (`IP:PORT`) makes its DNS checks ask a test resolver, `smtpPort` stands in for 25.
 */
export async function startServe(
  options: { dnsServer?: string; smtpPort?: number; env?: Record<string, string> } = {},
): Promise<Served> {
  const cli = join(root, 'out/cli/main.cjs');
  for (const built of [cli, join(root, 'out/renderer/index.html')]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'mailtls-e2e-data-'));
  const flags = options.dnsServer ? ['--dns-server', options.dnsServer] : [];
  // Recipient checks (issue 18) reach the test MX hosts on this port instead of 25.
  if (options.smtpPort) flags.push('--smtp-port', String(options.smtpPort));
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--no-open', ...flags], {
    cwd: root,
    env: { ...process.env, MAILTLS_DATA_DIR: dataDir, MAILTLS_NO_OPEN: '1', LANG: 'C', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`mailtls serve printed no URL:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-zA-Z_-]+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mailtls serve exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface App {
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations and uncaught page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

let sharedBrowser: Promise<Browser> | undefined;

/**
 * One Chromium per test file, started on first use: launching it costs more CPU
 * than most tests, and a fresh context per test isolates them just as well.
 */
function browser(): Promise<Browser> {
  sharedBrowser ??= chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30_000,
  });
  return sharedBrowser;
}

afterAll(async () => {
  const launched = sharedBrowser;
  sharedBrowser = undefined;
  if (launched) await (await launched).close();
});

/** A fresh browser context whose system locale is `locale`, with the app open. */
export async function openApp(
  url: string,
  locale: 'en-US' | 'ja-JP',
  viewport: { width: number; height: number } = { width: 1100, height: 900 },
): Promise<App> {
  const context = await (await browser()).newContext({ locale, viewport, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const origin = new URL(url).origin;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return {
    context,
    page,
    errors,
    close: () => context.close(),
  };
}

/** The app windows one test file opens, closed together when it ends. */
export class AppWindows {
  readonly #apps: App[] = [];

  /** The app at `url` in a fresh profile; with `wizard`, on its step-by-step wizard. */
  async open(url: string, locale: 'en-US' | 'ja-JP', options: { wizard?: boolean } = {}): Promise<App> {
    const app = await openApp(url, locale);
    this.#apps.push(app);
    if (options.wizard) await showWizard(app.page, locale);
    return app;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.#apps.map((app) => app.close()));
  }
}

/** The app starts on the one-screen check; this opens its step-by-step wizard instead. */
export async function showWizard(page: Page, locale: 'en-US' | 'ja-JP'): Promise<void> {
  await page.getByRole('button', { name: locale === 'ja-JP' ? 'ステップごと' : 'Step by step' }).click();
}

/** Serious or critical accessibility violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // addScriptTag would insert an inline script, which the page's CSP rightly blocks;
    // evaluating through the DevTools protocol is not subject to it.
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe;
    type AxeResults = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    const results = await axe.run(document);
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
}

/** No serious accessibility problem on the page as it is now, then a full-page screenshot. */
export async function checkPage(page: Page, name: string): Promise<void> {
  // Colours mid-transition (hover, theme) would make the contrast check flaky.
  await page.waitForFunction(() => document.getAnimations().length === 0);
  expect(await axeViolations(page), name).toEqual([]);
  await screenshot(page, name);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
