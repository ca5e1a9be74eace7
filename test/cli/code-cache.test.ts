/**
 * The CLI's cache folder (electron/cli/code-cache.ts), through the built `mailtls`
 * executable run as a real process: where it lives, that a second run uses the code
 * the first compiled, that a damaged, foreign-writable or linked entry or folder is
 * never read, and that the chain memo kept there (cli/chain-memo-file.ts) changes
 * nothing in a report but the note that says it was used.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeCacheFolder } from '../../electron/cli/code-cache.js';
import { cliEnv, cliPath, collect, ensureCliBuilt, implicitCheckArgs, runCli } from '../helpers/cli.js';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server.js';

const scratch = mkdtempSync(join(tmpdir(), 'mailtls-code-cache-'));
let caseNumber = 0;

/** A fresh XDG_CACHE_HOME, and the folder the CLI will keep its entries in. */
function freshCache(): { home: string; folder: string } {
  caseNumber += 1;
  const home = join(scratch, `case-${caseNumber}`);
  mkdirSync(home, { mode: 0o700 });
  const folder = codeCacheFolder({ XDG_CACHE_HOME: home }, 'linux', '/home/nobody');
  if (!folder) throw new Error('no cache folder');
  return { home, folder };
}

const entries = (folder: string) => (existsSync(folder) ? readdirSync(folder).sort() : []);

async function help(home: string, env: NodeJS.ProcessEnv = {}) {
  const run = await runCli(['--help'], { env: { XDG_CACHE_HOME: home, ...env } });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain('Usage: mailtls <command>');
  expect(run.stderr).toBe('');
}

