/**
 * The Japanese UI in real Chromium, through `mailtls serve`:
 * - the whole wizard against a real Postfix (log-in checked by a real Dovecot):
 *   transcripts open, a refused log-in, an accepted one, a test message whose
 *   queue id Postfix really gave, the export format chosen by keyboard; on every
 *   screen all visible text is read and no English sentence may remain outside
 *   the proper nouns below and the words MailTLS did not write (marked translate="no");
 * - a server with no log-in over TLS (smtp-server): the Apply steps of every mail
 *   program never contradict themselves, in Japanese and English, and the log-in
 *   test explains why there was nothing to test.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishSentences } from '../helpers/english.js';
import { startDovecot, type DovecotInstance } from '../helpers/dovecot.js';
import { testPki } from '../helpers/env.js';
import { startPostfix, type PostfixInstance } from '../helpers/postfix.js';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server.js';
import {
  axeViolations,
  openApp,
  peersReady,
  screenshot,
  showWizard,
  startServe,
  type App,
  type Served,
} from './harness.js';

const ready = peersReady('POSTFIX', 'DOVECOT');

/** Every visible text on the page, and the names given only by attributes, except words marked as not MailTLS's. */
async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text || parent.closest('[translate="no"], script, style')) continue;
      if (parent.checkVisibility()) texts.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (element.closest('[translate="no"]') || !element.checkVisibility()) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

