/**
 * The RFC 7208 test suite (test/dns/rfc7208/, from pyspf): every scenario's zone is
 * served by the loopback DNS server and every case's check_host() result must be one
 * the suite accepts, with the explanation it expects.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createDnsClient } from '../../electron/engine/dns/client.js';
import { evaluateSpf } from '../../electron/engine/dns/spf.js';
import {
  startDnsServer,
  type DnsZone,
  type NameBehaviour,
  type TestDnsServer,
} from '../helpers/dns-server.js';

interface SuiteCase {
  host: string;
  mailfrom: string;
  helo: string;
  result: string | string[];
  explanation?: string;
}

interface Scenario {
  description: string;
  tests: Record<string, SuiteCase>;
  zonedata?: Record<string, (string | Record<string, unknown>)[]>;
}

const suite = parseAllDocuments(
  readFileSync(new URL('./rfc7208/rfc7208-tests.yml', import.meta.url), 'utf8'),
).map((document) => document.toJS() as Scenario);

const queriedTypes = ['A', 'AAAA', 'TXT', 'MX', 'PTR', 'CNAME'];

/**
 * The suite's zone notation as the pyspf driver reads it: a bare TIMEOUT makes every
 * type not listed before it time out, "TYPE: TIMEOUT" one type, "TXT: NONE" says there
 * is no TXT, and SPF-type records stand in as TXT when a name lists no TXT at all.
 */
function zoneOf(scenario: Scenario): DnsZone {
  const zone: DnsZone = {};
  for (const [name, entries] of Object.entries(scenario.zonedata ?? {})) {
    const behaviour: NameBehaviour = {};
    const seen = new Set<string>();
    const spf: (string | string[])[] = [];
    let hasTxt = false;
    let timedOut = false;
    for (const entry of entries) {
      if (entry === 'TIMEOUT') {
        behaviour.stallTypes = queriedTypes.filter((type) => !seen.has(type));
        timedOut = true;
        continue;
      }
      if (typeof entry === 'string') throw new Error(`unknown zone entry ${entry}`);
      for (const [type, value] of Object.entries(entry)) {
        if (type === 'TXT') hasTxt = true;
        if (timedOut || value === 'NONE') continue;
        if (value === 'TIMEOUT') {
          behaviour.stallTypes = [...(behaviour.stallTypes ?? []), type];
          continue;
        }
        seen.add(type);
        const text = value as string | string[];
        if (type === 'SPF') spf.push(text);
        else if (type === 'TXT') (behaviour.TXT ??= []).push(text);
        else if (type === 'A' || type === 'AAAA' || type === 'PTR')
          (behaviour[type] ??= []).push(value as string);
        else if (type === 'CNAME') behaviour.CNAME = value as string;
        else if (type === 'MX') {
          const [priority, exchange] = value as [number, string];
          (behaviour.MX ??= []).push({ priority, exchange });
        } else throw new Error(`unknown record type ${type}`);
      }
    }
    if (!hasTxt && spf.length > 0) behaviour.TXT = spf;
    zone[name.toLowerCase().replace(/\.$/, '')] = behaviour;
  }
  return zone;
}

const passed: string[] = [];

describe.each(suite.map((scenario) => [scenario.description, scenario] as const))('%s', (_, scenario) => {
  let dns: TestDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer(zoneOf(scenario));
  });
  afterAll(async () => {
    await dns?.close();
  });

  it.each(Object.entries(scenario.tests))('%s', async (id, test) => {
    const client = createDnsClient({ dnsServer: dns.address, timeoutMs: 1000 });
    const evaluation = await evaluateSpf(client, { ip: test.host, sender: test.mailfrom, helo: test.helo });
    const accepted = Array.isArray(test.result) ? test.result : [test.result];
    expect(accepted, `${id}: got ${evaluation.result}`).toContain(evaluation.result);
    if (test.explanation !== undefined) expect(evaluation.explanation ?? 'DEFAULT').toBe(test.explanation);
    passed.push(id);
  });
});

afterAll(() => {
  const total = suite.reduce((sum, scenario) => sum + Object.keys(scenario.tests).length, 0);
  console.info(`RFC 7208 test suite: ${passed.length} of ${total} cases pass as the suite expects`);
});
