/**
 * The audit against a real Postfix on loopback. Good shape: implicit TLS is
 * recommended, STARTTLS on the submission port is enforced and injection-safe, no
 * legacy TLS and nothing serious anywhere (no false positives). Weak shape
 * (smtpd_tls_auth_only = no, TLS optional on submission): plaintext-auth and
 * tls-not-required on the submission port.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditReportSchema,
  type AuditReport,
  type PortReport,
  type PortSpec,
} from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { audienceOf, severityRank } from '../../electron/catalogue/index.js';
import { peerAvailable, testPki } from '../helpers/env.js';
import { postfixBinary, startPostfix, type PostfixInstance, type PostfixPorts } from '../helpers/postfix.js';
import { ensureCliBuilt } from '../helpers/cli.js';
import { checkLimitMs, mailtlsCheck } from '../hostile/cli.js';

// Missing Postfix skips with a printed reason locally; CI sets REQUIRE_POSTFIX=1 so it fails there.
const hasPostfix = peerAvailable('POSTFIX', [postfixBinary]);
const timeoutMs = 6000;

function portSpecs(ports: PostfixPorts, implicitTls: boolean): PortSpec[] {
  return [
    { port: ports.smtp, relay: true },
    ...(implicitTls ? [{ port: ports.submissions, mode: 'implicit-tls' } as const] : []),
    { port: ports.submission, mode: 'starttls' },
  ];
}

async function auditPostfix(
  shape: 'good' | 'weak',
  implicitTls = true,
): Promise<{ instance: PostfixInstance; report: AuditReport }> {
  const { certFile, keyFile } = testPki().leaf('valid');
  const instance = await startPostfix({ certFile, keyFile, shape, implicitTls });
  try {
    const report = await runAudit({
      auditId: `postfix-${shape}`,
      host: '127.0.0.1',
      ports: portSpecs(instance.ports, implicitTls),
      timeoutMs,
      caPem: testPki().caPem,
    });
    expect(auditReportSchema.parse(report)).toEqual(report);
    expect(report.elapsedMs).toBeLessThan(timeoutMs);
    return { instance, report };
  } catch (error) {
    instance.stop();
    throw error;
  }
}

/** What a verdict consists of: the recommendation and each port's findings. */
function verdict(report: AuditReport) {
  return {
    recommendation: { port: report.recommendation.port, security: report.recommendation.security },
    findings: report.ports.map((p) => ({ port: p.port, ids: p.findings.map((f) => f.id).sort() })),
  };
}

/** The command line reaches the same verdict as the in-process audit. */
async function expectSameFromCli(postfix: PostfixInstance | undefined, report: AuditReport): Promise<void> {
  const implicitTls = report.ports.some((p) => p.port === postfix!.ports.submissions);
  const { report: fromCli } = await mailtlsCheck(portSpecs(postfix!.ports, implicitTls), timeoutMs);
  expect(verdict(fromCli)).toEqual(verdict(report));
}

function portOf(report: AuditReport, port: number): PortReport {
  const found = report.ports.find((p) => p.port === port);
  if (!found) throw new Error(`port ${port} missing from the report`);
  return found;
}

const ids = (port: PortReport) => port.findings.map((f) => f.id);

