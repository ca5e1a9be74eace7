/**
 * Discovery against a real DNS server and a real HTTPS server on 127.0.0.1:
 * presets, autoconfig (HTTPS only, no address in the URL, no DTDs), SRV with
 * priorities, weights and "." targets, MX-based providers, and guessing.
 */
import { domainToASCII } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverResultSchema, presetSchema, type Candidate } from '../../electron/contract.js';
import { discover, listPresets } from '../../electron/engine/discover/index.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { testPki } from '../helpers/env.js';
import { startHttpsServer, type TestHttpsServer } from '../helpers/https-server.js';

const autoconfigXml = (servers: string) => `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.test">
    <domain>example.test</domain>
    <incomingServer type="imap"><hostname>imap.example.test</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
    ${servers}
  </emailProvider>
</clientConfig>`;

const smtp = (host: string, port: number, socketType: string) =>
  `<outgoingServer type="smtp"><hostname>${host}</hostname><port>${port}</port><socketType>${socketType}</socketType><username>%EMAILADDRESS%</username></outgoingServer>`;

let dns: TestDnsServer;
let https: TestHttpsServer;

beforeAll(async () => {
  dns = await startDnsServer({
    'autoconfig.ac.test': { A: ['127.0.0.1'] },
    'ac.test': {},
    'wk.test': { A: ['127.0.0.1'] },
    'autoconfig.dtd.test': { A: ['127.0.0.1'] },
    'dtd.test': {},
    '_submissions._tcp.srv.test': {
      SRV: [
        { priority: 10, weight: 0, port: 465, target: 'backup.srv.test' },
        { priority: 0, weight: 5, port: 465, target: 'light.srv.test' },
        { priority: 0, weight: 10, port: 465, target: 'heavy.srv.test' },
      ],
    },
    '_submission._tcp.srv.test': { SRV: [{ priority: 0, weight: 0, port: 587, target: 'heavy.srv.test' }] },
    // Issue 14: RFC 6186 incoming services.
    '_imaps._tcp.srv.test': {
      SRV: [
        { priority: 10, weight: 0, port: 993, target: 'imap-backup.srv.test' },
        { priority: 0, weight: 0, port: 993, target: 'imap.srv.test' },
      ],
    },
    '_imap._tcp.srv.test': { SRV: [{ priority: 0, weight: 0, port: 0, target: '.' }] },
    '_pop3s._tcp.srv.test': { SRV: [{ priority: 0, weight: 0, port: 995, target: 'pop.srv.test' }] },
    '_pop3._tcp.srv.test': { SRV: [{ priority: 0, weight: 0, port: 110, target: 'pop.srv.test' }] },
    'srv.test': {},
    '_submissions._tcp.dot.test': { SRV: [{ priority: 0, weight: 0, port: 0, target: '.' }] },
    '_submission._tcp.dot.test': { SRV: [{ priority: 0, weight: 0, port: 587, target: 'mail.dot.test' }] },
    'dot.test': {},
    '_submissions._tcp.signed.test': {
      SRV: [{ priority: 0, weight: 0, port: 465, target: 'smtp.signed.test' }],
      authenticated: true,
    },
    'signed.test': {},
    'gsuite.test': {
      MX: [
        { priority: 5, exchange: 'alt1.aspmx.l.google.com' },
        { priority: 1, exchange: 'aspmx.l.google.com' },
      ],
    },
    'm365.test': { MX: [{ priority: 0, exchange: 'm365-test.mail.protection.outlook.com' }] },
    'plain.test': { MX: [{ priority: 10, exchange: 'mx.plain.test' }] },
    // Only smtp.plain.test exists: mail.plain.test must not be offered.
    'smtp.plain.test': { A: ['127.0.0.1'] },
    'smtp.dtd.test': { A: ['127.0.0.1'] },
    'smtp.slow.test': { A: ['127.0.0.1'] },
    [`smtp.${domainToASCII('例え.テスト')}`]: { A: ['127.0.0.1'] },
    'nothing.test': {},
    'own-domain.test': { MX: [{ priority: 10, exchange: 'mx01.biglobe.ne.jp' }] },
    '_submissions._tcp.slow.test': { stall: true },
    'slow.test': {},
  });
  https = await startHttpsServer(
    {
      'autoconfig.ac.test/mail/config-v1.1.xml': {
        contentType: 'application/xml',
        body: autoconfigXml(
          smtp('smtp.%EMAILDOMAIN%', 587, 'STARTTLS') +
            smtp('smtp.ac.test', 465, 'SSL') +
            smtp('smtp.ac.test', 25, 'plain'),
        ),
      },
      'wk.test/.well-known/autoconfig/mail/config-v1.1.xml': {
        contentType: 'text/xml',
        body: autoconfigXml(smtp('mail.wk.test', 465, 'SSL')),
      },
      'autoconfig.dtd.test/mail/config-v1.1.xml': {
        body: `<?xml version="1.0"?><!DOCTYPE clientConfig [<!ENTITY h "evil.test">]>${autoconfigXml(smtp('&h;', 465, 'SSL'))}`,
      },
    },
    'valid',
    ['autoconfig.ac.test', 'wk.test', 'autoconfig.dtd.test'],
  );
});

