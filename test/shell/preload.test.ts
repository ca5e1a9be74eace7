/**
 * The preload exposes exactly the contract as window.mailtls. Checked twice:
 * the source with a mocked `electron`, and the built, sandbox-ready bundle
 * (out/preload/index.cjs) in a bare VM context where `require` knows nothing
 * but `electron`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelKeys, channels, eventChannels, type MailTlsApi } from '../../electron/contract.js';

type Listener = (event: unknown, payload: unknown) => void;

function fakeElectron() {
  const exposed: Record<string, unknown> = {};
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<Listener>>();
  let answer: (channel: string, request: unknown) => Promise<unknown> = async () => ({
    ok: true,
    value: null,
  });
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        exposed[key] = api;
      },
    },
    ipcRenderer: {
      invoke: (channel: string, request: unknown) => {
        invoked.push([channel, request]);
        return answer(channel, request);
      },
      on: (channel: string, listener: Listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener: (channel: string, listener: Listener) => {
        listeners.get(channel)?.delete(listener);
      },
    },
  };
  return {
    electron,
    exposed,
    invoked,
    emit: (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l({}, payload)),
    listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0,
    setAnswer: (fn: typeof answer) => (answer = fn),
  };
}

async function checkApi(fake: ReturnType<typeof fakeElectron>) {
  expect(Object.keys(fake.exposed)).toEqual(['mailtls']);
  const api = fake.exposed.mailtls as MailTlsApi;
  expect(Object.keys(api).sort()).toEqual([...channelKeys].sort());
  for (const key of channelKeys) expect(typeof api[key]).toBe('function');

  // Each function invokes exactly its own channel with the request as given.
  for (const key of channelKeys) {
    fake.invoked.length = 0;
    const request = { probe: key };
    await (api[key] as (r: unknown) => Promise<unknown>)(request);
    expect(fake.invoked).toEqual([[channels[key].name, request]]);
  }

  // Progress: only this audit's events, and the listener is gone afterwards.
  let release: (value: unknown) => void = () => {};
  fake.setAnswer((channel) =>
    channel === channels.runAudit.name
      ? new Promise((r) => (release = r))
      : Promise.resolve({ ok: true, value: null }),
  );
  const seen: unknown[] = [];
  const running = api.runAudit({ auditId: 'mine', host: 'smtp.example.com' }, (e) => seen.push(e));
  expect(fake.listenerCount(eventChannels.auditProgress)).toBe(1);
  const mine = { auditId: 'mine', port: 587, stage: 'ehlo', status: 'passed', elapsedMs: 3 };
  fake.emit(eventChannels.auditProgress, { ...mine, auditId: 'other' });
  fake.emit(eventChannels.auditProgress, mine);
  release({ ok: true, value: 'report' });
  expect(await running).toEqual({ ok: true, value: 'report' });
  expect(seen).toEqual([mine]);
  expect(fake.listenerCount(eventChannels.auditProgress)).toBe(0);

  // An IPC failure becomes a Result, never a rejection.
  fake.setAnswer(async () => {
    throw new Error('could not be cloned');
  });
  expect(await api.getLanguage({})).toMatchObject({ ok: false, error: { code: 'internal' } });
}

describe('preload source', () => {
  let fake: ReturnType<typeof fakeElectron>;
  beforeEach(() => {
    vi.resetModules();
    fake = fakeElectron();
    vi.doMock('electron', () => fake.electron);
  });

  it('exposes one function per contract channel and nothing else', async () => {
    await import('../../electron/preload/index.js');
    await checkApi(fake);
  });
});

const built = resolve('out/preload/index.cjs');

describe.skipIf(!existsSync(built))('built preload (out/preload/index.cjs)', () => {
  it('runs sandboxed: CommonJS, requires nothing but electron', async () => {
    const code = readFileSync(built, 'utf8');
    const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);

    const fake = fakeElectron();
    const module = { exports: {} };
    runInNewContext(code, {
      require: (name: string) => {
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return fake.electron;
      },
      module,
      exports: module.exports,
      console,
    });
    await checkApi(fake);
  });
});

describe('layering', () => {
  it('only electron/main and electron/preload import electron at run time', async () => {
    const { readdirSync } = await import('node:fs');
    const files = (readdirSync(resolve('electron'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.includes('node_modules'))
      .map((f) => f.replaceAll('\\', '/'));
    const runtimeElectron = /^\s*import\s+(?!type\b)[^;]*from\s+['"]electron['"]/m;
    const offenders = files.filter((f) => {
      const source = readFileSync(resolve('electron', f), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      return runtimeElectron.test(source) || /require\(['"]electron['"]\)/.test(source);
    });
    expect(offenders.sort()).toEqual(['main/index.ts', 'preload/index.ts']);
  });
});
