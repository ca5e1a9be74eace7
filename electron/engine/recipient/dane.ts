/**
 * DANE for SMTP (RFC 7672): does a TLSA RRset at `_25._tcp.MX` match the chain the
 * MX presented? Only DANE-TA(2) and DANE-EE(3) count for SMTP; PKIX-TA/EE (0, 1) and
 * unknown selectors or matching types are unusable and ignored, as senders do.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type * as tls from 'node:tls';
import type { TlsaRecord } from '../dns/client.js';

export type DaneResult = 'match' | 'mismatch' | 'no-usable-records' | 'none';

/** DER of each certificate the server sent, leaf first. */
export function presentedChain(socket: tls.TLSSocket): Buffer[] {
  const chain: Buffer[] = [];
  let current: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (current?.raw && chain.length < 10) {
    if (chain.some((der) => der.equals(current!.raw))) break;
    chain.push(current.raw);
    current = current.issuerCertificate;
  }
  return chain;
}

export function isUsableForSmtp(record: TlsaRecord): boolean {
  return (
    (record.usage === 2 || record.usage === 3) &&
    (record.selector === 0 || record.selector === 1) &&
    [0, 1, 2].includes(record.matchingType)
  );
}

function associationData(der: Buffer, record: TlsaRecord): string {
  const selected =
    record.selector === 0 ? der : new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
  if (record.matchingType === 0) return selected.toString('hex');
  return createHash(record.matchingType === 1 ? 'sha256' : 'sha512')
    .update(selected)
    .digest('hex');
}

/** Each certificate up to `index` is signed by the next one: the leaf really chains to it. */
function chainsTo(chain: Buffer[], index: number): boolean {
  const parsed = chain.slice(0, index + 1).map((der) => new X509Certificate(der));
  return parsed.every((cert, i) => {
    const issuer = parsed[i + 1];
    return issuer === undefined || (cert.checkIssued(issuer) && cert.verify(issuer.publicKey));
  });
}

/**
 * DANE-EE(3) matches the leaf only, and then neither the name nor the dates matter
 * (RFC 7672 §3.1.1). DANE-TA(2) matches a certificate above the leaf that the leaf
 * chains to, and the leaf must then carry the MX name (§3.2.3): `nameMatches`.
 */
export function matchTlsa(records: TlsaRecord[], chain: Buffer[], nameMatches: boolean): DaneResult {
  if (records.length === 0) return 'none';
  const usable = records.filter(isUsableForSmtp);
  if (usable.length === 0) return 'no-usable-records';
  const matches = usable.some((record) =>
    chain.some((der, index) => {
      if (record.usage === 3 ? index !== 0 : index === 0 || !nameMatches) return false;
      try {
        return (
          associationData(der, record) === record.data.toLowerCase() &&
          (record.usage === 3 || chainsTo(chain, index))
        );
      } catch {
        return false;
      }
    }),
  );
  return matches ? 'match' : 'mismatch';
}
