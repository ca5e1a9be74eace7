/**
 * Client TLS settings for probing. Certificates are never rejected during the
 * handshake (we inspect them afterwards and report what is wrong; an audit sends no
 * credentials), but trust is evaluated against Node's root store plus the user's
 * extra CA. Secure contexts are built once per audit and version (the trusted one
 * once per process and extra CA): parsing the root store for every connection
 * would cost more than the handshake.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import type { TlsVersionName } from '../../contract.js';

/** Cipher rule that lets OpenSSL 3 offer TLS 1.0/1.1; BoringSSL rejects the keyword. */
const legacyCiphers = 'DEFAULT:@SECLEVEL=0';

/**
 * Root store plus an extra CA costs about 30 ms to build: share it between the
 * audits of a process (a batch, the app) per extra CA, keeping the few most recent.
 */
const trustedContexts = new Map<string, tls.SecureContext>();
const trustedContextsKept = 8;

function trustedContext(extraCaPem: string | undefined): tls.SecureContext {
  const key = extraCaPem ?? '';
  let context = trustedContexts.get(key);
  if (context) {
    trustedContexts.delete(key);
  } else {
    context = tls.createSecureContext({ ca: extraCaPem ? [...tls.rootCertificates, extraCaPem] : undefined });
  }
  trustedContexts.set(key, context);
  for (const oldest of trustedContexts.keys()) {
    if (trustedContexts.size <= trustedContextsKept) break;
    trustedContexts.delete(oldest);
  }
  return context;
}

/** Trust anchors as parsed certificates, for judging a chain Node rejected on dates only. */
const anchorSets = new Map<string, X509Certificate[]>();

function anchorsFor(extraCaPem: string | undefined): X509Certificate[] {
  const key = extraCaPem ?? '';
  let anchors = anchorSets.get(key);
  if (!anchors) {
    const pems = [...tls.rootCertificates, ...(extraCaPem?.match(pemBlock) ?? [])];
    anchors = pems.flatMap((pem) => {
      try {
        return [new X509Certificate(pem)];
      } catch {
        return [];
      }
    });
    anchorSets.clear();
    anchorSets.set(key, anchors);
  }
  return anchors;
}

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export class TrustStore {
  private readonly contexts = new Map<string, tls.SecureContext | null>();

  constructor(private readonly extraCaPem?: string) {}

  /** Parsed only when a chain fails on dates alone (rare), then kept for the process. */
  anchors(): X509Certificate[] {
    return anchorsFor(this.extraCaPem);
  }

  /** Connection options for `host`; `version` pins the protocol for the versions matrix. */
  options(host: string, version?: TlsVersionName): tls.ConnectionOptions | null {
    const secureContext = this.context(version);
    if (secureContext === null) return null;
    return {
      host,
      servername: isIP(host) ? undefined : host,
      secureContext,
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
    };
  }

  private context(version?: TlsVersionName): tls.SecureContext | null {
    const key = version ?? 'default';
    if (!this.contexts.has(key)) this.contexts.set(key, this.build(version));
    return this.contexts.get(key) ?? null;
  }

  /** null when this TLS library cannot offer `version` at all: it is then reported as untested. */
  private build(version?: TlsVersionName): tls.SecureContext | null {
    if (!version) return trustedContext(this.extraCaPem);
    // Pinned-version handshakes only ask "accepted or not": no trust store to parse.
    const legacy = version === 'TLSv1' || version === 'TLSv1.1';
    const attempts = legacy ? [{ ciphers: legacyCiphers }, {}] : [{}];
    for (const extra of attempts) {
      try {
        return tls.createSecureContext({ minVersion: version, maxVersion: version, ...extra });
      } catch {
        // Try the next, more conservative, option set.
      }
    }
    return null;
  }
}
