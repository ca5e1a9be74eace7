/**
 * The domain posture against a real DNS server (test/helpers/dns-server.ts) and a
 * real HTTPS server for MTA-STS policies, both on 127.0.0.1, with crafted zones.
 */
import { generateKeyPairSync } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsPostureSchema, type DnsPosture } from '../../electron/contract.js';
import { checkDnsPosture } from '../../electron/engine/dns/index.js';
import { UserFacingError } from '../../electron/engine/core/errors.js';
import { startDnsServer, type DnsZone, type TestDnsServer } from '../helpers/dns-server.js';
import { testPki } from '../helpers/env.js';
import { startHttpsServer, type TestHttpsServer } from '../helpers/https-server.js';

function dkimRecord(bits: number): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
}

const policy = (mode: string, ...mx: string[]) =>
  ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), 'max_age: 604800', ''].join('\r\n');

/** A domain with everything in order; `overrides` replaces or removes (undefined) names. */
function mailDomain(domain: string, overrides: DnsZone = {}): DnsZone {
  const zone: DnsZone = {
    [domain]: {
      // Deliberately out of order: the report must sort by preference.
      MX: [
        { priority: 20, exchange: `mx2.${domain}` },
        { priority: 10, exchange: `mx1.${domain}` },
      ],
      TXT: [`v=spf1 ip4:192.0.2.0/24 include:_spf.${domain} -all`, 'site-verification=abc'],
    },
    [`_spf.${domain}`]: { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] },
    [`_dmarc.${domain}`]: { TXT: [`v=DMARC1; p=reject; rua=mailto:dmarc@${domain}`] },
    [`selector1._domainkey.${domain}`]: { TXT: [dkimRecord(2048)] },
    [`_mta-sts.${domain}`]: { TXT: ['v=STSv1; id=20240201'] },
    [`mta-sts.${domain}`]: { A: ['127.0.0.1'] },
    [`_smtp._tls.${domain}`]: { TXT: [`v=TLSRPTv1; rua=mailto:tls@${domain}`] },
  };
  for (const [name, behaviour] of Object.entries(overrides)) {
    if (Object.keys(behaviour).length === 0) delete zone[name];
    else zone[name] = behaviour;
  }
  return zone;
}

const idnDomain = domainToASCII('メール.テスト');

const zone: DnsZone = {
  ...mailDomain('good.test'),
  ...mailDomain('nospf.test', {
    'nospf.test': { MX: [{ priority: 10, exchange: 'mx.nospf.test' }], TXT: ['hello'] },
  }),
  ...mailDomain('twospf.test', {
    'twospf.test': {
      MX: [{ priority: 10, exchange: 'mx1.twospf.test' }],
      TXT: ['v=spf1 -all', 'v=spf1 mx ~all'],
    },
  }),
  ...mailDomain('manyspf.test', {
    // 4 + 4 (a.) + 3 (c.) = 11 lookups on the way to -all; b. is never reached.
    'manyspf.test': {
      A: ['192.0.2.1'],
      MX: [{ priority: 10, exchange: 'mx1.manyspf.test' }],
      TXT: ['v=spf1 a mx ptr include:a.manyspf.test include:b.manyspf.test -all'],
    },
    'a.manyspf.test': {
      A: ['192.0.2.2'],
      MX: [{ priority: 10, exchange: 'mx1.manyspf.test' }],
      TXT: ['v=spf1 a mx exists:%{i}.x.manyspf.test include:c.manyspf.test -all'],
    },
    'b.manyspf.test': { TXT: ['v=spf1 ip4:192.0.2.1 -all'] },
    'c.manyspf.test': {
      A: ['192.0.2.3'],
      MX: [{ priority: 10, exchange: 'mx1.manyspf.test' }],
      TXT: ['v=spf1 a mx a:other.manyspf.test -all'],
    },
    'other.manyspf.test': { A: ['192.0.2.4'] },
  }),
  ...mailDomain('dmarcnone.test', { '_dmarc.dmarcnone.test': { TXT: ['v=DMARC1; p=none; pct=50'] } }),
  ...mailDomain('nodmarc.test', { '_dmarc.nodmarc.test': {} }),
  ...mailDomain('mismatch.test', {
    'mismatch.test': {
      MX: [
        { priority: 10, exchange: 'mx1.mismatch.test' },
        { priority: 20, exchange: 'backup.elsewhere.test' },
      ],
      TXT: ['v=spf1 mx -all'],
    },
  }),
  ...mailDomain('testing.test'),
  ...mailDomain('redirect.test'),
  ...mailDomain('badcert.test'),
  ...mailDomain('badpolicy.test'),
  ...mailDomain('weakdkim.test', { 's512._domainkey.weakdkim.test': { TXT: [dkimRecord(512)] } }),
  ...mailDomain('rpttypo.test', {
    '_smtp._tls.rpttypo.test': { TXT: ['v=TSLRPTv1; rua=mailto:tls@rpttypo.test'] },
    '_mta-sts.rpttypo.test': {},
    'selector1._domainkey.rpttypo.test': {},
  }),
  ...mailDomain('servfail.test', { '_dmarc.servfail.test': { rcode: 'SERVFAIL' } }),
  ...mailDomain('stall.test', { '_dmarc.stall.test': { stall: true } }),
  'nullmx.test': { MX: [{ priority: 0, exchange: '.' }], TXT: ['v=spf1 -all'] },
  [idnDomain]: { TXT: ['v=spf1 -all'] },
};

