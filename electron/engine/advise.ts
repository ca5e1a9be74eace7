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
import { audienceOf } from '../catalogue/index.js';
import type { Finding, PortReport, Recommendation } from '../contract.js';
import { makeFinding } from './findings.js';

const modernVersions = new Set(['TLSv1.2', 'TLSv1.3']);

const endangersClient = (finding: Finding) => audienceOf(finding) === 'client-risk';

export function qualifies(port: PortReport): boolean {
  if (port.mode !== 'implicit-tls' && port.mode !== 'starttls') return false;
  // The SMTP dialogue must have got through EHLO inside TLS: a port that speaks something else does not qualify.
  if (port.ehlo.afterTls === null) return false;
  if (!port.tls || !modernVersions.has(port.tls.version)) return false;
  if (!port.certificate?.trusted || !port.certificate.hostnameMatch) return false;
  if (port.findings.some(endangersClient)) return false;
  return port.mode === 'implicit-tls' || port.injection === 'safe';
}

function qualityReasons(port: PortReport): string[] {
  const reasons = [
    `port-qualifies:${port.port}`,
    `tls-version:${port.tls?.version ?? ''}`,
    'certificate-valid',
  ];
  if (port.mode === 'starttls') {
    reasons.push('injection-safe');
    if (port.tlsEnforcement === 'enforced') reasons.push('tls-enforced');
  }
  return reasons;
}

/** What stands between a port and qualifying, as reason strings: its client-risk findings. */
function blockers(port: PortReport): string[] {
  const risks = port.findings.filter(endangersClient).map((f) => `fix-to-qualify:${f.id}`);
  if (port.mode === 'starttls' && port.injection !== 'safe' && !risks.some((r) => r.includes('injection'))) {
    risks.push('fix-to-qualify:starttls-injection-inconclusive');
  }
  return risks;
}

export interface Advice {
  recommendation: Recommendation;
  findings: Finding[];
}

export function advise(host: string, ports: PortReport[]): Advice {
  const candidates = ports.filter(qualifies);
  const implicit = candidates.find((p) => p.mode === 'implicit-tls');
  const submission = candidates.find((p) => p.mode === 'starttls' && !p.relay);
  const relay = candidates.find((p) => p.mode === 'starttls' && p.relay && p.auth.afterTls.length > 0);
  const implicitTested = ports.find((p) => p.port === 465 || p.mode === 'implicit-tls');
  const submissionTested = ports.find((p) => !p.relay && p.mode !== 'implicit-tls' && p.port !== 465);
  const recommend = (port: PortReport, reasons: string[]): Advice => ({
    recommendation: {
      host,
      port: port.port,
      security: port.mode === 'implicit-tls' ? 'implicit-tls' : 'starttls',
      reasons,
      pinnedFingerprint256: null,
    },
    findings: [],
  });

  if (implicit) return recommend(implicit, [...qualityReasons(implicit), 'implicit-tls-preferred']);
  const starttls = submission ?? relay;
  if (starttls) {
    const reasons = qualityReasons(starttls);
    if (implicitTested) reasons.push(`implicit-tls-unavailable:${implicitTested.port}`);
    reasons.push('starttls-must-be-required');
    // Rule 3 against rule 2: say why the other STARTTLS port was passed over.
    if (starttls === submission && relay) reasons.push(`relay-port-passed-over:${relay.port}`);
    if (starttls === relay) {
      if (submissionTested) reasons.push(`submission-port-unavailable:${submissionTested.port}`);
      reasons.push('port-25-relay-warning');
    }
    return recommend(starttls, reasons);
  }
  const reasons = ['nothing-qualified'];
  for (const port of ports) {
    for (const blocker of blockers(port)) if (!reasons.includes(blocker)) reasons.push(blocker);
  }
  return {
    recommendation: { host, port: null, security: null, reasons, pinnedFingerprint256: null },
    findings: [makeFinding('no-secure-option')],
  };
}
