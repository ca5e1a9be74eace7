/**
 * V8's code cache for the CLI (Node 22.1+ `module.enableCompileCache`), kept in the
 * user's own cache folder. Node's default is `os.tmpdir()/node-compile-cache`, and on
 * Linux that is the shared /tmp: another local user can create the subfolder Node
 * will use (its name is the Node version and our uid) and leave compiled code in it,
 * which Node then runs in our process (checked with Node 22.23: an entry written by
 * another user was accepted). So the cache is used only in a folder that we own and
 * that no one else can write, and not at all otherwise; it only saves start-up time.
 * NODE_COMPILE_CACHE and NODE_DISABLE_COMPILE_CACHE keep their meaning: Node has acted
 * on them before our first line.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultCacheDir } from '../service/paths.js';

/** Group- or world-writable permission bits. */
const writableByOthers = 0o022;

/**
 * True when `folder` exists (created here, 0700, when missing) and it and its parent
 * are real folders that belong to this user and that no one else may write. Windows
 * has no uid or mode bits; the per-user %LOCALAPPDATA% is private by its ACL.
 */
export function isPrivateFolder(folder: string, platform: NodeJS.Platform = process.platform): boolean {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (platform === 'win32' || typeof process.getuid !== 'function') return true;
    const uid = process.getuid();
    return [folder, dirname(folder)].every((path) => {
      const stat = lstatSync(path);
      return stat.isDirectory() && stat.uid === uid && (stat.mode & writableByOthers) === 0;
    });
  } catch {
    return false;
  }
}

type EnableCompileCache = (directory: string) => unknown;

/** The folder the CLI's code cache goes in, or null when there is none safe to use. */
export function compileCacheFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (env.NODE_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return null;
  const folder = join(defaultCacheDir({ env, platform, homedir: homedir() }), 'compile-cache');
  return isPrivateFolder(folder, platform) ? folder : null;
}

/** Turns the cache on where Node has it and a private folder exists; never throws. */
export function enablePrivateCompileCache(
  enable: EnableCompileCache | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): void {
  if (typeof enable !== 'function') return;
  try {
    const folder = compileCacheFolder(env, platform);
    if (folder) enable(folder);
  } catch {
    // No cache: only slower.
  }
}
