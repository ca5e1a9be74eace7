/** The self-contained HTML report: content in both languages, escaping, no external resources, printable. */
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminFix, smtpFindings as findingTexts } from '../../electron/catalogue/index.js';
import { renderHtmlReport } from '../../electron/engine/report/index.js';
import { localTime } from '../../electron/engine/report/html.js';
import { peerAvailable } from '../helpers/env.js';
import { noRecommendation, samplePort, sampleReport } from './fixtures.js';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';

function reportWithFindings() {
  return sampleReport({
    ports: [
      samplePort(25, 'plain', { findings: [{ id: 'starttls-missing', severity: 'high', port: 25 }] }),
      samplePort(465, 'implicit-tls'),
      samplePort(587, 'starttls', {
        banner: `220 ${hostile}`,
        findings: [{ id: 'plaintext-auth', severity: 'medium', port: 587, detail: hostile }],
        transcript: [{ t: 0, dir: 's', text: `220 ${hostile}` }],
      }),
    ],
    findings: [{ id: 'cert-expiring-soon', severity: 'low' }],
  });
}

describe('renderHtmlReport', () => {
  it.each(['en', 'ja'] as const)(
    '%s: recommendation, reasons, ports, findings with fixes, certificates',
    (language) => {
      const { content, fileName, mimeType } = renderHtmlReport(reportWithFindings(), language);
      expect(fileName).toBe('mailtls-report-mail.example.com-2026-11-29.html');
      expect(mimeType).toBe('text/html');
      expect(content).toContain(`<html lang="${language}">`);
      expect(content).toContain(language === 'en' ? 'Use port 465 with implicit TLS' : '465 番ポートを');
      for (const id of ['starttls-missing', 'plaintext-auth', 'cert-expiring-soon'] as const) {
        const text = findingTexts[id][language];
        for (const part of [text.title, text.fixAdmin, text.fixUser])
          expect(content).toContain(
            part
              .replace(/&/g, '&amp;')
              .replace(/'/g, '&#39;')
              .replace(/"/g, '&quot;')
              .replace(/</g, '&lt;')
              .replace(/>/g, '&gt;'),
          );
      }
      // Highest severity first.
      expect(content.indexOf(findingTexts['starttls-missing'][language].title)).toBeLessThan(
        content.indexOf(findingTexts['cert-expiring-soon'][language].title),
      );
      expect(content).toContain('AB:AB:AB');
    },
  );

  it('writes the administrator fix in the settings of the software the server names', () => {
    const base = reportWithFindings();
    const exim = {
      ...base,
      ports: base.ports.map((p) => ({ ...p, banner: '220 mx.example.com ESMTP Exim 4.96' })),
    };
    const escape = (text: string) =>
      text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
    expect(renderHtmlReport(exim, 'en').content).toContain(escape(adminFix('plaintext-auth', 'en', 'exim')));
    expect(renderHtmlReport(base, 'en').content).toContain(
      escape(findingTexts['plaintext-auth'].en.fixAdmin),
    );
  });

  it('escapes every value and loads nothing', () => {
    const { content } = renderHtmlReport(reportWithFindings(), 'en');
    expect(content).not.toContain('<script');
    expect(content).not.toContain('<img');
    expect(content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(content).not.toMatch(/<[a-z][^>]*\s(src|href)=|url\(|@import|<link|<iframe|<object/i);
    expect(content).toContain(`default-src 'none'`);
  });

  it('says plainly when nothing is secure', () => {
    const report = sampleReport({
      ports: [samplePort(25, 'plain')],
      recommendation: noRecommendation,
      findings: [{ id: 'no-secure-option', severity: 'high' }],
    });
    const { content } = renderHtmlReport(report, 'ja');
    expect(content).toContain('class="verdict bad"');
    expect(content).toContain('安全な設定は見つかりませんでした');
  });
});

describe.runIf(peerAvailable('BROWSER', ['/usr/bin/chromium']))('in a real browser', () => {
  it('renders with zero network requests and prints to PDF', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      let dialogs = 0;
      page.on('dialog', (dialog) => {
        dialogs += 1;
        void dialog.dismiss();
      });
      await page.setContent(renderHtmlReport(reportWithFindings(), 'ja').content, { waitUntil: 'load' });
      expect(await page.title()).toContain('mail.example.com');
      expect(await page.locator('h2').count()).toBeGreaterThanOrEqual(4);
      expect(await page.locator('script, img, link').count()).toBe(0);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(requests).toEqual([]);
      expect(dialogs).toBe(0);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('gives the test time in the reader’s language and this machine’s time zone, naming the zone', () => {
    const startedAt = '2026-11-29T15:30:00.000Z';
    const report = { ...reportWithFindings(), startedAt };
    const previous = process.env.TZ;
    try {
      // Tokyo: 15:30 UTC is 00:30 on the next day.
      process.env.TZ = 'Asia/Tokyo';
      expect(localTime(startedAt, 'ja')).toMatch(/^2026年11月30日 0:30:00 (JST|GMT\+9)$/);
      expect(renderHtmlReport(report, 'ja').content).toContain(localTime(startedAt, 'ja'));
      expect(renderHtmlReport(report, 'ja').content).not.toContain(startedAt);
      process.env.TZ = 'UTC';
      expect(localTime(startedAt, 'en')).toBe('29 November 2026 at 15:30:00 UTC');
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it("words MailTLS's transcript notes in the reader's language and keeps the server's lines as said", () => {
    const report = sampleReport({
      ports: [
        samplePort(465, 'implicit-tls', {
          transcript: [
            {
              t: 0,
              dir: 'i',
              text: 'TLS handshake first (implicit TLS)',
              note: { key: 'implicit-tls-first' },
            },
            { t: 5, dir: 's', text: '220 mail.example.jp ESMTP' },
          ],
        }),
      ],
    });
    const ja = renderHtmlReport(report, 'ja').content;
    expect(ja).toContain('最初に TLS ハンドシェイク（SSL/TLS）');
    expect(ja).not.toContain('TLS handshake first');
    expect(ja).toContain('220 mail.example.jp ESMTP');
    expect(renderHtmlReport(report, 'en').content).toContain('TLS handshake first (implicit TLS)');
  });
});
