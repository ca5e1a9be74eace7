/**
 * One port-list grammar (electron/ports.ts) for `mailtls check --ports`, batch
 * files and the app's ports field, and one `readCa` for every command's --ca:
 * the grammar directly, then both through the built CLI, in English and Japanese.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema } from '../../electron/contract.js';
import {
  defaultIncomingPorts,
  defaultMode,
  defaultSmtpPorts,
  parsePortList,
  parseSmtpPortList,
  relayByDefault,
  smtpPortEntry,
} from '../../electron/ports.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server.js';

describe('the port-list grammar', () => {
  it('reads the command-line and the app form alike', () => {
    const cli = parsePortList('2465:implicit,2587:starttls,2525:relay,2993:imaps,2110:pop3');
    const app = parsePortList(
      '2465 implicit-tls\n2587/STARTTLS; 2525 relay, 2993 imap-implicit, 2110 pop3-starttls',
    );
    const expected = {
      smtp: [
        { port: 2465, mode: 'implicit-tls' },
        { port: 2587, mode: 'starttls' },
        { port: 2525, mode: 'starttls', relay: true },
      ],
      incoming: [
        { port: 2993, protocol: 'imap', mode: 'implicit-tls' },
        { port: 2110, protocol: 'pop3', mode: 'starttls' },
      ],
    };
    expect(cli).toStrictEqual({ ok: true, value: expected });
    expect(app).toStrictEqual({ ok: true, value: expected });
  });

  it('gives plain standard ports their protocol and writes only what differs from the default', () => {
    expect(parsePortList('25, 465, 587, 993, 143, 995, 110, 2525')).toStrictEqual({
      ok: true,
      value: {
        smtp: [{ port: 25 }, { port: 465 }, { port: 587 }, { port: 2525 }],
        incoming: [...defaultIncomingPorts.imap, ...defaultIncomingPorts.pop3],
      },
    });
    // STARTTLS named on 25 makes it a submission port, not a relay.
    expect(parsePortList('25:starttls')).toStrictEqual({
      ok: true,
      value: { smtp: [{ port: 25, mode: 'starttls', relay: false }], incoming: [] },
    });
    expect(parsePortList('25:relay')).toStrictEqual({
      ok: true,
      value: { smtp: [{ port: 25, mode: 'starttls' }], incoming: [] },
    });
  });

  it('has one default-mode table', () => {
    expect(defaultSmtpPorts).toEqual([25, 465, 587]);
    expect([25, 465, 587, 2465].map((port) => defaultMode(port))).toEqual([
      'starttls',
      'implicit-tls',
      'starttls',
      'starttls',
    ]);
    expect([993, 143, 995, 110].map((port) => defaultMode(port, 'imap'))).toEqual([
      'implicit-tls',
      'starttls',
      'implicit-tls',
      'starttls',
    ]);
    // 465 is not implicit TLS for IMAP, nor 993 for SMTP.
    expect(defaultMode(465, 'imap')).toBe('starttls');
    expect(defaultMode(993)).toBe('starttls');
    expect([25, 587, 2525].map(relayByDefault)).toEqual([true, false, false]);
    expect([
      smtpPortEntry(465, 'implicit-tls'),
      smtpPortEntry(25, 'starttls'),
      smtpPortEntry(2587, 'starttls'),
    ]).toEqual(['465', '25', '2587 starttls']);
  });

  it.each([
    ['', { code: 'required' }],
    [' , ;', { code: 'required' }],
    ['0', { code: 'number', text: '0' }],
    ['65536', { code: 'number', text: '65536' }],
    ['25x', { code: 'number', text: '25x' }],
    ['25 starttls extra', { code: 'number', text: '25 starttls extra' }],
    ['2465:tls', { code: 'mode', port: 2465, text: 'tls' }],
    [Array.from({ length: 17 }, (_, i) => 1000 + i).join(','), { code: 'too-many' }],
  ])('refuses %j', (text, error) => {
    expect(parsePortList(text)).toStrictEqual({ ok: false, error });
  });

  it('takes 16 SMTP and 16 incoming ports at once, and refuses incoming ports where only SMTP may be listed', () => {
    const sixteen = (mode: string) => Array.from({ length: 16 }, (_, i) => `${2000 + i}:${mode}`);
    const both = parsePortList([...sixteen('starttls'), ...sixteen('imap').map((e) => `1${e}`)].join(','));
    expect(both.ok && [both.value.smtp.length, both.value.incoming.length]).toEqual([16, 16]);
    // One port may be tested as SMTP and as IMAP.
    expect(parsePortList('2993:starttls, 2993:imaps').ok).toBe(true);
    expect(parseSmtpPortList('587, 587:starttls')).toStrictEqual({
      ok: false,
      error: { code: 'duplicate', port: 587 },
    });
    expect(parseSmtpPortList('587, 993')).toStrictEqual({
      ok: false,
      error: { code: 'incoming', port: 993, protocol: 'imap' },
    });
    expect(parseSmtpPortList('587, 2465 implicit-tls')).toStrictEqual({
      ok: true,
      value: [{ port: 587 }, { port: 2465, mode: 'implicit-tls' }],
    });
  });
});

function expectUsageError(run: CliRun, message: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('mailtls check --ports', () => {
  let implicit: RunningServer;
  beforeAll(async () => {
    implicit = await startSmtpServer('implicit-tls');
  });
  afterAll(() => implicit.close());

  it('reads the app form as the command-line form', async () => {
    const reports = await Promise.all(
      [`${implicit.port}:implicit`, `${implicit.port} implicit-tls`].map(async (ports) => {
        const run = await runCli([
          'check',
          '127.0.0.1',
          '--ports',
          ports,
          '--ca',
          testPki().caFile,
          '--json',
        ]);
        expect(run.code).toBe(0);
        return auditReportSchema.parse(JSON.parse(run.stdout));
      }),
    );
    for (const report of reports) {
      expect(report.ports.map((p) => [p.port, p.mode])).toEqual([[implicit.port, 'implicit-tls']]);
      expect(report.recommendation).toMatchObject({ port: implicit.port, security: 'implicit-tls' });
    }
  });

  it.each([
    ['--ports ,', ',', /--ports lists no port\./, /--ports にポートがありません。/],
    [
      'a port out of range',
      '465,70000',
      /from 1 to 65535 \(got "70000"\)/,
      /1 から 65535 までの整数.*"70000"/,
    ],
    [
      'an unknown mode',
      '2465:tls',
      /Unknown mode "tls" for port 2465: use implicit, starttls, relay, imap-implicit/,
      /ポート 2465 のモード「tls」は不明です。implicit、starttls、relay/,
    ],
    [
      'a port listed twice (refused by the audit request check)',
      '587,587:starttls',
      /Port 587 is listed twice\./,
      /ポート 587 が二度指定されています。/,
    ],
    [
      'seventeen SMTP ports',
      Array.from({ length: 17 }, (_, i) => 2000 + i).join(','),
      /more than 16 SMTP or 16 incoming ports/,
      /それぞれ 16 個まで/,
    ],
  ])('refuses %s in both languages', async (_name, ports, en, ja) => {
    const [english, japanese] = await Promise.all([
      runCli(['check', 'smtp.example.com', '--ports', ports, '--lang', 'en']),
      runCli(['check', 'smtp.example.com', '--ports', ports, '--lang', 'ja']),
    ]);
    expectUsageError(english, en);
    expectUsageError(japanese, ja);
  });

  it('refuses a bad port list on a batch line with its line number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailtls-ports-batch-'));
    try {
      const file = join(dir, 'servers.txt');
      writeFileSync(file, '127.0.0.1:2465:tls\n');
      const run = await runCli(['batch', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/line 1.*Unknown mode "tls" for port 2465/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--ca FILE, one reader for every command', () => {
  let dir: string;
  const files = { missing: '', large: '', notPem: '' };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mailtls-ca-'));
    files.missing = join(dir, 'missing.pem');
    files.large = join(dir, 'large.pem');
    files.notPem = join(dir, 'key.txt');
    // A PEM header followed by 1 MB of filler: too large to be a CA file, whatever it contains.
    writeFileSync(files.large, `-----BEGIN CERTIFICATE-----\n${'A'.repeat(1_000_001)}\n`);
    writeFileSync(files.notPem, 'not a certificate\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const commands: Record<string, string[]> = {
    check: ['check', 'smtp.example.com'],
    batch: ['batch', '/nonexistent/servers.txt'],
    discover: ['discover', 'user@example.com'],
    dns: ['dns', 'example.com'],
    recipient: ['recipient', 'example.com'],
    login: ['login', 'smtp.example.com', '--port', '465', '--user', 'u'],
    'send-test': [
      'send-test',
      'smtp.example.com',
      '--port',
      '465',
      '--user',
      'u',
      '--from',
      'a@example.com',
      '--to',
      'b@example.com',
    ],
  };
  const problems = {
    missing: {
      en: (file: string) => new RegExp(`Cannot read the CA file ${file} \\(ENOENT\\)\\.`),
      ja: (file: string) => new RegExp(`CA ファイル ${file} を読めません（ENOENT）。`),
    },
    large: {
      en: (file: string) => new RegExp(`The CA file ${file} is too large \\(\\d+ bytes; at most 1 MB\\)\\.`),
      ja: (file: string) => new RegExp(`CA ファイル ${file} は大きすぎます（\\d+ バイト。1 MB まで）。`),
    },
    notPem: {
      en: (file: string) => new RegExp(`${file} contains no PEM certificate`),
      ja: (file: string) => new RegExp(`${file} に PEM 形式の証明書.*含まれていません。`),
    },
  };

  it.each(Object.keys(commands))(
    '%s refuses a missing, a too large and a non-PEM file alike',
    async (name) => {
      for (const problem of ['missing', 'large', 'notPem'] as const) {
        const file = files[problem];
        const [english, japanese] = await Promise.all(
          (['en', 'ja'] as const).map((language) =>
            runCli([...commands[name]!, '--ca', file, '--lang', language], {
              env: { MAILTLS_PASSWORD: 'unused-secret' },
            }),
          ),
        );
        expectUsageError(english!, problems[problem].en(file));
        expectUsageError(japanese!, problems[problem].ja(file));
      }
    },
  );
});
