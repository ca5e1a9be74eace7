/**
 * The real engine behind the service, as browser mode runs it: the adapter in
 * electron/service/engine.ts and the contract's response schemas agree.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport, Profile, ProgressEvent } from '../../electron/contract.js';
import type { Service } from '../../electron/service/handlers.js';
import { createNodeService } from '../../electron/service/node-service.js';

let dataDir: string;
let service: Service;
let closedPort: number;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mailtls-node-service-'));
  service = await createNodeService({ defaultLanguage: 'en', dataDir, env: {} });
  // A port that was just free: nothing listens there.
  const probe: Server = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const profile: Profile = {
  schema: 'mailtls.profile/1',
  id: 'shell-test',
  name: 'Shell test',
  account: { email: 'user@example.com', displayName: null, userName: 'user@example.com' },
  outgoing: { host: 'smtp.example.com', port: 465, security: 'implicit-tls', authentication: 'password' },
  pinnedFingerprint256: null,
  verifiedWith: null,
  note: '',
};

describe('node service with the real engine', () => {
  it('lists the presets', async () => {
    const result = await service.dispatch('listPresets', {});
    expect(result.ok).toBe(true);
    if (result.ok) expect((result.value as unknown[]).length).toBeGreaterThan(0);
  });

  it('keeps profiles in the data folder', async () => {
    expect(await service.dispatch('saveProfile', profile)).toMatchObject({
      ok: true,
      value: { id: 'shell-test' },
    });
    expect(await service.dispatch('listProfiles', {})).toMatchObject({
      ok: true,
      value: [{ id: 'shell-test' }],
    });
    expect(await service.dispatch('loadProfile', { id: 'shell-test' })).toMatchObject({
      ok: true,
      value: profile,
    });
    expect(await service.dispatch('deleteProfile', { id: 'shell-test' })).toEqual({ ok: true, value: null });
    expect(await service.dispatch('loadProfile', { id: 'shell-test' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await service.dispatch('loadProfile', { id: '../../etc/passwd' })).toMatchObject({ ok: false });
  });

  it('runs a real audit with progress and renders its report', async () => {
    const progress: ProgressEvent[] = [];
    const result = await service.dispatch(
      'runAudit',
      {
        auditId: 'real-1',
        host: '127.0.0.1',
        ports: [{ port: closedPort, mode: 'starttls' }],
        timeoutMs: 3000,
      },
      { onProgress: (e) => progress.push(e) },
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const report = result.value as AuditReport;
    expect(report.ports[0]).toMatchObject({ port: closedPort, reachable: false });
    expect(progress.every((e) => e.auditId === 'real-1')).toBe(true);

    const html = await service.dispatch('htmlReport', { report, language: 'ja' });
    expect(html).toMatchObject({ ok: true, value: { mimeType: expect.stringContaining('html') } });
  });

  it('exports a profile and refuses a settings-file import that is not one', async () => {
    const exported = await service.dispatch('exportProfile', {
      profile,
      format: 'msmtp',
      allowInsecure: true,
    });
    expect(exported).toMatchObject({
      ok: true,
      value: { content: expect.stringContaining('smtp.example.com') },
    });
    const imported = await service.dispatch('importProfile', { fileName: 'x.json', content: '{"nope":1}' });
    expect(imported).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
