/**
 * The domain-health view in real Chromium, through `mailtls serve --dns-server`
 * pointed at a real DNS server on 127.0.0.1 (test/helpers/health-zone.ts): a domain
 * in good order reached from the wizard, and a weak one reached from the header.
 * Both are checked in English and Japanese, with axe-core, and photographed. Issue 19
 * adds DMARC and MX as receivers apply them, and SPF for one sending address.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { goodSelector, healthZone, reproductionZone } from '../helpers/health-zone.js';
import { AppWindows, checkPage, peersReady, screenshot, startServe, type Served } from './harness.js';

const browser = peersReady();

describe.runIf(browser)('domain health in Chromium', () => {
  let dns: TestDnsServer;
  let served: Served;
  const windows = new AppWindows();

  beforeAll(async () => {
    dns = await startDnsServer({ ...healthZone(), ...reproductionZone() });
    served = await startServe({ dnsServer: dns.address });
  }, 60_000);

  afterAll(async () => {
    await windows.closeAll();
    await Promise.all([served?.close(), dns?.close()]);
  });

  const open = (locale: 'en-US' | 'ja-JP') => windows.open(served.url, locale, { wizard: true });

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true });
  const focused = (page: Page, name: string) =>
    heading(page, name).evaluate((el) => el === document.activeElement);

  async function switchTo(page: Page, language: 'en' | 'ja'): Promise<void> {
    await page.getByRole('button', { name: language === 'en' ? 'English' : '日本語', exact: true }).click();
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
  }

  /** The status shown next to each sender requirement, by its label. */
  async function requirementStatus(page: Page, label: string): Promise<string | null> {
    return page.locator('.requirement', { hasText: label }).locator('.requirement__status').textContent();
  }

  it('a domain in good order, reached from the wizard with a DKIM selector', async () => {
    const { page, errors } = await open('en-US');
    await heading(page, 'Your mail account').waitFor();
    await page.getByLabel('Email address').fill('taro@Good.Test');
    await page.getByRole('button', { name: 'Check the SPF, DKIM and DMARC of good.test' }).click();
    await heading(page, 'Domain health').waitFor();
    expect(await focused(page, 'Domain health')).toBe(true);
    expect(await page.title()).toBe('MailTLS · Domain health');
    expect(await page.getByLabel('Domain', { exact: true }).inputValue()).toBe('good.test');

    await page.getByLabel(/^DKIM selector/).fill(goodSelector);
    await page.getByRole('button', { name: 'Check the domain' }).click();
    await page.getByRole('status').filter({ hasText: 'Checked good.test.' }).waitFor();
    expect(dns.queries).toContain(`${goodSelector}._domainkey.good.test TXT`);

    expect(await requirementStatus(page, 'SPF published and valid')).toBe('Met');
    expect(await requirementStatus(page, 'DKIM key published')).toBe('Met');
    expect(await requirementStatus(page, 'DMARC published (p=none is enough)')).toBe('Met');
    expect(await requirementStatus(page, 'The sending IP has matching reverse DNS')).toBe(
      'Cannot be checked from outside',
    );
    expect(await page.locator('.finding--critical, .finding--high, .finding--medium').count()).toBe(0);
    // MTA-STS needs HTTPS on port 443 of the domain: here it is absent, and said so.
    expect(await page.locator('.finding__title').allTextContents()).toEqual(['No MTA-STS policy']);
    await page.getByText(/^What to do: Publish a policy at https:\/\/mta-sts\./).waitFor();

    await page.getByText('Records as published (for experts)').click();
    const row = (name: string) =>
      page.locator('.records__row', { has: page.getByText(name, { exact: true }) });
    expect(await row('MX').locator('code').allTextContents()).toEqual([
      '10 mx1.good.test',
      '20 mx2.good.test',
    ]);
    expect(await row('SPF').locator('code').allTextContents()).toEqual(['v=spf1 ip4:192.0.2.0/24 -all']);
    await row('SPF').getByText('DNS lookups: 0').waitFor();
    await row('DMARC').getByText('Policy: reject').waitFor();
    expect(await row('DKIM').locator('code').allTextContents()).toEqual([`${goodSelector}: 2048 bits`]);
    await row('MTA-STS').getByText('(none)').waitFor();
    await row('TLS-RPT').getByText('Reports to: mailto:tls@good.test').waitFor();
    await checkPage(page, 'health-good-en');

    await switchTo(page, 'ja');
    await heading(page, 'ドメインの健全性').waitFor();
    expect(await requirementStatus(page, 'SPF が正しく公開されている')).toBe('満たしています');
    expect(await requirementStatus(page, 'DKIM の鍵が公開されている')).toBe('満たしています');
    expect(await requirementStatus(page, '送信元 IP の逆引きが一致している')).toBe(
      '外部からは確認できません',
    );
    expect(await page.locator('.finding__title').allTextContents()).toEqual(['MTA-STS ポリシーがありません']);
    await checkPage(page, 'health-good-ja');
    // 200 % zoom of a 1100 px window: 550 CSS pixels, and nothing may need sideways scrolling.
    await page.setViewportSize({ width: 550, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'health-good-zoom200-ja');
    await page.setViewportSize({ width: 1100, height: 900 });

    // Escape returns to the step the person was on, with what they typed.
    await page.keyboard.press('Escape');
    await heading(page, 'メールアカウント').waitFor();
    expect(await focused(page, 'メールアカウント')).toBe(true);
    expect(await page.getByLabel('メールアドレス').inputValue()).toBe('taro@Good.Test');
    expect(errors).toEqual([]);
  }, 120_000);

  it('a weak domain, reached from the header: no SPF and DMARC only monitoring', async () => {
    const { page, errors } = await open('ja-JP');
    await heading(page, 'メールアカウント').waitFor();
    await page.getByRole('button', { name: 'ドメインの健全性', exact: true }).click();
    await heading(page, 'ドメインの健全性').waitFor();
    expect(
      await page.getByRole('button', { name: 'ドメインの健全性', exact: true }).getAttribute('aria-current'),
    ).toBe('page');

    // Problems are explained while typing, and a check is not started with them.
    const domain = page.getByLabel('ドメイン', { exact: true });
    await domain.fill('weak');
    await page.getByText('ドメインには example.jp のようにドットが 1 つ以上含まれます。').waitFor();
    expect(await domain.getAttribute('aria-invalid')).toBe('true');
    await domain.fill('https://weak.test');
    await page.getByText('「https://」などは付けず、ドメインだけを入力してください。').waitFor();
    const asked = dns.queries.length;
    await page.getByRole('button', { name: 'ドメインを確認' }).click();
    expect(dns.queries.length).toBe(asked);

    // Enter in the field starts the check.
    await domain.fill('weak.test');
    await domain.press('Enter');
    await page.getByRole('status').filter({ hasText: 'weak.test の確認が終わりました。' }).waitFor();
    expect(await requirementStatus(page, 'SPF が正しく公開されている')).toBe('満たしていません');
    expect(await requirementStatus(page, 'DKIM の鍵が公開されている')).toBe('外部からは確認できません');
    expect(await requirementStatus(page, 'DMARC が公開されている')).toBe('満たしています');
    const titlesJa = await page.locator('.finding__title').allTextContents();
    // Most serious first.
    expect(titlesJa[0]).toBe('SPF レコードがありません');
    expect(titlesJa).toEqual(
      expect.arrayContaining(['DMARC が監視のみの設定です（p=none）', 'MTA-STS ポリシーがありません']),
    );
    await checkPage(page, 'health-weak-ja');

    await switchTo(page, 'en');
    await heading(page, 'Domain health').waitFor();
    expect(await requirementStatus(page, 'SPF published and valid')).toBe('Not met');
    expect(await requirementStatus(page, 'DKIM key published')).toBe('Cannot be checked from outside');
    expect(await requirementStatus(page, 'DMARC published (p=none is enough)')).toBe('Met');
    const titlesEn = await page.locator('.finding__title').allTextContents();
    expect(titlesEn[0]).toBe('No SPF record');
    expect(titlesEn).toEqual(expect.arrayContaining(['DMARC only monitors (p=none)', 'No MTA-STS policy']));
    await page
      .locator('.finding--high', { hasText: 'No SPF record' })
      .getByText(/^What to do: Publish one TXT/)
      .waitFor();
    await checkPage(page, 'health-weak-en');

    await page.getByRole('button', { name: 'Back to the setup' }).click();
    await heading(page, 'Your mail account').waitFor();
    expect(await focused(page, 'Your mail account')).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);

  /** Checks `domain` from the view's form and waits for the result. */
  async function checkFromView(page: Page, domain: string, done: string): Promise<void> {
    await page.getByLabel(/^(Domain|ドメイン)$/).fill(domain);
    await page.getByRole('button', { name: /^(Check the domain|ドメインを確認)$/ }).click();
    await page.getByRole('status').filter({ hasText: done }).waitFor();
  }

  const titles = (page: Page) => page.locator('.finding__title').allTextContents();
  const recordRow = (page: Page, name: string) =>
    page.locator('.records__row', { has: page.getByText(name, { exact: true }) });

  it('DMARC and MX as receivers apply them, in English and Japanese', async () => {
    const { page, errors } = await open('en-US');
    await page.getByRole('button', { name: 'Domain health', exact: true }).click();
    await heading(page, 'Domain health').waitFor();

    await checkFromView(page, 'subnone.test', 'Checked subnone.test.');
    expect(await titles(page)).toEqual(
      expect.arrayContaining([
        'DMARC leaves subdomains unprotected (sp=none)',
        'The DMARC report address in another domain has not agreed to receive reports',
      ]),
    );
    await page.getByText('Records as published (for experts)').click();
    const dmarc = recordRow(page, 'DMARC');
    await dmarc.getByText('Subdomains: none').waitFor();
    await dmarc.getByText('Alignment: DKIM s, SPF r (r relaxed, s strict)').waitFor();
    await dmarc.getByText('Reports to reports.example.net: not authorised').waitFor();
    await checkPage(page, 'health-dmarc-en');

    await checkFromView(page, 'halfnull.test', 'Checked halfnull.test.');
    expect(await titles(page)).toContain('A null MX is published beside real MX records');
    await page.getByText('Records as published (for experts)').click();
    expect(await recordRow(page, 'MX').locator('code').allTextContents()).toEqual([
      '0 .',
      '10 mx.halfnull.test',
    ]);
    await checkPage(page, 'health-mx-en');

    await switchTo(page, 'ja');
    await heading(page, 'ドメインの健全性').waitFor();
    expect(await titles(page)).toContain('Null MX と通常の MX レコードが同時に公開されています');
    await checkPage(page, 'health-mx-ja');

    // Two DMARC records: receivers apply none, so no policy is shown.
    await checkFromView(page, 'twodmarc.test', 'twodmarc.test の確認が終わりました。');
    expect(await titles(page)).toContain('DMARC レコードが複数あります');
    expect(await requirementStatus(page, 'DMARC が公開されている')).toBe('満たしていません');
    await page.getByText('公開されているレコード (上級者向け)').click();
    await recordRow(page, 'DMARC').getByText('(なし)').waitFor();

    // A domain that receives no mail is not asked for MTA-STS or TLS-RPT.
    await checkFromView(page, 'parked.test', 'parked.test の確認が終わりました。');
    const parked = await titles(page);
    expect(parked).toContain('このドメインはメールを受信しないと宣言しています（Null MX）');
    expect(parked).not.toContain('MTA-STS ポリシーがありません');
    expect(parked).not.toContain('TLS-RPT レコードがありません');
    await checkPage(page, 'health-parked-ja');
    expect(errors).toEqual([]);
  }, 120_000);

  it('SPF for the submission server as a labelled guess, then for an address typed in', async () => {
    const { page, errors } = await open('ja-JP');
    await heading(page, 'メールアカウント').waitFor();
    await page.getByLabel('メールアドレス').fill('taro@sender.test');
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await page.getByLabel('サーバー名').fill('smtp.sender.test');
    await page.getByRole('button', { name: 'ドメインの健全性', exact: true }).click();
    await heading(page, 'ドメインの健全性').waitFor();
    await page
      .getByText('空欄の場合は、推測として送信サーバー smtp.sender.test のアドレスで評価します。')
      .waitFor();
    await page.getByRole('button', { name: 'ドメインを確認' }).click();
    await page.getByRole('status').filter({ hasText: 'sender.test の確認が終わりました。' }).waitFor();
    const verdict = page.locator('.spf-check');
    await verdict
      .getByText(/^推測です: 192\.0\.2\.25 は送信サーバー smtp\.sender\.test のアドレスです。/)
      .waitFor();
    await verdict.getByText('合格 (pass): ドメインはこのアドレスからの送信を認めています。').waitFor();
    await verdict.getByText('sender.test のレコードの「a:smtp.sender.test」で決まりました。').waitFor();
    await checkPage(page, 'health-spf-guess-ja');

    await switchTo(page, 'en');
    const ip = page.getByLabel(/^Sending IP address/);
    await ip.fill('203.0.113');
    await page.getByText('Enter an IPv4 address such as 192.0.2.10').waitFor();
    expect(await ip.getAttribute('aria-invalid')).toBe('true');
    await ip.fill('203.0.113.9');
    await page.getByRole('button', { name: 'Check the domain' }).click();
    await verdict.getByText('Address checked: 203.0.113.9').waitFor();
    await verdict.getByText(/^Soft fail: the domain does not authorise this address\./).waitFor();
    await verdict.getByText('Decided by “~all” in the record of sender.test.').waitFor();
    expect(await verdict.getByText(/^A guess/).count()).toBe(0);
    await checkPage(page, 'health-spf-ip-en');
    expect(errors).toEqual([]);
  }, 120_000);
});
