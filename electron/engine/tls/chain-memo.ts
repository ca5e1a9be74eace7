/**
 * Chains OpenSSL verified in an earlier audit, remembered per server, so that the next
 * `mailtls check` of that server need not build Node's root store: on Node 20 that
 * build parses every bundled root, 30-50 ms of a cold check's CPU (README, Speed).
 *
 * The memo stands in for what a handshake without the root cannot establish: that the
 * certificates sent lead to a trusted root. The handshake is still made, without
 * anchors, and OpenSSL's verdict must be exactly "no trusted root" for the chain's
 * shape, so what it can check without the root passed. The rest OpenSSL checked when
 * the chain was remembered, on the same certificates, byte for byte, with everything
 * verification rests on unchanged (`verificationContext`), so it holds again; only the
 * clock moves, and every certificate of the path must still be within its dates. A
 * chain is remembered only where the chain Node reports is the path OpenSSL verified
 * and that path is certain (`chainToRemember`). Anything else is verified by OpenSSL
 * in a new handshake. The memo serves audits only, which send no credentials; a
 * log-in always verifies in full (login/secure-session.ts).
 */
import { createHash, getFips, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import { inDates, parsedCertificates } from './certificate.js';

export interface RememberedChain {
  /** `host:port` as the audit reached it (the host's ASCII name). */
  endpoint: string;
  /** The chain as Node reported it after OpenSSL verified it, leaf first, as base64 DER. */
  chain: string[];
  /** Every certificate of the path OpenSSL verified is valid between these (ms since 1970). */
  validFrom: number;
  validTo: number;
  /** What OpenSSL verified with (`verificationContext`). */
  context: string;
  /**
   * False when OpenSSL's path is not certain from the chain: kept only so that the
   * next run need not examine the chain again, never used for a verdict.
   */
  rememberable: boolean;
}

/** Whether two entries are about the same chain, seen at the same endpoint under the same context. */
export function sameEntry(
  a: Pick<RememberedChain, 'endpoint' | 'context' | 'chain'>,
  b: Pick<RememberedChain, 'endpoint' | 'context' | 'chain'>,
): boolean {
  return (
    a.endpoint === b.endpoint &&
    a.context === b.context &&
    a.chain.length === b.chain.length &&
    a.chain.every((cert, i) => cert === b.chain[i])
  );
}

/** Whether an entry may stand in for OpenSSL's verdict at `now` (its context checked apart). */
export function standsIn(entry: RememberedChain, now: number): boolean {
  return entry.rememberable && entry.validFrom <= now && now <= entry.validTo;
}

/** Where remembered chains are kept: the CLI keeps them in the user's own cache folder. */
export interface ChainMemo {
  chains(endpoint: string): readonly RememberedChain[];
  remember(chain: RememberedChain): void;
}

/** Node's options, as given on its command line and in NODE_OPTIONS (`-` and `_` alike). */
function nodeFlags(env: NodeJS.ProcessEnv): string {
  return [...process.execArgv, env.NODE_OPTIONS ?? ''].join(' ').replace(/_/g, '-');
}

/**
 * Whether the memo may serve at all: OpenSSL verifies with the roots bundled with Node,
 * as official builds do, and with no configuration given to it on purpose. Builds and
 * options that verify with OpenSSL's own or the system's store instead
 * (`--openssl-use-def-ca-store` at build time, `--use-openssl-ca`, `--use-system-ca`,
 * NODE_USE_SYSTEM_CA) read files that can change between runs, and a configuration file
 * can add anchors or include other files.
 */
export function memoApplies(env: NodeJS.ProcessEnv = process.env): boolean {
  const defines = (process.config.target_defaults as { defines?: string[] }).defines ?? [];
  return (
    !/--(?:use-openssl-ca|use-system-ca|openssl-config|openssl-shared-config)\b/.test(nodeFlags(env)) &&
    env.NODE_USE_SYSTEM_CA !== '1' &&
    !env.OPENSSL_CONF &&
    !defines.includes('NODE_OPENSSL_CERT_STORE')
  );
}

function fileDigest(file: string | undefined): string {
  if (!file) return '';
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return 'unreadable';
  }
}

