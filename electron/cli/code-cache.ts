/**
 * Runs in the `mailtls` CLI process only: loads the bundle's chunks through V8's code
 * cache, so that a later run skips compiling them (about 20 ms of CPU on a cold
 * `mailtls check` under Node 20; README, Speed).
 *
 * The cache is written when the process exits, after the command has run, so it holds
 * every function compiled on the way; Node 22's own compile cache keeps only what
 * compiling a file produced, which saved nothing here. Code read from the cache runs in
 * this process, so it lives in a folder of the user's own (never the shared /tmp), and a
 * folder or entry that someone else owns or could write is not used. Chunks are loaded
 * by a small CommonJS loader of our own instead of patching Node's: the chunks only
 * require each other by relative path and Node's built-in modules, and the build keeps
 * every `import()` a `require` (electron/cli.vite.config.ts), as a script compiled here
 * has no dynamic import without an experimental flag on Node 20.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, posix, resolve, win32 } from 'node:path';
import { Script } from 'node:vm';

/** An entry larger than this is not ours (the largest is about 100 KB). */
const entryLimitBytes = 16 * 1024 * 1024;
/** Entries no run has rewritten for this long (older builds') are removed when the cache is written. */
const staleAfterMs = 30 * 24 * 60 * 60 * 1000;

/**
 * The per-user cache folder, one per V8 version and architecture (V8 rejects another
 * version's entries anyway), or null when `MAILTLS_NO_CODE_CACHE` is set or there is
 * no absolute home. Linux and other Unix `$XDG_CACHE_HOME/mailtls` (default
 * `~/.cache/mailtls`), macOS `~/Library/Caches/mailtls`, Windows
 * `%LOCALAPPDATA%\mailtls\Cache`.
 */
export function codeCacheFolder(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  home: string,
): string | null {
  if (env.MAILTLS_NO_CODE_CACHE) return null;
  const path = platform === 'win32' ? win32 : posix;
  const localAppData = env.LOCALAPPDATA?.trim();
  const xdg = env.XDG_CACHE_HOME?.trim();
  let root: string | null;
  if (platform === 'win32') {
    root = localAppData && path.isAbsolute(localAppData) ? path.join(localAppData, 'mailtls', 'Cache') : null;
  } else if (!path.isAbsolute(home)) {
    root = null;
  } else if (platform === 'darwin') {
    root = path.join(home, 'Library', 'Caches', 'mailtls');
  } else {
    // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
    root = path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache'), 'mailtls');
  }
  return root && path.join(root, `code-v8-${process.versions.v8}-${process.arch}`);
}

/** Only the user (or root) can have written it: ours, and writable by no group or other user. */
function isPrivate(stats: Stats): boolean {
  const uid = process.getuid?.();
  // Windows has no uid: the per-user LOCALAPPDATA is protected by its ACL.
  return uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0);
}

/** Creates the folder (and its parent `mailtls`) for the user alone; false when it is not private. */
function preparedFolder(folder: string): boolean {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    return [dirname(folder), folder].every((path) => {
      const stats = lstatSync(path);
      return stats.isDirectory() && isPrivate(stats);
    });
  } catch {
    return false;
  }
}

/** An entry's bytes, when it is a private regular file (never through a symbolic link). */
function readEntry(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const stats = fstatSync(fd);
    if (!stats.isFile() || !isPrivate(stats) || stats.size > entryLimitBytes) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Written beside and renamed over, so a concurrent run reads a whole entry or none. */
function writeEntry(folder: string, name: string, data: Buffer): void {
  const temporary = join(folder, `.${name}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, data, { flag: 'wx', mode: 0o600 });
    renameSync(temporary, join(folder, name));
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was left behind.
    }
  }
}

function removeStaleEntries(folder: string, keep: Set<string>): void {
  try {
    for (const name of readdirSync(folder)) {
      const file = join(folder, name);
      if (!keep.has(name) && Date.now() - statSync(file).mtimeMs > staleAfterMs) unlinkSync(file);
    }
  } catch {
    // A cache that cannot be tidied still works.
  }
}

type ModuleWrapper = (
  exports: unknown,
  require: (id: string) => unknown,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

/**
 * Loads `entryFile` and the chunks it requires (CommonJS), each compiled with its
 * cache entry when the folder holds a valid one, and writes the missing or rejected
 * entries when the process exits. With `folder` null nothing is read or written.
 */
export function loadWithCodeCache(entryFile: string, folder: string | null): unknown {
  const usable = folder !== null && preparedFolder(folder);
  const modules = new Map<string, { exports: unknown }>();
  const toWrite: { name: string; script: Script }[] = [];
  const entryNames = new Set<string>();

  const load = (file: string): unknown => {
    const known = modules.get(file);
    if (known) return known.exports;
    // A hashbang line would not parse inside the wrapper; it becomes a comment, keeping line numbers.
    const source = readFileSync(file, 'utf8').replace(/^#!/, '//');
    const name = `${basename(file)}.${createHash('sha256').update(source).digest('hex').slice(0, 16)}`;
    const cachedData = usable ? readEntry(join(folder, name)) : undefined;
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
      filename: file,
      cachedData,
    });
    if (usable) {
      entryNames.add(name);
      if (!cachedData || script.cachedDataRejected) toWrite.push({ name, script });
    }
    const module = { exports: {} as unknown };
    // Registered before it runs, as Node does, so that a cycle sees the exports so far.
    modules.set(file, module);
    const nodeRequire = createRequire(file);
    const requireFrom = (id: string) =>
      id.startsWith('./') || id.startsWith('../') ? load(resolve(dirname(file), id)) : nodeRequire(id);
    const wrapper = script.runInThisContext() as ModuleWrapper;
    wrapper.call(module.exports, module.exports, requireFrom, module, file, dirname(file));
    return module.exports;
  };

  if (usable) {
    process.once('exit', () => {
      if (toWrite.length === 0) return;
      for (const { name, script } of toWrite) writeEntry(folder, name, script.createCachedData());
      removeStaleEntries(folder, entryNames);
    });
  }
  return load(resolve(entryFile));
}
