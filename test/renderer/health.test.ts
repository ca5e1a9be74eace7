/**
 * The domain-health slice of the store, without React: driven through the real web
 * bridge of a service started with `dnsServer` (as `mailtls serve --dns-server` does),
 * against a real DNS server on 127.0.0.1; and against a service whose engine answers
 * `not-available` to the domain check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type MailTlsApi } from '../../electron/contract.js';
import { notAvailableError } from '../../electron/service/dispatch.js';
import { createEngine } from '../../electron/service/engine.js';
import { createService } from '../../electron/service/handlers.js';
import { createNodeService } from '../../electron/service/node-service.js';
import { startWebBridge, type WebBridge } from '../../electron/web/server.js';
import { createHttpBridge } from '../../renderer/src/bridge/http.js';
import { createAppStore } from '../../renderer/src/store/index.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { goodSelector, healthZone } from '../helpers/health-zone.js';

let dir: string;
let dns: TestDnsServer;
let bridge: WebBridge;
let bareBridge: WebBridge;

const apiOf = (b: WebBridge): MailTlsApi =>
  createHttpBridge({ token: b.token, baseUrl: b.origin.replace(/\/$/, '') });

function newStore(api: MailTlsApi = apiOf(bridge)) {
  const data = new Map<string, string>();
  return createAppStore({
    api,
    storage: {
      getItem: (name) => data.get(name) ?? null,
      setItem: (name, value) => void data.set(name, value),
      removeItem: (name) => void data.delete(name),
    },
    systemLanguage: 'en',
    newId: () => 'id',
    now: () => Date.now(),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mailtls-health-'));
  dns = await startDnsServer(healthZone());
  const service = await createNodeService({
    defaultLanguage: 'en',
    dataDir: dir,
    env: {},
    dnsServer: dns.address,
  });
  bridge = await startWebBridge({ service, rendererDir: dir });
  const bare = createService({
    engine: {
      ...(await createEngine({ dataDir: join(dir, 'bare') })),
      dnsPosture: async () => {
        throw notAvailableError(channels.dnsPosture.name);
      },
    },
    settings: { getLanguage: () => 'en', setLanguage: async (language) => language },
    saveFile: async () => ({ savedAs: null }),
  });
  bareBridge = await startWebBridge({ service: bare, rendererDir: dir });
});

afterAll(async () => {
  await Promise.all([bridge?.close(), bareBridge?.close(), dns?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('domain-health view', () => {
  it('opens on its own or prefilled from the wizard, and closes back to the same step', () => {
    const store = newStore();
    const s = () => store.getState();
    s().openHealth();
    expect(s().healthOpen).toBe(true);
    expect(s().healthForm.domain).toBe('');
    s().closeHealth();
    s().setField('email', 'Taro@Good.Test');
    s().next();
    expect(s().step).toBe('server');
    // Opened from the header, an empty domain is filled from the address.
    s().openHealth();
    expect(s().healthForm.domain).toBe('good.test');
    s().setHealthField('domain', 'other.test');
    s().closeHealth();
    // Reopened, what was typed stays; a link from the wizard replaces it with its domain.
    s().openHealth();
    expect(s().healthForm.domain).toBe('other.test');
    s().openHealth('good.test');
    expect(s().healthForm.domain).toBe('good.test');
    s().closeHealth();
    expect(s().healthOpen).toBe(false);
    expect(s().step).toBe('server');
  });

  it('asks nothing while the domain or the selector is not valid', async () => {
    const store = newStore();
    const s = () => store.getState();
    const asked = dns.queries.length;
    for (const [domain, selector] of [
      ['taro@good.test', ''],
      ['good', ''],
      ['good.test', 'no spaces'],
    ]) {
      s().setHealthField('domain', domain ?? '');
      s().setHealthField('selector', selector ?? '');
      await s().checkDomain();
      expect(s().posture.status, `${domain} / ${selector}`).toBe('idle');
    }
    expect(dns.queries.length).toBe(asked);
  });

  it('reads a good domain through the resolver the service was started with', async () => {
    const store = newStore();
    const s = () => store.getState();
    s().setHealthField('domain', ' Good.Test ');
    s().setHealthField('selector', goodSelector);
    const first = s().checkDomain();
    expect(s().posture.status).toBe('running');
    // A second press while the first check runs starts nothing.
    await Promise.all([first, s().checkDomain()]);
    expect(dns.queries.filter((q) => q === '_dmarc.good.test TXT')).toHaveLength(1);
    expect(dns.queries).toContain(`${goodSelector}._domainkey.good.test TXT`);
    const { posture, availability } = s();
    expect(availability.dnsPosture).toBe('available');
    expect(posture.status).toBe('done');
    expect(posture.value?.domain).toBe('good.test');
    const statuses = Object.fromEntries(
      posture.value?.senderRequirements.map((r) => [r.requirement, r.status]) ?? [],
    );
    expect(statuses).toMatchObject({ spf: 'met', dkim: 'met', dmarc: 'met', 'reverse-dns': 'unknown' });
    expect(posture.value?.findings.filter((f) => f.severity === 'critical' || f.severity === 'high')).toEqual(
      [],
    );
    expect(posture.value?.dkim).toEqual([{ selector: goodSelector, keyBits: 2048 }]);
  });

  it('evaluates SPF for the submission server as a labelled guess, or for the address given', async () => {
    const store = newStore();
    const s = () => store.getState();
    s().setField('host', 'smtp.good.test');
    s().setHealthField('domain', 'good.test');
    await s().checkDomain();
    expect(s().posture.value?.spf.check).toMatchObject({
      ip: '192.0.2.25',
      guessedFrom: 'smtp.good.test',
      result: 'pass',
      matched: { domain: 'good.test', term: 'ip4:192.0.2.0/24' },
    });
    s().setHealthField('ip', '203.0.113.9');
    await s().checkDomain();
    expect(s().posture.value?.spf.check).toMatchObject({
      ip: '203.0.113.9',
      guessedFrom: null,
      result: 'fail',
    });
    // A malformed address asks nothing.
    const asked = dns.queries.length;
    s().setHealthField('ip', '203.0.113');
    await s().checkDomain();
    expect(dns.queries.length).toBe(asked);
  });

  it('reports a weak domain, and clears the earlier result when checking again', async () => {
    const store = newStore();
    const s = () => store.getState();
    s().setHealthField('domain', 'good.test');
    await s().checkDomain();
    expect(s().posture.value?.domain).toBe('good.test');
    s().setHealthField('domain', 'weak.test');
    const checking = s().checkDomain();
    expect(s().posture.value).toBeNull();
    await checking;
    const value = s().posture.value;
    const statuses = Object.fromEntries(
      value?.senderRequirements.map((r) => [r.requirement, r.status]) ?? [],
    );
    expect(statuses).toMatchObject({ spf: 'not-met', dkim: 'unknown', dmarc: 'met' });
    expect(value?.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(['spf-missing', 'dmarc-monitoring-only', 'dkim-selector-unknown']),
    );
  });

  it('notes that an engine without the domain check cannot do it', async () => {
    const store = newStore(apiOf(bareBridge));
    const s = () => store.getState();
    expect(s().availability.dnsPosture).toBeUndefined();
    s().setHealthField('domain', 'good.test');
    await s().checkDomain();
    expect(s().posture.status).toBe('error');
    expect(s().posture.error?.code).toBe('not-available');
    expect(s().availability.dnsPosture).toBe('not-available');
  });
});