describe.skipIf(!hasPostfix)('audit of a real Postfix', () => {
  beforeAll(ensureCliBuilt, 150_000);

  describe('good configuration', () => {
    let postfix: PostfixInstance | undefined;
    let report: AuditReport;
    beforeAll(async () => {
      ({ instance: postfix, report } = await auditPostfix('good'));
    });
    afterAll(() => postfix?.stop());

    it('recommends implicit TLS on the submissions port', () => {
      expect(report.recommendation).toMatchObject({
        port: postfix?.ports.submissions,
        security: 'implicit-tls',
      });
      expect(report.findings).toEqual([]);
      expect(portOf(report, postfix!.ports.submissions)).toMatchObject({
        mode: 'implicit-tls',
        reachable: true,
      });
    });

    it('finds STARTTLS on the submission port enforced and injection-safe', () => {
      const submission = portOf(report, postfix!.ports.submission);
      expect(submission).toMatchObject({ mode: 'starttls', tlsEnforcement: 'enforced', injection: 'safe' });
      expect(submission.auth.beforeTls).toEqual([]);
      expect(submission.auth.afterTls).toEqual(expect.arrayContaining(['PLAIN']));
    });

    it('tests the smtp port as a relay: STARTTLS, no enforcement check', () => {
      const smtp = portOf(report, postfix!.ports.smtp);
      expect(smtp).toMatchObject({
        relay: true,
        mode: 'starttls',
        tlsEnforcement: 'not-tested',
        injection: 'safe',
      });
    });

    it('raises no false positives: no legacy TLS, nothing high or critical, valid certificate', () => {
      for (const port of report.ports) {
        expect(ids(port), `port ${port.port}`).not.toContain('tls-legacy-version');
        expect(
          port.findings.filter((f) => severityRank[f.severity] >= severityRank.high),
          `port ${port.port}`,
        ).toEqual([]);
        expect(port.certificate).toMatchObject({ trusted: true, hostnameMatch: true });
        expect(port.tls?.acceptedVersions.every((v) => v === 'TLSv1.2' || v === 'TLSv1.3')).toBe(true);
        expect(port.tls?.rejectedVersions).toEqual(expect.arrayContaining(['TLSv1', 'TLSv1.1']));
      }
    });

    it(
      'gives the same verdict through mailtls check --json',
      () => expectSameFromCli(postfix, report),
      checkLimitMs(timeoutMs),
    );
  });

  describe('certificate chain', () => {
    /** The submissions port of a good Postfix serving the leaf issued by the intermediate. */
    async function submissionsWithChain(withIntermediate: boolean): Promise<PortReport> {
      const { certFile, keyFile } = testPki().leaf('via-intermediate');
      const chainFile = withIntermediate ? join(testPki().dir, 'intermediate.pem') : undefined;
      const instance = await startPostfix({ certFile, keyFile, chainFile, shape: 'good' });
      try {
        const report = await runAudit({
          auditId: 'postfix-chain',
          host: '127.0.0.1',
          ports: [{ port: instance.ports.submissions, mode: 'implicit-tls' }],
          timeoutMs,
          caPem: testPki().caPem,
        });
        return portOf(report, instance.ports.submissions);
      } finally {
        instance.stop();
      }
    }

    it('finds the intermediate missing when Postfix sends the leaf alone', async () => {
      const port = await submissionsWithChain(false);
      expect(ids(port)).toContain('cert-incomplete-chain');
      expect(port.certificate).toMatchObject({ trusted: false, chainLength: 1 });
    });

    it('finds nothing wrong when Postfix sends the intermediate too', async () => {
      const port = await submissionsWithChain(true);
      expect(ids(port)).toEqual([]);
      expect(port.certificate).toMatchObject({ trusted: true, hostnameMatch: true });
    });
  });

  describe('weak configuration', () => {
    let postfix: PostfixInstance | undefined;
    let report: AuditReport;
    beforeAll(async () => {
      ({ instance: postfix, report } = await auditPostfix('weak'));
    });
    afterAll(() => postfix?.stop());

    it('finds AUTH offered in plaintext and TLS not required on the submission port', () => {
      const submission = portOf(report, postfix!.ports.submission);
      expect(ids(submission)).toEqual(expect.arrayContaining(['plaintext-auth', 'tls-not-required']));
      expect(submission.tlsEnforcement).toBe('not-enforced');
      expect(submission.auth.beforeTls).toEqual(expect.arrayContaining(['PLAIN']));
    });

    it('still recommends implicit TLS, which the weak settings do not touch', () => {
      expect(report.recommendation).toMatchObject({
        port: postfix?.ports.submissions,
        security: 'implicit-tls',
      });
    });

    it(
      'gives the same verdict through mailtls check --json',
      () => expectSameFromCli(postfix, report),
      checkLimitMs(timeoutMs),
    );
  });

  describe('TLS merely allowed (smtpd_tls_security_level = may on 25 and 587, no 465)', () => {
    let postfix: PostfixInstance | undefined;
    let report: AuditReport;
    beforeAll(async () => {
      ({ instance: postfix, report } = await auditPostfix('weak', false));
    });
    afterAll(() => postfix?.stop());

    it('recommends STARTTLS on 587, set to required, and says why 25 was passed over', () => {
      expect(report.recommendation).toMatchObject({ port: postfix?.ports.submission, security: 'starttls' });
      expect(report.recommendation.reasons).toEqual(
        expect.arrayContaining([
          { key: 'starttls-must-be-required' },
          { key: 'relay-port-passed-over', port: postfix?.ports.smtp },
        ]),
      );
      expect(report.findings.map((f) => f.id)).not.toContain('no-secure-option');
    });

    it('keeps what the server allows as findings for its administrator', () => {
      const submission = portOf(report, postfix!.ports.submission);
      expect(ids(submission)).toEqual(expect.arrayContaining(['plaintext-auth', 'tls-not-required']));
      for (const id of ids(submission)) expect(audienceOf({ id }), id).toBe('server-hardening');
    });

    it(
      'gives the same verdict through mailtls check --json',
      () => expectSameFromCli(postfix, report),
      checkLimitMs(timeoutMs),
    );
  });
});
