/**
 * The `mailtls discover` and `mailtls dns` commands against the loopback DNS server:
 * JSON output matches the contract, text output is in the chosen language, and
 * exit codes follow the CLI convention (0 fine, 1 negative verdict, 2 bad input).
 */
import dgram from 'node:dgram';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverResultSchema, dnsPostureSchema, type Language } from '../../electron/contract.js';
import { discoverCommand } from '../../electron/cli/commands/discover.js';
import { dnsCommand } from '../../electron/cli/commands/dns.js';
import { UsageError, type CliCommand } from '../../electron/cli/context.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

let dns: TestDnsServer;

beforeAll(async () => {
  dns = await startDnsServer({
    'ok.test': { MX: [{ priority: 10, exchange: 'mx.ok.test' }], TXT: ['v=spf1 mx -all'] },
    '_dmarc.ok.test': { TXT: ['v=DMARC1; p=quarantine; rua=mailto:d@ok.test'] },
    '_smtp._tls.ok.test': { TXT: ['v=TLSRPTv1; rua=mailto:t@ok.test'] },
    'bare.test': { MX: [{ priority: 10, exchange: 'mx.bare.test' }] },
    '_submissions._tcp.bare.test': { SRV: [{ priority: 0, weight: 0, port: 465, target: 'smtp.bare.test' }] },
  });
});

afterAll(async () => {
  await dns?.close();
});

async function cli(command: CliCommand, args: string[], language: Language = 'en', server = dns.address) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await command.run([...args, '--dns-server', server, '--timeout', '1000'], {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: {},
    language,
    signal: new AbortController().signal,
  });
  return { code, out };
}

describe('mailtls dns', () => {
  it('prints the posture as contract JSON and exits 0 without serious findings', async () => {
    const { code, out } = await cli(dnsCommand, ['ok.test', '--json']);
    const posture = dnsPostureSchema.parse(JSON.parse(out));
    expect(posture.domain).toBe('ok.test');
    expect(posture.findings.map((f) => f.id).sort()).toEqual(['dkim-selector-unknown', 'mta-sts-missing']);
    expect(code).toBe(0);
  });

  it('exits 1 and explains in Japanese when SPF and DMARC are missing', async () => {
    const { code, out } = await cli(dnsCommand, ['bare.test'], 'ja');
    expect(code).toBe(1);
    expect(out).toContain('SPF レコードがありません (spf-missing)');
    expect(out).toContain('DMARC レコードがありません');
    expect(out).toContain('✗ SPF が正しく公開されている');
  });

  it('exits 1 with one grouped finding when the resolver cannot be reached', async () => {
    // A port nobody listens on: every query is refused at once.
    const closed = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => closed.bind(0, '127.0.0.1', resolve));
    const port = closed.address().port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { code, out } = await cli(dnsCommand, ['ok.test', '--json'], 'en', `127.0.0.1:${port}`);
    const posture = dnsPostureSchema.parse(JSON.parse(out));
    const failures = posture.findings.filter((f) => f.id.startsWith('dns-'));
    expect(failures).toHaveLength(1);
    expect(failures[0]?.detail).toContain('_dmarc.ok.test TXT');
    expect(posture.senderRequirements.every((r) => r.status === 'unknown')).toBe(true);
    expect(code).toBe(1);
  });

  it('refuses extra arguments and a malformed --dkim-selector', async () => {
    await expect(cli(dnsCommand, ['a.test', 'b.test'])).rejects.toBeInstanceOf(UsageError);
    await expect(cli(dnsCommand, ['ok.test', '--dkim-selector', 'a b'])).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });
});

describe('mailtls discover', () => {
  it('prints { candidates } as contract JSON, best first', async () => {
    const { code, out } = await cli(discoverCommand, ['user@bare.test', '--json']);
    const result = discoverResultSchema.parse(JSON.parse(out));
    expect(result.candidates[0]).toMatchObject({
      host: 'smtp.bare.test',
      port: 465,
      source: 'srv',
      trusted: false,
    });
    expect(code).toBe(0);
  });

  it('marks candidates that need the user’s confirmation in text output', async () => {
    const { out } = await cli(discoverCommand, ['user@bare.test'], 'ja');
    expect(out).toContain('smtp.bare.test:465  暗黙的 TLS  [srv, 要確認]');
  });

  it('reports a --ca file it cannot read as a user-facing error', async () => {
    await expect(
      cli(discoverCommand, ['user@bare.test', '--ca', '/nonexistent/ca.pem']),
    ).rejects.toMatchObject({
      code: 'io',
    });
  });
});
