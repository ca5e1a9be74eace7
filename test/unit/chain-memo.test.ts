/**
 * The pieces of the chain memo (electron/engine/tls/chain-memo.ts) on the test PKI's
 * real certificates: which verified chains may be remembered, which presented chains
 * a remembered one completes, what the verification context covers, and where OpenSSL
 * does not verify with the bundled roots at all.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import {
  anchorsNaming,
  chainToRemember,
  consistentNow,
  memoApplies,
  rememberedFor,
  verificationContext,
} from '../../electron/engine/tls/chain-memo.js';
import { TrustStore } from '../../electron/engine/tls/trust.js';
import { testPki } from '../helpers/env.js';
import { unrelatedRootCa } from '../helpers/pki.js';

const pki = testPki();
const root = new X509Certificate(pki.caPem);
const intermediate = new X509Certificate(pki.intermediatePem);
const viaIntermediate = new X509Certificate(pki.leaf('via-intermediate').cert);
const valid = new X509Certificate(pki.leaf('valid').cert);
const selfSigned = new X509Certificate(pki.leaf('self-signed').cert);
const scratch = mkdtempSync(join(tmpdir(), 'mailtls-chain-memo-'));
const unrelated = new X509Certificate(readFileSync(unrelatedRootCa(scratch)));

describe('which verified chains are remembered', () => {
  it('a chain whose path to its root is certain, with the dates that path shares', () => {
    const chain = [viaIntermediate, intermediate, root];
    const remembered = chainToRemember('mail.example.jp:465', chain, [root, unrelated], 'ctx');
    expect(remembered).toEqual({
      endpoint: 'mail.example.jp:465',
      chain: chain.map((cert) => cert.raw.toString('base64')),
      validFrom: Math.max(...chain.map((c) => Date.parse(c.validFrom))),
      validTo: Math.min(...chain.map((c) => Date.parse(c.validTo))),
      context: 'ctx',
      rememberable: true,
    });
    // A self-signed certificate the user trusts is its own root.
    expect(chainToRemember('e:1', [selfSigned], [selfSigned], 'ctx')?.rememberable).toBe(true);
  });

  it('kept but never used where the chain Node reports is not the path OpenSSL verified', () => {
    // The leaf is the root's, not the intermediate's: Node's chain and OpenSSL's path part.
    expect(chainToRemember('e:1', [valid, intermediate, root], [root], 'ctx')?.rememberable).toBe(false);
    // An expired certificate in the chain: OpenSSL would have taken another, valid one.
    const expired = new X509Certificate(pki.leaf('expired').cert);
    expect(chainToRemember('e:1', [expired, root], [root], 'ctx')?.rememberable).toBe(false);
    expect(consistentNow([expired, root], Date.now())).toBe(false);
    expect(consistentNow([viaIntermediate, intermediate, root], Date.now())).toBe(true);
  });

  it('kept but never used where the path is not certain or the top is no anchor', () => {
    // Another anchor of the root's name, in other letters and with another key: OpenSSL
    // compares names case-insensitively and picks among such anchors by dates.
    const file = unrelatedRootCa(scratch, 'mailtls test root ca', 'same-name');
    const sameName = new X509Certificate(readFileSync(file));
    expect(
      chainToRemember('e:1', [viaIntermediate, intermediate, root], [root, sameName], 'ctx')?.rememberable,
    ).toBe(false);
    // The intermediate is trusted too: OpenSSL looks for trusted issuers first and may stop
    // there, or go on to the root.
    expect(
      chainToRemember('e:1', [viaIntermediate, intermediate, root], [root, intermediate], 'ctx')
        ?.rememberable,
    ).toBe(false);
    expect(
      chainToRemember('e:1', [viaIntermediate, intermediate, root], [unrelated], 'ctx')?.rememberable,
    ).toBe(false);
  });
});

describe('the anchors a chain is checked against', () => {
  it('are the bundled roots named as an issuer in the chain, parsed only then, and every other anchor', () => {
    const bundled = [...tls.rootCertificates, unrelated.toString()];
    const found = anchorsNaming([viaIntermediate, intermediate], bundled, [pki.caPem, pki.intermediatePem]);
    expect(found.map((cert) => cert.fingerprint256).sort()).toEqual(
      [root.fingerprint256, intermediate.fingerprint256].sort(),
    );
    expect(
      anchorsNaming([viaIntermediate, intermediate], [pki.caPem, unrelated.toString()], []),
    ).toHaveLength(1);
    expect(anchorsNaming([selfSigned], bundled, [])).toEqual([]);
    expect(anchorsNaming([selfSigned], [], [unrelated.toString()])).toHaveLength(1);
  });
});

describe('which presented chains a remembered one completes', () => {
  const remembered = chainToRemember('e:1', [viaIntermediate, intermediate, root], [root], 'ctx')!;
  const now = Date.now();

  it('the same certificates, with or without the root, when OpenSSL found nothing else wrong', () => {
    expect(
      rememberedFor(
        [viaIntermediate, intermediate],
        'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
        [remembered],
        now,
      )?.map((c) => c.fingerprint256),
    ).toEqual([viaIntermediate, intermediate, root].map((c) => c.fingerprint256));
    expect(
      rememberedFor([viaIntermediate, intermediate, root], 'SELF_SIGNED_CERT_IN_CHAIN', [remembered], now),
    ).toHaveLength(3);
  });

  it('not when OpenSSL found another fault, the certificates differ, or the dates are over', () => {
    // A later fault (a key usage, a path length, a weak signature) replaces "no root".
    expect(rememberedFor([viaIntermediate, intermediate], 'UNSPECIFIED', [remembered], now)).toBeUndefined();
    expect(
      rememberedFor([viaIntermediate, intermediate], 'CERT_HAS_EXPIRED', [remembered], now),
    ).toBeUndefined();
    expect(
      rememberedFor([viaIntermediate], 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', [remembered], now),
    ).toBeUndefined();
    expect(rememberedFor([valid], 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', [remembered], now)).toBeUndefined();
    expect(
      rememberedFor(
        [viaIntermediate, intermediate],
        'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
        [remembered],
        remembered.validTo + 1,
      ),
    ).toBeUndefined();
    const unsure = { ...remembered, rememberable: false };
    expect(
      rememberedFor([viaIntermediate, intermediate], 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', [unsure], now),
    ).toBeUndefined();
  });
});

describe('the verification context', () => {
  it('changes with anything OpenSSL verifies with besides the bundled roots', () => {
    const base = verificationContext(pki.caPem, {});
    expect(verificationContext(pki.caPem, {})).toBe(base);
    const extra = join(scratch, 'extra.pem');
    writeFileSync(extra, pki.caPem);
    const withExtra = verificationContext(pki.caPem, { NODE_EXTRA_CA_CERTS: extra });
    writeFileSync(extra, pki.intermediatePem);
    const otherBytes = verificationContext(pki.caPem, { NODE_EXTRA_CA_CERTS: extra });
    const contexts = [
      base,
      verificationContext(undefined, {}),
      verificationContext(pki.intermediatePem, {}),
      verificationContext(pki.caPem, { NODE_OPTIONS: '--tls-cipher-list=DEFAULT:@SECLEVEL=0' }),
      verificationContext(pki.caPem, { SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' }),
      withExtra,
      otherBytes,
    ];
    expect(new Set(contexts).size).toBe(contexts.length);
  });

  it('is no use where OpenSSL verifies with its own or the system store, or a configuration of the user', () => {
    expect(memoApplies({})).toBe(true);
    expect(memoApplies({ NODE_OPTIONS: '--use-openssl-ca' })).toBe(false);
    expect(memoApplies({ NODE_OPTIONS: '--use_openssl_ca' })).toBe(false);
    expect(memoApplies({ NODE_OPTIONS: '--max-old-space-size=512 --use-system-ca' })).toBe(false);
    expect(memoApplies({ NODE_USE_SYSTEM_CA: '1' })).toBe(false);
    expect(memoApplies({ OPENSSL_CONF: '/etc/ssl/openssl.cnf' })).toBe(false);
    expect(memoApplies({ NODE_OPTIONS: '--openssl-config=/home/ann/ssl.cnf' })).toBe(false);
  });
});

describe('NODE_EXTRA_CA_CERTS', () => {
  it('counts as Node counts it: up to the first certificate that does not parse', () => {
    const file = join(scratch, 'extra-damaged.pem');
    const damaged = pki.intermediatePem.replace(
      /(-----BEGIN CERTIFICATE-----\n)[A-Za-z0-9+/]{8}/,
      '$1AAAAAAAA',
    );
    writeFileSync(file, `${unrelated.toString()}${damaged}${pki.caPem}`);
    const before = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = file;
    try {
      const fingerprints = new TrustStore().anchors().map((cert) => cert.fingerprint256);
      expect(fingerprints).toContain(unrelated.fingerprint256);
      expect(fingerprints).not.toContain(root.fingerprint256);
    } finally {
      process.env.NODE_EXTRA_CA_CERTS = before;
    }
  });
});