let dns: TestDnsServer;
let https: TestHttpsServer;
let badCertHttps: TestHttpsServer;

beforeAll(async () => {
  dns = await startDnsServer(zone);
  const path = '/.well-known/mta-sts.txt';
  https = await startHttpsServer(
    {
      [`mta-sts.good.test${path}`]: { body: policy('enforce', 'mx1.good.test', '*.good.test') },
      [`mta-sts.mismatch.test${path}`]: { body: policy('enforce', 'mx1.mismatch.test') },
      [`mta-sts.testing.test${path}`]: { body: policy('testing', '*.testing.test') },
      [`mta-sts.redirect.test${path}`]: {
        status: 301,
        headers: { location: 'https://elsewhere.test/policy' },
      },
      [`mta-sts.badpolicy.test${path}`]: { body: 'version: STSv1\nmode: sometimes\nmax_age: 99999999999\n' },
    },
    'valid',
    [
      'mta-sts.good.test',
      'mta-sts.mismatch.test',
      'mta-sts.testing.test',
      'mta-sts.redirect.test',
      'mta-sts.badpolicy.test',
    ],
  );
  badCertHttps = await startHttpsServer(
    { 'mta-sts.badcert.test/.well-known/mta-sts.txt': { body: policy('enforce', '*.badcert.test') } },
    'self-signed',
    ['mta-sts.badcert.test'],
  );
});

afterAll(async () => {
  await Promise.all([dns?.close(), https?.close(), badCertHttps?.close()]);
});

async function posture(
  domain: string,
  extra: { dkimSelector?: string; port?: number; timeoutMs?: number } = {},
): Promise<DnsPosture> {
  const result = await checkDnsPosture(domain, {
    dnsServer: dns.address,
    caPem: testPki().caPem,
    httpsPort: extra.port ?? https.port,
    dkimSelector: extra.dkimSelector,
    timeoutMs: extra.timeoutMs ?? 1000,
  });
  // Whatever the engine returns must be exactly what the contract promises the UI.
  expect(dnsPostureSchema.parse(result)).toEqual(result);
  return result;
}

const ids = (p: DnsPosture) => p.findings.map((f) => f.id);
const finding = (p: DnsPosture, id: string) => p.findings.find((f) => f.id === id);
const status = (p: DnsPosture, requirement: string) =>
  p.senderRequirements.find((r) => r.requirement === requirement)?.status;

