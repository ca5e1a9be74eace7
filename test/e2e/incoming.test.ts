/**
 * Both directions in real Chromium through `mailtls serve` (issue 14): a real Postfix
 * (465, 587) and a real Dovecot (993, 143, 995, 110) on one own loopback address,
 * found through autoconfig (outgoingServer and incomingServer; POP3 under its own
 * name, pop.example.test, as Gmail's pop.gmail.com beside imap.gmail.com, so POP3
 * is tested, shown and applied with that name). The one-screen check
 * and the wizard recommend SSL/TLS for sending and for receiving, by IMAP and by
 * POP3 (the person's choice); Compare shows the engine's per-port judgements per
 * protocol; Apply writes both servers into the program's steps and sketches; Verify
 * logs in to the IMAP server over TLS. The serve process resolves names through the
 * loopback test DNS server and trusts the test CA as a system would. The client
 * connects from 127.0.0.1, never from Dovecot's own address.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { startDovecot, type DovecotInstance } from '../helpers/dovecot.js';
import { testPki } from '../helpers/env.js';
import { issue, startHttpsServer, type TestHttpsServer } from '../helpers/https-server.js';
import { startPostfix, type PostfixInstance } from '../helpers/postfix.js';
import {
  axeViolations,
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

/** Dovecot's test user (test/helpers/dovecot.ts). */
const email = 'alice@example.test';
const password = 'dovecot-secret';

const server = (element: string, type: string, host: string, port: number, socket: string) =>
  `<${element} type="${type}"><hostname>${host}</hostname><port>${port}</port><socketType>${socket}</socketType><username>%EMAILADDRESS%</username></${element}>`;