/**
 * A digest of everything a verification rests on besides the chain and the clock: the
 * Node and OpenSSL versions, binary and bundled roots, the options that configure
 * OpenSSL (security level, FIPS, its default configuration file, which official
 * builds read from /etc/ssl, as strace shows on Linux), NODE_EXTRA_CA_CERTS's bytes
 * and the user's CA. A remembered chain is used only under the same digest.
 */
export function verificationContext(
  userCaPem: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const hash = createHash('sha256');
  for (const root of tls.rootCertificates) hash.update(root);
  const parts = [
    process.versions.node,
    process.versions.openssl,
    process.execPath,
    hash.digest('hex'),
    nodeFlags(env),
    env.OPENSSL_MODULES ?? '',
    env.SSL_CERT_FILE ?? '',
    env.SSL_CERT_DIR ?? '',
    fileDigest(process.platform === 'win32' ? undefined : '/etc/ssl/openssl.cnf'),
    tls.DEFAULT_CIPHERS,
    tls.DEFAULT_MIN_VERSION,
    tls.DEFAULT_MAX_VERSION,
    getFips(),
    env.NODE_EXTRA_CA_CERTS ?? '',
    fileDigest(env.NODE_EXTRA_CA_CERTS),
    userCaPem ?? '',
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** One DER element at `offset`: where it starts, where its content starts, where it ends. */
function derElement(
  der: Buffer,
  offset: number,
): { start: number; content: number; end: number } | undefined {
  const first = der[offset + 1];
  if (first === undefined) return undefined;
  let length = first;
  let content = offset + 2;
  if (first & 0x80) {
    const bytes = first & 0x7f;
    if (bytes === 0 || bytes > 4 || content + bytes > der.length) return undefined;
    length = 0;
    for (let i = 0; i < bytes; i += 1) length = length * 256 + der[content + i]!;
    content += bytes;
  }
  const end = content + length;
  return end <= der.length ? { start: offset, content, end } : undefined;
}

/** The DER of a certificate's issuer name: the TBSCertificate's field after the version, serial and signature. */
function issuerNameDer(der: Buffer): Buffer | undefined {
  const certificate = derElement(der, 0);
  const tbs = certificate && derElement(der, certificate.content);
  if (!tbs) return undefined;
  let field = derElement(der, tbs.content);
  // The version is an explicit [0] tag, absent from version 1 certificates.
  if (field && der[field.start] === 0xa0) field = derElement(der, field.end);
  const signature = field && derElement(der, field.end);
  const issuer = signature && derElement(der, signature.end);
  return issuer && der.subarray(issuer.start, issuer.end);
}

const pemBody = (pem: string) => pem.replace(/-----(?:BEGIN|END) CERTIFICATE-----|\s+/g, '');

/**
 * The trust anchors that may have issued one of `chain`'s certificates: every one of
 * `extraPems` (NODE_EXTRA_CA_CERTS and the user's CA, few, and where names can repeat),
 * and those of `bundledPems` that hold an issuer's name as its DER bytes, parsed only
 * then: a root's subject repeats those bytes when it is the issuer, and parsing all of
 * Node's bundled roots would cost a first check 40-50 ms. No two bundled roots share a
 * name, and a certificate names its issuer as the issuer's own subject reads.
 */
export function anchorsNaming(
  chain: X509Certificate[],
  bundledPems: readonly string[],
  extraPems: readonly string[],
): X509Certificate[] {
  const names = chain.flatMap((cert) => issuerNameDer(cert.raw) ?? []);
  const named = bundledPems
    .map((pem) => Buffer.from(pemBody(pem), 'base64'))
    .filter((der) => names.some((name) => der.includes(name)));
  return parsedCertificates([...named, ...extraPems]);
}

/** Names as OpenSSL compares them, about: case and runs of spaces do not count. */
const sameName = (a: string, b: string) => {
  const canonical = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();
  return canonical(a) === canonical(b);
};

/**
 * Whether every certificate of `chain` is within its dates at `now` and signed by the
 * next. Node reports a chain by taking issuers by name, key identifier and key usage,
 * OpenSSL verifies by taking the first one within its dates: where this holds, the two
 * took the same certificates.
 */
export function consistentNow(chain: X509Certificate[], now: number): boolean {
  return chain.every(
    (cert, i) => inDates(cert, now) && (i === chain.length - 1 || cert.verify(chain[i + 1]!.publicKey)),
  );
}

/**
 * What to remember of `chain`, which OpenSSL has just verified with `anchors`. `chain`
 * is Node's report: the server's certificates in issuer order, then issuers from the
 * store. It is `rememberable` only when it is the path OpenSSL verified and that path
 * is certain:
 * - every certificate is within its dates and signed by the next (`consistentNow`);
 * - OpenSSL looks for trusted issuers first, so its path ends at the first certificate
 *   that has one; that certificate must have exactly one anchor of its issuer's name
 *   (OpenSSL picks among those by dates), a root that signed it;
 * - the chain's top is an anchor, as a later handshake may leave it out.
 * Otherwise the chain is kept, so that a later check need not examine it again.
 */
export function chainToRemember(
  endpoint: string,
  chain: X509Certificate[],
  anchors: X509Certificate[],
  context: string,
  now = Date.now(),
): RememberedChain | null {
  const top = chain[chain.length - 1];
  if (!top) return null;
  const namedIssuers = (cert: X509Certificate) =>
    anchors.filter((anchor) => sameName(anchor.subject, cert.issuer));
  const first = chain.findIndex((cert) => namedIssuers(cert).length > 0);
  const issuers = first === -1 ? [] : namedIssuers(chain[first]!);
  const only = issuers.length === 1 ? issuers[0]! : undefined;
  const root =
    only && sameName(only.subject, only.issuer) && chain[first]!.verify(only.publicKey) ? only : undefined;
  const path = root ? chain.slice(0, first + 1) : chain;
  if (root && !root.raw.equals(path[path.length - 1]!.raw)) path.push(root);
  return {
    endpoint,
    chain: chain.map((cert) => cert.raw.toString('base64')),
    validFrom: Math.max(...path.map((cert) => Date.parse(cert.validFrom))),
    validTo: Math.min(...path.map((cert) => Date.parse(cert.validTo))),
    context,
    rememberable:
      root !== undefined && consistentNow(chain, now) && anchors.some((anchor) => anchor.raw.equals(top.raw)),
  };
}

/**
 * OpenSSL's verdict on a chain that is valid but for its missing trusted root: the
 * last certificate sent is a root nobody trusts, or its issuer is unknown. A fault
 * OpenSSL finds after building the chain replaces it (Node reports OpenSSL's last
 * error); one found before (the leaf's key size), or in what it cannot check without
 * the root, is the same as when the chain was remembered, for the same bytes under the
 * same settings.
 */
function noRootCode(sent: number, topSent: boolean): string {
  if (topSent) return sent === 1 ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : 'SELF_SIGNED_CERT_IN_CHAIN';
  return sent === 1 ? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
}

/**
 * Whether OpenSSL, checking `presented` without anchors, found nothing wrong with it
 * but the missing trusted root (`errorCode` is its verdict).
 */
export function onlyRootMissing(presented: X509Certificate[], errorCode: string | null): boolean {
  const last = presented[presented.length - 1];
  return last !== undefined && errorCode === noRootCode(presented.length, last.checkIssued(last));
}

/**
 * The remembered chain that `presented` (a handshake's chain without anchors: the
 * server's certificates in issuer order) completes, as certificates, when OpenSSL's
 * `errorCode` for it says only the root was missing and its path is within its dates.
 */
export function rememberedFor(
  presented: X509Certificate[],
  errorCode: string | null,
  remembered: readonly RememberedChain[],
  now: number,
): X509Certificate[] | undefined {
  const sent = presented.map((cert) => cert.raw.toString('base64'));
  const match = remembered.find(
    (entry) =>
      standsIn(entry, now) &&
      (entry.chain.length === sent.length || entry.chain.length === sent.length + 1) &&
      sent.every((cert, index) => entry.chain[index] === cert),
  );
  if (!match || !onlyRootMissing(presented, errorCode)) return undefined;
  return match?.chain.map((cert) => new X509Certificate(Buffer.from(cert, 'base64')));
}
