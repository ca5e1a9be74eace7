/**
 * The incoming audit against a real Dovecot on loopback (imapd, pop3d, and submission
 * as the outgoing server), in four shapes: good (993/995 implicit, 143/110 STARTTLS
 * with no log-in before TLS, TLS 1.2 or newer), legacy (`ssl = yes`, plaintext log-in
 * and AUTH before TLS allowed, TLS 1.0 accepted), a certificate for
 * another name, and an expired certificate. Dovecot listens on 127.0.0.2; the audit
 * connects from 127.0.0.1 (see test/helpers/dovecot.ts for why that matters).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditReportSchema,
  type AuditReport,
  type IncomingPortReport,
  type IncomingPortSpec,
} from '../../electron/contract.js';
import { audienceOf, serverHardeningFindings } from '../../electron/catalogue/index.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { ensureCliBuilt, runCli } from '../helpers/cli.js';
import { dovecotBinary, startDovecot, type DovecotInstance } from '../helpers/dovecot.js';
import { peerAvailable, testPki } from '../helpers/env.js';
import type { LeafName } from '../helpers/pki.js';

const hasDovecot = peerAvailable('DOVECOT', [dovecotBinary]);
const timeoutMs = 8000;

export function incomingSpecs(instance: DovecotInstance): IncomingPortSpec[] {
  const { ports } = instance;
  return [
    { port: ports.imaps, protocol: 'imap', mode: 'implicit-tls' },
    { port: ports.imap, protocol: 'imap', mode: 'starttls' },
    { port: ports.pop3s, protocol: 'pop3', mode: 'implicit-tls' },
    { port: ports.pop3, protocol: 'pop3', mode: 'starttls' },
  ];
}

async function auditDovecot(
  shape: 'good' | 'legacy',
  leaf: LeafName = 'valid',
  submission = false,
): Promise<{ instance: DovecotInstance; report: AuditReport }> {
  const { certFile, keyFile } = testPki().leaf(leaf);
  const instance = await startDovecot({ certFile, keyFile, shape, submission });
  try {
    const report = await runAudit({
      auditId: `dovecot-${shape}-${leaf}`,
      host: instance.address,
      protocols: submission ? ['smtp', 'imap', 'pop3'] : ['imap', 'pop3'],
      ports: submission ? [{ port: instance.ports.submission!, mode: 'starttls' }] : undefined,
      incomingPorts: incomingSpecs(instance),
      timeoutMs,
      caPem: testPki().caPem,
    });
    expect(auditReportSchema.parse(report)).toEqual(report);
    return { instance, report };
  } catch (error) {
    instance.stop();
    throw error;
  }
}

function port(report: AuditReport, number: number): IncomingPortReport {
  const found = report.incoming?.ports.find((p) => p.port === number);
  if (!found) throw new Error(`port ${number} missing from the report`);
  return found;
}

const ids = (p: IncomingPortReport) => p.findings.map((f) => f.id);

describe.runIf(hasDovecot)('incoming audit of a real Dovecot', () => {
  describe('good shape, with Dovecot submission as the outgoing server', () => {
    let instance: DovecotInstance;
    let report: AuditReport;
    beforeAll(async () => {
      ({ instance, report } = await auditDovecot('good', 'valid', true));
    }, 60_000);
    afterAll(() => instance?.stop());

    it('audits Dovecot submission in the same run: STARTTLS, injection-safe, recommended as required', () => {
      expect(report.ports).toHaveLength(1);
      const submission = report.ports[0]!;
      expect(submission).toMatchObject({
        port: instance.ports.submission,
        mode: 'starttls',
        injection: 'safe',
      });
      expect(submission.ehlo.beforeTls).toContain('STARTTLS');
      expect(report.recommendation).toMatchObject({ port: instance.ports.submission, security: 'starttls' });
      expect(report.recommendation.reasons).toContainEqual({ key: 'starttls-must-be-required' });
    });

    it('recommends implicit TLS for each protocol and lists every port that qualifies', () => {
      const { imap, pop3 } = report.incoming!.recommendations;
      expect(imap).toMatchObject({ port: instance.ports.imaps, security: 'implicit-tls' });
      expect(pop3).toMatchObject({ port: instance.ports.pop3s, security: 'implicit-tls' });
      expect(imap?.reasons).toContainEqual({
        key: 'qualifying-ports',
        ports: [instance.ports.imaps, instance.ports.imap],
      });
      expect(pop3?.reasons).toContainEqual({
        key: 'qualifying-ports',
        ports: [instance.ports.pop3s, instance.ports.pop3],
      });
      expect(report.incoming!.findings).toEqual([]);
    });

    it('reads IMAP capabilities before and after STARTTLS and sends no LOGIN where LOGINDISABLED forbids it', () => {
      const imap = port(report, instance.ports.imap);
      expect(imap.mode).toBe('starttls');
      expect(imap.greeting).toBe('ok');
      expect(imap.capabilities.beforeTls).toEqual(expect.arrayContaining(['STARTTLS', 'LOGINDISABLED']));
      expect(imap.capabilities.afterTls).toEqual(expect.arrayContaining(['AUTH=PLAIN', 'AUTH=LOGIN']));
      expect(imap.capabilities.afterTls).not.toContain('STARTTLS');
      expect(imap.auth).toEqual({ beforeTls: [], afterTls: ['LOGIN', 'PLAIN'] });
      expect(imap.cleartextLogin).toBe('not-tested');
      expect(imap.transcript.some((l) => l.dir === 'c' && l.text.includes('LOGIN mailtls'))).toBe(false);
      expect(imap.injection).toBe('safe');
    });

    it('sees POP3 offer no USER before STLS, and refuse a made-up USER for lack of TLS', () => {
      const pop3 = port(report, instance.ports.pop3);
      expect(pop3.mode).toBe('starttls');
      expect(pop3.capabilities.beforeTls).toContain('STLS');
      expect(pop3.auth.beforeTls).toEqual([]);
      expect(pop3.auth.afterTls).toEqual(expect.arrayContaining(['USER', 'PLAIN']));
      expect(pop3.cleartextLogin).toBe('refused');
      expect(pop3.injection).toBe('safe');
    });

    it('finds nothing wrong on any port: no false positives, TLS 1.0 and 1.1 refused', () => {
      for (const p of report.incoming!.ports) {
        expect(ids(p), `port ${p.port}`).toEqual([]);
        expect(p.certificate).toMatchObject({ trusted: true, hostnameMatch: true });
        expect(p.tls?.acceptedVersions).not.toContain('TLSv1');
        expect(p.tls?.rejectedVersions.length ?? 0).toBeGreaterThan(0);
      }
    });
  });

  it('mailtls check shows both directions and exits 0 when each has a secure setting', async () => {
    ensureCliBuilt();
    const { certFile, keyFile } = testPki().leaf('valid');
    const instance = await startDovecot({ certFile, keyFile, shape: 'good', submission: true });
    try {
      const { ports } = instance;
      const list = [
        `${ports.submission!}:starttls`,
        `${ports.imaps}:imap-implicit`,
        `${ports.imap}:imap-starttls`,
        `${ports.pop3s}:pop3-implicit`,
        `${ports.pop3}:pop3-starttls`,
      ].join(',');
      const args = [
        'check',
        instance.address,
        '--ports',
        list,
        '--ca',
        testPki().caFile,
        '--timeout',
        String(timeoutMs),
      ];
      const reportFile = join(mkdtempSync(join(tmpdir(), 'mailtls-report-')), 'report.html');
      const json = await runCli([...args, '--json', '--report', reportFile], {
        timeoutMs: timeoutMs + 15_000,
      });
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      const report = auditReportSchema.parse(JSON.parse(json.stdout));
      expect(report.recommendation.port).toBe(ports.submission);
      expect(report.incoming?.recommendations.imap?.port).toBe(ports.imaps);
      expect(report.incoming?.recommendations.pop3?.port).toBe(ports.pop3s);
      // The HTML report carries the incoming section: a verdict per protocol, the ports, their certificates.
      const html = readFileSync(reportFile, 'utf8');
      expect(html).toContain(`Incoming mail (IMAP, POP3): ${instance.address}`);
      expect(html).toContain(`IMAP: recommendation`);
      expect(html).toContain(`Use port ${ports.pop3s} with implicit TLS (SSL/TLS).`);
      expect(html).toContain(`<h3>POP3 Port ${ports.pop3}</h3>`);
      // mailtls batch: a line that lists incoming ports tests them too.
      const list14 = join(mkdtempSync(join(tmpdir(), 'mailtls-batch-')), 'servers.txt');
      writeFileSync(list14, `${instance.address}:${list}\n`);
      const batch = await runCli(
        ['batch', list14, '--json', '--ca', testPki().caFile, '--timeout', String(timeoutMs)],
        {
          timeoutMs: timeoutMs + 15_000,
        },
      );
      expect(batch.code).toBe(0);
      const [result] = batch.stdout.split('\n').map((line) => line && JSON.parse(line));
      expect(result).toMatchObject({
        type: 'result',
        secure: true,
        recommendation: { port: ports.submission, security: 'starttls' },
        incoming: { recommendations: { imap: { port: ports.imaps }, pop3: { port: ports.pop3s } } },
      });
      const en = await runCli([...args, '--lang', 'en'], { timeoutMs: timeoutMs + 15_000 });
      expect(en.stdout).toContain('Outgoing (SMTP):');
      expect(en.stdout).toContain(`IMAP recommendation: use port ${ports.imaps} with SSL/TLS`);
      const ja = await runCli([...args, '--lang', 'ja'], { timeoutMs: timeoutMs + 15_000 });
      expect(ja.stdout).toContain('受信（IMAP・POP3）');
      expect(ja.stdout).toContain(`POP3 の推奨設定: ポート ${ports.pop3s} を SSL/TLS`);
    } finally {
      instance.stop();
    }
  }, 120_000);

  describe('legacy shape, with Dovecot submission as the outgoing server', () => {
    let instance: DovecotInstance;
    let report: AuditReport;
    beforeAll(async () => {
      ({ instance, report } = await auditDovecot('legacy', 'valid', true));
    }, 60_000);
    afterAll(() => instance?.stop());

    it('submission: AUTH before TLS and TLS 1.0/1.1 are admin findings, and 587 STARTTLS (required) is still recommended', () => {
      const submission = report.ports[0]!;
      expect(submission).toMatchObject({
        port: instance.ports.submission,
        mode: 'starttls',
        outcome: 'starttls',
        injection: 'safe',
      });
      // `ssl = yes` without `disable_plaintext_auth`: AUTH is offered before STARTTLS.
      expect(submission.ehlo.beforeTls).toEqual(expect.arrayContaining(['STARTTLS', 'AUTH PLAIN LOGIN']));
      expect(submission.tls?.acceptedVersions).toEqual(
        expect.arrayContaining(['TLSv1', 'TLSv1.1', 'TLSv1.3']),
      );
      expect(submission.certificate).toMatchObject({ trusted: true, hostnameMatch: true });
      expect(submission.findings.map((f) => f.id).sort()).toEqual(['plaintext-auth', 'tls-legacy-version']);
      expect(submission.findings.map(audienceOf)).toEqual(['server-hardening', 'server-hardening']);
      expect(serverHardeningFindings(report).map((f) => f.id)).toEqual([
        'plaintext-auth',
        'tls-legacy-version',
      ]);
      expect(report.recommendation).toMatchObject({ port: instance.ports.submission, security: 'starttls' });
      expect(report.recommendation.reasons).toContainEqual({ key: 'starttls-must-be-required' });
      // Its 530 to MAIL before TLS asks for a log-in, which plaintext allows: not TLS enforcement.
      expect(submission.tlsEnforcement).toBe('not-enforced');
      expect(report.recommendation.reasons).not.toContainEqual({ key: 'tls-enforced' });
    });

    it('flags IMAP LOGIN and POP3 USER before TLS, confirmed with a made-up user', () => {
      const imap = port(report, instance.ports.imap);
      expect(ids(imap)).toContain('imap-login-before-tls');
      expect(imap.auth.beforeTls).toContain('LOGIN');
      expect(imap.cleartextLogin).toBe('accepted');
      const pop3 = port(report, instance.ports.pop3);
      expect(ids(pop3)).toContain('pop3-user-before-tls');
      expect(pop3.auth.beforeTls).toContain('USER');
      expect(pop3.cleartextLogin).toBe('accepted');
    });

    it('flags TLS 1.0 as accepted on every port', () => {
      for (const p of report.incoming!.ports) {
        expect(p.tls?.acceptedVersions, `port ${p.port}`).toContain('TLSv1');
        expect(ids(p)).toContain('tls-legacy-version');
      }
    });

    it('still recommends implicit TLS: server-hardening findings do not withhold it', () => {
      expect(report.incoming!.recommendations.imap).toMatchObject({ port: instance.ports.imaps });
      expect(report.incoming!.recommendations.pop3).toMatchObject({ port: instance.ports.pop3s });
    });

    it('never puts the made-up password in the transcript', () => {
      const imap = port(report, instance.ports.imap);
      const login = imap.transcript.find((l) => l.dir === 'c' && l.text.includes('LOGIN'));
      expect(login?.text).toMatch(/LOGIN mailtls-probe \*{8}$/);
    });
  });

  it('mailtls check on the legacy shape: 587 STARTTLS required, and fixes in Dovecot settings (ja and en)', async () => {
    ensureCliBuilt();
    const { certFile, keyFile } = testPki().leaf('valid');
    const instance = await startDovecot({ certFile, keyFile, shape: 'legacy', submission: true });
    try {
      const submission = instance.ports.submission!;
      const args = [
        'check',
        instance.address,
        '--ports',
        `${submission}:starttls`,
        '--ca',
        testPki().caFile,
        '--timeout',
        String(timeoutMs),
      ];
      const json = await runCli([...args, '--json'], { timeoutMs: timeoutMs + 15_000 });
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      const report = auditReportSchema.parse(JSON.parse(json.stdout));
      expect(report.recommendation).toMatchObject({ port: submission, security: 'starttls' });
      expect(report.ports[0]?.findings.map((f) => f.id).sort()).toEqual([
        'plaintext-auth',
        'tls-legacy-version',
      ]);
      const ja = await runCli([...args, '--lang', 'ja'], { timeoutMs: timeoutMs + 15_000 });
      expect(ja.stdout).toContain(`推奨設定: ポート ${submission} を STARTTLS（「必須」に設定）`);
      expect(ja.stdout).toContain('Dovecotでは disable_plaintext_auth = yes');
      expect(ja.stdout).toContain('Dovecotでは ssl_min_protocol = TLSv1.2');
      const en = await runCli([...args, '--lang', 'en'], { timeoutMs: timeoutMs + 15_000 });
      expect(en.stdout).toContain('In Dovecot, set disable_plaintext_auth = yes');
      expect(en.stdout).toContain('In Dovecot, set ssl_min_protocol = TLSv1.2');
      for (const out of [ja.stdout, en.stdout]) expect(out).not.toMatch(/postfix|smtpd_|main\.cf/i);
    } finally {
      instance.stop();
    }
  }, 120_000);

  for (const [leaf, finding] of [
    ['wrong-name', 'cert-hostname-mismatch'],
    ['expired', 'cert-expired'],
  ] as const) {
    describe(`${leaf} certificate`, () => {
      let instance: DovecotInstance;
      let report: AuditReport;
      beforeAll(async () => {
        ({ instance, report } = await auditDovecot('good', leaf));
      }, 60_000);
      afterAll(() => instance?.stop());

      it(`reports ${finding} on every port and recommends nothing`, () => {
        for (const p of report.incoming!.ports) expect(ids(p), `port ${p.port}`).toContain(finding);
        expect(report.incoming!.recommendations.imap?.security).toBeNull();
        expect(report.incoming!.recommendations.pop3?.security).toBeNull();
        expect(report.incoming!.recommendations.imap?.reasons).toContainEqual({
          key: 'fix-to-qualify',
          finding,
        });
        expect(report.incoming!.findings.map((f) => f.id)).toEqual(['incoming-no-secure-option']);
      });
    });
  }
});