afterAll(async () => {
  await Promise.all([dns?.close(), https?.close()]);
});

async function run(email: string): Promise<Candidate[]> {
  const result = await discover(email, {
    dnsServer: dns.address,
    caPem: testPki().caPem,
    httpsPort: https.port,
    timeoutMs: 1000,
  });
  expect(discoverResultSchema.parse(result)).toEqual(result);
  return result.candidates;
}

const brief = (c: Candidate) =>
  `${c.host}:${c.port}/${c.security}/${c.source}/${c.trusted ? 'trusted' : 'confirm'}`;

describe('discover', () => {
  it('answers a provider address from the built-in presets, implicit TLS first', async () => {
    const candidates = await run('taro@Gmail.com');
    expect(candidates.map(brief).slice(0, 2)).toEqual([
      'smtp.gmail.com:465/implicit-tls/preset/trusted',
      'smtp.gmail.com:587/starttls/preset/trusted',
    ]);
    expect(candidates[0]?.origin).toMatch(/^https:\/\/developers\.google\.com\//);
  });

  it('reads the provider’s autoconfig over HTTPS without sending the address', async () => {
    const candidates = await run('hanako@ac.test');
    expect(candidates.map(brief)).toEqual([
      'smtp.ac.test:465/implicit-tls/autoconfig/trusted',
      'smtp.ac.test:587/starttls/autoconfig/trusted',
      // Plaintext stays listed for the record but is never first (RFC 8314).
      'smtp.ac.test:25/plain/autoconfig/trusted',
    ]);
    expect(candidates[0]?.origin).toBe('https://autoconfig.ac.test/mail/config-v1.1.xml');
    const fetched = https.requests.filter((r) => r.startsWith('autoconfig.ac.test'));
    expect(fetched).toEqual(['autoconfig.ac.test /mail/config-v1.1.xml']);
    expect(https.requests.join(' ')).not.toMatch(/hanako|@|emailaddress/i);
  });

  it('falls back to the .well-known location on the domain itself', async () => {
    const candidates = await run('a@wk.test');
    expect(candidates.map(brief)).toEqual(['mail.wk.test:465/implicit-tls/autoconfig/trusted']);
    expect(candidates[0]?.origin).toBe('https://wk.test/.well-known/autoconfig/mail/config-v1.1.xml');
  });

  it('refuses an autoconfig document with a DTD', async () => {
    const candidates = await run('a@dtd.test');
    expect(candidates.every((c) => c.source === 'guess')).toBe(true);
    expect(candidates.some((c) => c.host.includes('evil'))).toBe(false);
  });

  it('orders SRV records by priority then weight, submissions before submission', async () => {
    const candidates = await run('a@srv.test');
    expect(candidates.map(brief)).toEqual([
      'heavy.srv.test:465/implicit-tls/srv/confirm',
      'light.srv.test:465/implicit-tls/srv/confirm',
      'backup.srv.test:465/implicit-tls/srv/confirm',
      'heavy.srv.test:587/starttls/srv/confirm',
    ]);
    expect(candidates[0]?.origin).toBe('_submissions._tcp.srv.test SRV 0 10 465 heavy.srv.test');
  });

  it('finds incoming servers: RFC 6186 SRV records and autoconfig incomingServer entries', async () => {
    const options = {
      dnsServer: dns.address,
      caPem: testPki().caPem,
      httpsPort: https.port,
      timeoutMs: 1000,
    };
    const fromSrv = discoverResultSchema.parse(await discover('a@srv.test', options));
    expect(fromSrv.incoming?.map((c) => `${c.protocol} ${brief(c)}`)).toEqual([
      'imap imap.srv.test:993/implicit-tls/srv/confirm',
      'imap imap-backup.srv.test:993/implicit-tls/srv/confirm',
      'pop3 pop.srv.test:995/implicit-tls/srv/confirm',
      // _imap._tcp's "." target: IMAP with STARTTLS is deliberately not offered.
      'pop3 pop.srv.test:110/starttls/srv/confirm',
    ]);
    const fromAutoconfig = discoverResultSchema.parse(await discover('a@ac.test', options));
    expect(fromAutoconfig.incoming?.map((c) => `${c.protocol} ${brief(c)}`)).toEqual([
      'imap imap.example.test:993/implicit-tls/autoconfig/trusted',
    ]);
    expect((await discover('a@plain.test', options)).incoming).toBeUndefined();
  });

  it('treats a "." SRV target as "not offered"', async () => {
    const candidates = await run('a@dot.test');
    expect(candidates.map(brief)).toEqual(['mail.dot.test:587/starttls/srv/confirm']);
  });

  it('trusts SRV answers only when the local resolver vouches for them with DNSSEC', async () => {
    const candidates = await run('a@signed.test');
    expect(candidates.map(brief)).toEqual(['smtp.signed.test:465/implicit-tls/srv/trusted']);
  });

  it('maps a Google MX to Gmail’s settings and a Microsoft MX to Microsoft 365', async () => {
    expect((await run('a@gsuite.test')).map(brief)).toEqual([
      'smtp.gmail.com:465/implicit-tls/mx/confirm',
      'smtp.gmail.com:587/starttls/mx/confirm',
    ]);
    const m365 = await run('a@m365.test');
    expect(m365.map(brief)).toEqual(['smtp.office365.com:587/starttls/mx/confirm']);
    expect(m365[0]?.origin).toMatch(/^MX m365-test\.mail\.protection\.outlook\.com/);
  });

  it('guesses smtp. and mail. of the domain when nothing else answers, only names that resolve, never plaintext', async () => {
    expect((await run('a@plain.test')).map(brief)).toEqual([
      'smtp.plain.test:465/implicit-tls/guess/confirm',
      'smtp.plain.test:587/starttls/guess/confirm',
    ]);
    expect(await run('a@nothing.test')).toEqual([]);
  });

  it('recognises a provider from an MX under one of its preset domains', async () => {
    const candidates = await run('a@own-domain.test');
    expect(candidates.map(brief)).toEqual(['mail.biglobe.ne.jp:465/implicit-tls/mx/confirm']);
    expect(candidates[0]?.origin).toMatch(/^MX mx01\.biglobe\.ne\.jp → https:\/\/github\.com\/thunderbird\//);
  });

  it('has Japanese provider presets, each citing its source and listing its incoming servers', () => {
    const byId = new Map(listPresets().map((p) => [p.id, p]));
    for (const id of ['asahi-net', 'biglobe', 'ocn', 'yahoo-japan', 'ybb', 'softbank-i', 'iijmio']) {
      const preset = byId.get(id);
      expect(preset, id).toBeDefined();
      expect(preset!.incoming.length, id).toBeGreaterThan(0);
    }
    // [O] rows come from the provider's page; [ISPDB] rows are community data.
    expect(byId.get('asahi-net')?.sourceKind).toBe('provider');
    for (const id of ['biglobe', 'ocn', 'yahoo-japan', 'ybb', 'softbank-i', 'iijmio']) {
      expect(byId.get(id)?.sourceKind, id).toBe('community');
      expect(byId.get(id)?.sourceUrl, id).toMatch(
        /^https:\/\/github\.com\/thunderbird\/autoconfig\/blob\/c6ad796\/ispdb\//,
      );
    }
    // The ISPDB entry for @nifty is plaintext and stale: it must not become a preset.
    expect([...byId.values()].some((p) => p.domains.includes('nifty.com'))).toBe(false);
  });

  it('does not hang on a resolver that never answers', async () => {
    const started = Date.now();
    const candidates = await run('a@slow.test');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(candidates[0]?.source).toBe('guess');
  });

  it('accepts an internationalised domain', async () => {
    const ascii = domainToASCII('例え.テスト');
    const candidates = await run('太郎@例え.テスト');
    expect(candidates[0]?.host).toBe(`smtp.${ascii}`);
  });

  it('rejects what is not an email address', async () => {
    for (const bad of [
      '',
      'taro',
      '@example.com',
      'taro@',
      'taro@localhost',
      'ta ro@example.com',
      'a@b..c',
    ]) {
      await expect(run(bad)).rejects.toMatchObject({ code: 'invalid-input' });
    }
  });

  it('lists presets that match the contract and cite the provider’s documentation', () => {
    const presets = listPresets();
    expect(presets.length).toBeGreaterThanOrEqual(6);
    for (const preset of presets) {
      expect(presetSchema.parse(preset)).toEqual(preset);
      expect(preset.sourceUrl).toMatch(/^https:\/\//);
      expect(preset.note?.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    // A caller that edits its copy must not change the built-in data.
    presets[0]!.host = 'changed.test';
    expect(listPresets()[0]?.host).toBe('smtp.gmail.com');
  });
});
