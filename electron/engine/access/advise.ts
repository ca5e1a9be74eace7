/**
 * Recommendation for incoming mail, per protocol (RFC 8314): implicit TLS (993,
 * 995) preferred; STARTTLS/STLS only when the program is set to require it; never
 * plaintext. IMAP and POP3 are the user's choice and never ranked against each
 * other; each recommendation lists every port that qualifies for its protocol.
 *
 * A port qualifies when TLS 1.2 or newer was negotiated, the certificate is trusted
 * and matches the host, the dialogue reached the capability list inside TLS, a
 * STARTTLS port passed the injection probe, and no critical or high finding stands
 * that endangers a program set the way MailTLS recommends. Findings that only
 * endanger programs set less strictly (server hardening) are shown beside the
 * recommendation, never withhold it.
 */
import type {
  AuditReport,
  Finding,
  FindingId,
  IncomingPortReport,
  IncomingProtocol,
  IncomingReport,
  Recommendation,
} from '../../contract.js';
import { isSerious, makeFinding } from '../findings.js';

const modernVersions = new Set(['TLSv1.2', 'TLSv1.3']);

/** Issue 14's server-hardening ids: a program that requires TLS never meets them. */
const serverHardening = new Set<FindingId>([
  'imap-starttls-missing',
  'pop3-stls-missing',
  'imap-login-before-tls',
  'pop3-user-before-tls',
  'incoming-starttls-still-advertised',
]);

function disqualifying(finding: Finding): boolean {
  return isSerious(finding) && !serverHardening.has(finding.id);
}

export function incomingQualifies(port: IncomingPortReport): boolean {
  if (port.mode !== 'implicit-tls' && port.mode !== 'starttls') return false;
  if (port.capabilities.afterTls === null) return false;
  if (!port.tls || !modernVersions.has(port.tls.version)) return false;
  if (!port.certificate?.trusted || !port.certificate.hostnameMatch) return false;
  if (port.findings.some(disqualifying)) return false;
  return port.mode === 'implicit-tls' || port.injection === 'safe';
}

function adviseProtocol(host: string, ports: IncomingPortReport[]): Recommendation {
  const qualifying = ports.filter(incomingQualifies);
  const best = qualifying.find((p) => p.mode === 'implicit-tls') ?? qualifying[0];
  if (!best) {
    const reasons = ['incoming-nothing-qualified'];
    for (const port of ports) {
      for (const finding of port.findings.filter(disqualifying)) {
        const reason = `fix-to-qualify:${finding.id}`;
        if (!reasons.includes(reason)) reasons.push(reason);
      }
      if (
        port.mode === 'starttls' &&
        port.injection !== 'safe' &&
        !reasons.some((r) => r.includes('injection'))
      ) {
        reasons.push('fix-to-qualify:starttls-injection-inconclusive');
      }
    }
    return { host, port: null, security: null, reasons, pinnedFingerprint256: null };
  }
  const reasons = [
    `qualifying-ports:${qualifying.map((p) => p.port).join(', ')}`,
    `tls-version:${best.tls?.version ?? ''}`,
    'certificate-valid',
  ];
  if (best.mode === 'implicit-tls') {
    reasons.push('incoming-implicit-tls-preferred');
  } else {
    reasons.push('injection-safe');
    const implicit = ports.find((p) => p.mode === 'implicit-tls' || p.port === 993 || p.port === 995);
    if (implicit) reasons.push(`implicit-tls-unavailable:${implicit.port}`);
    reasons.push('starttls-must-be-required');
  }
  const security = best.mode === 'implicit-tls' ? 'implicit-tls' : 'starttls';
  return { host, port: best.port, security, reasons, pinnedFingerprint256: null };
}

export function adviseIncoming(
  host: string,
  ports: IncomingPortReport[],
  protocols: IncomingProtocol[],
): IncomingReport {
  const recommendation = (protocol: IncomingProtocol) =>
    protocols.includes(protocol)
      ? adviseProtocol(
          host,
          ports.filter((p) => p.protocol === protocol),
        )
      : null;
  const recommendations = { imap: recommendation('imap'), pop3: recommendation('pop3') };
  const anySecure = Object.values(recommendations).some((r) => r?.security);
  return {
    host,
    ports,
    recommendations,
    findings: anySecure ? [] : [makeFinding('incoming-no-secure-option')],
  };
}

/** Secure settings for every direction tested: outgoing, and incoming by at least one protocol. */
export function everyDirectionSecure(report: AuditReport): boolean {
  const outgoingTested = !report.recommendation.reasons.includes('outgoing-not-tested');
  const outgoing = !outgoingTested || report.recommendation.security !== null;
  const recs = report.incoming ? Object.values(report.incoming.recommendations) : [];
  const incoming = !report.incoming || recs.some((rec) => rec?.security);
  return outgoing && incoming;
}
