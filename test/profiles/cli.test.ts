/** `mailtls export` and `mailtls import` as a user runs them (a real child process). */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ProfileLibrary } from '../../electron/engine/profiles/index.js';
import { noRecommendation, samplePort, sampleReport } from './fixtures.js';

// Each run starts a TypeScript child process (a few seconds on a busy machine).
vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'mailtls-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mailtls(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/main.ts', ...args],
      { env: { ...process.env, LANG: 'en_US.UTF-8', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const good = join(dir, 'good.json');
writeFileSync(good, JSON.stringify(sampleReport()));
const bad = join(dir, 'bad.json');
writeFileSync(
  bad,
  JSON.stringify(
    sampleReport({
      ports: [
        samplePort(587, 'starttls', { findings: [{ id: 'cert-expired', severity: 'high', port: 587 }] }),
      ],
      recommendation: noRecommendation,
    }),
  ),
);

describe('mailtls export', () => {
  it('exports the recommendation of a report to standard output', async () => {
    const result = await mailtls([
      'export',
      '--from',
      good,
      '--format',
      'msmtp',
      '--email',
      'alice@example.com',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^host "mail\.example\.com"$/m);
    expect(result.stdout).toMatch(/^port 465$/m);
    expect(result.stdout).toMatch(/^from "alice@example\.com"$/m);
  });

  it('refuses a report without a secure setting, then writes it with a warning on request', async () => {
    const refused = await mailtls(['export', '--from', bad, '--format', 'postfix', '--lang', 'ja']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('安全性の検査に合格していない');
    expect(refused.stdout).toBe('');
    const out = join(dir, 'relay.cf');
    const forced = await mailtls([
      'export',
      '--from',
      bad,
      '--format',
      'postfix',
      '--as-tested-insecure',
      '--out',
      out,
    ]);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/did NOT pass/);
    expect(readFileSync(out, 'utf8')).toMatch(/^# WARNING: INSECURE SETTING/m);
  });

  it('rejects an unknown format and a missing option with exit code 2', async () => {
    expect((await mailtls(['export', '--from', good, '--format', 'pine'])).stderr).toMatch(
      /Unknown format "pine"/,
    );
    expect((await mailtls(['export', '--format', 'env'])).code).toBe(2);
  });
});

describe('mailtls import', () => {
  it('prints an imported client config as a profile and saves it with --save', async () => {
    const exported = await mailtls(['export', '--from', good, '--format', 'autoconfig']);
    const file = join(dir, 'config-v1.1.xml');
    writeFileSync(file, exported.stdout);
    const data = join(dir, 'data');
    const result = await mailtls(['import', file, '--save'], { MAILTLS_DATA_DIR: data });
    expect(result.code).toBe(0);
    const profile = JSON.parse(result.stdout);
    expect(profile.outgoing).toEqual({
      host: 'mail.example.com',
      port: 465,
      security: 'implicit-tls',
      authentication: 'password',
    });
    expect(await new ProfileLibrary(data).load(profile.id)).toEqual(profile);
  });

  it('refuses a hostile file with a one-line message', async () => {
    const file = join(dir, 'evil.xml');
    writeFileSync(
      file,
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><clientConfig>&e;</clientConfig>',
    );
    const result = await mailtls(['import', file]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/DTD/);
  });
});
