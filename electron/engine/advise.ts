/**
 * Recommendation rules (RFC 8314: implicit TLS preferred; STARTTLS only when the
 * client requires it). A port qualifies when TLS 1.2 or newer was negotiated, the
 * certificate is trusted and matches the host, and no critical or high finding
 * stands on it; the SMTP dialogue reached EHLO inside TLS; a STARTTLS port must also
 * have passed the injection probe.
 * Plaintext is never recommended.
 */
import type { Finding, PortReport, Recommendation } from '../contract.js';
import { isSerious, makeFinding } from './findings.js';

const modernVersions = new Set(['TLSv1.2', 'TLSv1.3']);

export function qualifies(port: PortReport): boolean {
  if (port.mode !== 'implicit-tls' && port.mode !== 'starttls') return false;
  // The SMTP dialogue must have got through EHLO inside TLS: a port that speaks something else does not qualify.
  if (port.ehlo.afterTls === null) return false;
  if (!port.tls || !modernVersions.has(port.tls.version)) return false;
  if (!port.certificate?.trusted || !port.certificate.hostnameMatch) return false;
  if (port.findings.some(isSerious)) return false;
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

/** What stands between a port and qualifying, as reason strings. */
function blockers(port: PortReport): string[] {
  const serious = port.findings.filter(isSerious).map((f) => `fix-to-qualify:${f.id}`);
  if (
    port.mode === 'starttls' &&
    port.injection !== 'safe' &&
    !serious.some((r) => r.includes('injection'))
  ) {
    serious.push('fix-to-qualify:starttls-injection-inconclusive');
  }
  return serious;
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

  if (implicit) {
    return {
      recommendation: {
        host,
        port: implicit.port,
        security: 'implicit-tls',
        reasons: [...qualityReasons(implicit), 'implicit-tls-preferred'],
        pinnedFingerprint256: null,
      },
      findings: [],
    };
  }
  const starttls = submission ?? relay;
  if (starttls) {
    const reasons = qualityReasons(starttls);
    if (implicitTested) reasons.push(`implicit-tls-unavailable:${implicitTested.port}`);
    reasons.push('starttls-must-be-required');
    if (starttls === relay) reasons.push('port-25-relay-warning');
    return {
      recommendation: {
        host,
        port: starttls.port,
        security: 'starttls',
        reasons,
        pinnedFingerprint256: null,
      },
      findings: [],
    };
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
