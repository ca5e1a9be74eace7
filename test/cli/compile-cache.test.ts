/**
 * The CLI's code cache under a real Node 22 (this machine's Node 20 has none): it is
 * written to and read from the user's own cache folder, never Node's default in the
 * shared temporary folder, where another user could leave compiled code for it. Node's
 * own log of the cache (NODE_DEBUG_NATIVE=COMPILE_CACHE) says which files it used.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, ensureCliBuilt } from '../helpers/cli.js';
import { peerAvailable } from '../helpers/env.js';

const node22 = '/opt/mailtls-peers/node22/bin/node';
// Missing Node 22 skips with a printed reason locally; CI sets REQUIRE_NODE22=1 so it fails there.
const hasNode22 = peerAvailable('NODE22', [node22]);

const root = mkdtempSync(join(tmpdir(), 'mailtls-node22-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `mailtls --version` under Node 22 with its own home and temporary folder; Node's cache log in `log`. */
function version(home: string, extra: NodeJS.ProcessEnv = {}): { stdout: string; log: string } {
  const temporary = join(home, 'tmp');
  mkdirSync(temporary, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    TMPDIR: temporary,
    LANG: 'en_US.UTF-8',
  };
  const run = spawnSync(node22, [cliPath, '--version'], {
    env: { ...env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE', ...extra },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return { stdout: run.stdout, log: run.stderr };
}

describe.runIf(hasNode22)('the code cache under Node 22', () => {
  beforeAll(() => ensureCliBuilt());

  it('lives in ~/.cache/mailtls/compile-cache, is reused, and never touches the temporary folder', () => {
    const home = join(root, 'fresh');
    mkdirSync(home, { mode: 0o700 });
    const first = version(home);
    expect(first.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const folder = join(home, '.cache', 'mailtls', 'compile-cache');
    expect(first.log).toContain(`resolved path ${folder}`);
    expect(readdirSync(folder).length).toBeGreaterThan(0);
    const second = version(home);
    expect(second.log).toMatch(/was accepted/);
    for (const log of [first.log, second.log]) expect(log).not.toContain(join(home, 'tmp'));
    expect(existsSync(join(home, 'tmp', 'node-compile-cache'))).toBe(false);
  });

  it('is off when the folder may be written by others, and the CLI still runs', () => {
    const home = join(root, 'open');
    const folder = join(home, '.cache', 'mailtls', 'compile-cache');
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o777);
    const run = version(home);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run.log).not.toContain('[compile cache]');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('leaves NODE_COMPILE_CACHE to Node', () => {
    const home = join(root, 'chosen');
    mkdirSync(home, { mode: 0o700 });
    const chosen = join(home, 'chosen-cache');
    const run = version(home, { NODE_COMPILE_CACHE: chosen });
    expect(run.log).toContain(`resolved path ${chosen}`);
    expect(existsSync(join(home, '.cache', 'mailtls'))).toBe(false);
  });
});
