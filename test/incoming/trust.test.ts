/**
 * One trust model for incoming mail too: a company CA found only in the operating
 * system's store (the test PKI's root as the only certificate of the store that
 * SSL_CERT_FILE/SSL_CERT_DIR point at) makes IMAP and POP3 ports trusted, exactly as
 * it does SMTP ports and the IMAP/POP3 log-in test. Without it, every port is
 * untrusted. Real Dovecot, all four standard port shapes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema, type AuditReport } from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { dovecotBinary, startDovecot, type DovecotInstance } from '../helpers/dovecot.js';
import { peerAvailable, testPki } from '../helpers/env.js';

const hasDovecot = peerAvailable('DOVECOT', [dovecotBinary]);
const emptyDir = mkdtempSync(join(tmpdir(), 'mailtls-empty-certs-'));

describe.runIf(hasDovecot)(
  'IMAP and POP3 certificates and the operating system store',
  { timeout: 60_000 },
  () => {
    let dovecot: DovecotInstance;
    beforeAll(async () => {
      const leaf = testPki().leaf('valid');
      dovecot = await startDovecot({ certFile: leaf.certFile, keyFile: leaf.keyFile, shape: 'good' });
    });
    afterAll(() => dovecot.stop());

    const audit = (): Promise<AuditReport> =>
      runAudit({
        auditId: 'incoming-trust',
        host: dovecot.address,
        protocols: ['imap', 'pop3'],
        incomingPorts: [
          { port: dovecot.ports.imaps, protocol: 'imap', mode: 'implicit-tls' },
          { port: dovecot.ports.imap, protocol: 'imap', mode: 'starttls' },
          { port: dovecot.ports.pop3s, protocol: 'pop3', mode: 'implicit-tls' },
          { port: dovecot.ports.pop3, protocol: 'pop3', mode: 'starttls' },
        ],
        timeoutMs: 15_000,
      });

    it('without the company CA in any store, every port is untrusted', async () => {
      const report = await audit();
      const ports = report.incoming?.ports ?? [];
      expect(ports).toHaveLength(4);
      for (const port of ports) {
        expect(port.certificate?.trusted).toBe(false);
        expect(port.findings.map((f) => f.id)).toContain('cert-untrusted');
      }
      expect(report.trustStores).not.toContain('system');
    });

    it('with the company CA in the operating system store, every port is trusted', async () => {
      const saved = { file: process.env.SSL_CERT_FILE, dir: process.env.SSL_CERT_DIR };
      process.env.SSL_CERT_FILE = testPki().caFile;
      process.env.SSL_CERT_DIR = emptyDir;
      try {
        const report = await audit();
        expect(auditReportSchema.parse(report)).toEqual(report);
        expect(report.trustStores).toContain('system');
        const ports = report.incoming?.ports ?? [];
        expect(ports).toHaveLength(4);
        for (const port of ports) {
          expect(port.certificate).toMatchObject({ trusted: true, errorCode: null });
          expect(port.findings.map((f) => f.id)).not.toContain('cert-untrusted');
        }
        // The first port to load the store looked twice; a later one may have found it loaded already.
        const lookedTwice = ports.filter((port) =>
          port.transcript.some((line) => line.note?.key === 'system-trust-recheck'),
        );
        expect(lookedTwice.length).toBeGreaterThan(0);
        expect(report.incoming?.recommendations.imap?.security).toBe('implicit-tls');
        expect(report.incoming?.recommendations.pop3?.security).toBe('implicit-tls');
      } finally {
        for (const [name, value] of [
          ['SSL_CERT_FILE', saved.file],
          ['SSL_CERT_DIR', saved.dir],
        ] as const) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      }
    });
  },
);
