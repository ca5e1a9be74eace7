import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingWords } from '../../electron/catalogue/index.js';
import { auditReportSchema } from '../../electron/contract.js';
import { runCli } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server.js';

let implicit: RunningServer;
let starttls: RunningServer;
let plaintext: RunningServer;

beforeAll(async () => {
  [implicit, starttls, plaintext] = await Promise.all([
    startSmtpServer('implicit-tls'),
    startSmtpServer('starttls'),
    startSmtpServer('plaintext'),
  ]);
});
afterAll(async () => {
  await Promise.all([implicit.close(), starttls.close(), plaintext.close()]);
});

describe('mailtls check', () => {
  it('--json prints exactly the audit report and exits 0 when a secure setting exists', async () => {
    const ports = `${implicit.port}:implicit,${starttls.port}`;
    const run = await runCli([
      'check',
      '127.0.0.1',
      '--ports',
      ports,
      '--ca',
      testPki().caFile,
      '--json',
      '--timeout',
      '8000',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = auditReportSchema.parse(JSON.parse(run.stdout));
    expect(report.ports.map((p) => p.port).sort()).toEqual([implicit.port, starttls.port].sort());
    expect(report.recommendation).toMatchObject({ port: implicit.port, security: 'implicit-tls' });
  });

  it('prints a table and the recommendation with reasons, in English and Japanese', async () => {
    const ports = `${implicit.port}:implicit,${starttls.port}:starttls`;
    const en = await runCli(['check', '127.0.0.1', '--ports', ports, '--ca', testPki().caFile]);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/Port\s+Mode\s+TLS\s+Certificate\s+Findings/);
    expect(en.stdout).toContain(`Recommendation: use port ${implicit.port} with SSL/TLS`);
    expect(en.stdout).toContain('RFC 8314');
    const ja = await runCli([
      'check',
      '127.0.0.1',
      '--ports',
      ports,
      '--ca',
      testPki().caFile,
      '--lang',
      'ja',
    ]);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('推奨設定');
    expect(ja.stdout).toContain(`ポート ${implicit.port} を SSL/TLS`);
  });

  it('exits 1 and explains the findings when nothing secure is offered', async () => {
    const run = await runCli(['check', '127.0.0.1', '--ports', String(plaintext.port)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('no secure setting was found');
    expect(run.stdout).toMatch(/HIGH \[\d+\]/);
  });

  it('writes the HTML report and the JSON for the provider even when nothing secure is offered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailtls-check-'));
    try {
      const file = join(dir, 'report.html');
      const run = await runCli([
        'check',
        '127.0.0.1',
        '--ports',
        String(plaintext.port),
        '--json',
        '--report',
        file,
      ]);
      expect(run.code).toBe(1);
      const report = auditReportSchema.parse(JSON.parse(run.stdout));
      expect(report.recommendation.security).toBeNull();
      const html = readFileSync(file, 'utf8');
      expect(html).toContain(findingWords('no-secure-option', 'en').title);
      expect(html).toContain(findingWords('starttls-missing', 'en').fixAdmin);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('picks Japanese from the locale', async () => {
    const run = await runCli(['check', '127.0.0.1', '--ports', String(plaintext.port)], {
      env: { LANG: 'ja_JP.UTF-8' },
    });
    expect(run.stdout).toContain('安全な設定が見つかりませんでした');
  });

  const badInputs: Array<[string, string[], RegExp]> = [
    ['an empty host', ['check', ''], /server name is empty/],
    ['a URL as host', ['check', 'https://smtp.example.com'], /not a URL/],
    ['an email address as host', ['check', 'me@example.com'], /email address/],
    [
      'port 0',
      ['check', 'smtp.example.com', '--ports', '0'],
      /--ports must be a whole number from 1 to 65535/,
    ],
    ['port 70000', ['check', 'smtp.example.com', '--ports', '70000'], /from 1 to 65535 \(got "70000"\)/],
    ['a 300-character host', ['check', 'a'.repeat(300)], /300 characters long/],
    ['an unknown mode', ['check', 'smtp.example.com', '--ports', '25:tls'], /Unknown mode "tls"/],
    ['a timeout out of range', ['check', 'smtp.example.com', '--timeout', '5'], /--timeout must be/],
    [
      'a missing CA file',
      ['check', 'smtp.example.com', '--ca', '/nonexistent/ca.pem'],
      /Cannot read the CA file/,
    ],
    ['an unknown option', ['check', 'smtp.example.com', '--fast'], /Unknown option --fast/],
    ['a short option', ['check', 'smtp.example.com', '-p', '587'], /Unknown option -p\./],
    ['no host', ['check'], /exactly one server name/],
    ['an unknown command', ['chek', 'smtp.example.com'], /Unknown command "chek"/],
  ];
  it.each(badInputs)('rejects %s with one clear line and exit code 2', async (_name, args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says a name that does not resolve cannot be found, instead of reporting closed ports', async () => {
    const run = await runCli(['check', 'no-such-host.invalid', '--timeout', '5000']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^mailtls: The server name "no-such-host\.invalid" could not be found in DNS \(E[A-Z_]+\)/,
    );
  });

  it('explains bad input in Japanese too', async () => {
    const run = await runCli(['check', 'https://smtp.example.com', '--lang', 'ja']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('URL ではなくサーバー名だけ');
  });

  it('shows help with the options and exit codes', async () => {
    const run = await runCli(['check', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--ports LIST');
    expect(run.stdout).toContain('Exit codes');
  });
});
