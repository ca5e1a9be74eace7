/**
 * The marker sweep: the whole flow — audit, log-in test (accepted, refused,
 * stopped for security), test message, a request the schema rejects — runs
 * through the same handler table IPC and the web bridge use, then the profile is
 * exported in every format, saved to the library and the HTML report rendered.
 * The service is the desktop app's, with a remembered-password store (a real
 * cipher standing in for safeStorage). The same flow runs with an OAuth2 access
 * token, which is never remembered. The marker password and token (and their
 * base64 forms) must appear in none of the results, errors, logs, exported files or
 * files written to the data folder (the remembered one included), nor in the
 * renderer store's persisted state.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFormats, type AuditReport, type Result } from '../../electron/contract.js';
import { SecretStore } from '../../electron/engine/login/index.js';
import { profileFromReport } from '../../electron/engine/profiles/index.js';
import { createEngine } from '../../electron/service/engine.js';
import { createService, type Service } from '../../electron/service/handlers.js';
import { createSettingsStore } from '../../electron/service/settings.js';
import { startWebBridge, type WebBridge } from '../../electron/web/server.js';
import { createHttpBridge } from '../../renderer/src/bridge/http.js';
import { createAppStore, storageKey } from '../../renderer/src/store/index.js';
import { testPki } from '../helpers/env.js';
import { memoryStorage } from '../helpers/memory-storage.js';
import { accessToken, examined, expectNoSecret, keychainCipher, password, user } from './secrets.js';
import { startLoginServer, type LoginServer } from './servers.js';

let dataDir: string;
let service: Service;
const logged: string[] = [];
let implicit: LoginServer;
let untrusted: LoginServer;
let oauth: LoginServer;
let bridge: WebBridge;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mailtls-noleak-'));
  [implicit, untrusted, oauth] = await Promise.all([
    startLoginServer({ mode: 'implicit-tls', user, password }),
    startLoginServer({ mode: 'implicit-tls', leaf: 'self-signed', user, password }),
    startLoginServer({
      mode: 'implicit-tls',
      user,
      password,
      accessToken,
      authMethods: ['XOAUTH2', 'PLAIN'],
    }),
  ]);
  service = createService({
    engine: await createEngine({ dataDir }),
    settings: await createSettingsStore({ dataDir, defaultLanguage: 'ja' }),
    secrets: new SecretStore(join(dataDir, 'secrets.json'), keychainCipher()),
    log: (message) => logged.push(message),
  });
  // Only a transport for the renderer store below (the app uses IPC): same dispatch either way.
  bridge = await startWebBridge({ service, rendererDir: dataDir });
});
afterAll(async () => {
  await Promise.all([implicit.close(), untrusted.close(), oauth.close(), bridge.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

async function call(key: string, payload: unknown): Promise<Result<unknown>> {
  const result = await service.dispatch(key, payload);
  expectNoSecret(result);
  return result;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('the password never leaves the log-in', () => {
  it('is in no result, error, log, export, report or data file of a full flow', async () => {
    const target = {
      host: '127.0.0.1',
      port: implicit.port,
      security: 'implicit-tls',
      caPem: testPki().caPem,
    };
    const audit = await call('runAudit', {
      auditId: 'noleak',
      host: '127.0.0.1',
      ports: [{ port: implicit.port, mode: 'implicit-tls' }],
      caPem: testPki().caPem,
      timeoutMs: 15_000,
    });
    expect(audit.ok).toBe(true);
    const report = (audit as { value: AuditReport }).value;

    const accepted = await call('loginTest', {
      ...target,
      credentials: { user, password },
      checkSessionFixation: true,
      remember: true,
    });
    expect(accepted).toMatchObject({ ok: true, value: { success: true } });
    const recalled = await call('recallPassword', { user, host: '127.0.0.1', port: implicit.port });
    expect(recalled).toEqual({ ok: true, value: { remembered: true } });
    const withRemembered = await call('loginTest', {
      ...target,
      credentials: { user, useRememberedPassword: true },
    });
    expect(withRemembered).toMatchObject({ ok: true, value: { success: true } });
    const refused = await call('loginTest', { ...target, credentials: { user, password: `${password}-x` } });
    expect(refused).toMatchObject({ ok: true, value: { success: false, explanation: 'auth-failed' } });
    const stopped = await call('loginTest', {
      ...target,
      port: untrusted.port,
      credentials: { user, password },
    });
    expect(stopped).toMatchObject({ ok: false, error: { code: 'insecure' } });
    const invalid = await call('loginTest', { ...target, port: 0, credentials: { user, password } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const sent = await call('sendTest', {
      ...target,
      credentials: { user, password },
      from: user,
      to: 'bob@example.test',
      language: 'ja',
    });
    expect(sent).toMatchObject({ ok: true, value: { accepted: true } });
    const sendRefused = await call('sendTest', {
      ...target,
      credentials: { user, password: `${password}-x` },
      from: user,
      to: 'bob@example.test',
      language: 'en',
    });
    expect(sendRefused).toMatchObject({ ok: false, error: { code: 'auth-failed' } });

    // The same with an access token: `remember` is ignored, nothing is kept.
    const tokenTarget = { ...target, port: oauth.port };
    const tokenAccepted = await call('loginTest', {
      ...tokenTarget,
      credentials: { user, accessToken },
      remember: true,
    });
    expect(tokenAccepted).toMatchObject({ ok: true, value: { success: true, mechanism: 'XOAUTH2' } });
    const tokenRecalled = await call('recallPassword', { user, host: '127.0.0.1', port: oauth.port });
    expect(tokenRecalled).toEqual({ ok: true, value: { remembered: false } });
    const tokenRefused = await call('loginTest', {
      ...tokenTarget,
      credentials: { user, accessToken: `${accessToken}-old` },
    });
    expect(tokenRefused).toMatchObject({ ok: true, value: { explanation: 'xoauth2-token-refused' } });
    const tokenStopped = await call('loginTest', {
      ...target,
      port: untrusted.port,
      credentials: { user, accessToken },
    });
    expect(tokenStopped).toMatchObject({ ok: false, error: { code: 'insecure' } });
    const tokenSent = await call('sendTest', {
      ...tokenTarget,
      credentials: { user, accessToken },
      remember: true,
      from: user,
      to: 'bob@example.test',
      language: 'ja',
    });
    expect(tokenSent).toMatchObject({ ok: true, value: { accepted: true } });
    const tokenSendRefused = await call('sendTest', {
      ...tokenTarget,
      credentials: { user, accessToken: `${accessToken}-old` },
      from: user,
      to: 'bob@example.test',
      language: 'en',
    });
    expect(tokenSendRefused).toMatchObject({ ok: false, error: { code: 'auth-failed' } });
    const tokenInvalid = await call('loginTest', {
      ...tokenTarget,
      credentials: { user, accessToken, password },
    });
    expect(tokenInvalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const profile = profileFromReport(report, { email: user, userName: user });
    for (const format of exportFormats) {
      expect(await call('exportProfile', { profile, format })).toMatchObject({ ok: true });
    }
    expect(await call('saveProfile', profile)).toMatchObject({ ok: true });
    for (const language of ['ja', 'en']) {
      expect(await call('htmlReport', { report, language })).toMatchObject({ ok: true });
    }

    const files = await filesUnder(dataDir);
    expect(files).toContain(join(dataDir, 'secrets.json'));
    for (const file of files) expectNoSecret(await readFile(file, 'utf8'));
    expectNoSecret(logged);
    // Every output above went through the sweep, and the server did receive the log-ins.
    expect(examined.length).toBeGreaterThanOrEqual(28);
    expect(implicit.auths.length).toBe(5);
    expect(oauth.auths.map((a) => a.method)).toEqual(['XOAUTH2', 'XOAUTH2', 'XOAUTH2', 'XOAUTH2']);
    expect(untrusted.auths).toEqual([]);
  });

  it('is never in the persisted UI state, typed or remembered', async () => {
    const storage = memoryStorage();
    const newStore = () =>
      createAppStore({
        api: createHttpBridge({ token: bridge.token, baseUrl: bridge.origin.replace(/\/$/, '') }),
        storage,
        systemLanguage: 'ja',
        newId: () => 'noleak-store',
        now: () => Date.now(),
      });
    const store = newStore();
    const s = () => store.getState();
    s().setField('email', user);
    s().setField('host', '127.0.0.1');
    s().setField('portsText', `${implicit.port} implicit-tls`);
    s().setField('caPem', testPki().caPem);
    await s().startAudit('main');
    expect(s().runs.main.report?.recommendation.port).toBe(implicit.port);
    // Start from nothing remembered, then type the password and tick "remember".
    await s().forgetPassword();
    expect(s().availability.recallPassword).toBe('available');
    expect(s().passwordRemembered).toBe(false);
    s().setField('password', password);
    s().setField('rememberPassword', true);
    s().setField('sendTo', 'bob@example.test');
    await s().runLoginTest();
    expect(s().loginTest.value?.success).toBe(true);
    expect(s().passwordRemembered).toBe(true);
    // With the field emptied, the test message goes out with the remembered password.
    s().setField('password', '');
    await s().runSendTest();
    expect(s().sendTest.value?.accepted).toBe(true);

    expect(storage.data.get(storageKey)).toContain(user);
    for (const written of storage.writes) expectNoSecret(written);
    expect(newStore().getState().form).toMatchObject({ password: '', rememberPassword: false });
    expectNoSecret(await readFile(join(dataDir, 'secrets.json'), 'utf8'));
  });
});