describe('dns posture', () => {
  it('finds nothing wrong with a well-configured domain', async () => {
    const p = await posture('good.test');
    expect(p.findings).toEqual([]);
    expect(p.mx).toEqual([
      { exchange: 'mx1.good.test', priority: 10 },
      { exchange: 'mx2.good.test', priority: 20 },
    ]);
    expect(p.spf).toEqual({
      records: ['v=spf1 ip4:192.0.2.0/24 include:_spf.good.test -all'],
      lookups: 1,
      voidLookups: 0,
      check: null,
    });
    expect(p.dmarc).toMatchObject({ policy: 'reject', pct: null, rua: ['mailto:dmarc@good.test'] });
    expect(p.dkim).toEqual([{ selector: 'selector1', keyBits: 2048 }]);
    expect(p.mtaSts).toEqual({
      txt: 'v=STSv1; id=20240201',
      mode: 'enforce',
      mx: ['mx1.good.test', '*.good.test'],
      maxAge: 604800,
    });
    expect(p.tlsRpt).toEqual({
      record: 'v=TLSRPTv1; rua=mailto:tls@good.test',
      rua: ['mailto:tls@good.test'],
    });
    expect(status(p, 'spf')).toBe('met');
    expect(status(p, 'dkim')).toBe('met');
    expect(status(p, 'dmarc')).toBe('met');
    expect(status(p, 'reverse-dns')).toBe('unknown');
    expect(https.requests).toContain('mta-sts.good.test /.well-known/mta-sts.txt');
  });

  it('flags a missing SPF record', async () => {
    const p = await posture('nospf.test');
    expect(finding(p, 'spf-missing')?.severity).toBe('high');
    expect(status(p, 'spf')).toBe('not-met');
  });

  it('flags two SPF records as a permanent error', async () => {
    const p = await posture('twospf.test');
    expect(finding(p, 'spf-multiple')).toMatchObject({ severity: 'high', detail: '2 records' });
    expect(p.spf.records).toHaveLength(2);
    expect(status(p, 'spf')).toBe('not-met');
  });

  it('counts SPF lookups through includes and flags more than 10', async () => {
    const p = await posture('manyspf.test');
    // A receiver stops at the 11th lookup, with permerror.
    expect(p.spf.lookups).toBe(11);
    expect(finding(p, 'spf-too-many-lookups')).toMatchObject({
      severity: 'high',
      detail: 'c.manyspf.test: a:other.manyspf.test (> 10)',
    });
    expect(finding(p, 'spf-ptr')).toMatchObject({ severity: 'low', detail: 'ptr' });
    expect(status(p, 'spf')).toBe('not-met');
  });

  it('marks DMARC p=none as monitoring only, and a partial pct', async () => {
    const p = await posture('dmarcnone.test');
    expect(ids(p)).toEqual(
      expect.arrayContaining(['dmarc-monitoring-only', 'dmarc-partial-pct', 'dmarc-no-reports']),
    );
    expect(p.dmarc).toMatchObject({ policy: 'none', pct: 50 });
    // p=none still satisfies the Gmail/Yahoo minimum.
    expect(status(p, 'dmarc')).toBe('met');
  });

  it('flags a missing DMARC record', async () => {
    const p = await posture('nodmarc.test');
    expect(finding(p, 'dmarc-missing')?.severity).toBe('high');
    expect(status(p, 'dmarc')).toBe('not-met');
  });

  it('matches MX hosts against an enforced MTA-STS policy', async () => {
    const p = await posture('mismatch.test');
    expect(finding(p, 'mta-sts-mx-mismatch')).toMatchObject({
      severity: 'high',
      detail: 'backup.elsewhere.test',
    });
    // good.test's MX hosts are covered by its patterns (exact and *.).
    expect(ids(await posture('good.test'))).not.toContain('mta-sts-mx-mismatch');
  });

  it('reports testing mode', async () => {
    expect(ids(await posture('testing.test'))).toContain('mta-sts-testing');
  });

  it('does not follow a redirect for the MTA-STS policy', async () => {
    const p = await posture('redirect.test');
    expect(finding(p, 'mta-sts-policy-redirect')?.detail).toBe('301 https://elsewhere.test/policy');
    expect(p.mtaSts.mode).toBeNull();
  });

  it('refuses a policy served with an untrusted certificate', async () => {
    const p = await posture('badcert.test', { port: badCertHttps.port });
    expect(finding(p, 'mta-sts-policy-cert-invalid')?.detail).toMatch(/SELF_SIGNED/);
    expect(p.mtaSts.mode).toBeNull();
  });

  it('refuses a policy served for another name or with an expired certificate', async () => {
    // The PKI's localhost certificate is trusted but does not cover mta-sts.good.test.
    const otherName = await startHttpsServer({}, 'localhost-only', []);
    const expired = await startHttpsServer({}, 'expired-ca-leaf', []);
    try {
      const p = await posture('good.test', { port: otherName.port });
      expect(finding(p, 'mta-sts-policy-cert-invalid')?.detail).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
      const q = await posture('good.test', { port: expired.port });
      expect(finding(q, 'mta-sts-policy-cert-invalid')?.detail).toBe('CERT_HAS_EXPIRED');
      expect(otherName.requests).toEqual([]);
    } finally {
      await Promise.all([otherName.close(), expired.close()]);
    }
  });

  it('validates the policy fields', async () => {
    const detail = finding(await posture('badpolicy.test'), 'mta-sts-policy-invalid')?.detail ?? '';
    expect(detail).toContain('mode: sometimes');
    expect(detail).toContain('max_age: 99999999999');
    expect(detail).toContain('mx: missing');
  });

  it('reads the DKIM key size for a given selector and flags a weak key', async () => {
    const p = await posture('weakdkim.test', { dkimSelector: 's512' });
    expect(p.dkim).toEqual([{ selector: 's512', keyBits: 512 }]);
    expect(finding(p, 'dkim-weak-key')?.detail).toBe('s512: 512 bits');
    expect(status(p, 'dkim')).toBe('not-met');
  });

  it('says when a given DKIM selector has no key, and when no common selector has one', async () => {
    const missing = await posture('good.test', { dkimSelector: 'nosuch' });
    expect(finding(missing, 'dkim-not-found')?.detail).toBe('nosuch._domainkey.good.test');
    expect(status(missing, 'dkim')).toBe('not-met');
    const unknown = await posture('rpttypo.test');
    expect(finding(unknown, 'dkim-selector-unknown')?.severity).toBe('info');
    expect(status(unknown, 'dkim')).toBe('unknown');
  });

  it('flags a TLS-RPT lookalike and a missing MTA-STS record', async () => {
    const p = await posture('rpttypo.test');
    expect(finding(p, 'tls-rpt-invalid')?.detail).toBe('v=TSLRPTv1; rua=mailto:tls@rpttypo.test');
    expect(ids(p)).toContain('mta-sts-missing');
    expect(ids(p)).not.toContain('tls-rpt-missing');
  });

  it('recognises a null MX, listed as ".", and asks nothing of inbound mail of it', async () => {
    const p = await posture('nullmx.test');
    expect(ids(p)).toContain('mx-null');
    expect(p.mx).toEqual([{ priority: 0, exchange: '.' }]);
    expect(ids(p)).not.toContain('mta-sts-missing');
    expect(ids(p)).not.toContain('tls-rpt-missing');
  });

  it('turns SERVFAIL into a finding, not an exception', async () => {
    const p = await posture('servfail.test');
    expect(finding(p, 'dns-servfail')?.detail).toBe('_dmarc.servfail.test TXT');
    expect(status(p, 'dmarc')).toBe('unknown');
    expect(ids(p)).not.toContain('dmarc-missing');
  });

  it('turns a resolver that never answers into a timeout finding within the deadline', async () => {
    const started = Date.now();
    // Two seconds a query: on a loaded CI machine a healthy loopback query once took over one.
    const p = await posture('stall.test', { timeoutMs: 2000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(finding(p, 'dns-timeout')?.detail).toBe('_dmarc.stall.test TXT');
    expect(status(p, 'dmarc')).toBe('unknown');
  });

  it('accepts an internationalised domain and queries its ASCII form', async () => {
    const p = await posture('メール.テスト');
    expect(p.domain).toBe(idnDomain);
    expect(dns.queries).toContain(`${idnDomain} TXT`);
  });

  it('rejects input that is not a domain or selector', async () => {
    for (const bad of ['', 'not a domain', 'localhost', 'a..b', '-x.test']) {
      await expect(posture(bad)).rejects.toMatchObject({ code: 'invalid-input' });
    }
    await expect(posture('good.test', { dkimSelector: 'bad selector' })).rejects.toBeInstanceOf(
      UserFacingError,
    );
    await expect(checkDnsPosture('good.test', { dnsServer: 'not-an-ip' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });
});
