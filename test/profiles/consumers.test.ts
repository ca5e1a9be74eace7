/**
 * Issue 13: hostile profiles exported and read by the real consumers: msmtp
 * (`--pretend` prints every setting of the account), `postconf -c DIR -n`, bash
 * sourcing the .env with `set -a` in an empty environment, and xmllint. Spawning
 * is slow, so these run a fixed sample; injection.test.ts runs thousands in process.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ExportFormat, Profile } from '../../electron/contract.js';
import { exportProfile } from '../../electron/engine/profiles/index.js';
import { peerAvailable } from '../helpers/env.js';
import {
  expectedEnv,
  expectedMsmtp,
  expectedPostfix,
  expectedProfile,
  hostileProfile,
  incomingLogin,
  incomingOf,
  refuses,
} from './hostile.js';

vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'mailtls-consumers-'));
const canary = join(dir, 'pwned');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sampleSize = 100;
const sample = fc
  .sample(hostileProfile(canary), { numRuns: sampleSize, seed: 13 })
  .map((input) => ({ input, expected: expectedProfile(input) }));

function run(command: string, args: string[], env?: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      command,
      args,
      { env, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    // msmtp reads a message from standard input when it has no recipients.
    child.stdin?.end();
  });
}

/**
 * The first `count` sampled profiles' exports in `format`, each in its own file
 * (refusals left out, as expected). One consumer per file is slow on a busy
 * machine, so those tests take fewer than the ones that read every file at once.
 */
function written(
  format: ExportFormat,
  count = sampleSize,
): { file: string; profile: Profile; content: string }[] {
  const folder = join(dir, format);
  mkdirSync(folder, { recursive: true });
  return sample.slice(0, count).flatMap(({ input, expected }, index) => {
    if (refuses(expected, format)) return [];
    const { content } = exportProfile(input, format, { allowInsecure: true });
    const file = join(folder, String(index));
    writeFileSync(file, content, { mode: 0o600 });
    return [{ file, profile: expected, content }];
  });
}

/** Runs `check` over `items`, four at a time: the consumers mostly wait on the busy machine. */
async function eachInParallel<T>(items: T[], check: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await check(item);
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

/** `key = value` lines of msmtp --pretend. */
function pretendSettings(output: string): Map<string, string> {
  return new Map(
    output
      .split('\n')
      .filter((line) => line.includes(' = '))
      .map((line) => [line.slice(0, line.indexOf(' = ')), line.slice(line.indexOf(' = ') + 3)]),
  );
}

const hasMsmtp = existsSync('/usr/bin/msmtp');
const hasPostfix = peerAvailable('POSTFIX', ['/usr/sbin/postconf']);

describe.runIf(hasMsmtp)('msmtp reads the exported account', () => {
  it('every setting msmtp applies is the expected one: user and from as written, nothing injected', async () => {
    const files = written('msmtp', 50);
    expect(files.length).toBeGreaterThan(40);
    await eachInParallel(files, async ({ file, profile }) => {
      const directives = new Map(expectedMsmtp(profile));
      const result = await run('/usr/bin/msmtp', [
        '-C',
        file,
        '-a',
        directives.get('account') ?? '',
        '--pretend',
      ]);
      expect(result.code, result.stderr).toBe(0);
      const settings = pretendSettings(result.stdout);
      expect(settings.get('host')).toBe(profile.outgoing.host);
      expect(settings.get('port')).toBe(String(profile.outgoing.port));
      expect(settings.get('tls')).toBe('on');
      expect(settings.get('tls_starttls')).toBe(directives.get('tls_starttls'));
      expect(settings.get('tls_certcheck')).toBe('on');
      expect(settings.get('passwordeval')).toBe('(not set)');
      expect(settings.get('password')).toBe('(not set)');
      // msmtp shows an empty argument as not set, and treats it so.
      expect(settings.get('user')).toBe(directives.get('user') || '(not set)');
      expect(settings.get('from')).toBe(directives.get('from') ?? '(not set)');
      expect(settings.get('tls_trust_file')).toBe('system');
    });
    expect(existsSync(canary)).toBe(false);
  });
});

describe.runIf(hasPostfix)('postconf reads the exported main.cf', () => {
  it('lists exactly the expected parameters with the expected values', async () => {
    await eachInParallel(written('postfix', 25), async ({ file, profile }) => {
      const config = `${file}.d`;
      mkdirSync(config);
      writeFileSync(
        join(config, 'main.cf'),
        exportProfile(profile, 'postfix', { allowInsecure: true }).content,
      );
      const result = await run('/usr/sbin/postconf', ['-c', config, '-n']);
      expect(result.code, result.stderr).toBe(0);
      const listed = new Map(
        result.stdout
          .trim()
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf(' = ')), line.slice(line.indexOf(' = ') + 3)]),
      );
      // postconf names the folder it was pointed at; everything else comes from the file.
      expect(listed.get('config_directory')).toBe(config);
      listed.delete('config_directory');
      expect(listed).toEqual(expectedPostfix(profile));
    });
  });
});