const autoconfig = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1"><emailProvider id="example.test"><domain>example.test</domain>
${server('incomingServer', 'imap', 'imap.example.test', 993, 'SSL')}
${server('incomingServer', 'pop3', 'pop.example.test', 995, 'SSL')}
${server('outgoingServer', 'smtp', 'smtp.example.test', 465, 'SSL')}
${server('outgoingServer', 'smtp', 'smtp.example.test', 587, 'STARTTLS')}
</emailProvider></clientConfig>`;

const texts = {
  en: {
    email: 'Email address',
    secure: 'Secure',
    details: 'Details',
    compare: 'Compare STARTTLS and SSL/TLS',
    steps: { recommend: 'Recommendation', apply: 'Apply', verify: 'Verify' },
    imapTable: 'Incoming mail by IMAP on imap.example.test',
    pop3Table: 'Incoming mail by POP3 on pop.example.test',
    qualifies: 'Qualifies for the recommendation',
    yes: 'Yes',
    imapRecommended: 'IMAP: port 993, SSL/TLS from the first byte',
    pop3Recommended: 'POP3: port 995, SSL/TLS from the first byte',
    recipient: /Check the recipient/,
    pop3: 'POP3',
    imap: 'IMAP',
    login: 'Log in to IMAP at imap.example.test',
    loginOk: 'Log-in accepted (PLAIN).',
  },
  ja: {
    email: 'メールアドレス',
    secure: '安全',
    details: '詳細',
    compare: 'STARTTLS と SSL/TLS の比較',
    steps: { recommend: 'おすすめ設定', apply: '設定の入力', verify: '確認' },
    imapTable: 'IMAP による受信: imap.example.test',
    pop3Table: 'POP3 による受信: pop.example.test',
    qualifies: '推奨の条件を満たす',
    yes: 'はい',
    imapRecommended: /^IMAP: ポート 993、/,
    pop3Recommended: /^POP3: ポート 995、/,
    recipient: /受信側を確認する/,
    pop3: 'POP3',
    imap: 'IMAP',
    login: 'imap.example.test の IMAP にログインしてテスト',
    loginOk: 'ログインできました (PLAIN)。',
  },
} as const;
type Lang = keyof typeof texts;
const locales: Record<Lang, 'en-US' | 'ja-JP'> = { en: 'en-US', ja: 'ja-JP' };

describe.runIf(ready)('both directions in Chromium against Postfix and Dovecot', { timeout: 150_000 }, () => {
  let dns: TestDnsServer;
  let https: TestHttpsServer;
  let postfix: PostfixInstance;
  let dovecot: DovecotInstance;
  let served: Served;
  let certDir: string;
  const apps: App[] = [];

  beforeAll(async () => {
    dns = await startDnsServer({
      'autoconfig.example.test': { A: [address] },
      'smtp.example.test': { A: [address] },
      'imap.example.test': { A: [address] },
      'pop.example.test': { A: [address] },
      'example.test': {},
    });
    https = await startHttpsServer(
      {
        'autoconfig.example.test/mail/config-v1.1.xml': { contentType: 'application/xml', body: autoconfig },
      },
      'valid',
      ['autoconfig.example.test'],
      { host: address, port: 443 },
    );
    certDir = mkdtempSync(join(tmpdir(), 'mailtls-e2e-incoming-'));
    const leaf = issue(['smtp.example.test', 'imap.example.test', 'pop.example.test'], false);
    const certFile = join(certDir, 'cert.pem');
    const keyFile = join(certDir, 'key.pem');
    writeFileSync(certFile, leaf.cert);
    writeFileSync(keyFile, leaf.key);
    postfix = await startPostfix({
      shape: 'good',
      certFile,
      keyFile,
      address,
      ports: { smtp: 2525, submissions: 465, submission: 587 },
    });
    dovecot = await startDovecot({ certFile, keyFile, shape: 'good', standardAt: address });
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
    await Promise.all(apps.map((a) => a.close()));
    await Promise.all([served?.close(), https?.close(), dns?.close()]);
    postfix?.stop();
    dovecot?.stop();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  async function open(lang: Lang): Promise<App> {
    const app = await openApp(served.url, locales[lang]);
    apps.push(app);
    await app.page.getByRole('heading', { level: 2 }).first().waitFor();
    return app;
  }

  async function check(page: Page, name: string): Promise<void> {
    expect(await page.locator('.button--primary').count(), name).toBeLessThanOrEqual(1);
    await page.waitForFunction(() => document.getAnimations().length === 0);
    expect(await axeViolations(page), name).toEqual([]);
    await screenshot(page, name);
  }

  const step = (page: Page, name: string) =>
    page
      .locator('nav.steplist')
      .getByRole('button', { name: new RegExp(`^\\d*\\s*${name}`) })
      .click();

  for (const lang of ['en', 'ja'] as const) {
    it(`one screen, then the wizard (${lang}): SSL/TLS for sending and receiving, both servers applied, IMAP log-in verified`, async () => {
      const { page, errors } = await open(lang);
      const words = texts[lang];

      // One screen: the address (and the password) in, Enter, both directions tested and shown.
      await page.getByLabel(words.email, { exact: true }).fill(email);
      await page.locator('.quick__form input[type="password"]').fill(password);
      await page.getByLabel(words.email, { exact: true }).press('Enter');
      const result = page
        .locator('.result')
        .filter({ has: page.getByRole('heading', { level: 3, name: words.secure, exact: true }) });
      await result.locator('.incoming-card', { hasText: 'imap.example.test' }).waitFor({ timeout: 30_000 });
      const outgoing = await result.locator('.setting-card').innerText();
      expect(outgoing).toContain('smtp.example.test');
      expect(outgoing).toContain('465');
      const incoming = await result.locator('.incoming-card').innerText();
      expect(incoming).toContain('993');
      expect(incoming).toContain(email);
      // Both protocols qualify: the choice is offered, IMAP first, neither judged.
      expect(await result.getByRole('radio', { name: new RegExp(`^${words.imap}`) }).isChecked()).toBe(true);
      expect(await result.getByRole('radio', { name: new RegExp(`^${words.pop3}`) }).count()).toBe(1);
      // The recipient check is one click from the result.
      await result.getByRole('button', { name: words.recipient }).waitFor();
      // A card per port of both directions, every stage passed: 5 + 7 for SMTP, 2 × (5 + 7) incoming.
      expect(await page.locator('.port-card').count()).toBe(6);
      expect(await page.locator('.port-card--passed').count()).toBe(6);
      expect(await page.locator('.stage--passed').count()).toBe(36);
      expect(await page.locator('.stage--started').count()).toBe(0);
      await check(page, `incoming-quick-${lang}`);

      // Compare: one table per protocol, every verdict the engine's.
      await result.getByText(words.details, { exact: true }).click();
      await result.getByRole('button', { name: words.compare }).click();
      await page.getByRole('heading', { level: 3, name: words.imapTable }).waitFor();
      await page.getByRole('heading', { level: 3, name: words.pop3Table }).waitFor();
      const imapTable = page.getByRole('region', { name: new RegExp(`${words.imap}`) });
      const qualifies = imapTable.getByRole('row', { name: new RegExp(`^${words.qualifies}`) });
      expect(await qualifies.getByRole('cell').allInnerTexts()).toEqual([words.yes, words.yes]);
      await check(page, `incoming-compare-${lang}`);

      // Recommendation: both protocols with their reasons.
      await step(page, words.steps.recommend);
      await page.getByRole('heading', { level: 4, name: words.imapRecommended }).waitFor();
      await page.getByRole('heading', { level: 4, name: words.pop3Recommended }).waitFor();
      await check(page, `incoming-recommend-${lang}`);

      // Apply: the outgoing and the incoming server, each in the steps and in a sketch.
      await step(page, words.steps.apply);
      const applyIncoming = page.locator('.apply-incoming');
      await applyIncoming.waitFor();
      expect(await applyIncoming.locator('.guide').innerText()).toContain('imap.example.test');
      expect(await applyIncoming.locator('svg').textContent()).toMatch(/IMAP.*imap\.example\.test.*993/s);
      await applyIncoming.getByRole('radio', { name: new RegExp(`^${words.pop3}`) }).check();
      await expect.poll(() => applyIncoming.locator('svg').textContent()).toMatch(/POP3.*995/s);
      expect(await page.locator('.apply .guide').first().innerText()).toContain('smtp.example.test');
      await check(page, `incoming-apply-${lang}`);
      // Every program: its own incoming dialog, sketched with the chosen protocol's values.
      const programs = page.locator('.client-picker input[type="radio"]');
      const titles = new Set<string>();
      for (let i = 0; i < (await programs.count()); i++) {
        await programs.nth(i).check();
        const heading = await applyIncoming.getByRole('heading', { level: 3 }).innerText();
        titles.add(heading);
        const drawn = (await applyIncoming.locator('svg').textContent()) ?? '';
        expect(drawn, heading).toMatch(/POP3.*pop\.example\.test.*995/s);
      }
      expect(titles.size).toBe(await programs.count());
      await applyIncoming.getByRole('radio', { name: new RegExp(`^${words.imap}`) }).check();

      // Verify: a log-in to the IMAP server, over TLS, with the password typed on the first screen.
      await step(page, words.steps.verify);
      await page.getByRole('button', { name: words.login }).click();
      await page.getByText(words.loginOk, { exact: true }).waitFor({ timeout: 20_000 });
      await check(page, `incoming-verify-${lang}`);
      expect(dovecot.log()).toMatch(
        /imap-login: Info: Login: user=<alice@example\.test>, method=PLAIN.*, TLS,/,
      );
      expect(errors).toEqual([]);
    });
  }

  it('wizard: the server step is pre-filled with the incoming servers found for the address, POP3 its own', async () => {
    const { page } = await open('en');
    await showWizard(page, 'en-US');
    await page.getByLabel('Email address', { exact: true }).fill('bob@example.test');
    await page.getByRole('button', { name: 'Look up the settings for example.test' }).click();
    await page.getByRole('button', { name: 'Use smtp.example.test' }).first().click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    expect(await page.getByLabel('Incoming mail server (IMAP / POP3)').inputValue()).toBe(
      'imap.example.test',
    );
    expect(await page.getByLabel('POP3 server, if it is another one').inputValue()).toBe('pop.example.test');
  });
});
