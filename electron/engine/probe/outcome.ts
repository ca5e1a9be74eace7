/**
 * What a port really did, from its report: the label the table, the JSON and the
 * UI show. `mode` only says how the port was spoken to; a port that advertised
 * STARTTLS and then failed every handshake is not "plain", and one that accepted
 * the connection but never greeted offered neither encryption nor plaintext.
 */
import type { FindingId, PortOutcome, PortReport } from '../../contract.js';

export function portOutcome(port: Omit<PortReport, 'outcome'>): PortOutcome {
  const has = (id: FindingId) => port.findings.some((finding) => finding.id === id);
  if (!port.reachable) return has('port-timeout') ? 'timeout' : 'closed';
  if (has('tls-handshake-failed'))
    return port.ehlo.beforeTls === null ? 'implicit-tls-handshake-failed' : 'starttls-handshake-failed';
  if (has('starttls-failed')) return 'starttls-refused';
  if (has('banner-timeout')) return 'no-greeting';
  if (has('not-smtp')) return 'not-smtp';
  if ((port.mode === 'implicit-tls' || port.mode === 'starttls') && port.ehlo.afterTls !== null)
    return port.mode;
  if (port.mode === 'plain' && has('starttls-missing')) return 'plain';
  return 'dialogue-failed';
}
