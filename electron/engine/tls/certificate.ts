/**
 * What the certificate a server presented says about it: trust, name match,
 * dates, and whether the chain the server sent was incomplete (an intermediate
 * missing, which the leaf's own Authority Information Access names) rather than
 * issued by an unknown CA.
 */
import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import type { CertificateReport } from '../../contract.js';
import { printable } from '../printable.js';

const dayMs = 24 * 3600 * 1000;

/** Node codes that only concern dates: the chain itself verified. */
const dateErrors = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
/** Codes for "the issuer of the top certificate sent is unknown". */
const missingIssuerErrors = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

export interface CertificateInspection {
  report: CertificateReport;
  /** The server left out an intermediate its certificate points to. */
  incompleteChain: boolean;
  /** Certificates above the leaf that are outside their validity dates ("subject until date"). */
  invalidIssuers: string[];
}

/**
 * Node reports one verification error only. When it is about dates, the chain is
 * trusted only if it really leads to a trust anchor without that check: each link
 * signed by the next, ending in (or issued by) a trusted root.
 */
function chainLeadsToAnchor(chain: X509Certificate[], anchors: X509Certificate[]): boolean {
  for (let i = 0; i + 1 < chain.length; i += 1) {
    const child = chain[i]!;
    const parent = chain[i + 1]!;
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) return false;
  }
  const top = chain[chain.length - 1];
  if (!top) return false;
  return anchors.some(
    (anchor) =>
      anchor.fingerprint256 === top.fingerprint256 ||
      (top.checkIssued(anchor) && top.verify(anchor.publicKey)),
  );
}

function errorCodeOf(socket: tls.TLSSocket): string | null {
  if (socket.authorized) return null;
  const error = socket.authorizationError as unknown;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return typeof error === 'string' ? error : 'UNKNOWN';
}

/** Certificates in the order the chain goes, as far as the peer's chain reaches. */
function chainOf(leaf: tls.DetailedPeerCertificate): tls.DetailedPeerCertificate[] {
  const chain = [leaf];
  let current = leaf;
  while (current.issuerCertificate && current.issuerCertificate !== current && chain.length < 10) {
    current = current.issuerCertificate;
    if (chain.some((c) => c.fingerprint256 === current.fingerprint256)) break;
    chain.push(current);
  }
  return chain;
}

function hasCaIssuersPointer(cert: X509Certificate): boolean {
  return /CA Issuers/i.test(cert.infoAccess ?? '');
}

function oneLine(distinguishedName: string): string {
  return printable(distinguishedName.split('\n').filter(Boolean).join(', '));
}

export function inspectCertificate(
  socket: tls.TLSSocket,
  host: string,
  anchors: () => X509Certificate[],
  now = Date.now(),
): CertificateInspection | null {
  const detailed = socket.getPeerCertificate(true);
  const leaf = socket.getPeerX509Certificate();
  if (!leaf || !detailed || Object.keys(detailed).length === 0) return null;
  const errorCode = errorCodeOf(socket);
  const chain = chainOf(detailed);
  const certificates = chain.map((c, i) => (i === 0 ? leaf : new X509Certificate(c.raw)));
  const top = certificates[certificates.length - 1] ?? leaf;
  const invalidIssuers = certificates
    .slice(1)
    .filter((c) => Date.parse(c.validTo) < now || Date.parse(c.validFrom) > now)
    .map((c) => `${oneLine(c.subject)} until ${new Date(c.validTo).toISOString()}`);
  const selfSigned = leaf.checkIssued(leaf) && leaf.verify(leaf.publicKey);
  const notBefore = new Date(leaf.validFrom);
  const notAfter = new Date(leaf.validTo);
  const report: CertificateReport = {
    trusted: errorCode === null || (dateErrors.has(errorCode) && chainLeadsToAnchor(certificates, anchors())),
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
    chainLength: chain.length,
  };
  const incompleteChain =
    errorCode !== null &&
    missingIssuerErrors.has(errorCode) &&
    !top.checkIssued(top) &&
    hasCaIssuersPointer(top);
  return { report, incompleteChain, invalidIssuers };
}
