/**
 * The MTA-STS policy and autoconfig fetches verify with the audit's trust model: a
 * company CA that only the operating system's store holds (the test PKI's root as
 * the only certificate of the store SSL_CERT_FILE/SSL_CERT_DIR point at, the Linux
 * path of system-ca and OpenSSL) or that NODE_EXTRA_CA_CERTS names is trusted, in
 * process and through `mailtls dns`; without it the fetch is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsPostureSchema } from '../../electron/contract.js';
import { createDnsClient } from '../../electron/engine/dns/client.js';
import { fetchHttps, FetchError } from '../../electron/engine/dns/https.js';
import { discover } from '../../electron/engine/discover/index.js';
import { runCli } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { testPki } from '../helpers/env.js';
import { startHttpsServer, type TestHttpsServer } from '../helpers/https-server.js';

/** An own loopback address, so the CLI (which always fetches from 443) reaches this server. */
const httpsAddress = '127.12.0.43';
const policy = ['version: STSv1', 'mode: enforce', 'mx: mx.corp.test', 'max_age: 604800', ''].join('\r\n');
const autoconfig = `<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="corp.test">
<outgoingServer type="smtp"><hostname>smtp.corp.test</hostname><port>465</port><socketType>SSL</socketType></outgoingServer>
</emailProvider></clientConfig>`;

let dns: TestDnsServer;
let https: TestHttpsServer;
const emptyDir = mkdtempSync(join(tmpdir(), 'mailtls-empty-certs-'));
const systemStore = () => ({ SSL_CERT_FILE: testPki().caFile, SSL_CERT_DIR: emptyDir });

beforeAll(async () => {
  dns = await startDnsServer({
    'corp.test': { MX: [{ priority: 10, exchange: 'mx.corp.test' }], TXT: ['v=spf1 mx -all'] },
    '_mta-sts.corp.test': { TXT: ['v=STSv1; id=20261202'] },
    'mta-sts.corp.test': { A: [httpsAddress] },
    'autoconfig.corp.test': { A: [httpsAddress] },
  });
  https = await startHttpsServer(
    {
      'mta-sts.corp.test/.well-known/mta-sts.txt': { body: policy },
      'autoconfig.corp.test/mail/config-v1.1.xml': { contentType: 'application/xml', body: autoconfig },
    },
    'valid',
    ['mta-sts.corp.test', 'autoconfig.corp.test'],
    { host: httpsAddress, port: 443 },
  );
});

afterAll(async () => {
  await Promise.all([dns?.close(), https?.close()]);
});

/** Runs `body` with the environment changed, restoring it afterwards. */
async function withEnv<T>(env: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await body();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

const policyUrl = new URL('https://mta-sts.corp.test/.well-known/mta-sts.txt');
const fetchPolicy = (caPem?: string) =>
  fetchHttps(policyUrl, { dns: createDnsClient({ dnsServer: dns.address }), caPem, timeoutMs: 3000 });

describe('in-process: the fetches share the audit trust model', () => {
  it('without the company CA in any store, the policy fetch is refused for its certificate', async () => {
    const refused = await fetchPolicy().then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(FetchError);
    expect(refused).toMatchObject({ failure: 'certificate', detail: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('a CA only in the operating system store is trusted for MTA-STS and autoconfig', async () => {
    const fetched = await withEnv(systemStore(), () => fetchPolicy());
    expect(fetched.body).toBe(policy);
    const found = await withEnv(systemStore(), () =>
      discover('taro@corp.test', { dnsServer: dns.address, timeoutMs: 3000 }),
    );
    expect(found.candidates.filter((c) => c.source === 'autoconfig').map((c) => c.host)).toEqual([
      'smtp.corp.test',
    ]);
  });

  it('the user CA (--ca) is still trusted', async () => {
    expect((await fetchPolicy(testPki().caPem)).body).toBe(policy);
  });
});

describe('through the CLI: mailtls dns reads the policy with the same stores', () => {
  const dnsArgs = () => ['dns', 'corp.test', '--dns-server', dns.address, '--timeout', '3000', '--json'];

  it.each([
    ['the operating system store', systemStore],
    ['NODE_EXTRA_CA_CERTS', () => ({ NODE_EXTRA_CA_CERTS: testPki().caFile })],
  ] as const)('a company CA in %s: the MTA-STS policy is read', async (_name, env) => {
    const run = await runCli(dnsArgs(), { env: env() });
    const posture = dnsPostureSchema.parse(JSON.parse(run.stdout));
    expect(posture.findings.map((f) => f.id)).not.toContain('mta-sts-policy-cert-invalid');
    expect(posture.mtaSts.mode).toBe('enforce');
  });

  it('without it, the policy certificate is reported as invalid', async () => {
    const run = await runCli(dnsArgs());
    const posture = dnsPostureSchema.parse(JSON.parse(run.stdout));
    expect(posture.findings.map((f) => f.id)).toContain('mta-sts-policy-cert-invalid');
    expect(posture.mtaSts.mode).toBeNull();
  });
});
