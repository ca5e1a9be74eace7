import { describe, expect, it } from 'vitest';
import { smtpFindings } from '../../electron/catalogue/index.js';
import { findingIds, type FindingId, type PortReport } from '../../electron/contract.js';
import { advise, qualifies } from '../../electron/engine/audit/advise.js';
import { makeFinding } from '../../electron/engine/audit/findings.js';

function port(overrides: Partial<PortReport> & Pick<PortReport, 'port' | 'mode'>): PortReport {
  return {
    relay: overrides.port === 25,
    reachable: true,
    elapsedMs: 10,
    banner: '220 mail.example.com ESMTP',
    ehlo: { beforeTls: null, afterTls: ['AUTH PLAIN'] },
    auth: { beforeTls: [], afterTls: ['PLAIN'] },
    tls: {
      version: 'TLSv1.3',
      cipher: 'TLS_AES_128_GCM_SHA256',
      acceptedVersions: ['TLSv1.3'],
      rejectedVersions: [],
      untestedVersions: [],
    },
    certificate: {
      trusted: true,
      hostnameMatch: true,
      selfSigned: false,
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter: '2027-01-01T00:00:00.000Z',
      daysLeft: 100,
      subject: 'CN=mail.example.com',
      issuer: 'CN=CA',
      altNames: ['DNS:mail.example.com'],
      fingerprint256: 'AA',
      errorCode: null,
      chainLength: 2,
    },
    injection: overrides.mode === 'starttls' ? 'safe' : 'not-tested',
    tlsEnforcement: overrides.mode === 'starttls' && overrides.port !== 25 ? 'enforced' : 'not-tested',
    findings: [],
    transcript: [],
    ...overrides,
  };
}

const good465 = port({ port: 465, mode: 'implicit-tls' });
const good587 = port({ port: 587, mode: 'starttls' });
const good25 = port({ port: 25, mode: 'starttls' });

describe('qualifies', () => {
  it('needs TLS 1.2+, a trusted matching certificate and no serious finding', () => {
    expect(qualifies(good465)).toBe(true);
    expect(
      qualifies(port({ port: 465, mode: 'implicit-tls', tls: { ...good465.tls!, version: 'TLSv1.1' } })),
    ).toBe(false);
    expect(
      qualifies(
        port({ port: 465, mode: 'implicit-tls', certificate: { ...good465.certificate!, trusted: false } }),
      ),
    ).toBe(false);
    expect(
      qualifies(
        port({
          port: 465,
          mode: 'implicit-tls',
          certificate: { ...good465.certificate!, hostnameMatch: false },
        }),
      ),
    ).toBe(false);
    expect(
      qualifies(
        port({ port: 465, mode: 'implicit-tls', findings: [makeFinding('cert-expired', { port: 465 })] }),
      ),
    ).toBe(false);
    expect(
      qualifies(
        port({
          port: 465,
          mode: 'implicit-tls',
          findings: [makeFinding('cert-expiring-soon', { port: 465 })],
        }),
      ),
    ).toBe(true);
  });

  it('needs the SMTP dialogue to reach EHLO inside TLS', () => {
    expect(
      qualifies(port({ port: 465, mode: 'implicit-tls', ehlo: { beforeTls: null, afterTls: null } })),
    ).toBe(false);
  });

  it('never qualifies plaintext, and STARTTLS only when injection-safe', () => {
    expect(qualifies(port({ port: 587, mode: 'plain', tls: null }))).toBe(false);
    expect(qualifies(port({ port: 587, mode: 'starttls', injection: 'inconclusive' }))).toBe(false);
  });
});

