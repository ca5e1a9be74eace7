/**
 * Issue 13's reproductions as fixed regression tests, through the built CLI
 * (`mailtls import`, `mailtls export --from`) and the bridge (`profiles:save`,
 * `profile:export`, `profile:from-report` on the real engine), with the real
 * consumers where the attack needed them. The fifth (a server echoing the
 * credential) is test/login/echo.test.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditReport, ExportResult, Profile, Result } from '../../electron/contract.js';
import { createEngine } from '../../electron/service/engine.js';
import { createService, type Service } from '../../electron/service/handlers.js';
import { createSettingsStore } from '../../electron/service/settings.js';
import { runCli } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import { startLoginServer, type LoginServer } from '../login/servers.js';
import { samplePort, sampleProfile, sampleReport } from './fixtures.js';

vi.setConfig({ testTimeout: 90_000 });

const dir = mkdtempSync(join(tmpdir(), 'mailtls-repro-'));
const canary = join(dir, 'pwned');
let service: Service;
let server: LoginServer;

beforeAll(async () => {
  const dataDir = join(dir, 'data');
  service = createService({
    engine: await createEngine({ dataDir }),
    settings: await createSettingsStore({ dataDir, defaultLanguage: 'en' }),
  });
  server = await startLoginServer({ mode: 'implicit-tls', user: 'u', password: 'p' });
});
afterAll(async () => {
  await server.close();
  expect(existsSync(canary)).toBe(false);
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** `mailtls export` of `from` (a path) in `format`, with any further arguments. */
function exportFrom(from: string, format: string, ...extra: string[]) {
  return runCli(['export', '--from', from, '--format', format, ...extra]);
}

function exported(result: Result<unknown>): string {
  expect(result.ok).toBe(true);
  return (result as { value: ExportResult }).value.content;
}

function refusedWith(result: Result<unknown>, code: string): void {
  expect(result).toMatchObject({ ok: false, error: { code } });
}

/** What `set -a; . FILE` puts into an empty environment, and whether anything ran. */
function sourced(path: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    execFile('/bin/bash', ['-c', 'set -a; . "$1"; env -0', 'bash', path], { env: {} }, (error, stdout) => {
      if (error) reject(error);
      else
        resolve(
          Object.fromEntries(
            stdout
              .split('\0')
              .filter(Boolean)
              .map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
          ),
        );
    });
  });
}

const injectedDate = `2026-11-29\ndefaults\ntls_certcheck off\npasswordeval "touch ${canary}; echo pw"\n#`;

