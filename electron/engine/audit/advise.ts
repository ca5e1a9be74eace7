/**
 * Recommendation rules. The question answered is "what should this person's mail
 * program be set to?" (RFC 8314: implicit TLS preferred; STARTTLS only when the
 * program requires it). A port qualifies when a program set that way (TLS
 * required, certificate verified) is safe there: TLS 1.2 or newer negotiated, the
 * certificate trusted and matching the host, the SMTP dialogue completed inside
 * TLS, a STARTTLS port injection-safe, and no finding whose audience is client
 * risk. Server-hardening findings (the server also accepts plaintext MAIL or AUTH,
 * legacy TLS, …) threaten only programs set less strictly: they never withhold a
 * recommendation. Plaintext is never recommended.
 */
import { audienceOf } from '../../catalogue/ratings.js';
import type {
  Finding,
  FindingId,
  PortJudgement,
  PortReport,
  Reason,
  Recommendation,
  TlsVersionName,
} from '../../contract.js';
import { defaultMode } from '../../ports.js';
import { makeFinding } from './findings.js';

/** What a client configured as MailTLS recommends accepts: TLS 1.2 or newer. */
export const modernVersions: ReadonlySet<TlsVersionName> = new Set(['TLSv1.2', 'TLSv1.3']);
const injectionFindings: ReadonlySet<FindingId> = new Set([
  'starttls-command-injection',
  'starttls-response-injection',
  'starttls-injection-inconclusive',
]);

const endangersClient = (finding: Finding) => audienceOf(finding) === 'client-risk';

/** The modern TLS version a port qualifies with, or null when it does not qualify. */
function qualifyingVersion(port: PortReport): TlsVersionName | null {
  if (port.mode !== 'implicit-tls' && port.mode !== 'starttls') return null;
  // The SMTP dialogue must have got through EHLO inside TLS: a port that speaks something else does not qualify.
  if (port.ehlo.afterTls === null) return null;
  const version = port.tls?.version;
  if (!version || !modernVersions.has(version)) return null;
  if (!port.certificate?.trusted || !port.certificate.hostnameMatch) return null;
  if (port.findings.some(endangersClient)) return null;
  return port.mode === 'implicit-tls' || port.injection === 'safe' ? version : null;
}

export function qualifies(port: PortReport): boolean {
  return qualifyingVersion(port) !== null;
}

/** The certificate's state: the first problem a program set to verify would stop at. */
function certificateState(certificate: PortReport['certificate']): PortJudgement['certificate'] {
  if (!certificate) return 'none';
  if (certificate.daysLeft < 0 || certificate.errorCode === 'CERT_HAS_EXPIRED') return 'expired';
  if (!certificate.trusted) return 'untrusted';
  return certificate.hostnameMatch ? 'valid' : 'mismatch';
}

/** The judgements a report carries per port (SMTP, IMAP or POP3), given whether the port qualifies. */
export function judge(port: Pick<PortReport, 'tls' | 'certificate'>, qualified: boolean): PortJudgement {
  const version = port.tls?.version;
  return {
    modernTls: version ? modernVersions.has(version) : false,
    certificate: certificateState(port.certificate),
    qualifies: qualified,
  };
}

interface Qualified {
  port: PortReport;
  version: TlsVersionName;
}

function qualityReasons({ port, version }: Qualified): Reason[] {
  const reasons: Reason[] = [
    { key: 'port-qualifies', port: port.port },
    { key: 'tls-version', version },
    { key: 'certificate-valid' },
  ];
  if (port.mode === 'starttls') {
    reasons.push({ key: 'injection-safe' });
    if (port.tlsEnforcement === 'enforced') reasons.push({ key: 'tls-enforced' });
  }
  return reasons;
}

/** The client-risk findings that keep a port from qualifying. */
function blockers(port: PortReport): FindingId[] {
  const risks = port.findings.filter(endangersClient).map((f) => f.id);
  if (
    port.mode === 'starttls' &&
    port.injection !== 'safe' &&
    !risks.some((id) => injectionFindings.has(id))
  ) {
    risks.push('starttls-injection-inconclusive');
  }
  return risks;
}

export interface Advice {
  recommendation: Recommendation;
  findings: Finding[];
}

export function advise(host: string, ports: PortReport[]): Advice {
  const candidates = ports.flatMap((port): Qualified[] => {
    const version = qualifyingVersion(port);
    return version ? [{ port, version }] : [];
  });
  const implicit = candidates.find(({ port }) => port.mode === 'implicit-tls');
  const submission = candidates.find(({ port }) => port.mode === 'starttls' && !port.relay);
  const relay = candidates.find(
    ({ port }) => port.mode === 'starttls' && port.relay && port.auth.afterTls.length > 0,
  );
  const implicitTested = ports.find(
    (p) => p.mode === 'implicit-tls' || defaultMode(p.port) === 'implicit-tls',
  );
  const submissionTested = ports.find(
    (p) => !p.relay && p.mode !== 'implicit-tls' && defaultMode(p.port) !== 'implicit-tls',
  );
  const recommend = ({ port }: Qualified, reasons: Reason[]): Advice => ({
    recommendation: {
      host,
      port: port.port,
      security: port.mode === 'implicit-tls' ? 'implicit-tls' : 'starttls',
      reasons,
      pinnedFingerprint256: null,
    },
    findings: [],
  });

  if (implicit) return recommend(implicit, [...qualityReasons(implicit), { key: 'implicit-tls-preferred' }]);
  const starttls = submission ?? relay;
  if (starttls) {
    const reasons = qualityReasons(starttls);
    if (implicitTested) reasons.push({ key: 'implicit-tls-unavailable', port: implicitTested.port });
    reasons.push({ key: 'starttls-must-be-required' });
    // Rule 2 against rule 3: say why the other STARTTLS port was passed over.
    if (starttls === submission && relay)
      reasons.push({ key: 'relay-port-passed-over', port: relay.port.port });
    if (starttls === relay) {
      if (submissionTested) reasons.push({ key: 'submission-port-unavailable', port: submissionTested.port });
      reasons.push({ key: 'port-25-relay-warning' });
    }
    return recommend(starttls, reasons);
  }
  const toFix = [...new Set(ports.flatMap(blockers))];
  const reasons: Reason[] = [
    { key: 'nothing-qualified' },
    ...toFix.map((finding): Reason => ({ key: 'fix-to-qualify', finding })),
  ];
  return {
    recommendation: { host, port: null, security: null, reasons, pinnedFingerprint256: null },
    findings: [makeFinding('no-secure-option')],
  };
}
