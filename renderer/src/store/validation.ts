/**
 * Input checks for the wizard's fields. Each returns the i18n key of the problem
 * (under `validation.`), or null when the value is fine, so the UI can explain
 * what is wrong while the user types.
 */
import type { PortMode, PortSpec } from '../../../electron/contract.js';
import {
  defaultMode,
  defaultSmtpPorts,
  parseSmtpPortList,
  type SmtpPortListError,
} from '../../../electron/ports.js';

export type ValidationKey =
  | 'email-required'
  | 'email-no-at'
  | 'email-space'
  | 'email-two-at'
  | 'email-domain'
  | 'email-too-long'
  | 'host-required'
  | 'host-scheme'
  | 'host-port'
  | 'host-email'
  | 'host-space'
  | 'host-too-long'
  | 'host-label'
  | 'host-chars'
  | 'user-too-long'
  | 'user-control'
  | 'ports-required'
  | 'ports-number'
  | 'ports-mode'
  | 'ports-duplicate'
  | 'ports-too-many'
  | 'ports-incoming'
  | 'ca-pem'
  | 'domain-required'
  | 'domain-scheme'
  | 'domain-email'
  | 'domain-space'
  | 'domain-dot'
  | 'domain-ip'
  | 'domain-too-long'
  | 'domain-label'
  | 'domain-chars'
  | 'selector-chars'
  | 'ip-invalid';

export function validateEmail(value: string): ValidationKey | null {
  const v = value.trim();
  if (v === '') return 'email-required';
  if (v.length > 254) return 'email-too-long';
  if (/\s/.test(v)) return 'email-space';
  const at = v.lastIndexOf('@');
  if (at < 1) return 'email-no-at';
  if (v.indexOf('@') !== at) return 'email-two-at';
  const domain = v.slice(at + 1);
  if (domain === '' || !domain.includes('.') || domain.startsWith('.') || domain.endsWith('.')) {
    return 'email-domain';
  }
  return null;
}

/** The domain part of an address, lower case, or null when there is none. */
export function emailDomain(value: string): string | null {
  const v = value.trim();
  const at = v.lastIndexOf('@');
  return at >= 1 && at < v.length - 1 ? v.slice(at + 1).toLowerCase() : null;
}

const ipv6Literal = /^\[?[0-9a-f:.]+\]?$/i;
const urlScheme = /^[a-z][a-z0-9+.-]*:\/\//i;

export function validateHost(value: string): ValidationKey | null {
  const v = value.trim();
  if (v === '') return 'host-required';
  if (urlScheme.test(v)) return 'host-scheme';
  if (/\s/.test(v)) return 'host-space';
  if (v.includes('@')) return 'host-email';
  if (v.includes(':') && v.split(':').length === 2) return 'host-port';
  if (v.includes(':')) return ipv6Literal.test(v) ? null : 'host-chars';
  const problem = nameProblem(v);
  return problem && `host-${problem}`;
}

/** What is wrong with a DNS name (an optional final dot allowed), shared by servers and domains. */
function nameProblem(value: string): 'too-long' | 'label' | 'chars' | null {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length > 253) return 'too-long';
  const labels = name.split('.');
  if (labels.some((l) => l.length === 0 || l.length > 63)) return 'label';
  // Letters of any script are allowed: internationalised names are converted by the engine.
  if (labels.some((l) => !/^[\p{L}\p{N}](?:[\p{L}\p{N}_-]*[\p{L}\p{N}])?$/u.test(l))) return 'chars';
  return null;
}

/** A mail domain such as example.jp: a name with at least one dot, not an address or URL. */
export function validateDomain(value: string): ValidationKey | null {
  const v = value.trim();
  if (v === '') return 'domain-required';
  if (urlScheme.test(v)) return 'domain-scheme';
  if (v.includes('@')) return 'domain-email';
  if (/\s/.test(v)) return 'domain-space';
  if (/^[\d.]+$/.test(v) || (v.includes(':') && ipv6Literal.test(v))) return 'domain-ip';
  if (!v.replace(/\.$/, '').includes('.')) return 'domain-dot';
  const problem = nameProblem(v);
  return problem && `domain-${problem}`;
}

/** A DKIM selector (s= of a signature): optional; letters, digits, hyphens, underscores and dots. */
export function validateSelector(value: string): ValidationKey | null {
  const v = value.trim();
  return v === '' || /^[a-z0-9_-]{1,63}(\.[a-z0-9_-]{1,63})*$/i.test(v) ? null : 'selector-chars';
}

const ipv4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const ipv6 = /^(?=.*:.*:)[0-9a-f:]+(?::(?:\d{1,3}\.){3}\d{1,3})?$/i;

/** An address to evaluate SPF for: optional; IPv4 or IPv6 (the engine checks the details). */
export function validateIp(value: string): ValidationKey | null {
  const v = value.trim();
  return v === '' || ipv4.test(v) || ipv6.test(v) ? null : 'ip-invalid';
}

export function validateUser(value: string): ValidationKey | null {
  if (value.length > 512) return 'user-too-long';
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'user-control';
  return null;
}

export function validateCaPem(value: string): ValidationKey | null {
  const v = value.trim();
  if (v === '') return null;
  return /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(v) && v.length <= 1_000_000
    ? null
    : 'ca-pem';
}

export const defaultPortsText = defaultSmtpPorts.join(', ');

export type PortsParse = { ok: true; ports: PortSpec[] } | { ok: false; error: ValidationKey };

const portsErrorKeys: Record<SmtpPortListError['code'], ValidationKey> = {
  required: 'ports-required',
  'too-many': 'ports-too-many',
  number: 'ports-number',
  mode: 'ports-mode',
  duplicate: 'ports-duplicate',
  incoming: 'ports-incoming',
};

/** Reads "25, 465, 587" or "2465 implicit-tls, 2587 starttls" with the one port-list grammar (electron/ports.ts). */
export function parsePorts(value: string): PortsParse {
  const parsed = parseSmtpPortList(value);
  return parsed.ok
    ? { ok: true, ports: parsed.value }
    : { ok: false, error: portsErrorKeys[parsed.error.code] };
}

/** How a port is spoken to when no mode is given (the engine's default). */
export function effectiveMode(spec: PortSpec): PortMode {
  return spec.mode ?? defaultMode(spec.port);
}
