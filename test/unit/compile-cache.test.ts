/**
 * Where the CLI keeps V8's code cache: the user's own cache folder, used only when it
 * and its parent belong to the user and no one else may write them. Real folders in a
 * temporary directory; the folder owned by someone else is chowned to nobody when the
 * tests run as root (CI), and is a system folder otherwise.
 */
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compileCacheFolder,
  enablePrivateCompileCache,
  isPrivateFolder,
} from '../../electron/cli/compile-cache.js';
import { defaultCacheDir } from '../../electron/service/paths.js';

const root = mkdtempSync(join(tmpdir(), 'mailtls-compile-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder that exists and belongs to another user. */
function someoneElses(): string {
  if (process.getuid?.() !== 0) return '/usr/share';
  const folder = join(root, 'theirs');
  mkdirSync(folder, { mode: 0o700 });
  chownSync(folder, 65534, 65534);
  return folder;
}

describe('defaultCacheDir', () => {
  const home = '/home/ada';
  it('follows each platform', () => {
    expect(defaultCacheDir({ env: {}, platform: 'linux', homedir: home })).toBe('/home/ada/.cache/mailtls');
    expect(
      defaultCacheDir({ env: { XDG_CACHE_HOME: '/var/cache/ada' }, platform: 'linux', homedir: home }),
    ).toBe('/var/cache/ada/mailtls');
    // A relative XDG_CACHE_HOME is invalid by the XDG spec.
    expect(defaultCacheDir({ env: { XDG_CACHE_HOME: 'cache' }, platform: 'linux', homedir: home })).toBe(
      '/home/ada/.cache/mailtls',
    );
    expect(defaultCacheDir({ env: {}, platform: 'darwin', homedir: home })).toBe(
      '/home/ada/Library/Caches/MailTLS',
    );
    expect(
      defaultCacheDir({
        env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' },
        platform: 'win32',
        homedir: home,
      }),
    ).toContain('MailTLS');
    expect(defaultCacheDir({ env: {}, platform: 'win32', homedir: home })).toContain(
      join('AppData', 'Local'),
    );
  });
});

describe('isPrivateFolder', () => {
  it('creates a missing folder for this user alone', () => {
    const folder = join(root, 'fresh', 'compile-cache');
    expect(isPrivateFolder(folder)).toBe(true);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  it('refuses a folder others may write, or whose parent others may write', () => {
    const open = join(root, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(isPrivateFolder(open)).toBe(false);
    const openParent = join(root, 'open-parent');
    mkdirSync(openParent);
    chmodSync(openParent, 0o777);
    const inside = join(openParent, 'compile-cache');
    mkdirSync(inside, { mode: 0o700 });
    expect(isPrivateFolder(inside)).toBe(false);
  });

  it('refuses a folder that belongs to someone else', () => {
    expect(isPrivateFolder(someoneElses())).toBe(false);
  });

  it('refuses a symbolic link, even to a private folder, and a file', () => {
    const target = join(root, 'target');
    mkdirSync(target, { mode: 0o700 });
    const link = join(root, 'link');
    symlinkSync(target, link);
    expect(isPrivateFolder(link)).toBe(false);
    const file = join(root, 'file');
    writeFileSync(file, '');
    expect(isPrivateFolder(file)).toBe(false);
  });
});

describe('enablePrivateCompileCache', () => {
  it('turns the cache on in the private folder only', () => {
    const cacheHome = join(root, 'xdg');
    mkdirSync(cacheHome, { mode: 0o700 });
    const env = { XDG_CACHE_HOME: cacheHome };
    const used: string[] = [];
    enablePrivateCompileCache((folder) => used.push(folder), env, 'linux');
    expect(used).toEqual([join(cacheHome, 'mailtls', 'compile-cache')]);

    chmodSync(join(cacheHome, 'mailtls', 'compile-cache'), 0o777);
    enablePrivateCompileCache((folder) => used.push(folder), env, 'linux');
    expect(used).toHaveLength(1);
  });

  it('leaves NODE_COMPILE_CACHE and NODE_DISABLE_COMPILE_CACHE to Node', () => {
    const cacheHome = join(root, 'xdg-env');
    expect(compileCacheFolder({ XDG_CACHE_HOME: cacheHome, NODE_COMPILE_CACHE: '/x' }, 'linux')).toBeNull();
    expect(
      compileCacheFolder({ XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '1' }, 'linux'),
    ).toBeNull();
  });

  it('never throws: a Node without the cache, or one whose call fails', () => {
    expect(() => enablePrivateCompileCache(undefined)).not.toThrow();
    const cacheHome = join(root, 'xdg-throw');
    expect(() =>
      enablePrivateCompileCache(
        () => {
          throw new Error('no cache');
        },
        { XDG_CACHE_HOME: cacheHome },
        'linux',
      ),
    ).not.toThrow();
  });
});
