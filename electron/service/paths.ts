/**
 * Where MailTLS keeps its files (profiles, settings) outside Electron, so the
 * CLI, browser mode and the desktop app share one folder. Electron's main
 * process points `userData` at the same folder (see electron/main/index.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DataDirInput {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homedir: string;
}

/**
 * `MAILTLS_DATA_DIR` when set; else the platform's per-user configuration folder:
 * Linux and other Unix `$XDG_CONFIG_HOME/mailtls` (default `~/.config/mailtls`),
 * Windows `%APPDATA%\MailTLS`, macOS `~/Library/Application Support/MailTLS`.
 */
export function defaultDataDir({ env, platform, homedir }: DataDirInput): string {
  const override = env.MAILTLS_DATA_DIR?.trim();
  if (override) return override;
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim() || join(homedir, 'AppData', 'Roaming');
    return join(appData, 'MailTLS');
  }
  if (platform === 'darwin') return join(homedir, 'Library', 'Application Support', 'MailTLS');
  const xdg = env.XDG_CONFIG_HOME?.trim();
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const base = xdg && xdg.startsWith('/') ? xdg : join(homedir, '.config');
  return join(base, 'mailtls');
}

/**
 * The project (or installed package) root: the nearest folder above `from`
 * whose package.json is MailTLS's. Works from the TypeScript sources (tests)
 * and from the bundled `out/cli/**` files alike.
 */
export function findPackageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown };
        if (pkg.name === 'mailtls') return dir;
      } catch {
        // An unreadable package.json is not ours; keep looking upwards.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`MailTLS package root not found above ${from}`);
    dir = parent;
  }
}

/** The built renderer (`npm run build:app` writes it). */
export function defaultRendererDir(root: string = findPackageRoot()): string {
  return join(root, 'out', 'renderer');
}
