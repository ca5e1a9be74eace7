/**
 * Judges the negotiated cipher suite by its OpenSSL name. TLS 1.3 suites are all
 * AEAD with forward secrecy. Below 1.3, a suite is weak when it is broken outright
 * (NULL, EXPORT, RC4, DES/3DES, MD5), has no forward secrecy (static RSA key
 * exchange), or is CBC with SHA-1 (Lucky13-style padding oracles).
 */
import type { CipherNameAndProtocol } from 'node:tls';

const broken = /NULL|EXP|RC4|DES|MD5|anon|ADH|AECDH/i;

export function weakCipherReason(cipher: CipherNameAndProtocol): string | null {
  if (cipher.version === 'TLSv1.3') return null;
  const name = cipher.name;
  if (broken.test(name)) return `broken-algorithm:${name}`;
  if (!/^(ECDHE|DHE)-/.test(name)) return `no-forward-secrecy:${name}`;
  if (name.endsWith('-SHA')) return `cbc-sha1:${name}`;
  return null;
}
