/** DANE matching (RFC 7672) against chains made by the test PKI: usages, selectors, matching types. */
import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { matchTlsa } from '../../electron/engine/recipient/dane.js';
import { testPki } from '../helpers/env.js';

const der = (pem: string) => new X509Certificate(pem).raw;
const spki = (pem: string) => new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
const hash = (algorithm: 'sha256' | 'sha512', data: Buffer) =>
  createHash(algorithm).update(data).digest('hex');

describe('TLSA matching', () => {
  const pki = testPki();
  const leaf = pki.leaf('via-intermediate').cert;
  const chain = [der(leaf), der(pki.intermediatePem)];
  const record = (usage: number, selector: number, matchingType: number, data: string) => ({
    usage,
    selector,
    matchingType,
    data,
  });

  it('DANE-EE (3) matches the leaf by certificate or key, with any matching type', () => {
    expect(matchTlsa([record(3, 1, 1, hash('sha256', spki(leaf)))], chain, false)).toBe('match');
    expect(matchTlsa([record(3, 0, 2, hash('sha512', der(leaf)))], chain, false)).toBe('match');
    expect(matchTlsa([record(3, 0, 0, der(leaf).toString('hex').toUpperCase())], chain, false)).toBe('match');
    // The intermediate is not the end entity.
    expect(matchTlsa([record(3, 1, 1, hash('sha256', spki(pki.intermediatePem)))], chain, true)).toBe(
      'mismatch',
    );
  });

  it('DANE-TA (2) matches an issuer the leaf chains to, only when the leaf names the MX', () => {
    const ta = record(2, 0, 1, hash('sha256', der(pki.intermediatePem)));
    expect(matchTlsa([ta], chain, true)).toBe('match');
    expect(matchTlsa([ta], chain, false)).toBe('mismatch');
    // A trust anchor the leaf was not issued by does not count, even if it was sent.
    const unrelated = [der(pki.leaf('valid').cert), der(pki.intermediatePem)];
    expect(matchTlsa([ta], unrelated, true)).toBe('mismatch');
    // Usage 2 never matches the leaf itself.
    expect(matchTlsa([record(2, 1, 1, hash('sha256', spki(leaf)))], chain, true)).toBe('mismatch');
  });

  it('PKIX usages and unknown parameters are unusable for SMTP; no records is none', () => {
    expect(matchTlsa([record(1, 1, 1, hash('sha256', spki(leaf)))], chain, true)).toBe('no-usable-records');
    expect(matchTlsa([record(3, 2, 1, 'ab')], chain, true)).toBe('no-usable-records');
    expect(matchTlsa([record(3, 1, 3, 'ab')], chain, true)).toBe('no-usable-records');
    expect(matchTlsa([], chain, true)).toBe('none');
  });
});
