/** The shared DNS client against the loopback DNS server: answers, errors, TCP fallback, AD bit, cancel. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsClient, DnsLookupError } from '../../electron/engine/dns/client.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

const big = `v=spf1 ${Array.from({ length: 150 }, (_, i) => `ip4:192.0.2.${i}`).join(' ')} -all`;

let dns: TestDnsServer;

beforeAll(async () => {
  dns = await startDnsServer({
    'big.test': { TXT: [big] },
    'empty.test': {},
    'fail.test': { rcode: 'SERVFAIL' },
    'refused.test': { rcode: 'REFUSED' },
    'slow.test': { stall: true },
    'signed.test': { MX: [{ priority: 1, exchange: 'mx.signed.test' }], authenticated: true },
    'unsigned.test': { MX: [{ priority: 1, exchange: 'mx.unsigned.test' }] },
    'ordered.test': {
      MX: [
        { priority: 20, exchange: 'a.ordered.test' },
        { priority: 10, exchange: 'mx-b.ordered.test' },
        { priority: 10, exchange: 'MX-A.ordered.test' },
        { priority: 10, exchange: 'mx_c.ordered.test' },
        { priority: 10, exchange: 'mx1.ordered.test' },
      ],
    },
    '_25._tcp.mx.signed.test': {
      TLSA: [{ usage: 3, selector: 1, matchingType: 1, data: 'ab'.repeat(32) }],
      authenticated: true,
    },
    '_25._tcp.mx.unsigned.test': {
      TLSA: [{ usage: 2, selector: 0, matchingType: 2, data: 'cd'.repeat(64) }],
    },
  });
});

afterAll(async () => {
  await dns?.close();
});

const client = (extra: { signal?: AbortSignal } = {}) =>
  createDnsClient({ dnsServer: dns.address, timeoutMs: 800, ...extra });

describe('DNS client', () => {
  it('reassembles a TXT record too large for UDP by retrying over TCP', async () => {
    expect(big.length).toBeGreaterThan(2000);
    expect(await client().txt('big.test')).toEqual([big]);
    // Asked twice: once over UDP (truncated answer), then over TCP.
    expect(dns.queries.filter((q) => q === 'big.test TXT').length).toBeGreaterThanOrEqual(2);
  });

  it('answers "no such record" with an empty list, and failures with a typed error', async () => {
    expect(await client().txt('empty.test')).toEqual([]);
    expect(await client().txt('missing.test')).toEqual([]);
    await expect(client().txt('fail.test')).rejects.toMatchObject({
      kind: 'servfail',
      query: 'fail.test TXT',
    });
    await expect(client().txt('refused.test')).rejects.toBeInstanceOf(DnsLookupError);
    await expect(client().txt('slow.test')).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('reads TLSA records with their AD bit; a missing name is no record, SERVFAIL an error', async () => {
    expect(await client().tlsa('_25._tcp.mx.signed.test')).toEqual({
      records: [{ usage: 3, selector: 1, matchingType: 1, data: 'ab'.repeat(32) }],
      authenticated: true,
    });
    expect(await client().tlsa('_25._tcp.mx.unsigned.test')).toEqual({
      records: [{ usage: 2, selector: 0, matchingType: 2, data: 'cd'.repeat(64) }],
      authenticated: false,
    });
    expect(await client().tlsa('_25._tcp.missing.test')).toEqual({ records: [], authenticated: false });
    await expect(client().tlsa('fail.test')).rejects.toMatchObject({ kind: 'servfail' });
    await expect(client().tlsa('slow.test')).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('orders MX hosts by preference, then by lower-case name in code-unit order, whatever the locale', async () => {
    expect(await client().mx('ordered.test')).toEqual([
      { priority: 10, exchange: 'mx-a.ordered.test' },
      { priority: 10, exchange: 'mx-b.ordered.test' },
      { priority: 10, exchange: 'mx1.ordered.test' },
      { priority: 10, exchange: 'mx_c.ordered.test' },
      { priority: 20, exchange: 'a.ordered.test' },
    ]);
  });

  it('reads the AD bit from the local resolver', async () => {
    expect(await client().authenticated('signed.test', 'MX')).toBe(true);
    expect(await client().authenticated('unsigned.test', 'MX')).toBe(false);
  });

  it('stops a pending lookup when cancelled', async () => {
    const controller = new AbortController();
    const pending = client({ signal: controller.signal }).txt('slow.test');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });
});
