/**
 * The whole wizard in real Chromium, through `mailtls serve`, against real
 * smtp-server instances on 127.0.0.1: a good server, a STARTTLS-only server,
 * a server with no secure option, and a test cancelled while it runs. Every
 * step is checked with axe-core and photographed in English and Japanese.
 */
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingWords, renderReason } from '../../electron/catalogue/index.js';
import { auditReportSchema } from '../../electron/contract.js';
import { testPki } from '../helpers/env.js';
import { rawServer, type HostileServer } from '../helpers/hostile.js';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server.js';
import {
  AppWindows,
  axeViolations,
  checkPage,
  peersReady,
  screenshot,
  startServe,
  type Served,
} from './harness.js';

const browser = peersReady();

describe.runIf(browser)('setup wizard in Chromium', () => {
  let served: Served;
  let implicit: RunningServer;
  let starttls: RunningServer;
  let plaintext: RunningServer;
  let optional: RunningServer;
  let stalling: HostileServer;
  const stalled: Socket[] = [];
  const windows = new AppWindows();

  beforeAll(async () => {
    [served, implicit, starttls, plaintext, optional, stalling] = await Promise.all([
      startServe(),
      startSmtpServer('implicit-tls'),
      startSmtpServer('starttls'),
      startSmtpServer('plaintext'),
      startSmtpServer('auth-before-tls'),
      rawServer((socket) => {
        socket.resume();
        stalled.push(socket);
      }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await windows.closeAll();
    await Promise.all([
      served?.close(),
      implicit?.close(),
      starttls?.close(),
      plaintext?.close(),
      optional?.close(),
      stalling?.close(),
    ]);
  });

  /** Opens the app and its step-by-step wizard (the app starts on the one-screen check). */
  const open = (locale: 'en-US' | 'ja-JP') => windows.open(served.url, locale, { wizard: true });

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 2, name });

  /** Checks accessibility and takes a screenshot in English and in Japanese, then returns to English. */
  async function capture(page: Page, name: string): Promise<void> {
    for (const [language, button] of [
      ['en', 'English'],
      ['ja', '日本語'],
    ] as const) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
      await checkPage(page, `${name}-${language}`);
    }
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  }

  /** Presses Tab until the element has the focus; fails if it is not reachable by keyboard. */
  async function tabTo(page: Page, target: ReturnType<Page['getByRole']>): Promise<void> {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error('element not reachable with Tab');
  }

  const next = (page: Page) => page.getByRole('button', { name: 'Next', exact: true }).click();

  /** Next while it cannot go on (aria-disabled, so Playwright will not click it): as a keyboard user does. */
  async function tryNext(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Next', exact: true }).focus();
    await page.keyboard.press('Enter');
  }

  async function fillServer(page: Page, ports: string): Promise<void> {
    await page.getByLabel('Server name').fill('127.0.0.1');
    await page.getByText('Advanced', { exact: true }).click();
    await page.getByLabel('Ports to test').fill(ports);
    await page.getByLabel(/Extra trusted certificate authority/).fill(testPki().caPem);
  }

  async function runTest(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Start the test' }).click();
    await page.getByText(/^Test finished in/).waitFor({ timeout: 40_000 });
  }

  it('good server: recommends SSL/TLS on the implicit-TLS port, guides, verifies and exports', async () => {
    const { page, errors } = await open('en-US');
    await heading(page, 'Your mail account').waitFor();
    // The token was taken out of the address bar (it stays in this tab's session storage).
    expect(page.url()).not.toContain('token');
    await capture(page, '01-account');

    // Keyboard only: type the address and go on with Enter; the new step's heading gets the focus.
    const email = page.getByLabel('Email address');
    await tabTo(page, email);
    await page.keyboard.type('taro@example');
    await page.getByText('Check the part after “@”: it should look like example.jp.').waitFor();
    await page.keyboard.type('.jp');
    // The program picker by keyboard: type-ahead opens the list on the match, Enter chooses it.
    const program = page.getByRole('combobox', { name: 'Mail program you use' });
    await tabTo(page, program);
    await page.keyboard.type('thu');
    await page.keyboard.press('Enter');
    expect(await program.innerText()).toBe('Thunderbird');
    await tabTo(page, page.getByRole('button', { name: 'Next', exact: true }));
    await page.keyboard.press('Enter');
    await heading(page, 'Outgoing mail server').waitFor();
    expect(await heading(page, 'Outgoing mail server').evaluate((el) => el === document.activeElement)).toBe(
      true,
    );

    // Problems are explained while typing.
    await page.getByLabel('Server name').fill('smtp://127.0.0.1');
    await page.getByText('Leave out the “smtp://” or “https://” part: enter only the name.').waitFor();
    await fillServer(page, `${implicit.port} implicit-tls, ${starttls.port} starttls`);
    expect(await page.getByText('Leave out the “smtp://”').count()).toBe(0);
    await capture(page, '02-server');

    // Back and forward keep what was typed.
    await page.getByRole('button', { name: 'Back' }).click();
    expect(await page.getByLabel('Email address').inputValue()).toBe('taro@example.jp');
    await next(page);
    expect(await page.getByLabel('Server name').inputValue()).toBe('127.0.0.1');
    // A reload keeps the step and what was typed.
    await page.reload();
    await heading(page, 'Outgoing mail server').waitFor();
    expect(await page.getByLabel('Server name').inputValue()).toBe('127.0.0.1');
    expect(await page.getByLabel('Ports to test').inputValue()).toBe(
      `${implicit.port} implicit-tls, ${starttls.port} starttls`,
    );

    await next(page);
    await heading(page, 'Test the server').waitFor();
    // One key press starts the test.
    await tabTo(page, page.getByRole('button', { name: 'Start the test' }));
    await page.keyboard.press('Enter');
    await page.getByText(/^Test finished in/).waitFor({ timeout: 40_000 });
    await page
      .getByRole('heading', { level: 3, name: new RegExp(`^Port ${implicit.port}`) })
      .first()
      .waitFor();
    // The duration is said once, by the status line: the ticking clock is gone.
    expect(await page.getByText(/^Elapsed: \d+\.\d s$/).count()).toBe(0);
    expect(await page.getByText(/\d+\.\d s/).count()).toBe(1);
    // Every stage of both ports passed: 5 for implicit TLS, 7 for STARTTLS.
    expect(await page.locator('.stage--passed').count()).toBe(12);
    await capture(page, '03-test');

    await next(page);
    await heading(page, 'STARTTLS or SMTPS on your server').waitFor();
    await page
      .getByRole('columnheader', { name: `Port ${implicit.port}: SSL/TLS from the first byte` })
      .waitFor();
    await page
      .getByRole('columnheader', { name: `Port ${starttls.port}: STARTTLS (starts unencrypted)` })
      .waitFor();
    await page.getByText(`On your server: port ${implicit.port} negotiated TLSv1.3 right away.`).waitFor();
    await page.getByText('How each one starts encryption').click();
    await page.getByText('It sends STARTTLS and the server answers 220 (ready).').waitFor();
    await page.getByText(`Conversation on port ${starttls.port} (passwords removed)`).click();
    await page.locator('.transcript__line code', { hasText: 'STARTTLS' }).first().waitFor();
    await capture(page, '04-compare');
    // 200 % zoom of a 1100 px window: 550 CSS pixels, and nothing may need sideways scrolling.
    await page.setViewportSize({ width: 550, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, '04-compare-zoom200-en');
    await page.setViewportSize({ width: 1100, height: 900 });

    await next(page);
    await heading(page, 'Recommended setting').waitFor();
    const values = await page.locator('.values mark').allTextContents();
    expect(values).toEqual(
      expect.arrayContaining(['127.0.0.1', String(implicit.port), 'SSL/TLS', 'Normal password']),
    );
    await page.getByText('In Thunderbird this is “Connection security”: SSL/TLS.').waitFor();
    await page.getByText(renderReason({ key: 'implicit-tls-preferred' }, 'en')).waitFor();
    await capture(page, '05-recommend');
    await page.getByRole('group', { name: 'Colour scheme' }).getByRole('button', { name: 'Dark' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // Colours fade between themes: check contrast once they have settled.
    await page.waitForFunction(() => document.getAnimations().length === 0);
    // The dark palette really applies (#15181d), not only the attribute.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
      'rgb(21, 24, 29)',
    );
    expect(await axeViolations(page), 'dark theme').toEqual([]);
    await screenshot(page, '05-recommend-dark-en');
    await page
      .getByRole('group', { name: 'Colour scheme' })
      .getByRole('button', { name: 'As the system' })
      .click();

    await next(page);
    await heading(page, 'Enter the setting in your program').waitFor();
    await page.getByRole('heading', { level: 3, name: 'Steps for Thunderbird' }).waitFor();
    await page.getByRole('button', { name: 'Copy Port' }).first().click();
    await page.getByText('Copied Port').first().waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(String(implicit.port));
    await capture(page, '06-apply');
    await page.setViewportSize({ width: 550, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1100, height: 900 });

    await next(page);
    await heading(page, 'Verify').waitFor();
    await page.getByRole('button', { name: 'Verify the setting' }).click();
    await page.getByText('Verified: the setting still qualifies.').waitFor({ timeout: 40_000 });
    // The log-in test talks to the real server, which has no accounts: it must say the log-in failed.
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Test the log-in' }).click();
    // The engine's explanation, as the CLI prints it, not a bare "The server answered: —".
    const failed = page.getByText(/^Log-in failed\. /);
    await failed.waitFor({ timeout: 40_000 });
    expect(await failed.textContent()).not.toContain('—');
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('not-the-password');
    await capture(page, '07-verify');
    // Issue 18: Verify leads to the recipient check, and back to where it was.
    await page.getByRole('button', { name: /arrive encrypted\? Check the recipient$/ }).click();
    await heading(page, 'Recipient check').waitFor();
    await page.getByRole('button', { name: 'Back to the setup' }).click();
    await heading(page, 'Verify').waitFor();

    await next(page);
    await heading(page, 'Export').waitFor();
    await capture(page, '08-export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save profile' }).click(),
    ]);
    const saved = JSON.parse(readFileSync((await download.path()) as string, 'utf8')) as {
      outgoing: { host: string; port: number; security: string };
    };
    expect(saved.outgoing).toMatchObject({
      host: '127.0.0.1',
      port: implicit.port,
      security: 'implicit-tls',
    });
    await page.getByText(/^Saved: /).waitFor();
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save the test report (HTML)' }).click(),
    ]);
    expect(report.suggestedFilename()).toMatch(/\.html$/);
    expect(readFileSync((await report.path()) as string, 'utf8')).toContain(String(implicit.port));
    expect(errors).toEqual([]);
  }, 180_000);

  it('provider preset: a Gmail address offers the documented settings with their source', async () => {
    const { page, errors } = await open('en-US');
    await page.getByLabel('Email address').fill('hanako@gmail.com');
    const card = page.locator('.card', { hasText: 'Settings documented by Gmail' }).first();
    await card.waitFor();
    expect(await card.getByRole('link').getAttribute('href')).toMatch(/^https:\/\//);
    await capture(page, '01-account-preset');
    await card.getByRole('button', { name: 'Use these settings' }).click();
    await page.getByText(/^Using the settings of Gmail/).waitFor();
    await next(page);
    expect(await page.getByLabel('Server name').inputValue()).toBe('smtp.gmail.com');
    expect(await page.getByLabel('User name').inputValue()).toBe('hanako@gmail.com');
    expect(errors).toEqual([]);
  }, 120_000);

  it('STARTTLS-only server, Japanese system: recommends STARTTLS in the words of Outlook', async () => {
    const { page, errors } = await open('ja-JP');
    await heading(page, 'メールアカウント').waitFor();
    await page.getByLabel('メールアドレス').fill('hanako@example.jp');
    await page.getByRole('combobox', { name: 'お使いのメールソフト' }).click();
    await page.getByRole('option', { name: 'Outlook (クラシック、Windows)' }).click();
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await page.getByLabel('サーバー名').fill('127.0.0.1');
    await page.getByText('詳細設定', { exact: true }).click();
    await page.getByLabel('テストするポート').fill(`${starttls.port} starttls`);
    await page.getByLabel(/追加で信頼する認証局/).fill(testPki().caPem);
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await page.getByRole('button', { name: 'テストを開始' }).click();
    await page.getByText(/^テストが完了しました/).waitFor({ timeout: 40_000 });
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await heading(page, 'お使いのサーバーでの STARTTLS と SMTPS').waitFor();
    await page
      .getByText('お使いのサーバーでは SMTPS のポートが使えなかったため、この利点は得られません。')
      .waitFor();
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await heading(page, 'おすすめの設定').waitFor();
    const values = await page.locator('.values mark').allTextContents();
    expect(values).toEqual(expect.arrayContaining(['127.0.0.1', String(starttls.port), 'STARTTLS']));
    await page
      .getByText('Outlook (クラシック、Windows) では「使用する暗号化接続の種類」で STARTTLS を選びます。')
      .waitFor();
    await capture(page, 'starttls-05-recommend');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'Steps for Outlook (classic, Windows)' }).waitFor();
    await capture(page, 'starttls-06-apply');
    expect(errors).toEqual([]);
  }, 180_000);

  it('server with no secure option: explains what to fix and offers nothing to apply', async () => {
    const { page, errors } = await open('en-US');
    await page.getByLabel('Email address').fill('jiro@example.jp');
    await next(page);
    await fillServer(page, `${plaintext.port} starttls`);
    await next(page);
    await runTest(page);
    await page.getByText('STARTTLS not offered').first().waitFor();
    await capture(page, 'insecure-03-test');
    await next(page);
    await next(page);
    await heading(page, 'Recommended setting').waitFor();
    await page.getByRole('heading', { level: 3, name: 'No secure setting found' }).waitFor();
    await page.locator('.fixes').getByText(findingWords('starttls-missing', 'en').fixAdmin).waitFor();
    expect(await page.locator('.values').count()).toBe(0);
    await capture(page, 'insecure-05-recommend');
    await tryNext(page);
    await page
      .getByRole('alert')
      .getByText('There is no secure setting to apply yet.', { exact: false })
      .waitFor();
    expect(await heading(page, 'Recommended setting').count()).toBe(1);
    expect(await page.getByRole('button', { name: /Apply/ }).getAttribute('aria-disabled')).toBe('true');

    // The report is for the provider: exported even though nothing qualified; a profile is not offered.
    await page.getByRole('button', { name: 'Save the report for your provider' }).click();
    await heading(page, 'Export').waitFor();
    await page.getByText(/^No secure setting was found, so there is no profile to save/).waitFor();
    expect(await page.getByRole('button', { name: 'Save profile' }).count()).toBe(0);
    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save the test report (HTML)' }).click(),
    ]);
    expect(readFileSync((await html.path()) as string, 'utf8')).toContain(
      findingWords('no-secure-option', 'en').title,
    );
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save the test results (JSON)' }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const saved = auditReportSchema.parse(JSON.parse(readFileSync((await json.path()) as string, 'utf8')));
    expect(saved.recommendation.security).toBeNull();
    expect(saved.ports.map((p) => p.port)).toEqual([plaintext.port]);
    await page.getByText(/^Saved: /).waitFor();
    expect(errors).toEqual([]);
  }, 180_000);

  it('server that merely allows plaintext: STARTTLS required, with what to ask the provider to fix', async () => {
    const closed = await rawServer(() => undefined);
    await closed.close();
    const { page, errors } = await open('en-US');
    await page.getByLabel('Email address').fill('shiro@example.jp');
    await next(page);
    await fillServer(page, `${optional.port} starttls, ${closed.port} starttls`);
    await next(page);
    await runTest(page);
    // The same words as the CLI and the HTML report.
    await page.getByText(findingWords('port-unreachable', 'en').title, { exact: true }).first().waitFor();
    await next(page);
    await next(page);
    await heading(page, 'Recommended setting').waitFor();
    const values = await page.locator('.values mark').allTextContents();
    expect(values).toEqual(expect.arrayContaining([String(optional.port), 'STARTTLS (sometimes “TLS”)']));
    await page.getByText(renderReason({ key: 'starttls-must-be-required' }, 'en')).waitFor();
    const ask = page.locator('section', {
      has: page.getByRole('heading', { name: 'Ask your provider to fix' }),
    });
    await ask.getByText(findingWords('plaintext-auth', 'en').title).waitFor();
    await capture(page, 'optional-05-recommend');
    expect(await page.getByRole('button', { name: /Apply/ }).getAttribute('aria-disabled')).not.toBe('true');
    await next(page);
    await heading(page, 'Enter the setting in your program').waitFor();
    expect(errors).toEqual([]);
  }, 180_000);

  it('cancel during a test: stops at once and closes the connection to the server', async () => {
    const { page, errors } = await open('en-US');
    await page.getByLabel('Email address').fill('saburo@example.jp');
    await next(page);
    await fillServer(page, `${stalling.port} starttls`);
    await next(page);
    const before = stalled.length;
    await page.getByRole('button', { name: 'Start the test' }).click();
    await page.getByText('Testing 127.0.0.1…').waitFor();
    await page.locator('.stage--passed', { hasText: 'Connect' }).waitFor();
    // Only a picture while it runs: two accessibility passes could outlast the server's stall on a busy
    // machine; the cancelled state below gets them.
    await screenshot(page, 'cancel-03-running-en');
    expect(stalled.length).toBeGreaterThan(before);
    const socket = stalled[stalled.length - 1] as Socket;
    const closed = new Promise<void>((resolve) =>
      socket.destroyed ? resolve() : socket.once('close', () => resolve()),
    );
    await page.getByRole('button', { name: 'Cancel the test' }).click();
    await page.getByText('The test was cancelled.').waitFor();
    await closed;
    await page.getByRole('button', { name: 'Test again' }).waitFor();
    await tryNext(page);
    await page.getByRole('alert').getByText('Run the test first.').waitFor();
    await capture(page, 'cancel-03-cancelled');
    expect(errors).toEqual([]);
  }, 120_000);
});
