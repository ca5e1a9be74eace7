/**
 * Issue 19's eight reproductions, each run through the built `mailtls dns` against a
 * real DNS server on loopback (test/helpers/health-zone.ts): the findings, the JSON
 * and the exit code a person relying on the answer would see, in English and Japanese.
 * Each CLI run is a fresh Node process, slow on a busy machine: hence the longer timeouts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsPostureSchema, type DnsPosture } from '../../electron/contract.js';
import { runCli } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { reproductionZone } from '../helpers/health-zone.js';

let dns: TestDnsServer;

beforeAll(async () => {
  dns = await startDnsServer(reproductionZone());
});

afterAll(async () => {
  await dns?.close();
});

async function mailtlsDns(domain: string, ...extra: string[]) {
  const run = await runCli(['dns', domain, '--dns-server', dns.address, '--timeout', '2000', ...extra]);
  expect(run.stderr).toBe('');
  return run;
}

async function posture(domain: string, ...extra: string[]): Promise<{ code: number | null; p: DnsPosture }> {
  const run = await mailtlsDns(domain, '--json', ...extra);
  return { code: run.code, p: dnsPostureSchema.parse(JSON.parse(run.stdout)) };
}

const finding = (p: DnsPosture, id: string) => p.findings.find((f) => f.id === id);
const spfStatus = (p: DnsPosture) => p.senderRequirements.find((r) => r.requirement === 'spf')?.status;

describe('SPF reproductions', { timeout: 90_000 }, () => {
  it('1. an include loop is a permerror, not a valid record', async () => {
    const { code, p } = await posture('loop.test');
    expect(finding(p, 'spf-include-loop')).toMatchObject({
      severity: 'high',
      detail: 'b.loop.test: include:loop.test',
    });
    expect(spfStatus(p)).toBe('not-met');
    expect(code).toBe(1);
  });

  it('2. a record included twice is counted twice: the diamond passes the limit', async () => {
    const { code, p } = await posture('diamond.test');
    expect(p.spf.lookups).toBe(11);
    expect(finding(p, 'spf-too-many-lookups')).toMatchObject({
      severity: 'high',
      detail: 'shared.diamond.test: a:h3.diamond.test (> 10)',
    });
    expect(spfStatus(p)).toBe('not-met');
    expect(code).toBe(1);
  });

  it('3. the third lookup of a name that does not exist is a permerror', async () => {
    const { code, p } = await posture('void.test');
    expect(p.spf.voidLookups).toBe(3);
    expect(finding(p, 'spf-void-lookups')).toMatchObject({
      severity: 'high',
      detail: 'include:gone3.void.test (> 2)',
    });
    expect(code).toBe(1);
  });

  it('3. says the counts in text too', async () => {
    const run = await mailtlsDns('void.test', '--lang', 'ja');
    expect(run.stdout).toContain('（DNS 参照 3 回、うち該当なし 3 回）');
    expect(run.code).toBe(1);
  });

  it('4. a macro letter RFC 7208 does not define is a syntax error', async () => {
    const { code, p } = await posture('macro.test');
    expect(finding(p, 'spf-syntax')).toMatchObject({ severity: 'high', detail: 'exists:%{q}.macro.test' });
    expect(code).toBe(1);
  });

  it('5. ptr draws a warning', async () => {
    const { code, p } = await posture('ptr.test');
    expect(finding(p, 'spf-ptr')).toMatchObject({ severity: 'low', detail: 'ptr' });
    expect(spfStatus(p)).toBe('met');
    expect(code).toBe(0);
  });

  it('8. a typo and an include without SPF are high, so the exit code says so', async () => {
    const typo = await posture('typo.test');
    expect(finding(typo.p, 'spf-syntax')).toMatchObject({
      severity: 'high',
      detail: 'inlcude:_spf.typo.test',
    });
    expect(typo.code).toBe(1);
    const missing = await posture('noinclude.test');
    expect(finding(missing.p, 'spf-include-missing')).toMatchObject({
      severity: 'high',
      detail: 'include:nothing.noinclude.test',
    });
    expect(missing.code).toBe(1);
  });

  it('answers for one address with the mechanism that decided, in both languages', async () => {
    const pass = await posture('sender.test', '--ip', '192.0.2.25');
    expect(pass.p.spf.check).toEqual({
      ip: '192.0.2.25',
      guessedFrom: null,
      result: 'pass',
      matched: { domain: 'sender.test', term: 'a:smtp.sender.test' },
      explanation: null,
    });
    const other = await posture('sender.test', '--ip', '2001:db8::1');
    expect(other.p.spf.check).toMatchObject({ result: 'softfail', matched: { term: '~all' } });
    const en = await mailtlsDns('sender.test', '--ip', '192.0.2.25');
    expect(en.stdout).toContain('  Mail from 192.0.2.25: SPF pass (a:smtp.sender.test)');
    const ja = await mailtlsDns('sender.test', '--ip', '203.0.113.9', '--lang', 'ja');
    expect(ja.stdout).toContain('  203.0.113.9 からのメール: SPF softfail（~all）');
  });

  it('refuses an address that is not one, in the chosen language', async () => {
    const run = await runCli([
      'dns',
      'sender.test',
      '--ip',
      '192.0.2.300',
      '--dns-server',
      dns.address,
      '--lang',
      'ja',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"192.0.2.300" は IP アドレスではありません');
  });
});

describe('DMARC reproductions (6)', { timeout: 90_000 }, () => {
  it('reports sp, adkim and aspf, flags sp=none and looks up the external report domain', async () => {
    const { p } = await posture('subnone.test');
    expect(p.dmarc).toMatchObject({ policy: 'reject', subdomainPolicy: 'none', adkim: 's', aspf: 'r' });
    expect(finding(p, 'dmarc-subdomain-none')?.severity).toBe('medium');
    expect(dns.queries).toContain('subnone.test._report._dmarc.reports.example.net TXT');
    expect(p.dmarc.externalRua).toEqual([{ domain: 'reports.example.net', authorized: false }]);
    expect(finding(p, 'dmarc-rua-unauthorized')?.detail).toBe(
      'subnone.test._report._dmarc.reports.example.net',
    );
  });

  it('accepts an external report domain that published its authorization', async () => {
    const { p } = await posture('authorized.test');
    expect(p.dmarc.externalRua).toEqual([{ domain: 'reports.example.net', authorized: true }]);
    expect(finding(p, 'dmarc-rua-unauthorized')).toBeUndefined();
  });

  it('reports no policy when two records make receivers skip DMARC', async () => {
    const { code, p } = await posture('twodmarc.test');
    expect(p.dmarc).toMatchObject({ record: null, policy: null });
    expect(finding(p, 'dmarc-multiple')?.severity).toBe('high');
    expect(code).toBe(1);
  });

  it('calls a record with v= later an invalid record, not a missing one', async () => {
    const { p } = await posture('vlate.test');
    expect(finding(p, 'dmarc-missing')).toBeUndefined();
    expect(finding(p, 'dmarc-invalid')?.detail).toContain('v=DMARC1 must be the first tag');
  });

  it('shows the tags in effect in text, in Japanese', async () => {
    const run = await mailtlsDns('subnone.test', '--lang', 'ja');
    expect(run.stdout).toContain('  適用されるタグ: p=reject sp=none pct=100 adkim=s aspf=r');
    expect(run.stdout).toContain('サブドメインを保護していません（sp=none） (dmarc-subdomain-none)');
  });
});

describe('MX reproductions (7)', { timeout: 90_000 }, () => {
  it('keeps a null MX beside a real one and flags the mix', async () => {
    const { p } = await posture('halfnull.test');
    expect(p.mx).toEqual([
      { priority: 0, exchange: '.' },
      { priority: 10, exchange: 'mx.halfnull.test' },
    ]);
    expect(finding(p, 'mx-null-mixed')?.severity).toBe('medium');
  });

  it('flags an MX host that is an alias', async () => {
    const { p } = await posture('alias.test');
    expect(finding(p, 'mx-cname')?.detail).toBe('mx.alias.test → host.alias.test');
  });

  it('does not ask a domain that receives no mail for MTA-STS or TLS-RPT', async () => {
    const { code, p } = await posture('parked.test');
    const ids = p.findings.map((f) => f.id);
    expect(ids).toContain('mx-null');
    expect(ids).not.toContain('mta-sts-missing');
    expect(ids).not.toContain('tls-rpt-missing');
    expect(code).toBe(0);
    const en = await mailtlsDns('parked.test');
    expect(en.stdout).toContain('MX: 0 .');
    expect(en.stdout).toContain('The domain declares that it receives no mail (null MX) (mx-null)');
  });
});
