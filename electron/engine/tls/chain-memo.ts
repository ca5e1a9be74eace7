/**
 * Chains OpenSSL verified in an earlier audit, remembered per server, so that the next
 * `mailtls check` of that server need not build Node's root store: on Node 20 that
 * build parses every bundled root, 30-50 ms of a cold check's CPU (README, Speed).
 *
 * A remembered chain only ever stands in for a verdict OpenSSL gave, never for one of
 * our own, and only where OpenSSL would give it again: the server presents the same
 * certificates, byte for byte; everything OpenSSL verified with is the same (Node and
 * OpenSSL, their options, NODE_EXTRA_CA_CERTS and the user's CA, byte for byte); and
 * every certificate of the chain is within its dates. A chain is remembered only when
 * OpenSSL can have built no other path than the one Node reports, so that those dates
 * are the path's. Anything else is verified by OpenSSL in a new handshake. The memo
 * serves audits only, which send no credentials; a log-in always verifies in full
 * (login/secure-session.ts).
 */
import { createHash, getFips, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';

export interface RememberedChain {
  /** `host:port` as the audit reached it (the host's ASCII name). */
  endpoint: string;
  /** The chain as OpenSSL's verifying handshake reported it, leaf first, as base64 DER. */
  chain: string[];
  /** Every certificate of the chain is valid between these (ms since 1970). */
  validFrom: number;
  validTo: number;
  /** What OpenSSL verified with (`verificationContext`). */
  context: string;
}

/** Where remembered chains are kept: the CLI keeps them in the user's own cache folder. */
export interface ChainMemo {
  chains(endpoint: string): readonly RememberedChain[];
  remember(chain: RememberedChain): void;
}

/**
 * Whether OpenSSL verifies with the roots bundled with Node, as official builds do.
 * Builds and options that verify with OpenSSL's own or the system's store instead
 * (`--openssl-use-def-ca-store`, `--use-openssl-ca`, `--use-system-ca`,
 * NODE_USE_SYSTEM_CA) read files that can change between runs, so nothing is
 * remembered there.
 */
export function bundledRootsVerify(env: NodeJS.ProcessEnv = process.env): boolean {
  const flags = [...process.execArgv, env.NODE_OPTIONS ?? ''].join(' ');
  const defines = (process.config.target_defaults as { defines?: string[] }).defines ?? [];
  return (
    !/--use-(?:openssl|system)-ca\b/.test(flags) &&
    env.NODE_USE_SYSTEM_CA !== '1' &&
    !defines.includes('NODE_OPENSSL_CERT_STORE')
  );
}

/**
 * A digest of everything a verification rests on besides the chain and the clock: the
 * Node and OpenSSL versions and binary, the options and environment that configure
 * OpenSSL (security level, FIPS, its configuration file), NODE_EXTRA_CA_CERTS's bytes
 * and the user's CA. A remembered chain is used only under the same digest.
 */
export function verificationContext(
  userCaPem: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  let extraCaBytes = '';
  if (env.NODE_EXTRA_CA_CERTS) {
    try {
      extraCaBytes = createHash('sha256').update(readFileSync(env.NODE_EXTRA_CA_CERTS)).digest('hex');
    } catch {
      extraCaBytes = 'unreadable';
    }
  }
  const parts = [
    process.versions.node,
    process.versions.openssl,
    process.execPath,
    process.execArgv,
    env.NODE_OPTIONS ?? '',
    env.OPENSSL_CONF ?? '',
    env.OPENSSL_MODULES ?? '',
    tls.DEFAULT_CIPHERS,
    tls.DEFAULT_MIN_VERSION,
    tls.DEFAULT_MAX_VERSION,
    getFips(),
    env.NODE_EXTRA_CA_CERTS ?? '',
    extraCaBytes,
    userCaPem ?? '',
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

const issuedBy = (cert: X509Certificate, issuer: X509Certificate) =>
  cert.checkIssued(issuer) && cert.verify(issuer.publicKey);

/**
 * What to remember of `chain`, which OpenSSL has just verified with `anchors`, or null
 * when OpenSSL may have verified another path than `chain` itself. `chain` is Node's
 * report: the server's certificates in issuer order, then issuers from the store, so
 * its top must be an anchor and no certificate below the top may have an anchor for
 * issuer (OpenSSL looks for trusted issuers first and would have ended the path there),
 * but for the one the top itself issued.
 */
export function chainToRemember(
  endpoint: string,
  chain: X509Certificate[],
  anchors: X509Certificate[],
  context: string,
): RememberedChain | null {
  const top = chain[chain.length - 1];
  if (!top?.checkIssued(top) || !anchors.some((anchor) => anchor.raw.equals(top.raw))) return null;
  for (const [index, cert] of chain.slice(0, -1).entries()) {
    const trustedIssuers = anchors.filter((anchor) => issuedBy(cert, anchor));
    const byTopAlone =
      index === chain.length - 2 && trustedIssuers.every((anchor) => anchor.raw.equals(top.raw));
    if (trustedIssuers.length > 0 && !byTopAlone) return null;
  }
  return {
    endpoint,
    chain: chain.map((cert) => cert.raw.toString('base64')),
    validFrom: Math.max(...chain.map((cert) => Date.parse(cert.validFrom))),
    validTo: Math.min(...chain.map((cert) => Date.parse(cert.validTo))),
    context,
  };
}

/**
 * The remembered chain that `presented` (a handshake's chain without anchors: the
 * server's certificates in issuer order) completes, as certificates. It must be the
 * whole chain, or the chain but for its top: the anchor, which the store supplied.
 */
export function rememberedFor(
  presented: X509Certificate[],
  remembered: readonly RememberedChain[],
): X509Certificate[] | undefined {
  const sent = presented.map((cert) => cert.raw.toString('base64'));
  const match = remembered.find(
    ({ chain }) =>
      (chain.length === sent.length || chain.length === sent.length + 1) &&
      sent.every((cert, index) => chain[index] === cert),
  );
  return match?.chain.map((cert) => new X509Certificate(Buffer.from(cert, 'base64')));
}
