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
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, posix, resolve, win32 } from 'node:path';
import { Script } from 'node:vm';

/** An entry larger than this is not ours (the largest, the log-in chunk's, is well under 1 MB). */
const entryLimitBytes = 16 * 1024 * 1024;
/** Entries no run has rewritten for this long (older builds') are removed when the cache is written. */
const staleAfterMs = 30 * 24 * 60 * 60 * 1000;
/** What an entry is called: the chunk's file name and a hash of the script compiled from it. */
const entryName = /^[\w.-]+\.cjs\.[0-9a-f]{16}$/;
/** The chain memo the CLI keeps beside the entries (cli/chain-memo-file.ts), written as an entry is. */
const memoName = 'verified-chains.json';
/** A file being written: `.<entry or memo name>.<12 random hex digits>.tmp` (see writeEntry). */
const temporaryName = new RegExp(
  `^\\.(?:${entryName.source.slice(1, -1)}|${memoName.replace('.', '\\.')})\\.[0-9a-f]{12}\\.tmp$`,
);
/** An entry starts with the SHA-256 of the rest: Node 20's V8 runs damaged cached data without noticing. */
const checksumBytes = 32;

/**
 * The per-user cache folder, one per V8 version and architecture (V8 rejects another
 * version's entries anyway), or null when `MAILTLS_NO_CACHE` is set or there is
 * no absolute home. Linux and other Unix `$XDG_CACHE_HOME/mailtls` (default
 * `~/.cache/mailtls`), macOS `~/Library/Caches/mailtls`, Windows
 * `%LOCALAPPDATA%\mailtls\Cache`.
 */
export function codeCacheFolder(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  home: string,
): string | null {
  // MAILTLS_NO_CODE_CACHE is this switch's first name; "0" or empty leaves the cache on.
  const off = [env.MAILTLS_NO_CACHE, env.MAILTLS_NO_CODE_CACHE].some(
    (v) => v !== undefined && v !== '' && v !== '0',
  );
  if (off) return null;
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

/** The user's uid; undefined on Windows, where the per-user LOCALAPPDATA's ACL protects the folder. */
const uid = process.getuid?.();

/** Ours alone: owned by this user and writable by no group or other user. */
function isPrivate(stats: Stats): boolean {
  return uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0);
}

/**
 * Whether nobody but this user and root can replace anything on the way to `path`
 * (OpenSSH's rule for key files): every folder up to `/`, symbolic links resolved, is
 * owned by root or the user and writable by no one else, or is sticky (as /tmp) with
 * the next folder the user's own.
 */
function trustedAncestors(path: string): boolean {
  if (uid === undefined) return true;
  let folder = realpathSync(path);
  let child: Stats | undefined;
  for (;;) {
    const stats = lstatSync(folder);
    const owner = stats.uid === uid || stats.uid === 0;
    const sharedButSticky = (stats.mode & 0o1000) !== 0 && child?.uid === uid;
    if (!stats.isDirectory() || !owner || ((stats.mode & 0o022) !== 0 && !sharedButSticky)) return false;
    const parent = dirname(folder);
    if (parent === folder) return true;
    child = stats;
    folder = parent;
  }
}

/**
 * Creates the folder (and its parent `mailtls`) for the user alone; false when the
 * way to it is not trusted or either is a link or not private. The way is checked
 * before anything is created, so that root running with another user's home does not
 * leave a folder of root's there.
 */
function preparedFolder(folder: string): boolean {
  try {
    let existing = folder;
    while (!lstatSync(existing, { throwIfNoEntry: false })) existing = dirname(existing);
    if (!trustedAncestors(existing)) return false;
    // Anything created here is inside folders nobody else can change.
    if (existing !== folder) mkdirSync(folder, { recursive: true, mode: 0o700 });
    return [dirname(folder), folder].every((path) => {
      const stats = lstatSync(path);
      return stats.isDirectory() && isPrivate(stats);
    });
  } catch {
    return false;
  }
}

