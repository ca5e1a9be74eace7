/**
 * The desktop flow in real Chromium through `mailtls serve`, against a real Postfix:
 * address in, tested secure setting out on one screen (a provider preset and a
 * domain found through autoconfig), keyboard only, the Apply pictures of every
 * program, and the Profiles screen. The serve process resolves names through the
 * loopback test DNS server (test/helpers/resolve-through.mjs), so smtp.gmail.com is
 * a Postfix on an own loopback address listening on 465 and 587; it trusts the test
 * CA as a system would (NODE_EXTRA_CA_CERTS). Nothing leaves 127/8.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { testPki } from '../helpers/env.js';
import { issue, startHttpsServer, type TestHttpsServer } from '../helpers/https-server.js';
import { startPostfix, type PostfixInstance } from '../helpers/postfix.js';
import {
  AppWindows,
  axeViolations,
  checkPage,
  ownLoopbackAddress,
  peersReady,
  resolveThroughTestDns,
  screenshot,
  startServe,
  type Served,
} from './harness.js';

const ready = peersReady('POSTFIX');

const address = ownLoopbackAddress();

const autoconfig = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1"><emailProvider id="corp.test"><domain>corp.test</domain>
<outgoingServer type="smtp"><hostname>smtp.corp.test</hostname><port>465</port><socketType>SSL</socketType></outgoingServer>
<outgoingServer type="smtp"><hostname>smtp.corp.test</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer>
</emailProvider></clientConfig>`;

const texts = {
  en: {
    secure: 'Secure',
    email: 'Email address',
    apply: 'Set up my mail program',
    keep: 'Keep in MailTLS',
  },
  ja: {
    secure: '安全',
    email: 'メールアドレス',
    apply: 'メールソフトに設定する',
    keep: 'MailTLS に保存',
  },
} as const;
type Lang = keyof typeof texts;
const locales: Record<Lang, 'en-US' | 'ja-JP'> = { en: 'en-US', ja: 'ja-JP' };

describe.runIf(ready)('desktop flow in Chromium against Postfix', { timeout: 120_000 }, () => {
  let dns: TestDnsServer;
  let https: TestHttpsServer;
  let postfix: PostfixInstance;
  let served: Served;
  let certDir: string;
  const windows = new AppWindows();

  beforeAll(async () => {
    dns = await startDnsServer({
      'smtp.gmail.com': { A: [address] },
      'autoconfig.corp.test': { A: [address] },
      'smtp.corp.test': { A: [address] },
      'corp.test': {},
    });
    https = await startHttpsServer(
      { 'autoconfig.corp.test/mail/config-v1.1.xml': { contentType: 'application/xml', body: autoconfig } },
      'valid',
      ['autoconfig.corp.test'],
      { host: address, port: 443 },
    );
    certDir = mkdtempSync(join(tmpdir(), 'mailtls-e2e-cert-'));
    const leaf = issue(['smtp.gmail.com', 'smtp.corp.test'], false);
    writeFileSync(join(certDir, 'cert.pem'), leaf.cert);
    writeFileSync(join(certDir, 'key.pem'), leaf.key);
    postfix = await startPostfix({
      shape: 'good',
      certFile: join(certDir, 'cert.pem'),
      keyFile: join(certDir, 'key.pem'),
      address,
      ports: { smtp: 2525, submissions: 465, submission: 587 },
    });
    served = await startServe({
      dnsServer: dns.address,
      env: {
        NODE_OPTIONS: resolveThroughTestDns,
        MAILTLS_TEST_RESOLVER: dns.address,
        NODE_EXTRA_CA_CERTS: testPki().caFile,
      },
    });
  }, 90_000);

  afterAll(async () => {
    await windows.closeAll();
    await Promise.all([served?.close(), https?.close(), dns?.close()]);
    postfix?.stop();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  async function open(lang: Lang): Promise<Page> {
    const { page, errors } = await windows.open(served.url, locales[lang]);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    // Pointer presses on the page, counted by the page itself: keyboard use makes none.
    await page.evaluate(() => {
      const w = window as unknown as { clicks: number };
      w.clicks = 0;
      document.addEventListener('pointerdown', () => (w.clicks += 1), true);
    });
    expect(errors).toEqual([]);
    return page;
  }

  const clicks = (page: Page) => page.evaluate(() => (window as unknown as { clicks: number }).clicks);

  async function check(page: Page, name: string): Promise<void> {
    // One primary button per screen.
    expect(await page.locator('.button--primary').count(), name).toBeLessThanOrEqual(1);
    await checkPage(page, name);
  }

  /** From typing the address to a shown, tested, secure setting; returns the milliseconds it took. */
  async function quickPath(
    page: Page,
    lang: Lang,
    email: string,
    submit: 'enter' | 'click',
    host = 'smtp.gmail.com',
  ): Promise<number> {
    const field = page.getByLabel(texts[lang].email, { exact: true });
    const started = Date.now();
    await field.fill(email);
    if (submit === 'enter') await field.press('Enter');
    else await page.locator('.quick__form button[type="submit"]').click();
    // The setting card of this address's server under a "secure" verdict, not an earlier result.
    await page
      .locator('.result')
      .filter({ has: page.getByRole('heading', { level: 3, name: texts[lang].secure, exact: true }) })
      .locator('.setting-card', { hasText: host })
      .waitFor({ timeout: 20_000 });
    return Date.now() - started;
  }

  for (const lang of ['en', 'ja'] as const) {
    it(`one screen (${lang}): a preset provider and a discovered domain, tested secure in ≤ 2 clicks and ≤ 10 s`, async () => {
      const page = await open(lang);
      // The address field has the focus on start.
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe(
        'email',
      );

      const presetMs = await quickPath(page, lang, 'taro@gmail.com', 'enter');
      const card = page.locator('.setting-card');
      await expect.poll(() => card.innerText()).toContain('smtp.gmail.com');
      expect(await card.innerText()).toContain('465');
      await check(page, `quick-preset-${lang}`);
      expect(await clicks(page)).toBe(0);
      expect(presetMs).toBeLessThanOrEqual(10_000);

      const discoveredMs = await quickPath(page, lang, 'hanako@corp.test', 'click', 'smtp.corp.test');
      await expect.poll(() => card.innerText()).toContain('smtp.corp.test');
      expect(await card.innerText()).toContain('465');
      // The user name follows the new address, not the earlier one.
      expect(await card.innerText()).toContain('hanako@corp.test');
      // One click (the Check button) for the second address; none for the first.
      expect(await clicks(page)).toBe(1);
      expect(discoveredMs).toBeLessThanOrEqual(10_000);
      console.log(`one-screen path (${lang}): preset ${presetMs} ms, discovered ${discoveredMs} ms`);
      // No stage of a finished run is still "in progress".
      expect(await page.locator('.stage--started').count()).toBe(0);
      await check(page, `quick-discovered-${lang}`);
      if (lang === 'en') {
        await page.getByRole('button', { name: 'Dark', exact: true }).click();
        await check(page, 'quick-dark-en');
        await page.getByRole('button', { name: 'As the system', exact: true }).click();
      }
    });
  }

  it('keyboard only: focus on start, a double "@" refused, Enter moves on, locked steps are not tab stops', async () => {
    const page = await open('en');
    await page.keyboard.type('alice@@example.com');
    await page.keyboard.press('Enter');
    await page.getByText('An address has exactly one “@”: remove the extra one.').waitFor();
    expect(await page.locator('.port-card').count()).toBe(0);

    await page.keyboard.press('Control+A');
    await page.keyboard.type('taro@gmail.com');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 3, name: 'Secure', exact: true }).waitFor({ timeout: 20_000 });
    const apply = page.getByRole('button', { name: 'Set up my mail program' });
    for (let i = 0; i < 60 && !(await apply.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Enter the setting in your program' }).waitFor();
    expect(await clicks(page)).toBe(0);

    // A fresh wizard: steps that cannot be entered yet are skipped by Tab.
    const fresh = await open('en');
    await fresh.getByRole('button', { name: 'Step by step' }).focus();
    await fresh.keyboard.press('Enter');
    const visited: string[] = [];
    for (let i = 0; i < 25; i++) {
      await fresh.keyboard.press('Tab');
      visited.push(
        await fresh.evaluate(() => {
          const el = document.activeElement;
          return el?.closest('.steplist__item--locked') ? 'locked' : el?.closest('.steplist') ? 'step' : '';
        }),
      );
    }
    expect(visited).toContain('step');
    // The step bar is one line at 1100 px.
    const tops = await fresh
      .locator('.steplist__item')
      .evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    expect(visited).not.toContain('locked');
    expect(await fresh.locator('.steplist__item--locked button[tabindex="-1"]').count()).toBeGreaterThan(0);
  });

  it('Apply: a picture of every program with the tested values in the SVG, steps without contradiction', async () => {
    const page = await open('ja');
    await quickPath(page, 'ja', 'taro@gmail.com', 'enter');
    await page.getByRole('button', { name: texts.ja.apply }).click();
    const picker = page.locator('.client-card');
    const count = await picker.count();
    expect(count).toBe(9);
    for (let i = 0; i < count; i++) {
      await picker.nth(i).click();
      const svg = page.locator('svg.pic');
      await expect.poll(() => svg.textContent()).toContain('smtp.gmail.com');
      const drawn = (await svg.textContent()) ?? '';
      expect(drawn).toContain('465');
      expect(drawn).toMatch(/SSL|TLS/);
      // Every highlighted field carries a value or a switched-on box.
      expect(await page.locator('svg.pic .pic__field--change').count()).toBeGreaterThan(0);
    }
    await page.locator('.client-card').first().click();
    await check(page, 'apply-picture-ja');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Enter the setting in your program' }).waitFor();
    await check(page, 'apply-picture-en');
  });

  it('Profiles: keep, list, re-test, export, rename, import a hostile file (clear error, nothing lost), delete', async () => {
    const page = await open('en');
    await quickPath(page, 'en', 'taro@gmail.com', 'enter');
    await page.getByRole('button', { name: texts.en.keep }).click();
    await page.getByRole('heading', { level: 2, name: 'Saved profiles' }).waitFor();
    const rows = page.locator('.profile');
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.innerText()).toContain('smtp.gmail.com');
    expect(await row.innerText()).toContain('Secure');
    expect(await row.innerText()).toMatch(/Verified: \w+/);
    await check(page, 'profiles-en');
    // 200 % zoom of a 1100 px window: nothing needs sideways scrolling.
    await page.setViewportSize({ width: 550, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1100, height: 900 });

    // Export in a chosen format: the browser downloads the file.
    await row.getByText('Export').click();
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'msmtp configuration' }).click();
    const file = await download;
    const exported = readFileSync((await file.path())!, 'utf8');
    expect(exported).toContain('smtp.gmail.com');

    // Rename.
    await row.getByRole('button', { name: 'Rename' }).click();
    await row.getByLabel('New name').fill('Work Gmail');
    await row.getByLabel('New name').press('Enter');
    await page.getByText('Renamed to “Work Gmail”.').waitFor();
    await expect.poll(() => rows.first().innerText()).toContain('Work Gmail');

    // A hostile file is refused with a clear reason; the library keeps what it had.
    const picker = page.locator('input[type="file"]');
    await picker.setInputFiles({
      name: 'evil.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      ),
    });
    await page.getByText(/^evil\.xml could not be imported; nothing was changed\./).waitFor();
    expect(await rows.count()).toBe(1);

    // Drag and drop of a hostile JSON file: same outcome.
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(
        new File(['{"__proto__":{"polluted":1},"schema":"mailtls.profile/1"}'], 'proto.json'),
      );
      document
        .querySelector('.dropzone')
        ?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
    });
    await page.getByText(/^proto\.json could not be imported; nothing was changed\./).waitFor();
    expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty('polluted');
    expect(await rows.count()).toBe(1);
    await screenshot(page, 'profiles-import-error-en');

    // Re-test opens the one screen with the saved server tested again.
    await rows.first().getByRole('button', { name: 'Test again' }).click();
    await page.getByRole('heading', { level: 3, name: 'Secure', exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.setting-card').innerText()).toContain('smtp.gmail.com');

    // Delete (asks once more).
    await page.getByRole('button', { name: 'Profiles' }).click();
    await rows.first().getByRole('button', { name: 'Delete' }).click();
    await rows
      .first()
      .getByRole('button', { name: /Really delete/ })
      .click();
    await page.getByText('Deleted “Work Gmail”.').waitFor();
    await expect.poll(() => rows.count()).toBe(0);

    await page.getByRole('button', { name: '日本語', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: '保存したプロファイル' }).waitFor();
    await check(page, 'profiles-ja');
  });

  it('without its token the address explains how to get a new one; the favicon is served', async () => {
    const page = await open('ja');
    const origin = new URL(served.url).origin;
    const icon = await page.request.get(`${origin}/favicon.svg`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    const bare = await page.context().newPage();
    await bare.goto(`${origin}/`);
    await bare.getByText('「mailtls serve」または「npm start」をもう一度実行し', { exact: false }).waitFor();
    expect(await axeViolations(bare)).toEqual([]);
  });
});