beforeAll(() => ensureCliBuilt());
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('where the code cache lives', () => {
  const home = '/home/ann';
  it('follows each platform’s per-user cache folder', () => {
    const v8 = `code-v8-${process.versions.v8}-${process.arch}`;
    expect(codeCacheFolder({}, 'linux', home)).toBe(`/home/ann/.cache/mailtls/${v8}`);
    expect(codeCacheFolder({ XDG_CACHE_HOME: '/var/cache/ann' }, 'linux', home)).toBe(
      `/var/cache/ann/mailtls/${v8}`,
    );
    // A relative XDG_CACHE_HOME is invalid (XDG spec): ignored.
    expect(codeCacheFolder({ XDG_CACHE_HOME: 'cache' }, 'linux', home)).toBe(
      `/home/ann/.cache/mailtls/${v8}`,
    );
    expect(codeCacheFolder({}, 'darwin', home)).toBe(`/home/ann/Library/Caches/mailtls/${v8}`);
    expect(codeCacheFolder({ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32', home)).toBe(
      `C:\\Users\\ann\\AppData\\Local\\mailtls\\Cache\\${v8}`,
    );
  });

  it('is none when turned off, or without an absolute home or LOCALAPPDATA', () => {
    expect(codeCacheFolder({ MAILTLS_NO_CACHE: '1' }, 'linux', home)).toBeNull();
    // The switch's first name still works; "0" or empty is not "off".
    expect(codeCacheFolder({ MAILTLS_NO_CODE_CACHE: 'yes' }, 'linux', home)).toBeNull();
    expect(
      codeCacheFolder({ MAILTLS_NO_CACHE: '0', MAILTLS_NO_CODE_CACHE: '' }, 'linux', home),
    ).not.toBeNull();
    expect(codeCacheFolder({}, 'linux', '')).toBeNull();
    expect(codeCacheFolder({}, 'darwin', 'relative')).toBeNull();
    expect(codeCacheFolder({}, 'win32', home)).toBeNull();
  });
});

describe('the code cache of the mailtls executable', () => {
  it('is written by a first run, for the user alone, and used as it is by the next', async () => {
    const { home, folder } = freshCache();
    await help(home);
    const names = entries(folder);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^[\w.-]+\.cjs\.[0-9a-f]{16}$/);
    expect(names.some((name) => name.startsWith('cli.cjs.'))).toBe(true);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, '..')).mode & 0o777).toBe(0o700);
    for (const name of names) expect(statSync(join(folder, name)).mode & 0o777).toBe(0o600);

    // An entry V8 accepted is not written again: each keeps its inode.
    const inodes = names.map((name) => statSync(join(folder, name)).ino);
    await help(home);
    expect(entries(folder)).toEqual(names);
    expect(names.map((name) => statSync(join(folder, name)).ino)).toEqual(inodes);
  });

  /** The entry of the dispatcher chunk, which every run loads. */
  function dispatcherEntry(folder: string): string {
    const name = entries(folder).find((entry) => entry.startsWith('cli.cjs.'));
    if (!name) throw new Error('no entry for cli.cjs');
    return join(folder, name);
  }

  it('replaces an entry damaged behind an intact header, and the run is unaffected', async () => {
    const { home, folder } = freshCache();
    await help(home);
    const file = dispatcherEntry(folder);
    const damaged = readFileSync(file);
    // Node 20's V8 accepts such data and runs whatever it makes of it; the entry's own
    // checksum must catch it.
    const middle = Math.floor(damaged.length / 2);
    damaged.writeUInt8(damaged.readUInt8(middle) ^ 0xff, middle);
    writeFileSync(file, damaged, { mode: 0o600 });
    await help(home);
    const rewritten = readFileSync(file);
    expect(rewritten.length).toBe(damaged.length);
    expect(rewritten.equals(damaged)).toBe(false);
  });

  it('never reads an entry another user could have written, a link, or a file with a second name', async () => {
    const { home, folder } = freshCache();
    await help(home);
    const file = dispatcherEntry(folder);
    const rewrittenAfter = async (change: () => void) => {
      change();
      const inode = statSync(file).ino;
      await help(home);
      // Not read: the script compiled without it, so the entry was written anew.
      const stats = lstatSync(file);
      expect(stats.isFile()).toBe(true);
      expect(stats.ino).not.toBe(inode);
      expect(stats.mode & 0o777).toBe(0o600);
    };
    await rewrittenAfter(() => chmodSync(file, 0o666));
    const moved = join(scratch, `moved-${caseNumber}`);
    await rewrittenAfter(() => {
      renameSync(file, moved);
      symlinkSync(moved, file);
    });
    await rewrittenAfter(() => linkSync(file, join(scratch, `second-name-${caseNumber}`)));
  });

  it('never uses a folder that another user could write to, on the way or at the end, or one reached through a link', async () => {
    const open = freshCache();
    mkdirSync(open.folder, { recursive: true, mode: 0o700 });
    chmodSync(open.folder, 0o777);
    await help(open.home);
    expect(entries(open.folder)).toEqual([]);

    const openParent = freshCache();
    mkdirSync(openParent.folder, { recursive: true, mode: 0o700 });
    chmodSync(join(openParent.folder, '..'), 0o770);
    await help(openParent.home);
    expect(entries(openParent.folder)).toEqual([]);

    // XDG_CACHE_HOME inside a folder anyone can write to: someone could swap what lies below.
    const shared = join(scratch, `shared-${caseNumber}`);
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const below = join(shared, 'cache');
    mkdirSync(below, { mode: 0o700 });
    await help(below);
    expect(readdirSync(below)).toEqual([]);
    // Sticky as /tmp is, nobody else can move our folder in it: then it is used.
    chmodSync(shared, 0o1777);
    await help(below);
    expect(readdirSync(below)).toEqual(['mailtls']);

    const linked = freshCache();
    const elsewhere = join(scratch, `elsewhere-${caseNumber}`);
    mkdirSync(elsewhere, { mode: 0o700 });
    mkdirSync(join(linked.folder, '..'), { recursive: true, mode: 0o700 });
    symlinkSync(elsewhere, linked.folder);
    await help(linked.home);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('is off with MAILTLS_NO_CACHE, and a cache location that cannot be a folder changes nothing', async () => {
    const off = freshCache();
    await help(off.home, { MAILTLS_NO_CACHE: '1' });
    expect(readdirSync(off.home)).toEqual([]);

    const blocked = join(scratch, 'a-file');
    writeFileSync(blocked, 'not a folder');
    await help(blocked);
  });

  it('removes entries of older builds once they are a month old, when it writes, and nothing else', async () => {
    const { home, folder } = freshCache();
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const old = join(folder, 'audit-0ld8u1ld.cjs.0123456789abcdef');
    const recent = join(folder, 'audit-r3c3ntly.cjs.0123456789abcdef');
    const notAnEntry = join(folder, 'notes.txt');
    const folderInside = join(folder, 'audit-f0ld3r00.cjs.0123456789abcdef');
    for (const file of [old, recent, notAnEntry]) writeFileSync(file, 'x', { mode: 0o600 });
    mkdirSync(folderInside);
    const monthAgo = (Date.now() - 31 * 24 * 60 * 60 * 1000) / 1000;
    for (const path of [old, notAnEntry, folderInside]) utimesSync(path, monthAgo, monthAgo);
    await help(home);
    expect(existsSync(old)).toBe(false);
    for (const path of [recent, notAnEntry, folderInside]) expect(existsSync(path)).toBe(true);
  });
});

