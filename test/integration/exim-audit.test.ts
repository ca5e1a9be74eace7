/**
 * A real Exim 4 with optional STARTTLS on the relay (25) and submission (587)
 * roles, audited in-process and through `mailtls check --json`: each port is
 * labelled for what it did (STARTTLS, upgraded), the banner names Exim, the
 * administrator's findings are there (mail and AUTH accepted before TLS), and the
 * recommendation is the submission port with STARTTLS required, not the relay port.
 * The fixes are written in Exim's settings, and following one clears its finding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminFix } from '../../electron/catalogue/index.js';
import { auditReportSchema, type AuditReport, type PortReport } from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { peerAvailable, testPki } from '../helpers/env.js';
import { eximBinary, startExim, type EximInstance } from '../helpers/exim.js';
import { runCli } from '../helpers/cli.js';

// Missing Exim skips with a printed reason locally; CI sets REQUIRE_EXIM=1 so it fails there.
const hasExim = peerAvailable('EXIM', [eximBinary]);

describe.runIf(hasExim)('Exim 4, optional STARTTLS on 25 and 587 (real peer)', () => {
  let exim: EximInstance;

  beforeAll(async () => {
    const leaf = testPki().leaf('valid');
    exim = await startExim({ certFile: leaf.certFile, keyFile: leaf.keyFile });
  }, 30_000);
  afterAll(() => exim?.stop());

  function expectOptionalTlsShape(report: AuditReport): void {
    const byPort = (port: number) => report.ports.find((p) => p.port === port) as PortReport;
    const relay = byPort(exim.ports.relay);
    const submission = byPort(exim.ports.submission);
    for (const port of [relay, submission]) {
      expect(port.banner).toMatch(/Exim/);
      expect(port).toMatchObject({
        mode: 'starttls',
        outcome: 'starttls',
        reachable: true,
        injection: 'safe',
      });
      expect(port.certificate).toMatchObject({ trusted: true, hostnameMatch: true });
      expect(port.tls?.version).toMatch(/^TLSv1\.[23]$/);
      expect(port.findings.map((f) => f.id)).toContain('plaintext-auth');
    }
    // Mail before TLS is only a finding on the submission role; a relay must accept it.
    expect(submission.tlsEnforcement).toBe('not-enforced');
    expect(submission.findings.map((f) => f.id)).toContain('tls-not-required');
    expect(relay.tlsEnforcement).toBe('not-tested');
    expect(relay.findings.map((f) => f.id)).not.toContain('tls-not-required');
    // What the server merely allows never withholds the setting; 587 beats 25, and the reasons say why.
    expect(report.recommendation).toMatchObject({ port: exim.ports.submission, security: 'starttls' });
    expect(report.recommendation.reasons).toContainEqual({ key: 'starttls-must-be-required' });
    expect(report.recommendation.reasons).toContainEqual({
      key: 'relay-port-passed-over',
      port: exim.ports.relay,
    });
  }

  it('in-process: both roles upgrade, with the admin findings', async () => {
    const report = await runAudit({
      auditId: 'exim',
      host: '127.0.0.1',
      ports: [
        { port: exim.ports.relay, relay: true },
        { port: exim.ports.submission, mode: 'starttls' },
      ],
      timeoutMs: 10_000,
      caPem: testPki().caPem,
    });
    expectOptionalTlsShape(report);
  });

  it('through mailtls check --json: the same', async () => {
    const ports = `${exim.ports.relay}:relay,${exim.ports.submission}:starttls`;
    const run = await runCli(['check', '127.0.0.1', '--ports', ports, '--ca', testPki().caFile, '--json']);
    expect(run.stderr).toBe('');
    expectOptionalTlsShape(auditReportSchema.parse(JSON.parse(run.stdout)));
  }, 40_000);

  it('through mailtls check in Japanese: every fix is written in Exim settings, none in Postfix ones', async () => {
    const ports = `${exim.ports.relay}:relay,${exim.ports.submission}:starttls`;
    const run = await runCli([
      'check',
      '127.0.0.1',
      '--ports',
      ports,
      '--ca',
      testPki().caFile,
      '--lang',
      'ja',
    ]);
    expect(run.stderr).toBe('');
    const fixes = run.stdout.split('\n').filter((line) => line.trim().startsWith('対処:'));
    // AUTH before TLS, mail before TLS, TLS 1.0/1.1 accepted: each has its Exim setting.
    expect(fixes.join('\n')).toContain('auth_advertise_hosts');
    expect(fixes.join('\n')).toContain('$received_port');
    expect(fixes.join('\n')).toContain('tls_require_ciphers');
    for (const fix of fixes) {
      expect(fix).toContain('Exim');
      expect(fix).not.toMatch(/postfix|smtpd_|main\.cf|master\.cf/i);
    }
  }, 40_000);

  it('the GnuTLS setting the TLS-version fix gives, applied to this Exim, clears the finding', async () => {
    const setting = /(tls_require_ciphers = \S+)\.$/.exec(adminFix('tls-legacy-version', 'en', 'exim'))?.[1];
    expect(setting).toBeDefined();
    const leaf = testPki().leaf('valid');
    const fixed = await startExim({
      certFile: leaf.certFile,
      keyFile: leaf.keyFile,
      settings: [setting ?? ''],
    });
    try {
      const audit = (port: number) =>
        runAudit({
          auditId: 'exim-fixed',
          host: '127.0.0.1',
          ports: [{ port, mode: 'starttls' }],
          timeoutMs: 10_000,
          caPem: testPki().caPem,
        });
      const [before, after] = await Promise.all([
        audit(exim.ports.submission),
        audit(fixed.ports.submission),
      ]);
      expect(before.ports[0]?.findings.map((f) => f.id)).toContain('tls-legacy-version');
      expect(after.ports[0]?.findings.map((f) => f.id)).not.toContain('tls-legacy-version');
      expect(after.ports[0]?.tls?.version).toMatch(/^TLSv1\.[23]$/);
    } finally {
      fixed.stop();
    }
  }, 40_000);
});
