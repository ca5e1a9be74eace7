/**
 * The pieces of the chain memo (electron/engine/tls/chain-memo.ts) on the test PKI's
 * real certificates: what counts as presented, which anchors a chain may be remembered
 * with, and where OpenSSL does not verify with the bundled roots at all.
 */
import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import {
  bundledRootsVerify,
  chainDigest,
  chainToRemember,
  isAnchor,
  presentedPart,
} from '../../electron/engine/tls/chain-memo.js';
import { testPki } from '../helpers/env.js';

const pki = testPki();
const root = new X509Certificate(pki.caPem);
const intermediate = new X509Certificate(pki.intermediatePem);
const viaIntermediate = new X509Certificate(pki.leaf('via-intermediate').cert);
const selfSigned = new X509Certificate(pki.leaf('self-signed').cert);

describe('the chain memo', () => {
  it('leaves out the anchor that ends a chain, never the leaf', () => {
    expect(presentedPart([viaIntermediate, intermediate, root])).toEqual([viaIntermediate, intermediate]);
    expect(presentedPart([viaIntermediate, intermediate])).toEqual([viaIntermediate, intermediate]);
    expect(presentedPart([selfSigned])).toEqual([selfSigned]);
    expect(chainDigest([viaIntermediate, intermediate])).not.toBe(chainDigest([viaIntermediate]));
    expect(chainDigest([viaIntermediate, intermediate])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('remembers a chain only with an anchor that is a bundled root or one the user gave', () => {
    const chain = [viaIntermediate, intermediate, root];
    const remembered = chainToRemember('mail.example.jp:465', chain, [pki.caPem]);
    expect(remembered).toMatchObject({
      endpoint: 'mail.example.jp:465',
      presented: chainDigest([viaIntermediate, intermediate]),
      anchor: root.raw.toString('base64'),
    });
    // The chain is valid only while all three certificates are.
    expect(remembered?.validTo).toBe(Math.min(...chain.map((c) => Date.parse(c.validTo))));
    expect(remembered?.validFrom).toBe(Math.max(...chain.map((c) => Date.parse(c.validFrom))));
    expect(chainToRemember('mail.example.jp:465', chain, [])).toBeNull();
    // A chain that does not end in a self-issued certificate has no anchor to remember.
    expect(chainToRemember('mail.example.jp:465', [viaIntermediate, intermediate], [pki.caPem])).toBeNull();

    const bundled = tls.rootCertificates[0]!;
    expect(isAnchor(new X509Certificate(bundled).raw.toString('base64'), [])).toBe(true);
    expect(isAnchor(root.raw.toString('base64'), [])).toBe(false);
  });

  it('is off where OpenSSL verifies with its own or the system store', () => {
    expect(bundledRootsVerify({})).toBe(true);
    expect(bundledRootsVerify({ NODE_OPTIONS: '--use-openssl-ca' })).toBe(false);
    expect(bundledRootsVerify({ NODE_OPTIONS: '--max-old-space-size=512 --use-system-ca' })).toBe(false);
  });
});
