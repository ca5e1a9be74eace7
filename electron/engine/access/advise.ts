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
import { audienceOf } from '../../catalogue/ratings.js';
import type {
  AuditReport,
  Finding,
  FindingId,
  IncomingPortReport,
  IncomingProtocol,
  IncomingReport,
  Reason,
  Recommendation,
} from '../../contract.js';
import { defaultMode } from '../../ports.js';
import { judge, modernVersions } from '../audit/advise.js';
import { makeFinding } from '../audit/findings.js';

const injectionFindings: ReadonlySet<FindingId> = new Set([
  'imap-starttls-command-injection',
  'pop3-stls-command-injection',
  'imap-starttls-response-injection',
  'pop3-stls-response-injection',
  'starttls-injection-inconclusive',
]);

/** Only what endangers a program set the way MailTLS recommends keeps a port from qualifying. */
function disqualifying(finding: Finding): boolean {
  return audienceOf(finding) === 'client-risk';
}

export function incomingQualifies(port: IncomingPortReport): boolean {
  if (port.mode !== 'implicit-tls' && port.mode !== 'starttls') return false;
  if (port.capabilities.afterTls === null) return false;
  if (!port.tls?.version || !modernVersions.has(port.tls.version)) return false;
  if (!port.certificate?.trusted || !port.certificate.hostnameMatch) return false;
  if (port.findings.some(disqualifying)) return false;
  return port.mode === 'implicit-tls' || port.injection === 'safe';
}

/** The host a port was tested on: its own, or (reports made before ports named one) the report's. */
export function incomingPortHost(port: Pick<IncomingPortReport, 'host'>, reportHost: string): string {
  return port.host ?? reportHost;
}

/** Every server the incoming ports were tested on, in port order (one when IMAP and POP3 share it). */
export function incomingHosts(incoming: Pick<IncomingReport, 'host' | 'ports'>): string[] {
  const hosts = new Set(incoming.ports.map((port) => incomingPortHost(port, incoming.host)));
  return hosts.size > 0 ? [...hosts] : [incoming.host];
}

function adviseProtocol(reportHost: string, ports: IncomingPortReport[]): Recommendation {
  const qualifying = ports.filter(incomingQualifies);
  const best = qualifying.find((p) => p.mode === 'implicit-tls') ?? qualifying[0];
  // The recommendation is about the server its port was tested on (IMAP and POP3 may differ).
  const chosen = best ?? ports[0];
  const host = chosen ? incomingPortHost(chosen, reportHost) : reportHost;
  if (!best) {
    const toFix = new Set<FindingId>();
    for (const port of ports) {
      const risks = port.findings.filter(disqualifying).map((finding) => finding.id);
      if (
        port.mode === 'starttls' &&
        port.injection !== 'safe' &&
        !risks.some((id) => injectionFindings.has(id))
      )
        risks.push('starttls-injection-inconclusive');
      for (const id of risks) toFix.add(id);
    }
    const reasons: Reason[] = [
      { key: 'incoming-nothing-qualified' },
      ...[...toFix].map((finding): Reason => ({ key: 'fix-to-qualify', finding })),
    ];
    return { host, port: null, security: null, reasons, pinnedFingerprint256: null };
  }
  // Only ports of the recommended server are alternatives to it.
  const alternatives = qualifying.filter((p) => incomingPortHost(p, reportHost) === host);
  const reasons: Reason[] = [{ key: 'qualifying-ports', ports: alternatives.map((p) => p.port) }];
  if (best.tls?.version) reasons.push({ key: 'tls-version', version: best.tls.version });
  reasons.push({ key: 'certificate-valid' });
  if (best.mode === 'implicit-tls') {
    reasons.push({ key: 'incoming-implicit-tls-preferred' });
  } else {
    reasons.push({ key: 'injection-safe' });
    const implicit = ports.find(
      (p) =>
        incomingPortHost(p, reportHost) === host &&
        (p.mode === 'implicit-tls' || defaultMode(p.port, 'imap') === 'implicit-tls'),
    );
    if (implicit) reasons.push({ key: 'implicit-tls-unavailable', port: implicit.port });
    reasons.push({ key: 'starttls-must-be-required' });
  }
  const security = best.mode === 'implicit-tls' ? 'implicit-tls' : 'starttls';
  return { host, port: best.port, security, reasons, pinnedFingerprint256: null };
}

/** `host` is the request's incoming host: the server of every port that does not name its own. */
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
    ports: ports.map((port) => ({ ...port, judgement: judge(port, incomingQualifies(port)) })),
    recommendations,
    findings: anySecure ? [] : [makeFinding('incoming-no-secure-option')],
  };
}

/** Secure settings for every direction tested: outgoing, and incoming by at least one protocol. */
export function everyDirectionSecure(report: AuditReport): boolean {
  const outgoingTested = !report.recommendation.reasons.some((r) => r.key === 'outgoing-not-tested');
  const outgoing = !outgoingTested || report.recommendation.security !== null;
  const recs = report.incoming ? Object.values(report.incoming.recommendations) : [];
  const incoming = !report.incoming || recs.some((rec) => rec?.security);
  return outgoing && incoming;
}
