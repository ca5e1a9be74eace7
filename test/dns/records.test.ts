/** The record parsers on their own: SPF terms, DMARC tags, MTA-STS patterns, TLS-RPT, DKIM keys. */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  mtaStsId,
  mxMatchesPattern,
  parseDkimKey,
  parseDmarc,
  parseMtaStsPolicy,
  parseTlsRpt,
} from '../../electron/engine/dns/records.js';
import { parseSpf } from '../../electron/engine/dns/spf.js';
import { parseDnsServer } from '../../electron/engine/dns/client.js';

describe('SPF parser', () => {
  it('reads qualifiers, all and redirect', () => {
    expect(parseSpf('v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 mx ~all')).toMatchObject({
      all: '~',
      errors: [],
    });
    expect(parseSpf('v=spf1 redirect=_spf.example.test')).toMatchObject({
      all: null,
      redirect: '_spf.example.test',
    });
    expect(parseSpf('v=spf1 +all').all).toBe('+');
    expect(parseSpf('v=spf1 all').all).toBe('+');
  });

  it('reports typos, empty includes and bad networks', () => {
    expect(
      parseSpf('v=spf1 inlcude:x.test include: ip4:300.1.1.1 ip4:192.0.2.0/33 ip6:192.0.2.1 -all').errors,
    ).toEqual(['inlcude:x.test', 'include:', 'ip4:300.1.1.1', 'ip4:192.0.2.0/33', 'ip6:192.0.2.1']);
  });
});

describe('DMARC parser', () => {
  it('reads policy, pct and report addresses', () => {
    expect(parseDmarc('v=DMARC1; p=quarantine; pct=25; rua=mailto:a@x.test,mailto:b@y.test')).toEqual({
      policy: 'quarantine',
      subdomainPolicy: null,
      adkim: 'r',
      aspf: 'r',
      policySecond: true,
      pct: 25,
      rua: ['mailto:a@x.test', 'mailto:b@y.test'],
      errors: [],
    });
  });

  it('reports a missing or unknown policy and malformed tags', () => {
    expect(parseDmarc('v=DMARC1; rua=mailto:a@x.test').errors).toEqual(['p missing']);
    expect(parseDmarc('v=DMARC1; p=block; pct=150; rua=a@x.test').errors).toEqual([
      'p=block',
      'pct=150',
      'rua=a@x.test',
    ]);
  });
});

describe('MTA-STS', () => {
  it('matches a leading wildcard against exactly one label', () => {
    expect(mxMatchesPattern('mx1.example.test', '*.example.test')).toBe(true);
    expect(mxMatchesPattern('a.b.example.test', '*.example.test')).toBe(false);
    expect(mxMatchesPattern('example.test', '*.example.test')).toBe(false);
    expect(mxMatchesPattern('mx.example.test', 'mx.example.test')).toBe(true);
    expect(mxMatchesPattern('mx.example.test', 'mx2.example.test')).toBe(false);
  });

  it('parses a CRLF policy and ignores unknown keys', () => {
    expect(
      parseMtaStsPolicy('version: STSv1\r\nmode: enforce\r\nmx: *.x.test\r\nfoo: bar\r\nmax_age: 86400\r\n'),
    ).toEqual({
      mode: 'enforce',
      mx: ['*.x.test'],
      maxAge: 86400,
      errors: [],
    });
  });

  it('allows mode none without mx lines and checks the TXT id', () => {
    expect(parseMtaStsPolicy('version: STSv1\nmode: none\nmax_age: 60\n').errors).toEqual([]);
    expect(mtaStsId('v=STSv1; id=2024abc')).toBe('2024abc');
    expect(mtaStsId('v=STSv1; id=not-valid!')).toBeNull();
    expect(mtaStsId('v=STSv1;')).toBeNull();
  });
});

describe('TLS-RPT and DKIM', () => {
  it('accepts mailto and https report URIs only', () => {
    expect(parseTlsRpt('v=TLSRPTv1; rua=mailto:t@x.test,https://r.x.test/report').errors).toEqual([]);
    expect(parseTlsRpt('v=TLSRPTv1; rua=http://r.x.test').errors).toEqual(['rua=http://r.x.test']);
    expect(parseTlsRpt('v=TLSRPTv1').errors).toEqual(['rua missing']);
  });

  it('reads RSA sizes from SPKI and PKCS#1 keys, ed25519 and revoked keys', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
    expect(parseDkimKey(`v=DKIM1; k=rsa; p=${spki}`)).toEqual({ keyType: 'rsa', bits: 1024, revoked: false });
    expect(parseDkimKey(`v=DKIM1; p=${pkcs1}`)?.bits).toBe(1024);
    expect(parseDkimKey('v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=')?.bits).toBe(
      256,
    );
    expect(parseDkimKey('v=DKIM1; p=')).toEqual({ keyType: 'rsa', bits: null, revoked: true });
    expect(parseDkimKey('some other text')).toBeNull();
  });
});

describe('--dns-server values', () => {
  it('accepts IPv4 and IPv6 with or without a port', () => {
    expect(parseDnsServer('127.0.0.1')).toEqual({ host: '127.0.0.1', port: 53 });
    expect(parseDnsServer('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(parseDnsServer('::1')).toEqual({ host: '::1', port: 53 });
    expect(parseDnsServer('[::1]:5353')).toEqual({ host: '::1', port: 5353 });
  });

  it('refuses names and impossible ports', () => {
    for (const bad of ['localhost:53', '127.0.0.1:0', '127.0.0.1:70000', '[::1]:x', '']) {
      expect(() => parseDnsServer(bad), bad).toThrow(/DNS server/);
    }
  });
});
