/**
 * What the ports together say beyond each port alone (issue 12 §4):
 * - OP25B: the relay port (25) gives no answer while a submission port (465,
 *   587) answers. That is the user's network (most Japanese ISPs block outbound 25
 *   from home lines), not a server fault, and harmless for a mail program, which
 *   sends on 465/587.
 * - Shared hosting: the certificate is valid but names the provider's host
 *   (sv1234.xserver.jp) rather than the name typed (mail.customer.example); the
 *   host it names is the one to enter.
 */
import type { AuditReport, PortReport } from '../../contract.js';
import { makeFinding } from './findings.js';

/** Rewrites the relay port's "no response" as the network's OP25B block when a submission port answered. */
export function markOutboundPort25Block(ports: PortReport[]): PortReport[] {
  const submissionAnswered = ports.some((port) => !port.relay && port.reachable);
  return ports.map((port) => {
    if (!port.relay || port.outcome !== 'timeout' || !submissionAnswered) return port;
    const timeout = port.findings.find((finding) => finding.id === 'port-timeout');
    return {
      ...port,
      outcome: 'blocked-by-network',
      findings: [
        ...port.findings.filter((finding) => finding.id !== 'port-timeout'),
        makeFinding('port-25-blocked-by-network', { port: port.port, detail: timeout?.detail }),
      ],
    };
  });
}

/** DNS names a certificate carries ("DNS:a, IP Address:b" as Node lists them), wildcards left out. */
function dnsNames(altNames: string[]): string[] {
  return altNames.flatMap((name) => {
    const match = /^DNS:(.+)$/.exec(name.trim());
    return match?.[1] && !match[1].includes('*') ? [match[1].toLowerCase()] : [];
  });
}

/**
 * The host to test instead when a port's certificate is valid in every way but
 * its name: trusted, in date, and naming a concrete host other than `host`.
 */
export function suggestedHost(host: string, ports: PortReport[]): AuditReport['suggestedHost'] {
  for (const port of ports) {
    const cert = port.certificate;
    if (!cert || cert.hostnameMatch || !cert.trusted || cert.daysLeft < 0) continue;
    if (Date.parse(cert.notBefore) > Date.now()) continue;
    const names = dnsNames(cert.altNames).filter((name) => name !== host.toLowerCase());
    const first = names[0];
    if (first) return { host: first, names: dnsNames(cert.altNames) };
  }
  return undefined;
}