describe('bash sources the exported .env with set -a', () => {
  it('exports exactly the SMTP_ variables, each value as written, and runs nothing', async () => {
    const files = written('env');
    expect(files.length).toBeGreaterThan(sampleSize * 0.8);
    // One bash for all files: each in a subshell, the environment printed NUL-separated.
    const script = 'for f in "$@"; do (set -a; . "$f"; env -0); printf "\\0--end--\\0"; done';
    const result = await run(
      '/bin/bash',
      ['-c', script, 'bash', '/dev/null', ...files.map((f) => f.file)],
      {},
    );
    expect(result.code, result.stderr).toBe(0);
    const blocks = result.stdout.split('\0--end--\0').slice(0, -1);
    expect(blocks).toHaveLength(files.length + 1);
    const environment = (block: string) =>
      new Map(
        block
          .split('\0')
          .filter(Boolean)
          .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
      );
    const baseline = environment(blocks[0] ?? '');
    files.forEach(({ profile }, index) => {
      const env = environment(blocks[index + 1] ?? '');
      const expected = expectedEnv(profile);
      expect([...env.keys()].sort()).toEqual(
        [...new Set([...baseline.keys(), ...Object.keys(expected)])].sort(),
      );
      for (const [key, value] of Object.entries(expected)) expect(env.get(key)).toBe(value);
    });
    expect(existsSync(canary)).toBe(false);
  });
});

const hasXmllint = existsSync('/usr/bin/xmllint');

