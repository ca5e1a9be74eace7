/**
 * The recipient check in real Chromium (issue 18), through `mailtls serve` with the
 * loopback DNS server and the Postfix MX hosts of test/helpers/recipient-world.ts on
 * a test port: not encrypted and unknown in English, enforced (DANE) and
 * downgradable in Japanese; the note for the administrator is copied with one click;
 * axe finds nothing serious; screenshots are saved.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecipientWorld, type RecipientWorld } from '../helpers/recipient-world.js';
import { AppWindows, checkPage, peersReady, showWizard, startServe, type Served } from './harness.js';

const peers = peersReady('POSTFIX');

describe.runIf(peers)('recipient check in Chromium', () => {
  let world: RecipientWorld;
  let served: Served;
  const windows = new AppWindows();

  beforeAll(async () => {
    world = await startRecipientWorld();
    served = await startServe({ dnsServer: world.dns.address, smtpPort: world.smtpPort });
  }, 180_000);

  afterAll(async () => {
    await windows.closeAll();
    await served?.close();
    await world?.close();
  });

  const open = (locale: 'en-US' | 'ja-JP') => windows.open(served.url, locale);

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true });

  async function checkDomain(page: Page, label: string, button: string, domain: string, done: string) {
    await page.getByLabel(label, { exact: true }).fill(domain);
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.getByRole('status').filter({ hasText: done }).waitFor({ timeout: 40_000 });
  }

  it('English: not encrypted, the note copied with one click, then unknown', async () => {
    const { page, errors } = await open('en-US');
    // Opened from the step-by-step wizard, the view returns to the step it left.
    await showWizard(page, 'en-US');
    await page.getByRole('button', { name: 'Recipient check', exact: true }).click();
    await heading(page, 'Recipient check').waitFor();
    expect(await page.title()).toBe('MailTLS · Recipient check');

    await checkDomain(page, 'Recipient domain', 'Check the recipient', 'plain.test', 'Checked plain.test.');
    const verdict = page.locator('[data-verdict]');
    expect(await verdict.getAttribute('data-verdict')).toBe('not-encrypted');
    expect(await verdict.textContent()).toContain('Not encrypted: mail may arrive in plaintext');
    await page.getByRole('cell', { name: 'No STARTTLS' }).waitFor();
    await page.getByText('A mail server of the recipient does not offer STARTTLS (mx.plain.test)').waitFor();
    await page.getByRole('button', { name: 'Copy the note' }).click();
    await page.getByText('Copied the note').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('plain.test');
    expect(copied).toContain('STARTTLS on port 25 of every MX');
    // The same note in Japanese, for a Japanese administrator.
    await page.getByLabel('Language of the note').selectOption('ja');
    await page.getByRole('button', { name: 'Copy the note' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('STARTTLS を有効に');
    await checkPage(page, 'recipient-en-not-encrypted');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save as HTML report' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^mailtls-recipient-plain\.test-.*\.html$/);

    await checkDomain(
      page,
      'Recipient domain',
      'Check the recipient',
      'blocked.test',
      'Checked blocked.test.',
    );
    expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('unknown');
    await page.getByText(/OP25B/).first().waitFor();
    await checkPage(page, 'recipient-en-unknown');

    await page.keyboard.press('Escape');
    await heading(page, 'Your mail account').waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('Japanese: enforced by DANE, then downgradable with an expired certificate', async () => {
    const { page, errors } = await open('ja-JP');
    await page.getByRole('button', { name: '受信側チェック', exact: true }).click();
    await heading(page, '受信側チェック').waitFor();

    await checkDomain(page, '宛先のドメイン', '受信側を確認する', 'dane.test', 'dane.test を確認しました。');
    expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('enforced');
    await page.getByText('判定: 暗号化され、ダウングレードも防止されています').waitFor();
    await page.getByRole('cell', { name: 'DANE', exact: true }).waitFor();
    await checkPage(page, 'recipient-ja-enforced');

    await checkDomain(
      page,
      '宛先のドメイン',
      '受信側を確認する',
      'expired.test',
      'expired.test を確認しました。',
    );
    expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('downgradable');
    await page
      .getByText('MX の証明書の有効期限が切れているか、まだ有効になっていません (mx.expired.test)')
      .waitFor();
    await checkPage(page, 'recipient-ja-downgradable');
    expect(errors).toEqual([]);
  }, 120_000);
});