describe('an audit through the cache folder', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startSmtpServer('implicit-tls');
  });
  afterAll(async () => {
    await server.close();
  });

  const rememberedNote = 'certificate-remembered';
  /** The report without its clock readings, and without the note that the chain memo was used. */
  const timeless = (json: string) =>
    JSON.stringify(JSON.parse(json), (key, value: unknown) => {
      if (key === 'startedAt' || key === 'elapsedMs' || key === 't') return undefined;
      if (key === 'transcript' && Array.isArray(value))
        return value.filter((line: { note?: { key: string } }) => line.note?.key !== rememberedNote);
      return value;
    });
  const remembered = (json: string) => json.includes(`"key": "${rememberedNote}"`);
  const memoFile = (folder: string) => join(folder, 'verified-chains.json');

  it('reports what a run without the cache reports, the second time from the chain the first verified', async () => {
    const { home, folder } = freshCache();
    const args = implicitCheckArgs(server.port);
    const env = { XDG_CACHE_HOME: home };
    const without = await runCli(args, { env: { ...env, MAILTLS_NO_CACHE: '1' } });
    expect(readdirSync(home)).toEqual([]);
    const first = await runCli(args, { env });
    expect(entries(folder).some((name) => name.startsWith('audit-'))).toBe(true);
    expect(statSync(memoFile(folder)).mode & 0o777).toBe(0o600);
    const memoInode = statSync(memoFile(folder)).ino;
    const second = await runCli(args, { env });
    for (const run of [without, first, second]) expect(run.code, run.stderr).toBe(0);
    expect([without, first, second].map((run) => remembered(run.stdout))).toEqual([false, false, true]);
    expect(timeless(first.stdout)).toBe(timeless(without.stdout));
    expect(timeless(second.stdout)).toBe(timeless(without.stdout));
    // It learned nothing new, so the memo was not written again.
    expect(statSync(memoFile(folder)).ino).toBe(memoInode);
  });

  it('never reads a chain memo another user could have written, or one damaged', async () => {
    const { home, folder } = freshCache();
    const args = implicitCheckArgs(server.port);
    const env = { XDG_CACHE_HOME: home };
    await runCli(args, { env });
    const file = memoFile(folder);
    const notUsedAfter = async (change: () => void) => {
      change();
      const run = await runCli(args, { env });
      expect(run.code, run.stderr).toBe(0);
      expect(remembered(run.stdout)).toBe(false);
      // Verified in full, the chain is remembered again, in a file of the user's alone.
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(remembered((await runCli(args, { env })).stdout)).toBe(true);
    };
    await notUsedAfter(() => chmodSync(file, 0o666));
    await notUsedAfter(() => {
      const damaged = readFileSync(file);
      const last = damaged.length - 3;
      damaged.writeUInt8(damaged.readUInt8(last) ^ 0x01, last);
      writeFileSync(file, damaged, { mode: 0o600 });
    });
  });
});

describe('a damaged install', () => {
  it('says in one line that mailtls cannot start, with exit code 3', async () => {
    const copy = join(scratch, 'damaged');
    cpSync(join(cliPath, '..'), copy, { recursive: true });
    const languageChunk = readdirSync(join(copy, 'chunks')).find((name) => name.startsWith('language-'));
    if (!languageChunk) throw new Error('no language chunk in the bundle');
    rmSync(join(copy, 'chunks', languageChunk));
    const run = await collect(
      spawn(process.execPath, [join(copy, 'main.cjs'), '--help'], { env: cliEnv(), stdio: 'pipe' }),
      20_000,
    );
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^mailtls: cannot start: .*language-.*\n$/);
  });
});

describe('the bundle the loader runs', () => {
  const bundle = join(cliPath, '..');
  const files = [
    ...readdirSync(bundle).filter((name) => name.endsWith('.cjs')),
    ...readdirSync(join(bundle, 'chunks')).map((name) => `chunks/${name}`),
  ];

  /** Whether the code calls `import(...)`, found by TypeScript's parser (comments and strings do not count). */
  function importsDynamically(source: string): boolean {
    const visit = (node: ts.Node): boolean =>
      (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) ||
      (ts.forEachChild(node, visit) ?? false);
    return visit(ts.createSourceFile('chunk.cjs', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
  }

  it('has no dynamic import, which a script compiled by the loader cannot run on Node 20', () => {
    expect(importsDynamically('const fs = await import("node:fs");')).toBe(true);
    expect(importsDynamically('/* import("x") */ const s = `import(${"y"})`;')).toBe(false);
    for (const file of files)
      expect(importsDynamically(readFileSync(join(bundle, file), 'utf8')), file).toBe(false);
  });

  it('keeps the executable free of chunks, which the loader would otherwise run a second time', () => {
    const executable = readFileSync(cliPath, 'utf8');
    const required = [...executable.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(required.length).toBeGreaterThan(0);
    for (const id of required) expect(id).toMatch(/^(node:)?[a-z_]+$/);
  });
});
