/**
 * What the certificate a server presented says about it: trust, name match,
 * dates, and whether the chain the server sent was incomplete (an intermediate
 * missing, which the leaf's own Authority Information Access names) rather than
 * issued by an unknown CA.
 */
import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import type { CertificateReport } from '../../contract.js';
import { printable } from '../core/printable.js';

const dayMs = 24 * 3600 * 1000;

/** Node codes that only concern dates: the chain itself verified. */
const dateErrors = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
/** Codes for "the issuer of the top certificate sent is unknown". */
const missingIssuerErrors = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

/** The certificates among `items` (PEM or DER) that parse; the others are left out. */
export function parsedCertificates(items: readonly (string | Buffer)[]): X509Certificate[] {
  return items.flatMap((item) => {
    try {
      return [new X509Certificate(item)];
    } catch {
      return [];
    }
  });
}

/**
 * MailTLS's own code for a chain nobody verified: a handshake made without anchors
 * presented a chain other than the one remembered (tls/chain-memo.ts), and no second
 * handshake could verify it.
 */
export const chainNotVerified = 'CHAIN_NOT_VERIFIED';

export interface CertificateInspection {
  report: CertificateReport;
  /** The server left out an intermediate its certificate points to. */
  incompleteChain: boolean;
  /** Certificates above the leaf that are outside their validity dates ("subject until date"). */
  invalidIssuers: string[];
  /** The chain as parsed certificates, leaf first. */
  chain: X509Certificate[];
}

/**
 * Node reports OpenSSL's last verification error only, and OpenSSL checks dates
 * last (after building the chain, CA flags and trust), so a date error can hide an
 * earlier one. A chain with a date error counts as trusted only when it passes
 * the rest by our own check: every link signed by the next, every certificate
 * above the leaf a CA, ending in (or issued by) a trust anchor that is itself in
 * date. The tests prove each part on real certificates (test/helpers/pki.ts).
 */
function trustedDespiteDates(chain: X509Certificate[], anchors: X509Certificate[], now: number): boolean {
  for (let i = 0; i + 1 < chain.length; i += 1) {
    const child = chain[i]!;
    const parent = chain[i + 1]!;
    if (!parent.ca || !child.checkIssued(parent) || !child.verify(parent.publicKey)) return false;
  }
  const top = chain[chain.length - 1];
  if (!top) return false;
  const anchor = anchors.find(
    (candidate) =>
      candidate.ca &&
      (candidate.fingerprint256 === top.fingerprint256 ||
        (top.checkIssued(candidate) && top.verify(candidate.publicKey))),
  );
  return anchor !== undefined && inDates(anchor, now);
}

export function inDates(cert: X509Certificate, now: number): boolean {
  return Date.parse(cert.validFrom) <= now && now <= Date.parse(cert.validTo);
}

function errorCodeOf(socket: tls.TLSSocket): string | null {
  if (socket.authorized) return null;
  const error = socket.authorizationError as unknown;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return typeof error === 'string' ? error : 'UNKNOWN';
}

/** OpenSSL's default verification depth: a chain longer than this is never trusted by our own check. */
const maxChainLength = 100;

/**
 * Certificates in the order the chain goes, as far as the peer's chain reaches;
 * `complete` is false when the walk stopped at the length cap, so the cap can
 * only ever withhold trust, never grant it.
 */
function chainOf(leaf: tls.DetailedPeerCertificate): {
  chain: tls.DetailedPeerCertificate[];
  complete: boolean;
} {
  const chain = [leaf];
  let current = leaf;
  while (current.issuerCertificate && current.issuerCertificate !== current) {
    current = current.issuerCertificate;
    if (chain.some((c) => c.fingerprint256 === current.fingerprint256)) break;
    if (chain.length === maxChainLength) return { chain, complete: false };
    chain.push(current);
  }
  return { chain, complete: true };
}

function hasCaIssuersPointer(cert: X509Certificate): boolean {
  return /CA Issuers/i.test(cert.infoAccess ?? '');
}

function oneLine(distinguishedName: string): string {
  return printable(distinguishedName.split('\n').filter(Boolean).join(', '));
}

/**
 * `remembered` is for a handshake made without anchors (tls/chain-memo.ts): the chain
 * OpenSSL verified before that these certificates are, if they are one. The chain is
 * then reported as OpenSSL's handshake reported it then.
 */
export function inspectCertificate(
  socket: tls.TLSSocket,
  host: string,
  anchors: () => X509Certificate[],
  now = Date.now(),
  remembered?: (presented: X509Certificate[], errorCode: string | null) => X509Certificate[] | undefined,
): CertificateInspection | null {
  const detailed = socket.getPeerCertificate(true);
  const leaf = socket.getPeerX509Certificate();
  if (!leaf || !detailed || Object.keys(detailed).length === 0) return null;
  let errorCode = errorCodeOf(socket);
  const { chain, complete } = chainOf(detailed);
  let certificates = chain.map((c, i) => (i === 0 ? leaf : new X509Certificate(c.raw)));
  const verified = remembered?.(certificates, errorCode);
  if (verified) {
    errorCode = null;
    certificates = verified;
  }
  const top = certificates[certificates.length - 1] ?? leaf;
  const invalidIssuers = certificates
    .slice(1)
    .filter((c) => Date.parse(c.validTo) < now || Date.parse(c.validFrom) > now)
    .map((c) => `${oneLine(c.subject)} until ${new Date(c.validTo).toISOString()}`);
  const selfSigned = leaf.checkIssued(leaf) && leaf.verify(leaf.publicKey);
  const notBefore = new Date(leaf.validFrom);
  const notAfter = new Date(leaf.validTo);
  const report: CertificateReport = {
    trusted:
      errorCode === null ||
      (dateErrors.has(errorCode) && complete && trustedDespiteDates(certificates, anchors(), now)),
    hostnameMatch: tls.checkServerIdentity(host, detailed) === undefined,
    selfSigned,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - now) / dayMs),
    subject: oneLine(leaf.subject),
    issuer: oneLine(leaf.issuer),
    altNames: (leaf.subjectAltName ?? '')
      .split(',')
      .map((name) => printable(name.trim()))
      .filter(Boolean),
    fingerprint256: leaf.fingerprint256,
    errorCode,
    chainLength: certificates.length,
  };
  const incompleteChain =
    errorCode !== null &&
    missingIssuerErrors.has(errorCode) &&
    !top.checkIssued(top) &&
    hasCaIssuersPointer(top);
  return { report, incompleteChain, invalidIssuers, chain: certificates };
}

/** `inspection` with its verdict withdrawn: untrusted, for want of a verification. */
export function withoutVerdict(inspection: CertificateInspection): CertificateInspection {
  return {
    ...inspection,
    incompleteChain: false,
    report: { ...inspection.report, trusted: false, errorCode: chainNotVerified },
  };
}
