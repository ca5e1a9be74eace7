/** Profiles and audit reports for the profile tests, valid against the contract's schemas. */
import {
  auditReportSchema,
  auditSchemaVersion,
  type AuditReport,
  type IncomingPortReport,
  type IncomingProtocol,
  type PortReport,
  type Profile,
} from '../../electron/contract.js';

export function sampleProfile(
  overrides: {
    outgoing?: Partial<Profile['outgoing']>;
    account?: Partial<Profile['account']>;
    profile?: Partial<Omit<Profile, 'outgoing' | 'account'>>;
  } = {},
): Profile {
  return {
    schema: 'mailtls.profile/1',
    id: 'p-test',
    name: 'Alice at example',
    account: {
      email: 'alice@example.com',
      displayName: 'Alice <A&B> "Q"',
      userName: null,
      ...overrides.account,
    },
    outgoing: {
      host: 'smtp.example.com',
      port: 465,
      security: 'implicit-tls',
      authentication: 'password',
      ...overrides.outgoing,
    },
    pinnedFingerprint256: null,
    verifiedWith: { date: '2026-11-29T10:00:00.000Z', findings: [], qualified: true },
    note: 'a note',
    ...overrides.profile,
  };
}

export function samplePort(
  port: number,
  mode: PortReport['mode'],
  extra: Partial<PortReport> = {},
): PortReport {
  const tls = mode === 'implicit-tls' || mode === 'starttls';
  return {
    port,
    mode,
    relay: port === 25,
    reachable: mode !== 'unreachable',
    elapsedMs: 12,
    banner: mode === 'unreachable' ? null : '220 mail.example.com ESMTP',
    ehlo: {
      beforeTls: ['mail.example.com', 'STARTTLS'],
      afterTls: tls ? ['mail.example.com', 'AUTH PLAIN LOGIN'] : null,
    },
    auth: { beforeTls: [], afterTls: tls ? ['PLAIN', 'LOGIN'] : [] },
    tls: tls
      ? {
          version: 'TLSv1.3',
          cipher: 'TLS_AES_256_GCM_SHA384',
          acceptedVersions: ['TLSv1.2', 'TLSv1.3'],
          rejectedVersions: ['TLSv1', 'TLSv1.1'],
          untestedVersions: [],
        }
      : null,
    certificate: tls
      ? {
          trusted: true,
          hostnameMatch: true,
          selfSigned: false,
          notBefore: '2026-01-01T00:00:00.000Z',
          notAfter: '2027-01-01T00:00:00.000Z',
          daysLeft: 33,
          subject: 'CN=mail.example.com',
          issuer: 'CN=Example CA',
          altNames: ['DNS:mail.example.com'],
          fingerprint256: 'AB:'.repeat(31) + 'CD',
          errorCode: null,
          chainLength: 2,
        }
      : null,
    injection: mode === 'starttls' ? 'safe' : 'not-tested',
    tlsEnforcement: mode === 'starttls' ? 'enforced' : 'not-tested',
    findings: [],
    transcript: [
      { t: 0, dir: 's', text: '220 mail.example.com ESMTP' },
      { t: 1, dir: 'c', text: 'EHLO mailtls' },
    ],
    ...extra,
  };
}

/** The recommendation of an audit where nothing qualified. */
export const noRecommendation: AuditReport['recommendation'] = {
  host: 'mail.example.com',
  port: null,
  security: null,
  reasons: [{ key: 'nothing-qualified' }],
  pinnedFingerprint256: null,
};

export function sampleReport(extra: Partial<AuditReport> = {}): AuditReport {
  return auditReportSchema.parse({
    schema: auditSchemaVersion,
    host: 'mail.example.com',
    hostInput: 'mail.example.com',
    startedAt: '2026-11-29T10:00:00.000Z',
    elapsedMs: 900,
    ports: [samplePort(25, 'starttls'), samplePort(465, 'implicit-tls'), samplePort(587, 'starttls')],
    recommendation: {
      host: 'mail.example.com',
      port: 465,
      security: 'implicit-tls',
      reasons: [
        { key: 'port-qualifies', port: 465 },
        { key: 'tls-version', version: 'TLSv1.3' },
        { key: 'certificate-valid' },
        { key: 'implicit-tls-preferred' },
      ],
      pinnedFingerprint256: null,
    },
    findings: [],
    ...extra,
  });
}

/** A profile of a few hundred KiB (many findings) whose every variable part is `letter`. */
export function bigProfile(letter: 'A' | 'B'): Profile {
  const findings = Array.from({ length: 3000 }, (_, i) => ({
    id: 'cert-expiring-soon' as const,
    severity: 'low' as const,
    port: 465,
    detail: `${letter.repeat(80)}${i}`,
  }));
  return sampleProfile({
    profile: {
      id: 'p-big',
      note: letter.repeat(2000),
      verifiedWith: { date: '2026-11-29T10:00:00.000Z', findings, qualified: true },
    },
  });
}

/** Issue 14: an IMAP or POP3 port as the incoming audit reports one that passed. */
export function sampleIncomingPort(
  port: number,
  protocol: IncomingProtocol,
  mode: 'implicit-tls' | 'starttls',
  extra: Partial<IncomingPortReport> = {},
): IncomingPortReport {
  const { tls, certificate } = samplePort(port, mode);
  const imap = protocol === 'imap';
  return {
    port,
    protocol,
    mode,
    reachable: true,
    elapsedMs: 10,
    banner: imap ? '* OK Dovecot ready.' : '+OK Dovecot ready.',
    greeting: 'ok',
    capabilities: {
      beforeTls: mode === 'starttls' ? [imap ? 'STARTTLS' : 'STLS'] : null,
      afterTls: imap ? ['IMAP4rev1', 'AUTH=PLAIN'] : ['USER', 'SASL PLAIN'],
    },
    auth: { beforeTls: [], afterTls: imap ? ['PLAIN'] : ['USER', 'PLAIN'] },
    cleartextLogin: 'not-tested',
    tls,
    certificate,
    injection: mode === 'starttls' ? 'safe' : 'not-tested',
    findings: [],
    transcript: [],
    ...extra,
  };
}

/** An audit of both directions where IMAP and POP3 each qualified with implicit TLS (993, 995). */
export function sampleIncomingReport(extra: Partial<AuditReport> = {}): AuditReport {
  const recommendation = (port: number) => ({
    host: 'mail.example.com',
    port,
    security: 'implicit-tls' as const,
    reasons: [{ key: 'incoming-implicit-tls-preferred' as const }],
    pinnedFingerprint256: null,
  });
  return sampleReport({
    incoming: {
      host: 'mail.example.com',
      ports: [
        sampleIncomingPort(993, 'imap', 'implicit-tls'),
        sampleIncomingPort(143, 'imap', 'starttls'),
        sampleIncomingPort(995, 'pop3', 'implicit-tls'),
        sampleIncomingPort(110, 'pop3', 'starttls'),
      ],
      recommendations: { imap: recommendation(993), pop3: recommendation(995) },
      findings: [],
    },
    ...extra,
  });
}
