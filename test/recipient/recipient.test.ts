/**
 * The recipient check against real servers on loopback (test/helpers/recipient-world.ts):
 * Postfix MX hosts with a valid, expired or wrong-name certificate or without STARTTLS,
 * a never-answering MX, a refused one, DANE with and without the AD bit, matching and
 * not, MTA-STS enforce inside and outside its mx patterns, two MXes where one is bad.
 * Every verdict is reached; the CLI is run as a real process in English and Japanese.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recipientReportSchema, type RecipientReport } from '../../electron/contract.js';
import { findingWords } from '../../electron/catalogue/index.js';
import { checkRecipient, type RecipientOptions } from '../../electron/engine/recipient/index.js';
import { renderRecipientHtml } from '../../electron/engine/report/index.js';
import { runCli } from '../helpers/cli.js';
import { peerAvailable } from '../helpers/env.js';
import { postfixBinary } from '../helpers/postfix.js';
import { startRecipientWorld, type RecipientWorld } from '../helpers/recipient-world.js';

const hasPostfix = peerAvailable('POSTFIX', [postfixBinary]);

describe.runIf(hasPostfix)('recipient check', () => {
  let world: RecipientWorld;

  beforeAll(async () => {
    world = await startRecipientWorld();
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  async function check(domain: string, extra: RecipientOptions = {}): Promise<RecipientReport> {
    const report = await checkRecipient(domain, {
      dnsServer: world.dns.address,
      smtpPort: world.smtpPort,
      httpsPort: world.https.port,
      caPem: world.caPem,
      timeoutMs: 8000,
      ...extra,
    });
    expect(recipientReportSchema.parse(report)).toEqual(report);
    return report;
  }
  const ids = (report: RecipientReport) => report.findings.map((f) => f.id);
  /** A wrong verdict comes with its findings and what the MX hosts logged (a CI failure leaves no other trace). */
  const expectVerdict = (report: RecipientReport, verdict: RecipientReport['verdict']) =>
    expect(report.verdict, `${JSON.stringify(report.findings)}\n${world.postfixLogs()}`).toBe(verdict);

  it('enforced: MTA-STS enforce covers the MX, whose certificate is valid and which is injection-safe', async () => {
    const report = await check('good.test');
    expectVerdict(report, 'enforced');
    expect(report.mxSource).toBe('mx');
    expect(report.mtaSts).toMatchObject({ mode: 'enforce', mx: ['*.good.test'], maxAge: 604800 });
    expect(report.tlsRpt.rua).toEqual(['mailto:tls@good.test']);
    const [mx] = report.hosts;
    expect(mx).toMatchObject({
      host: 'mx1.good.test',
      address: '127.0.0.2',
      transport: 'encrypted',
      certificateValid: true,
      injection: 'safe',
      mtaStsCovered: true,
      protectedBy: 'mta-sts',
      passes: true,
    });
    expect(mx?.tls?.version).toMatch(/^TLSv1\.[23]$/);
    expect(ids(report).filter((id) => id.startsWith('recipient-'))).toEqual([]);
    expect(report.adminMessage.en).toContain('Nothing to ask');
    // Only our loopback servers were contacted, and the policy was fetched over HTTPS.
    expect(world.https.requests).toContain('mta-sts.good.test /.well-known/mta-sts.txt');
  });

  it('the same domain without trusting the test CA: no verifiable policy or certificate, so only downgradable', async () => {
    const report = await check('good.test', { caPem: undefined });
    expectVerdict(report, 'downgradable');
    expect(ids(report)).toEqual(
      expect.arrayContaining(['recipient-cert-untrusted', 'mta-sts-policy-cert-invalid']),
    );
    expect(report.hosts[0]?.protectedBy).toBeNull();
  });

  it('not encrypted: an MX without STARTTLS (the red lock)', async () => {
    const report = await check('plain.test');
    expectVerdict(report, 'not-encrypted');
    expect(report.hosts[0]).toMatchObject({ transport: 'no-starttls', tls: null, passes: false });
    expect(report.hosts[0]?.banner).toContain('ESMTP');
    expect(ids(report)).toContain('recipient-starttls-missing');
    expect(report.reasons[0]?.en).toContain('red lock');
    expect(report.adminMessage.en).toContain('STARTTLS on port 25 of every MX');
    expect(report.adminMessage.ja).toContain('STARTTLS を有効に');
    expect(report.adminMessage.en).toContain('MTA-STS');
    expect(report.adminMessage.en).toContain('TLS-RPT');
  });

  it('the HTML report: verdict, MX table, findings and the note, with every value escaped', async () => {
    const report = await check('plain.test');
    report.reasons.push({ en: '<script>alert(1)</script>', ja: '<script>alert(1)</script>' });
    const { content, fileName } = renderRecipientHtml(report, 'ja');
    expect(fileName).toMatch(/^mailtls-recipient-plain\.test-\d{4}-\d{2}-\d{2}\.html$/);
    expect(content).toContain('判定: 暗号化されません');
    expect(content).toContain('mx.plain.test');
    expect(content).toContain('recipient-starttls-missing');
    expect(content).toContain('受信側のメール管理者へのお願い文');
    expect(content).toContain('&lt;script&gt;');
    expect(content).not.toContain('<script>');
  });

  it('two MXes where one is bad: the bad one decides', async () => {
    const report = await check('mixed.test');
    expect(report.hosts.map((h) => [h.host, h.transport])).toEqual([
      ['mx1.good.test', 'encrypted'],
      ['mx.plain.test', 'no-starttls'],
    ]);
    expectVerdict(report, 'not-encrypted');
    expect(report.findings.find((f) => f.id === 'recipient-starttls-missing')?.host).toBe('mx.plain.test');
  });

  it('downgradable: an expired certificate, and no policy', async () => {
    const report = await check('expired.test');
    expectVerdict(report, 'downgradable');
    expect(report.hosts[0]).toMatchObject({ transport: 'encrypted', certificateValid: false });
    expect(ids(report)).toEqual(
      expect.arrayContaining([
        'recipient-cert-expired',
        'recipient-no-downgrade-protection',
        'mta-sts-missing',
      ]),
    );
    expect(ids(report)).not.toContain('recipient-cert-hostname-mismatch');
  });

  it('downgradable: a certificate for another name', async () => {
    const report = await check('wrongname.test');
    expectVerdict(report, 'downgradable');
    expect(ids(report)).toContain('recipient-cert-hostname-mismatch');
    expect(ids(report)).not.toContain('recipient-cert-expired');
  });

  it('MTA-STS enforce with the MX outside its patterns is not enforced', async () => {
    const report = await check('outside.test');
    expectVerdict(report, 'downgradable');
    expect(report.hosts[0]).toMatchObject({
      mtaStsCovered: false,
      protectedBy: null,
      certificateValid: true,
    });
    expect(ids(report)).toEqual(expect.arrayContaining(['mta-sts-mx-mismatch', 'recipient-policy-mx-fails']));
  });

  it('enforced by DANE: signed TLSA 3 1 1 matching the served key, without any CA trusted', async () => {
    const report = await check('dane.test', { caPem: undefined });
    expect(report.mxAuthenticated).toBe(true);
    expect(report.hosts[0]?.dane).toMatchObject({ authenticated: true, result: 'match' });
    expect(report.hosts[0]?.protectedBy).toBe('dane');
    expectVerdict(report, 'enforced');
    expect(world.dns.queries).toContain('_25._tcp.mx.dane.test TLSA');
    // DANE needs no certificate from a public authority: the note does not ask for one.
    expect(report.adminMessage.en).not.toContain('STARTTLS on port 25 of every MX');
  });

  it('a signed TLSA record that does not match the chain: DANE senders would refuse', async () => {
    const report = await check('danebad.test');
    expect(report.hosts[0]?.dane).toMatchObject({ authenticated: true, result: 'mismatch' });
    expectVerdict(report, 'downgradable');
    expect(ids(report)).toEqual(
      expect.arrayContaining(['recipient-dane-mismatch', 'recipient-policy-mx-fails']),
    );
  });

  it('a matching TLSA record without the AD bit is not trusted', async () => {
    const report = await check('daneunsigned.test');
    expect(report.hosts[0]?.dane).toMatchObject({ authenticated: false, result: 'match' });
    expect(report.hosts[0]?.protectedBy).toBeNull();
    expectVerdict(report, 'downgradable');
    expect(ids(report)).toContain('recipient-dane-unauthenticated');
  });

  it('unknown: a never-answering MX is bounded by the deadline', async () => {
    const started = performance.now();
    const report = await check('silent.test', { timeoutMs: 2500 });
    const elapsed = performance.now() - started;
    expectVerdict(report, 'unknown');
    expect(report.hosts[0]?.transport).toBe('unreachable');
    expect(ids(report)).toEqual(
      expect.arrayContaining(['recipient-mx-unreachable', 'recipient-port25-blocked']),
    );
    expect(report.reasons[0]?.en).toContain('OP25B');
    expect(elapsed).toBeLessThan(2500 + 1500);
  });

  it('unknown: port 25 refused', async () => {
    const report = await check('blocked.test');
    expectVerdict(report, 'unknown');
    expect(report.reasons[0]?.ja).toContain('ポート 25');
  });

  it('no mail: a null MX, and a domain with no mail host at all', async () => {
    const nullMx = await check('nullmx.test');
    expect(nullMx).toMatchObject({ verdict: 'no-mail', mxSource: 'null-mx', hosts: [] });
    expect(ids(nullMx)).toContain('mx-null');
    const nowhere = await check('nowhere.test');
    expect(nowhere).toMatchObject({ verdict: 'no-mail', mxSource: 'none' });
    expect(ids(nowhere)).toContain('recipient-no-mail-host');
  });

  it('implicit MX: without MX records the domain itself is tested', async () => {
    const report = await check('implicit.test');
    expect(report.mxSource).toBe('implicit');
    expect(report.hosts.map((h) => h.host)).toEqual(['implicit.test']);
    expect(report.hosts[0]?.certificateValid).toBe(true);
    expect(ids(report)).toContain('mx-missing');
  });

  it('every finding is worded by the catalogue in ja and en and carries an audience', async () => {
    const report = await check('mixed.test');
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      const [ja, en] = [findingWords(f.id, 'ja'), findingWords(f.id, 'en')];
      expect(ja.title && en.title && ja.fixAdmin && en.fixAdmin).toBeTruthy();
      expect(ja.title).not.toBe(en.title);
      expect(['client-risk', 'server-hardening']).toContain(f.audience);
    }
  });

  describe('CLI', () => {
    const base = () => [
      '--dns-server',
      world.dns.address,
      '--smtp-port',
      String(world.smtpPort),
      '--https-port',
      String(world.https.port),
      '--ca',
      world.caFile,
      '--timeout',
      '8000',
    ];

    it('--json prints the schema mailtls.recipient/1 and exits 0 when enforced', async () => {
      const run = await runCli(['recipient', 'good.test', '--json', ...base()]);
      expect(run.stderr).toBe('');
      // The report says why, should a loaded machine ever get another verdict (seen once in CI).
      expect(run.code, run.stdout).toBe(0);
      const report = recipientReportSchema.parse(JSON.parse(run.stdout));
      expect(report.schema).toBe('mailtls.recipient/1');
      expectVerdict(report, 'enforced');
    });

    it('English text: verdict, findings and the note; exit 1 when not encrypted', async () => {
      const run = await runCli(['recipient', 'plain.test', '--lang', 'en', ...base()]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('Verdict: Not encrypted (not-encrypted)');
      expect(run.stdout).toContain('recipient-starttls-missing');
      expect(run.stdout).toContain('A note for the recipient’s administrator');
    });

    it('Japanese text; exit 4 when port 25 is unreachable', async () => {
      const run = await runCli(['recipient', 'blocked.test', '--lang', 'ja', ...base()]);
      expect(run.code).toBe(4);
      expect(run.stdout).toContain('判定: このネットワークからは不明 (unknown)');
      expect(run.stdout).toContain('受信側の管理者に送る文面');
    });

    it('mailtls batch takes recipient:DOMAIN lines beside servers, one JSON line each', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mailtls-recipient-batch-'));
      const file = join(dir, 'domains.txt');
      writeFileSync(file, 'recipient:good.test\nrecipient:plain.test # no STARTTLS\nrecipient:-bad-\n');
      try {
        const run = await runCli(['batch', file, '--json', '--concurrency', '2', ...base()]);
        const lines = run.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        const results = lines
          .filter((l) => l.type === 'recipient')
          .sort((a, b) => Number(a.line) - Number(b.line));
        expect(results.map((r) => [r.domain, r.verdict, r.secure])).toEqual([
          ['good.test', 'enforced', true],
          ['plain.test', 'not-encrypted', false],
        ]);
        expect(lines.at(-1)).toMatchObject({
          type: 'summary',
          total: 2,
          secure: 1,
          notSecure: 1,
          badLines: 1,
        });
        expect(run.stderr).toContain('line 3:');
        expect(run.code).toBe(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('bad input is one clear line in the user’s language, exit 2', async () => {
      const en = await runCli(['recipient', 'not a domain', '--lang', 'en']);
      expect(en.code).toBe(2);
      expect(en.stderr).toBe('mailtls: "not a domain" is not a domain name, such as example.com.\n');
      const ja = await runCli(['recipient', 'example.com', '--smtp-port', '0', '--lang', 'ja']);
      expect(ja.code).toBe(2);
      expect(ja.stderr).toContain('--smtp-port には 1 から 65535 までの整数を指定してください');
    });
  });
});