describe.runIf(ready)('the Japanese UI in Chromium', { timeout: 180_000 }, () => {
  let served: Served;
  let dovecot: DovecotInstance;
  let postfix: PostfixInstance;
  let noLogin: RunningServer;
  const apps: App[] = [];
  /** Every English sentence seen, with the screen it was on. */
  const english: string[] = [];

  beforeAll(async () => {
    const leaf = testPki().leaf('valid');
    dovecot = await startDovecot({
      certFile: leaf.certFile,
      keyFile: leaf.keyFile,
      shape: 'good',
      authSocket: true,
    });
    [postfix, served, noLogin] = await Promise.all([
      startPostfix({
        certFile: leaf.certFile,
        keyFile: leaf.keyFile,
        shape: 'good',
        extraMain: ['smtpd_sasl_type = dovecot', `smtpd_sasl_path = ${dovecot.authSocket}`],
      }),
      startServe(),
      startSmtpServer('starttls'),
    ]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await Promise.all([served?.close(), noLogin?.close()]);
    postfix?.stop();
    dovecot?.stop();
  });

  async function open(locale: 'en-US' | 'ja-JP'): Promise<App> {
    const app = await openApp(served.url, locale);
    apps.push(app);
    await showWizard(app.page, locale);
    return app;
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 2, name });

  /** Reads the screen: English sentences are collected (asserted at the end), axe must pass. */
  async function audit(page: Page, screen: string): Promise<void> {
    for (const text of await visibleText(page)) {
      for (const sentence of englishSentences(text)) english.push(`${screen}: “${sentence}” in “${text}”`);
    }
    await page.waitForFunction(() => document.getAnimations().length === 0);
    expect(await axeViolations(page), screen).toEqual([]);
    await screenshot(page, `ja-${screen}`);
  }

  /** Account, server and test steps in Japanese, against `ports` on 127.0.0.1. */
  async function testServer(page: Page, email: string, ports: string, screens: boolean): Promise<void> {
    await heading(page, 'メールアカウント').waitFor();
    await page.getByLabel('メールアドレス').fill(email);
    if (screens) await audit(page, 'account');
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await page.getByLabel('サーバー名').fill('127.0.0.1');
    await page.getByText('詳細設定', { exact: true }).click();
    await page.getByLabel('テストするポート').fill(ports);
    await page.getByLabel(/追加で信頼する認証局/).fill(testPki().caPem);
    if (screens) await audit(page, 'server');
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await page.getByRole('button', { name: 'テストを開始' }).click();
    await page.getByText(/^テストが完了しました/).waitFor({ timeout: 60_000 });
    if (screens) await audit(page, 'test');
  }

  it('every tab in Japanese, as it first opens: no English sentence', async () => {
    const app = await openApp(served.url, 'ja-JP');
    apps.push(app);
    const { page, errors } = app;
    const tabs = page.locator('nav.tabs button');
    await tabs.first().waitFor();
    const count = await tabs.count();
    expect(count).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < count; i++) {
      await tabs.nth(i).click();
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await audit(page, `tab-${i + 1}`);
    }
    expect(english).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the whole wizard against Postfix: no English sentence, a refused and an accepted log-in, the queue id', async () => {
    const { page, errors } = await open('ja-JP');
    await testServer(
      page,
      'alice@example.test',
      `${postfix.ports.submissions} implicit-tls, ${postfix.ports.submission} starttls`,
      true,
    );

    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await heading(page, 'お使いのサーバーでの STARTTLS と SMTPS').waitFor();
    for (const port of [postfix.ports.submissions, postfix.ports.submission]) {
      await page.getByText(`ポート ${port} のやり取り (パスワードは除去済み)`).click();
    }
    // MailTLS's own notes are in Japanese; the server's words are kept as said.
    await page.locator('.transcript__note', { hasText: 'TLS で暗号化しました' }).first().waitFor();
    await page.locator('.transcript__line--s [translate="no"]', { hasText: 'ESMTP' }).first().waitFor();
    await audit(page, 'compare');

    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await heading(page, 'おすすめの設定').waitFor();
    await audit(page, 'recommend');
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await heading(page, 'メールソフトに設定を入力').waitFor();
    await audit(page, 'apply');

    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await heading(page, '確認').waitFor();
    const password = page.getByLabel('パスワード', { exact: true });
    const runLogin = page.getByRole('button', { name: 'ログインをテスト' });
    await password.fill('not-the-password');
    await runLogin.click();
    const refused = page.getByText(/^ログインできませんでした。/);
    await refused.waitFor({ timeout: 40_000 });
    // The engine's explanation in Japanese, not a bare server reply.
    expect(await refused.textContent()).toMatch(/[ぁ-んァ-ン一-龯]{10}/);
    await audit(page, 'verify-login-refused');

    await password.fill('dovecot-secret');
    await runLogin.click();
    await page.getByText(/^ログインできました \(PLAIN\)。/).waitFor({ timeout: 40_000 });
    await page.getByLabel('送信先').fill('bob@example.org');
    await page.getByRole('button', { name: 'テストメールを送信' }).click();
    const accepted = page.getByText(/^サーバーがテストメールを受け付けました（キュー ID \w+）。$/);
    await accepted.waitFor({ timeout: 40_000 });
    const queueId = /キュー ID (\w+)/.exec((await accepted.textContent()) ?? '')?.[1] ?? '';
    // The id is the one Postfix gave this very message.
    expect(postfix.log()).toMatch(new RegExp(`postfix/\\w+\\[\\d+\\]: ${queueId}: `));
    await audit(page, 'verify-sent');

    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await heading(page, 'エクスポート').waitFor();
    // The format picker by keyboard: open, move, Escape keeps the choice, type-ahead and Enter change it.
    const format = page.getByRole('combobox', { name: '形式' });
    await expect.poll(() => format.innerText()).toBe('MailTLS プロファイル (JSON)');
    await format.focus();
    await page.keyboard.press('ArrowDown');
    expect(await format.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    const active = () =>
      format.evaluate(
        (el) => document.getElementById(el.getAttribute('aria-activedescendant') ?? '')?.textContent,
      );
    expect(await active()).toBe('Thunderbird 自動設定 (XML)');
    await audit(page, 'export-open');
    await page.keyboard.press('Escape');
    expect(await format.getAttribute('aria-expanded')).toBe('false');
    expect(await format.innerText()).toBe('MailTLS プロファイル (JSON)');
    // End and Home open the list on its last and first option.
    await page.keyboard.press('End');
    expect(await active()).toBe('環境変数');
    await page.keyboard.press('Home');
    expect(await active()).toBe('MailTLS プロファイル (JSON)');
    await page.keyboard.press('Escape');
    await page.keyboard.type('ms');
    expect(await active()).toBe('msmtp の設定');
    await page.keyboard.press('Enter');
    expect(await format.innerText()).toBe('msmtp の設定');
    expect(
      await page
        .getByRole('option', { name: 'msmtp の設定', includeHidden: true })
        .getAttribute('aria-selected'),
    ).toBe('true');
    await audit(page, 'export');

    expect(english).toEqual([]);
    expect(errors).toEqual([]);
  });

  for (const [locale, texts] of [
    [
      'ja-JP',
      {
        next: '次へ',
        apply: 'メールソフトに設定を入力',
        noAuth: /このサーバーは TLS 経由のログインを提供してい/,
        none: 'なし',
      },
    ],
    [
      'en-US',
      {
        next: 'Next',
        apply: 'Enter the setting in your program',
        noAuth: /this server offered none over TLS/,
        none: 'None',
      },
    ],
  ] as const) {
    it(`no log-in over TLS (${locale}): every program's steps agree with its notes`, async () => {
      const { page } = await open(locale);
      if (locale === 'ja-JP') await testServer(page, 'taro@example.jp', `${noLogin.port} starttls`, false);
      else {
        await page.getByLabel('Email address').fill('taro@example.jp');
        await page.getByRole('button', { name: 'Next', exact: true }).click();
        await page.getByLabel('Server name').fill('127.0.0.1');
        await page.getByText('Advanced', { exact: true }).click();
        await page.getByLabel('Ports to test').fill(`${noLogin.port} starttls`);
        await page.getByLabel(/Extra trusted certificate authority/).fill(testPki().caPem);
        await page.getByRole('button', { name: 'Next', exact: true }).click();
        await page.getByRole('button', { name: 'Start the test' }).click();
        await page.getByText(/^Test finished in/).waitFor({ timeout: 60_000 });
      }
      for (let step = 0; step < 3; step++)
        await page.getByRole('button', { name: texts.next, exact: true }).click();
      await heading(page, texts.apply).waitFor();
      const cards = page.locator('.client-card');
      const count = await cards.count();
      expect(count).toBe(9);
      let withLogInStep = 0;
      for (let i = 0; i < count; i++) {
        await cards.nth(i).click();
        const steps = page.locator('.guide');
        const name = (await cards.nth(i).innerText()).trim();
        // No value tells the person to pick "None" for the log-in, so no note's "never choose None" is contradicted.
        expect(await page.locator('.apply mark, .values mark').allInnerTexts(), name).not.toContain(
          texts.none,
        );
        expect(await page.locator('.values').first().innerText(), name).not.toMatch(
          /認証|Authentication|log-in/i,
        );
        // A program with a log-in step gets the one plain instruction instead.
        const stepsText = await steps.innerText();
        if (texts.noAuth.test(stepsText)) withLogInStep += 1;
        // Leaving out the log-in leaves out nothing else: the server and its port are still entered.
        expect(stepsText, name).toContain('127.0.0.1');
        expect(stepsText, name).toContain(String(noLogin.port));
        // The sketch highlights no log-in field and ticks no log-in box.
        const highlighted = await page.locator('svg.pic .pic__field--change').allTextContents();
        expect(highlighted.join(' '), name).not.toMatch(/認証|authentication/i);
      }
      // Thunderbird, Outlook classic, both Apple Mails, Becky! and Windows Mail have a log-in step.
      expect(withLogInStep).toBe(6);

      // The log-in test says why there was nothing to test.
      await page.getByRole('button', { name: texts.next, exact: true }).click();
      await page
        .getByLabel(locale === 'ja-JP' ? 'パスワード' : 'Password', { exact: true })
        .fill('any-password');
      await page
        .getByRole('button', { name: locale === 'ja-JP' ? 'ログインをテスト' : 'Test the log-in' })
        .click();
      const said = page.getByText(locale === 'ja-JP' ? /^ログインできませんでした。/ : /^Log-in failed\. /);
      await said.waitFor({ timeout: 40_000 });
      expect(await said.textContent()).toMatch(
        locale === 'ja-JP' ? /AUTH がありません/ : /no AUTH in its EHLO answer/,
      );
      if (locale === 'ja-JP') await audit(page, 'verify-no-auth');
      expect(english).toEqual([]);
    });
  }
});