/**
 * An entry's cached data, when it is a private regular file with one link (never
 * through a symbolic link, never a pipe that would block) and its checksum holds.
 */
function readEntry(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.nlink !== 1 || !isPrivate(stats) || stats.size > entryLimitBytes)
      return undefined;
    const entry = readFileSync(fd);
    const data = entry.subarray(checksumBytes);
    const checksum = createHash('sha256').update(data).digest();
    return entry.length > checksumBytes && checksum.equals(entry.subarray(0, checksumBytes))
      ? data
      : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Written beside and renamed over, so a concurrent run reads a whole entry or none. */
function writeEntry(folder: string, name: string, data: Buffer): void {
  const temporary = join(folder, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, Buffer.concat([createHash('sha256').update(data).digest(), data]), {
      flag: 'wx',
      mode: 0o600,
    });
  } catch {
    return; // Not created (a full disk leaves no file either), or the name was taken.
  }
  try {
    renameSync(temporary, join(folder, name));
  } catch {
    remove(temporary);
  }
}

function remove(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone, or not ours to remove.
  }
}

/** Removes old entries and left-over temporary files of ours, nothing else. */
function removeStaleEntries(folder: string, keep: Set<string>): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const ours = entryName.test(name) || temporaryName.test(name);
    if (!ours || keep.has(name)) continue;
    const file = join(folder, name);
    const stats = lstatSync(file, { throwIfNoEntry: false });
    if (stats?.isFile() && isPrivate(stats) && Date.now() - stats.mtimeMs > staleAfterMs) remove(file);
  }
}

/**
 * The chain memo's file in the cache folder, as the executable lends it to the CLI
 * (cli/chain-memo-file.ts): private, checksummed and replaced whole, as an entry is.
 */
export interface MemoFile {
  read(): Buffer | undefined;
  write(data: Buffer): void;
}

/**
 * How the executable lends it: the two share no module (see bin.ts), so the CLI finds
 * it under this global key (cli/chain-memo-file.ts).
 */
const memoFileKey = Symbol.for('mailtls.chain-memo-file');

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
  if (usable) {
    const lent: MemoFile = {
      read: () => readEntry(join(folder, memoName)),
      write: (data) => writeEntry(folder, memoName, data),
    };
    Object.defineProperty(globalThis, memoFileKey, { value: lent, configurable: true });
  }
  const modules = new Map<string, { exports: unknown }>();
  const toWrite: { name: string; script: Script }[] = [];
  const entryNames = new Set<string>();
  // Node's built-in modules (all a chunk requires besides other chunks) resolve alike from every chunk.
  const nodeRequire = createRequire(resolve(entryFile));

  const load = (file: string): unknown => {
    const known = modules.get(file);
    if (known) return known.exports;
    // A hashbang line would not parse inside the wrapper; it becomes a comment, keeping line numbers.
    const source = readFileSync(file, 'utf8').replace(/^#!/, '//');
    const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
    // V8 itself compares only the length of the source an entry was made from.
    const name = `${basename(file)}.${createHash('sha256').update(wrapped).digest('hex').slice(0, 16)}`;
    const cachedData = usable ? readEntry(join(folder, name)) : undefined;
    const script = new Script(wrapped, { filename: file, cachedData });
    if (usable) {
      entryNames.add(name);
      if (!cachedData || script.cachedDataRejected) toWrite.push({ name, script });
    }
    const module = { exports: {} as unknown };
    // Registered before it runs, as Node does, so that a cycle sees the exports so far.
    modules.set(file, module);
    const requireFrom = (id: string) =>
      id.startsWith('./') || id.startsWith('../') ? load(resolve(dirname(file), id)) : nodeRequire(id);
    const wrapper = script.runInThisContext() as ModuleWrapper;
    try {
      wrapper.call(module.exports, module.exports, requireFrom, module, file, dirname(file));
    } catch (error) {
      modules.delete(file);
      throw error;
    }
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
