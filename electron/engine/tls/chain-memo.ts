/**
 * Chains OpenSSL verified in an earlier audit, remembered per server, so that the next
 * `mailtls check` of that server need not build Node's root store: on Node 20 that
 * build parses every bundled root, 30-50 ms of a cold check's CPU (README, Speed).
 *
 * A remembered chain only ever stands in for a verdict OpenSSL gave, never for one of
 * our own: the server must present the same certificates, byte for byte, the anchor
 * that completed them must still be one this process trusts, the Node and OpenSSL
 * versions must be the same, and every certificate of the chain must be within its
 * dates. Anything else (a renewed certificate, a removed CA, another Node) is verified
 * by OpenSSL in a new handshake. The memo serves audits only, which send no
 * credentials; a log-in always verifies in full (login/secure-session.ts).
 */
import { createHash, type X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';

export interface RememberedChain {
  /** `host:port` as the audit reached it (the host's ASCII name). */
  endpoint: string;
  /** SHA-256 (hex) of the presented certificates, leaf first, anchor left out (`presentedPart`). */
  presented: string;
  /** The anchor that completed the chain, as base64 DER. */
  anchor: string;
  /** Every certificate of the verified chain, anchor included, is valid between these (ms since 1970). */
  validFrom: number;
  validTo: number;
  /** The Node and OpenSSL versions that verified it (`memoRuntime`). */
  runtime: string;
}

/** Where remembered chains are kept: the CLI keeps them in the user's own cache folder. */
export interface ChainMemo {
  chains(endpoint: string): readonly RememberedChain[];
  remember(chain: RememberedChain): void;
}

/** Verification semantics change with either version, so a chain is remembered for both. */
export const memoRuntime = `node ${process.versions.node} openssl ${process.versions.openssl}`;

/**
 * Whether OpenSSL verifies with the roots `tls.rootCertificates` lists, as official
 * Node builds do. Builds and flags that verify with OpenSSL's own or the system's
 * store instead (`--openssl-use-def-ca-store`, `--use-openssl-ca`, `--use-system-ca`)
 * could lose an anchor that list still holds, so no chain is remembered there.
 */
export function bundledRootsVerify(env: NodeJS.ProcessEnv = process.env): boolean {
  const flags = [...process.execArgv, env.NODE_OPTIONS ?? ''].join(' ');
  const defines = (process.config.target_defaults as { defines?: string[] }).defines ?? [];
  return !/--use-(?:openssl|system)-ca\b/.test(flags) && !defines.includes('NODE_OPENSSL_CERT_STORE');
}

/** The chain without its anchor: the self-issued certificates that end it, never the leaf. */
export function presentedPart(chain: X509Certificate[]): X509Certificate[] {
  let end = chain.length;
  while (end > 1 && chain[end - 1]!.checkIssued(chain[end - 1]!)) end -= 1;
  return chain.slice(0, end);
}

/** DER is self-delimiting, so hashing the certificates one after another is unambiguous. */
export function chainDigest(certificates: X509Certificate[]): string {
  const hash = createHash('sha256');
  for (const certificate of certificates) hash.update(certificate.raw);
  return hash.digest('hex');
}

function pemBody(pem: string): string {
  return pem.replace(/-----(?:BEGIN|END) CERTIFICATE-----|\s+/g, '');
}

let bundledBodies: Set<string> | undefined;

/** Whether `anchor` (base64 DER) is a bundled root or one of `extraPems`. */
export function isAnchor(anchor: string, extraPems: string[]): boolean {
  bundledBodies ??= new Set(tls.rootCertificates.map(pemBody));
  return bundledBodies.has(anchor) || extraPems.some((pem) => pemBody(pem) === anchor);
}

/** What to remember of a chain OpenSSL has just verified, or null when its anchor is not one `isAnchor` knows. */
export function chainToRemember(
  endpoint: string,
  chain: X509Certificate[],
  extraPems: string[],
): RememberedChain | null {
  const anchor = chain[chain.length - 1];
  if (!anchor?.checkIssued(anchor)) return null;
  const anchorKey = anchor.raw.toString('base64');
  if (!isAnchor(anchorKey, extraPems)) return null;
  return {
    endpoint,
    presented: chainDigest(presentedPart(chain)),
    anchor: anchorKey,
    validFrom: Math.max(...chain.map((c) => Date.parse(c.validFrom))),
    validTo: Math.min(...chain.map((c) => Date.parse(c.validTo))),
    runtime: memoRuntime,
  };
}

/** Whether a remembered chain may stand in for OpenSSL's verdict now. */
export function stillValid(chain: RememberedChain, extraPems: string[], now: number): boolean {
  return (
    chain.runtime === memoRuntime &&
    chain.validFrom <= now &&
    now <= chain.validTo &&
    isAnchor(chain.anchor, extraPems)
  );
}
