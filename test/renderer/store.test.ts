/**
 * The wizard's store, without React: created with its factory in Node and
 * driven through the real web bridge (the same HTTP protocol as browser mode)
 * against real smtp-server instances on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language, MailTlsApi } from '../../electron/contract.js';
import { createNodeService } from '../../electron/service/node-service.js';
import { startWebBridge, type WebBridge } from '../../electron/web/server.js';
import { createHttpBridge } from '../../renderer/src/bridge/http.js';
import { createAppStore, storageKey } from '../../renderer/src/store/index.js';
import { canEnter } from '../../renderer/src/store/steps.js';
import { testPki } from '../helpers/env.js';
import { rawServer, type HostileServer } from '../helpers/hostile.js';
import { memoryStorage } from '../helpers/memory-storage.js';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server.js';

let dir: string;
let bridge: WebBridge;
let api: MailTlsApi;
let implicit: RunningServer;
let starttls: RunningServer;
let stalling: HostileServer;
const stalled: Socket[] = [];
let ids = 0;

function newStore(storage = memoryStorage(), systemLanguage: Language = 'en') {
  return createAppStore({
    api,
    storage,
    systemLanguage,
    newId: () => `audit-${++ids}`,
    now: () => Date.now(),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mailtls-store-'));
  const service = await createNodeService({ defaultLanguage: 'en', dataDir: dir, env: {} });
  bridge = await startWebBridge({ service, rendererDir: dir });
  api = createHttpBridge({ token: bridge.token, baseUrl: bridge.origin.replace(/\/$/, '') });
  implicit = await startSmtpServer('implicit-tls');
  starttls = await startSmtpServer('starttls');
  stalling = await rawServer((socket) => {
    socket.resume();
    stalled.push(socket);
  });
});

afterAll(async () => {
  await Promise.all([implicit?.close(), starttls?.close(), stalling?.close(), bridge?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('navigation and form', () => {
  it('enters a step only when the earlier steps are filled in, and keeps what was typed', () => {
    const store = newStore();
    const s = () => store.getState();
    expect(s().goTo('server')).toBe(false);
    s().next();
    expect(s().step).toBe('account');
    s().setField('email', 'taro@example.jp');
    s().next();
    expect(s().step).toBe('server');
    expect(s().goTo('test')).toBe(false);
    s().setField('host', 'smtp.example.jp');
    s().setField('portsText', '587, 587');
    expect(canEnter(s(), 'test')).toBe(false);
    s().setField('portsText', '25, 465, 587');
    expect(s().goTo('test')).toBe(true);
    // Nothing after the test is reachable before there is a report.
    expect(canEnter(s(), 'compare')).toBe(false);
    s().back();
    s().back();
    expect(s().step).toBe('account');
    expect(s().form.email).toBe('taro@example.jp');
    expect(s().form.host).toBe('smtp.example.jp');
  });

  it('applies a provider preset with the user name it documents', () => {
    const store = newStore();
    store.getState().setField('email', 'hanako@example.jp');
    store.getState().applyPreset({
      id: 'x',
      name: { en: 'X', ja: 'X' },
      domains: ['example.jp'],
      host: 'smtp.example.jp',
      port: 2587,
      security: 'starttls',
      userName: 'local-part',
      sourceUrl: 'https://example.jp/help',
      sourceKind: 'provider',
      incoming: [],
    });
    const { form } = store.getState();
    expect(form).toMatchObject({ host: 'smtp.example.jp', user: 'hanako', presetId: 'x' });
    expect(form.portsText).toBe('25, 465, 587, 2587 starttls');
  });
});

describe('persistence', () => {
  it('never stores the password, and a reload returns to a step it can show', () => {
    const storage = memoryStorage();
    const store = newStore(storage);
    const s = () => store.getState();
    s().setField('email', 'taro@example.jp');
    s().setField('host', '127.0.0.1');
    s().setField('user', 'taro');
    s().setField('password', 'correct horse battery staple');
    s().goTo('test');
    // Pretend a report exists so the person could have been further on.
    store.setState({ step: 'compare' });
    const saved = storage.data.get(storageKey) ?? '';
    expect(saved).toContain('taro@example.jp');
    expect(saved).not.toContain('correct horse');
    expect(saved).not.toContain('password');

    const reloaded = newStore(storage);
    expect(reloaded.getState().form).toMatchObject({
      email: 'taro@example.jp',
      host: '127.0.0.1',
      user: 'taro',
      password: '',
    });
    // The report is not persisted, so "compare" cannot be shown: back to the test.
    expect(reloaded.getState().step).toBe('test');
  });

  it('follows the system language until the person picks one', () => {
    const storage = memoryStorage();
    const first = newStore(storage, 'ja');
    expect(first.getState().language).toBe('ja');
    first.getState().setTheme('dark');
    expect(newStore(storage, 'en').getState().language).toBe('en');
    first.getState().setLanguage('ja');
    const later = newStore(storage, 'en');
    expect(later.getState().language).toBe('ja');
    expect(later.getState().languageSource).toBe('user');
    expect(later.getState().theme).toBe('dark');
  });
});

describe('audit through the web bridge', () => {
  function storeFor(ports: string) {
    const store = newStore();
    const s = store.getState();
    s.setField('email', 'taro@example.jp');
    s.setField('host', '127.0.0.1');
    s.setField('portsText', ports);
    s.setField('caPem', testPki().caPem);
    return store;
  }

  it('runs the test with live progress and recommends implicit TLS, then verifies it', async () => {
    const store = storeFor(`${implicit.port} implicit-tls, ${starttls.port} starttls`);
    const seen = new Set<string>();
    const unsubscribe = store.subscribe((state) => {
      for (const p of state.runs.main.progress)
        for (const stage of Object.keys(p.stages)) seen.add(`${p.port}:${stage}`);
    });
    await store.getState().startAudit('main');
    unsubscribe();
    const run = store.getState().runs.main;
    expect(run.error).toBeNull();
    expect(run.status).toBe('done');
    expect(run.report?.recommendation).toMatchObject({ port: implicit.port, security: 'implicit-tls' });
    expect(seen).toContain(`${implicit.port}:connect`);
    expect(seen).toContain(`${starttls.port}:starttls`);
    for (const step of ['compare', 'recommend', 'apply', 'verify'] as const) {
      expect(canEnter(store.getState(), step), step).toBe(true);
    }

    await store.getState().startAudit('verify');
    const verify = store.getState().runs.verify;
    expect(verify.status).toBe('done');
    expect(verify.report?.ports.map((p) => p.port)).toEqual([implicit.port]);
    expect(verify.report?.recommendation).toMatchObject({ port: implicit.port, security: 'implicit-tls' });

    // Another server makes the results stale.
    store.getState().setField('host', 'localhost');
    expect(store.getState().runs.main.status).toBe('idle');
    expect(canEnter(store.getState(), 'compare')).toBe(false);
  }, 60_000);

  it('recommends STARTTLS on a STARTTLS-only server', async () => {
    const store = storeFor(`${starttls.port} starttls`);
    await store.getState().startAudit('main');
    expect(store.getState().runs.main.report?.recommendation).toMatchObject({
      port: starttls.port,
      security: 'starttls',
    });
  }, 60_000);

  it('cancels a running test and closes the connection to the server', async () => {
    const store = storeFor(`${stalling.port} starttls`);
    const before = stalled.length;
    const running = store.getState().startAudit('main');
    const deadline = Date.now() + 10_000;
    while (stalled.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(stalled.length).toBeGreaterThan(before);
    const socket = stalled[stalled.length - 1] as Socket;
    const closed = new Promise<void>((resolve) =>
      socket.destroyed ? resolve() : socket.once('close', () => resolve()),
    );
    await store.getState().cancelAudit('main');
    expect(store.getState().runs.main.status).toBe('cancelled');
    await running;
    await closed;
    expect(store.getState().runs.main.status).toBe('cancelled');
    expect(store.getState().runs.main.report).toBeNull();
    // After Cancel no stage stays in progress.
    const stages = store.getState().runs.main.progress.flatMap((p) => Object.values(p.stages));
    expect(stages.length).toBeGreaterThan(0);
    expect(stages).not.toContain('started');
  }, 30_000);
});

describe('profiles library through the web bridge', () => {
  it('keeps a tested setting, lists it with its verdict, renames it, refuses a hostile import without loss, deletes it', async () => {
    const store = newStore();
    const s = () => store.getState();
    s().setField('email', 'taro@example.jp');
    s().setField('host', '127.0.0.1');
    s().setField('portsText', `${implicit.port} implicit-tls`);
    s().setField('caPem', testPki().caPem);
    await s().startAudit('main');
    await s().keepInLibrary();
    // "Keep in MailTLS" leads to the Profiles screen.
    expect(s().screen).toBe('profiles');
    const entries = () => s().library.value ?? [];
    expect(entries()).toHaveLength(1);
    const [kept] = entries();
    expect(kept?.profile.outgoing).toMatchObject({ host: '127.0.0.1', port: implicit.port });
    expect(kept?.profile.verifiedWith?.qualified).toBe(true);

    await s().renameProfile(kept!.id, 'Office');
    expect(entries()[0]?.profile.name).toBe('Office');

    const hostile = '{"__proto__":{"polluted":true},"schema":"mailtls.profile/1"}';
    await s().importFiles([{ name: 'evil.json', size: hostile.length, text: async () => hostile }]);
    expect(s().libraryNotice).toMatchObject({ kind: 'import-failed', fileName: 'evil.json' });
    expect(entries()).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    await s().importFiles([{ name: 'huge.json', size: 10_000_000, text: async () => '' }]);
    expect(s().libraryNotice).toEqual({ kind: 'too-big', fileName: 'huge.json' });

    // A good file is imported as a new profile: it never replaces the one kept.
    const file = await api.exportProfile({ profile: kept!.profile, format: 'mailtls' });
    if (!file.ok) throw new Error(file.error.message);
    await s().importFiles([
      { name: 'office.json', size: file.value.content.length, text: async () => file.value.content },
    ]);
    expect(entries()).toHaveLength(2);

    await s().retestProfile(kept!.id);
    expect(s().screen).toBe('quick');
    expect(s().runs.main.report?.recommendation).toMatchObject({
      port: implicit.port,
      security: 'implicit-tls',
    });

    for (const entry of entries()) await s().deleteProfile(entry.id);
    expect(entries()).toHaveLength(0);
  });
});