describe.runIf(hasXmllint)('xmllint reads the exported XML', () => {
  const separator = '␞';
  const query = (...parts: string[]) => `concat(${parts.join(`, "${separator}", `)})`;

  async function xpath(format: ExportFormat, expression: string) {
    const files = written(format);
    const result = await run('/usr/bin/xmllint', [
      '--nonet',
      '--xpath',
      expression,
      ...files.map((f) => f.file),
    ]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n').slice(0, -1);
    expect(lines).toHaveLength(files.length);
    return files.map((file, index) => ({ ...file, values: (lines[index] ?? '').split(separator) }));
  }

  it("autoconfig: the element and attribute counts are fixed, the values are the profile's", async () => {
    for (const { profile, values } of await xpath(
      'autoconfig',
      query(
        'count(//*)',
        'count(//@*)',
        'count(//comment())',
        'string(//emailProvider/displayName)',
        'string(//outgoingServer/username)',
        'string(//emailProvider/@id)',
        'count(//incomingServer)',
        'string(//incomingServer[last()]/@type)',
        'string(//incomingServer[last()]/hostname)',
        'string(//incomingServer[last()]/port)',
        'string(//incomingServer[last()]/socketType)',
        'string(//incomingServer[last()]/username)',
      ),
    )) {
      const auth = profile.outgoing.authentication === 'oauth2' ? 2 : 1;
      const domain =
        profile.account.email === null
          ? profile.outgoing.host
          : profile.account.email.slice(profile.account.email.lastIndexOf('@') + 1);
      const user = profile.account.userName ?? '%EMAILADDRESS%';
      // Issue 14: the tested servers, or Thunderbird's required one as the labelled placeholder.
      const incoming = incomingOf(profile);
      const servers = incoming.map(({ protocol, setting }) => ({
        elements: 5 + (setting.authentication === 'oauth2' ? 2 : 1),
        values: [
          protocol,
          setting.host,
          String(setting.port),
          setting.security === 'implicit-tls' ? 'SSL' : 'STARTTLS',
          setting.userName === 'local-part' ? '%EMAILLOCALPART%' : user,
        ],
      }));
      if (servers.length === 0) {
        servers.push({ elements: 6, values: ['imap', profile.outgoing.host, '993', 'SSL', user] });
      }
      const incomingElements = servers.reduce((sum, server) => sum + server.elements, 0);
      expect(values).toEqual([
        String(10 + auth + incomingElements),
        String(3 + servers.length),
        '1',
        profile.account.displayName ?? profile.name,
        user,
        domain,
        String(servers.length),
        ...(servers.at(-1)?.values ?? []),
      ]);
    }
  });

  it("autodiscover: the element count is fixed, the values are the profile's", async () => {
    const element = (name: string) => `string(//*[local-name()="${name}"])`;
    for (const { profile, values } of await xpath(
      'autodiscover',
      query(
        'count(//*)',
        'count(//comment())',
        element('DisplayName'),
        'string(//*[local-name()="Protocol"][last()]/*[local-name()="LoginName"])',
        'count(//*[local-name()="Protocol"])',
        'string(//*[local-name()="Protocol"][1]/*[local-name()="Type"])',
        'string(//*[local-name()="Protocol"][1]/*[local-name()="Server"])',
        'string(//*[local-name()="Protocol"][1]/*[local-name()="Port"])',
        'string(//*[local-name()="Protocol"][1]/*[local-name()="Encryption"])',
        'string(//*[local-name()="Protocol"][1]/*[local-name()="LoginName"])',
      ),
    )) {
      const login = profile.account.userName ?? profile.account.email;
      const hasLogin = login !== null && profile.outgoing.authentication !== 'none';
      const hasName = profile.account.displayName !== null;
      // Issue 14: one Protocol block per qualified incoming setting, before the SMTP one.
      const incoming = incomingOf(profile);
      const incomingElements = incoming.reduce(
        (sum, { setting }) => sum + 9 + (incomingLogin(profile, setting) === null ? 0 : 1),
        0,
      );
      const first = incoming[0];
      expect(values).toEqual([
        String(14 + (hasLogin ? 1 : 0) + (hasName ? 2 : 0) + incomingElements),
        '1',
        profile.account.displayName ?? '',
        hasLogin ? login : '',
        String(incoming.length + 1),
        ...(first === undefined
          ? ['SMTP', profile.outgoing.host, String(profile.outgoing.port)]
          : [first.protocol === 'imap' ? 'IMAP' : 'POP3', first.setting.host, String(first.setting.port)]),
        (first?.setting.security ?? profile.outgoing.security) === 'implicit-tls' ? 'SSL' : 'TLS',
        first === undefined ? (hasLogin ? login : '') : (incomingLogin(profile, first.setting) ?? ''),
      ]);
    }
  });

  it("mobileconfig: the key count is fixed, the values are the profile's", async () => {
    const value = (key: string) => `string(//dict/key[.="${key}"]/following-sibling::*[1])`;
    for (const { profile, values } of await xpath(
      'mobileconfig',
      query(
        'count(//key)',
        'count(//comment())',
        value('EmailAccountDescription'),
        value('EmailAddress'),
        value('EmailAccountType'),
        value('IncomingMailServerHostName'),
        value('IncomingMailServerPortNumber'),
        value('IncomingMailServerUseSSL'),
        value('IncomingMailServerUsername'),
      ),
    )) {
      // Issue 14: one account type per payload, IMAP when it qualified, else POP3, else the placeholder.
      const chosen = incomingOf(profile)[0];
      const incomingUser = chosen
        ? incomingLogin(profile, chosen.setting)
        : (profile.account.userName ?? profile.account.email);
      const optional = [
        profile.account.displayName,
        profile.account.email,
        incomingUser,
        profile.outgoing.authentication === 'none'
          ? null
          : (profile.account.userName ?? profile.account.email),
      ].filter((v) => v !== null).length;
      // 15 fixed mail keys and 7 top-level keys; an insecure export adds ConsentText and its 3 texts.
      const consent = profile.verifiedWith?.qualified === false ? 4 : 0;
      expect(values).toEqual([
        String(15 + optional + 7 + consent),
        '1',
        profile.name || profile.outgoing.host,
        profile.account.email ?? '',
        chosen?.protocol === 'pop3' ? 'EmailTypePOP' : 'EmailTypeIMAP',
        chosen?.setting.host ?? profile.outgoing.host,
        String(chosen?.setting.port ?? 993),
        // xmllint's string() of the empty <true/> element.
        '',
        incomingUser ?? '',
      ]);
    }
  });
});