describe('advise', () => {
  it('rule 1: implicit TLS on 465 wins over a qualifying 587', () => {
    const { recommendation, findings } = advise('mail.example.com', [good25, good465, good587]);
    expect(recommendation).toMatchObject({ port: 465, security: 'implicit-tls' });
    expect(recommendation.reasons).toEqual([
      { key: 'port-qualifies', port: 465 },
      { key: 'tls-version', version: 'TLSv1.3' },
      { key: 'certificate-valid' },
      { key: 'implicit-tls-preferred' },
    ]);
    expect(findings).toEqual([]);
  });

  it('rule 2: STARTTLS on 587, required, when 465 does not qualify', () => {
    const broken465 = port({
      port: 465,
      mode: 'implicit-tls',
      findings: [makeFinding('cert-hostname-mismatch', { port: 465 })],
    });
    const { recommendation } = advise('mail.example.com', [good25, broken465, good587]);
    expect(recommendation).toMatchObject({ port: 587, security: 'starttls' });
    expect(recommendation.reasons).toEqual(
      expect.arrayContaining([
        { key: 'injection-safe' },
        { key: 'tls-enforced' },
        { key: 'implicit-tls-unavailable', port: 465 },
        { key: 'starttls-must-be-required' },
      ]),
    );
  });

  it('rule 3: port 25 only with AUTH after TLS, with the relay warning', () => {
    const withAuth = advise('mail.example.com', [good25]);
    expect(withAuth.recommendation).toMatchObject({ port: 25, security: 'starttls' });
    expect(withAuth.recommendation.reasons).toContainEqual({ key: 'port-25-relay-warning' });
    const withoutAuth = advise('mail.example.com', [
      port({ port: 25, mode: 'starttls', auth: { beforeTls: [], afterTls: [] } }),
    ]);
    expect(withoutAuth.recommendation.security).toBeNull();
  });

  it('rule 2 over rule 3: a qualifying 587 beats 25, and the reasons say why 25 was passed over', () => {
    const { recommendation } = advise('mail.example.com', [good25, good587]);
    expect(recommendation).toMatchObject({ port: 587, security: 'starttls' });
    expect(recommendation.reasons).toContainEqual({ key: 'relay-port-passed-over', port: 25 });
    expect(recommendation.reasons).not.toContainEqual({ key: 'port-25-relay-warning' });
  });

  it('rule 3: when 25 wins, the reasons say why 587 was passed over', () => {
    const broken587 = port({ port: 587, mode: 'starttls', injection: 'vulnerable' });
    const { recommendation } = advise('mail.example.com', [good25, broken587]);
    expect(recommendation).toMatchObject({ port: 25, security: 'starttls' });
    expect(recommendation.reasons).toEqual(
      expect.arrayContaining([
        { key: 'submission-port-unavailable', port: 587 },
        { key: 'port-25-relay-warning' },
      ]),
    );
  });

  it('rule 4: nothing qualifies: no recommendation, what would fix it, and no-secure-option', () => {
    const plain = port({
      port: 587,
      mode: 'plain',
      tls: null,
      certificate: null,
      findings: [makeFinding('starttls-missing', { port: 587 })],
    });
    const { recommendation, findings } = advise('mail.example.com', [plain]);
    expect(recommendation).toMatchObject({ port: null, security: null });
    expect(recommendation.reasons).toEqual([
      { key: 'nothing-qualified' },
      { key: 'fix-to-qualify', finding: 'starttls-missing' },
    ]);
    expect(findings.map((f) => f.id)).toEqual(['no-secure-option']);
    expect(findings[0]?.severity).toBe('critical');
  });
});

describe('finding audiences', () => {
  /** A good port carrying one finding. */
  const withFinding = (base: PortReport, id: FindingId) =>
    port({ ...base, findings: [makeFinding(id, { port: base.port })] });
  const serverHardening = findingIds.filter((id) => smtpFindings[id].audience === 'server-hardening');
  const clientRisk = findingIds.filter(
    (id) => smtpFindings[id].audience === 'client-risk' && id !== 'no-secure-option',
  );

  it('has findings of both audiences to test', () => {
    expect(serverHardening).toEqual(
      expect.arrayContaining([
        'tls-not-required',
        'plaintext-auth',
        'tls-legacy-version',
        'starttls-still-advertised',
      ]),
    );
    expect(clientRisk).toEqual(expect.arrayContaining(['cert-expired', 'starttls-command-injection']));
  });

  it.each(serverHardening)('server hardening never withholds a recommendation: %s', (id) => {
    expect(qualifies(withFinding(good465, id))).toBe(true);
    expect(qualifies(withFinding(good587, id))).toBe(true);
    const { recommendation, findings } = advise('mail.example.com', [withFinding(good587, id)]);
    expect(recommendation).toMatchObject({ port: 587, security: 'starttls' });
    expect(findings).toEqual([]);
  });

  it.each(clientRisk)('a client risk disqualifies the port and is named as what to fix: %s', (id) => {
    expect(qualifies(withFinding(good465, id))).toBe(false);
    expect(qualifies(withFinding(good587, id))).toBe(false);
    const { recommendation, findings } = advise('mail.example.com', [withFinding(good587, id)]);
    expect(recommendation.security).toBeNull();
    expect(recommendation.reasons).toContainEqual({ key: 'fix-to-qualify', finding: id });
    expect(findings.map((f) => f.id)).toEqual(['no-secure-option']);
  });

  it('Postfix "may" on 587 (plaintext MAIL and AUTH accepted, legacy TLS too): 587 STARTTLS required', () => {
    const may587 = port({
      port: 587,
      mode: 'starttls',
      tlsEnforcement: 'not-enforced',
      auth: { beforeTls: ['PLAIN'], afterTls: ['PLAIN'] },
      findings: (['tls-not-required', 'plaintext-auth', 'tls-legacy-version'] as const).map((id) =>
        makeFinding(id, { port: 587 }),
      ),
    });
    const { recommendation } = advise('mail.example.com', [may587]);
    expect(recommendation).toMatchObject({ port: 587, security: 'starttls' });
    expect(recommendation.reasons).toContainEqual({ key: 'starttls-must-be-required' });
    expect(recommendation.reasons).not.toContainEqual({ key: 'tls-enforced' });
  });

  it('optional TLS on 25 and 587: 587, not 25', () => {
    const optional587 = withFinding(good587, 'tls-not-required');
    const { recommendation } = advise('mail.example.com', [good25, optional587]);
    expect(recommendation).toMatchObject({ port: 587, security: 'starttls' });
    expect(recommendation.reasons).toContainEqual({ key: 'relay-port-passed-over', port: 25 });
  });
});
