/**
 * Issue 12 in real Chromium through `mailtls serve`:
 * - §2, one trust model: a real Postfix (SASL through a real Dovecot) whose
 *   certificate comes from a company CA that `mailtls serve` trusts only as a system
 *   would (NODE_EXTRA_CA_CERTS, or the operating system's store: the test CA as the
 *   only certificate of the store SSL_CERT_FILE/SSL_CERT_DIR point at, the Linux path
 *   of system-ca and OpenSSL; nothing pasted into the form). In Japanese the wizard
 *   verifies the setting, the log-in succeeds and the test message is accepted, and
 *   the Verify screen says so in Japanese only.
 * - §4, shared hosting: a server whose certificate is valid except for its name. The
 *   Recommendation screen shows the name the certificate carries and a button; the
 *   click tests that host instead, and the result qualifies.
 * The serve process resolves names through the loopback test DNS server
 * (test/helpers/resolve-through.mjs); nothing leaves 127/8.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { dovecotAccount, startDovecot, type DovecotInstance } from '../helpers/dovecot.js';
import { testPki } from '../helpers/env.js';
import { smtpServer, type HostileServer } from '../helpers/hostile.js';
import { issue } from '../helpers/https-server.js';
import { startPostfix, type PostfixInstance } from '../helpers/postfix.js';
import {
  openApp,
  ownLoopbackAddress,
  peersReady,
  resolveThroughTestDns,
  screenshot,
  showWizard,
  startServe,
  type App,
  type Served,
} from './harness.js';

const ready = peersReady('POSTFIX', 'DOVECOT');

const address = ownLoopbackAddress();

type Locale = 'en-US' | 'ja-JP';
const trustRoutes = ['NODE_EXTRA_CA_CERTS', 'the operating system store'] as const;
type TrustRoute = (typeof trustRoutes)[number];
const words = {
  'en-US': {
    email: 'Email address',
    next: 'Next',
    host: 'Server name',
    user: 'User name',
    advanced: 'Advanced',
    ports: 'Ports to test',
    start: 'Start the test',
    finished: /^Test finished in/,
    recommended: 'Recommended setting',
    otherHost: 'The certificate is for another server name',
    retest: (host: string) => `Test ${host} instead`,
  },
  'ja-JP': {
    email: 'メールアドレス',
    next: '次へ',
    host: 'サーバー名',
    user: 'ユーザー名',
    advanced: '詳細設定',
    ports: 'テストするポート',
    start: 'テストを開始',
    finished: /^テストが完了しました/,
    recommended: 'おすすめの設定',
    otherHost: '証明書は別のサーバー名のものです',
    retest: (host: string) => `${host} で検査し直す`,
  },
} as const;

describe.runIf(ready)('one trust model and shared hosting in Chromium', { timeout: 180_000 }, () => {
  let dns: TestDnsServer;
  let dovecot: DovecotInstance;
  let postfix: PostfixInstance;
  let shared: HostileServer;
  /** One `mailtls serve` per way the company CA is trusted. */
  const served: Record<TrustRoute, Served> = {} as Record<TrustRoute, Served>;
  let certDir: string;
  const apps: App[] = [];

  beforeAll(async () => {
    dns = await startDnsServer({
      'mail.corp.test': { A: [address] },
      // Shared hosting: the customer's name and the provider's host lead to the same server.
      'mail.customer.test': { A: ['127.0.0.1'] },
      'wrong.example': { A: ['127.0.0.1'] },
    });
    certDir = mkdtempSync(join(tmpdir(), 'mailtls-e2e-cert-'));
    const leaf = issue(['mail.corp.test'], false);
    writeFileSync(join(certDir, 'cert.pem'), leaf.cert);
    writeFileSync(join(certDir, 'key.pem'), leaf.key);
    const pki = testPki().leaf('valid');
    dovecot = await startDovecot({
      certFile: pki.certFile,
      keyFile: pki.keyFile,
      shape: 'good',
      authSocket: true,
    });
    postfix = await startPostfix({
      shape: 'good',
      certFile: join(certDir, 'cert.pem'),
      keyFile: join(certDir, 'key.pem'),
      address,
      extraMain: ['smtpd_sasl_type = dovecot', `smtpd_sasl_path = ${dovecot.authSocket ?? ''}`],
    });
    const { key, cert } = testPki().leaf('wrong-name');
    shared = await smtpServer({}, { key, cert });
    const emptyDir = mkdtempSync(join(tmpdir(), 'mailtls-empty-certs-'));
    const routes: Record<TrustRoute, Record<string, string>> = {
      NODE_EXTRA_CA_CERTS: { NODE_EXTRA_CA_CERTS: testPki().caFile },
      'the operating system store': { SSL_CERT_FILE: testPki().caFile, SSL_CERT_DIR: emptyDir },
    };
    for (const route of trustRoutes) {
      served[route] = await startServe({
        dnsServer: dns.address,
        env: {
          NODE_OPTIONS: resolveThroughTestDns,
          MAILTLS_TEST_RESOLVER: dns.address,
          ...routes[route],
        },
      });
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await Promise.all([...Object.values(served).map((s) => s.close()), shared?.close(), dns?.close()]);
    postfix?.stop();
    dovecot?.stop();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  async function open(locale: Locale, route: TrustRoute = 'NODE_EXTRA_CA_CERTS'): Promise<App> {
    const app = await openApp(served[route].url, locale);
    apps.push(app);
    await showWizard(app.page, locale);
    return app;
  }

  const next = (page: Page, locale: Locale) =>
    page.getByRole('button', { name: words[locale].next, exact: true }).click();
  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name });

  /** Account and server steps, then the test: no CA is pasted, the serve process's own trust decides. */
  async function testServer(page: Page, locale: Locale, host: string, ports: string): Promise<void> {
    const w = words[locale];
    await page.getByLabel(w.email).fill(dovecotAccount.user);
    await next(page, locale);
    await page.getByLabel(w.host).fill(host);
    await page.getByLabel(w.user).fill(dovecotAccount.user);
    await page.getByText(w.advanced, { exact: true }).click();
    await page.getByLabel(w.ports).fill(ports);
    await next(page, locale);
    await page.getByRole('button', { name: w.start }).click();
    await page.getByText(w.finished).waitFor({ timeout: 40_000 });
  }

  it.each(trustRoutes)(
    '§2 in Japanese, company CA in %s: verified, logged in and sent through',
    async (route) => {
      const { page, errors } = await open('ja-JP', route);
      await testServer(page, 'ja-JP', 'mail.corp.test', `${postfix.ports.submission} starttls`);
      await next(page, 'ja-JP');
      await next(page, 'ja-JP');
      await heading(page, words['ja-JP'].recommended).waitFor();
      const [host, port, security] = await page.locator('.values mark').allTextContents();
      expect([host, port]).toEqual(['mail.corp.test', String(postfix.ports.submission)]);
      expect(security).toMatch(/^STARTTLS/);
      await next(page, 'ja-JP');
      await next(page, 'ja-JP');
      await heading(page, '確認').waitFor();
      await page.getByRole('button', { name: '設定を確認' }).click();
      await page
        .getByText('確認できました。この設定は引き続き条件を満たしています。')
        .waitFor({ timeout: 40_000 });
      await page.getByLabel('パスワード', { exact: true }).fill(dovecotAccount.password);
      await page.getByRole('button', { name: 'ログインをテスト' }).click();
      await page.getByText(/^ログインできました/).waitFor({ timeout: 40_000 });
      await page.getByLabel('送信先').fill('bob@example.test');
      await page.getByRole('button', { name: 'テストメールを送信' }).click();
      await page.getByText(/^サーバーがテストメールを受け付けました（キュー ID [0-9A-F]+）。$/).waitFor({
        timeout: 40_000,
      });
      // Everything the log-in and test-message panel says is Japanese: no English sentence anywhere.
      const panel = await page.locator('section[aria-labelledby="login-title"]').innerText();
      expect(panel).not.toMatch(/\b[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}\b/);
      expect(panel).not.toMatch(/provider|certificate|chain/i);
      expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(dovecotAccount.password);
      await screenshot(page, `trust-07-verify-ja-${route === 'NODE_EXTRA_CA_CERTS' ? 'extra' : 'system'}`);
      expect(errors).toEqual([]);
    },
  );

  for (const locale of ['en-US', 'ja-JP'] as const) {
    it(`§4 shared hosting (${locale}): the certificate's name is offered and one click tests it, which qualifies`, async () => {
      const w = words[locale];
      const { page, errors } = await open(locale);
      await testServer(page, locale, 'mail.customer.test', `${shared.port} implicit-tls`);
      await next(page, locale);
      await next(page, locale);
      await heading(page, w.recommended).waitFor();
      const card = page.locator('.card', { hasText: w.otherHost });
      await card.waitFor();
      expect(await card.innerText()).toContain('wrong.example');
      await screenshot(page, `trust-05-other-host-${locale}`);
      await card.getByRole('button', { name: w.retest('wrong.example') }).click();
      // The Recommendation screen empties while the new audit runs, then shows its result.
      await page.locator('.values mark', { hasText: 'wrong.example' }).first().waitFor({ timeout: 40_000 });
      const [host, port, security] = await page.locator('.values mark').allTextContents();
      expect([host, port]).toEqual(['wrong.example', String(shared.port)]);
      expect(security).toMatch(/^SSL\/TLS/);
      expect(await page.locator('.card', { hasText: w.otherHost }).count()).toBe(0);
      await screenshot(page, `trust-05-other-host-retested-${locale}`);
      expect(errors).toEqual([]);
    });
  }
});