describe('1. line injection through the verification date', () => {
  const profile = sampleProfile({
    profile: { verifiedWith: { date: injectedDate, findings: [], qualified: true } },
  });

  it('mailtls import and export --from refuse the profile, and a report with such a startedAt', async () => {
    const path = file('dated.json', JSON.stringify(profile));
    const imported = await runCli(['import', path]);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toMatch(/audit date/);
    for (const from of [
      path,
      file('dated-report.json', JSON.stringify({ ...sampleReport(), startedAt: injectedDate })),
    ]) {
      const result = await exportFrom(from, 'msmtp');
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });

  it('the bridge refuses to save or export it', async () => {
    refusedWith(await service.dispatch('saveProfile', profile), 'invalid-input');
    for (const format of ['msmtp', 'postfix', 'env'] as const) {
      refusedWith(await service.dispatch('exportProfile', { profile, format }), 'invalid-input');
    }
  });

  it('a valid date is written as MailTLS formats it, whatever the file spelled', async () => {
    const fine = sampleProfile({
      profile: { verifiedWith: { date: '2026-11-29T19:00:00+09:00', findings: [], qualified: false } },
    });
    const content = exported(
      await service.dispatch('exportProfile', { profile: fine, format: 'msmtp', allowInsecure: true }),
    );
    expect(content).toContain('Tested by MailTLS on 2026-11-29 10:00 UTC');
  });
});

describe('2. shell substitution in .env', () => {
  const email = `$(touch\${IFS}${canary})@example.com`;

  it('an msmtprc user and from carried through mailtls export stay text when the .env is sourced', async () => {
    const rc = file(
      'msmtprc',
      `account a\nhost smtp.example.com\nport 587\ntls on\ntls_starttls on\nauth on\nuser "\`touch ${canary}\`"\nfrom "${email}"\n`,
    );
    const out = join(dir, 'from-msmtp.env');
    const result = await exportFrom(rc, 'env', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const env = await sourced(out);
    expect(env.SMTP_USER).toBe(`\`touch ${canary}\``);
    expect(env.SMTP_FROM).toBe(email);
    expect(existsSync(canary)).toBe(false);
  });

  it('through the bridge', async () => {
    const profile = sampleProfile({ account: { email, userName: `'$(touch ${canary})'` } });
    // A single quote together with "$" cannot be written so both bash and dotenv read it literally.
    refusedWith(await service.dispatch('exportProfile', { profile, format: 'env' }), 'invalid-input');
    const plain = sampleProfile({ account: { email, userName: null } });
    const env = await sourced(
      file(
        'bridge.env',
        exported(await service.dispatch('exportProfile', { profile: plain, format: 'env' })),
      ),
    );
    expect(env.SMTP_FROM).toBe(email);
    expect(env.SMTP_USER).toBe(email);
    expect(existsSync(canary)).toBe(false);
  });
});

describe('3. XML comment breakout', () => {
  const breakout = '---><!DOCTYPE x [<!ENTITY e "pwned">]><x>&e;</x><!--';
  const profile = sampleProfile({ account: { displayName: breakout }, profile: { name: breakout } });
  const xml = new XMLParser({ ignoreAttributes: false, processEntities: true, parseTagValue: false });

  it('autoconfig through mailtls export: one comment, no DTD, the name as text', async () => {
    const out = join(dir, 'config-v1.1.xml');
    const result = await exportFrom(
      file('breakout.json', JSON.stringify(profile)),
      'autoconfig',
      '--out',
      out,
    );
    expect(result.code, result.stderr).toBe(0);
    const content = readFileSync(out, 'utf8');
    expect(content).not.toContain('<!DOCTYPE');
    expect(content.match(/-->/g)).toHaveLength(1);
    expect(xml.parse(content).clientConfig.emailProvider.displayName).toBe(breakout);
  });

  it('autodiscover and mobileconfig through the bridge', async () => {
    const autodiscover = exported(
      await service.dispatch('exportProfile', { profile, format: 'autodiscover' }),
    );
    expect(autodiscover).not.toContain('<!DOCTYPE');
    expect(xml.parse(autodiscover).Autodiscover.Response.User.DisplayName).toBe(breakout);
    const mobileconfig = exported(
      await service.dispatch('exportProfile', { profile, format: 'mobileconfig' }),
    );
    expect(mobileconfig.match(/<!DOCTYPE/g)).toHaveLength(1);
    expect(mobileconfig.match(/-->/g)).toHaveLength(1);
  });
});

describe('4. trust is never imported', () => {
  // 587 accepts a password before TLS: it never qualifies, whatever the recommendation claims.
  const weak = samplePort(587, 'starttls', {
    injection: 'vulnerable',
    findings: [{ id: 'plaintext-auth', severity: 'critical', port: 587 }],
  });
  const lyingReport: AuditReport = sampleReport({
    ports: [weak],
    recommendation: { ...sampleReport().recommendation, port: 587, security: 'starttls' },
  });
  const claimed = sampleProfile({ outgoing: { port: 587, security: 'starttls' } });

  it('mailtls export: a profile claiming qualified is "not verified", a lying report hits the gate', async () => {
    const profileResult = await exportFrom(file('claimed.json', JSON.stringify(claimed)), 'msmtp');
    expect(profileResult.code).toBe(0);
    expect(profileResult.stdout).toContain('Not verified by MailTLS');
    expect(profileResult.stdout).not.toContain('Verified by MailTLS on');
    const reportResult = await exportFrom(file('lying.json', JSON.stringify(lyingReport)), 'msmtp');
    expect(reportResult.code).toBe(2);
    expect(reportResult.stderr).toMatch(/did not pass the security checks/);
  });

  it('mailtls import refuses an autoconfig whose host name holds a newline', async () => {
    const autoconfig = `<clientConfig version="1.1"><emailProvider id="example.com"><outgoingServer type="smtp"><hostname>smtp.example.com&#10;tls_certcheck off</hostname><port>465</port><socketType>SSL</socketType></outgoingServer></emailProvider></clientConfig>`;
    const result = await runCli(['import', file('newline.xml', autoconfig)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a valid server name/);
  });

  it('the bridge: a saved claim loads and exports as not verified; a lying report is refused', async () => {
    expect((await service.dispatch('saveProfile', { ...claimed, id: 'claimed' })).ok).toBe(true);
    const loaded = await service.dispatch('loadProfile', { id: 'claimed' });
    expect(loaded).toMatchObject({ ok: true, value: { verifiedWith: null } });
    const content = exported(await service.dispatch('exportProfile', { profile: claimed, format: 'msmtp' }));
    expect(content).toContain('Not verified by MailTLS');
    const fromReport = await service.dispatch('profileFromReport', { report: lyingReport });
    expect(fromReport).toMatchObject({ ok: true, value: { verifiedWith: { qualified: false } } });
    const profile = (fromReport as { value: Profile }).value;
    refusedWith(await service.dispatch('exportProfile', { profile, format: 'msmtp' }), 'insecure');
  });

  it('an audit this machine ran is vouched for, until someone edits the setting', async () => {
    const audit = await service.dispatch('runAudit', {
      auditId: 'repro-trust',
      host: '127.0.0.1',
      ports: [{ port: server.port, mode: 'implicit-tls' }],
      caPem: testPki().caPem,
      timeoutMs: 20_000,
    });
    expect(audit.ok).toBe(true);
    const report = (audit as { value: AuditReport }).value;
    const built = await service.dispatch('profileFromReport', {
      report,
      account: { email: 'a@example.com' },
    });
    const profile = (built as { value: Profile }).value;
    expect(profile.verifiedWith?.qualified).toBe(true);
    const verified = exported(await service.dispatch('exportProfile', { profile, format: 'msmtp' }));
    expect(verified).toMatch(/Verified by MailTLS on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(verified).not.toContain(profile.verifiedWith?.seal ?? 'no seal');
    // The same report edited (another port) is no audit of this machine.
    const edited = { ...report, ports: report.ports.map((p) => ({ ...p, port: p.port + 1 })) };
    expect(await service.dispatch('profileFromReport', { report: edited })).toMatchObject({
      ok: true,
      value: { verifiedWith: null },
    });
    // A hand edit of the sealed setting (the port) loses the seal.
    const moved = { ...profile, outgoing: { ...profile.outgoing, port: 2525 } };
    expect(exported(await service.dispatch('exportProfile', { profile: moved, format: 'msmtp' }))).toContain(
      'Not verified by MailTLS',
    );
    // Saved and loaded, the sealed profile stays verified; its exported JSON carries no seal.
    expect((await service.dispatch('saveProfile', profile)).ok).toBe(true);
    expect(await service.dispatch('loadProfile', { id: profile.id })).toMatchObject({
      ok: true,
      value: { verifiedWith: { qualified: true } },
    });
    const json = exported(await service.dispatch('exportProfile', { profile, format: 'mailtls' }));
    expect(JSON.parse(json).verifiedWith.seal).toBeUndefined();
  });
});
