/**
 * Opens the bridge's URL in the default browser, where there is one.
 *
 * The token must not appear on a command line (other local users can list
 * processes), so, like Jupyter, we write a tiny redirect page into a private
 * temporary folder and open that file instead. Never throws: without a
 * browser the user copies the printed URL.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface OpenOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export interface Opener {
  command: string;
  args: (target: string) => string[];
}

function onPath(command: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  const extensions = platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      try {
        accessSync(join(dir, command + extension), platform === 'win32' ? constants.F_OK : constants.X_OK);
        return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}

/** The system's "open with the default application" command, or null when there is none. */
export function findOpener({ platform, env }: OpenOptions): Opener | null {
  if (platform === 'darwin')
    return onPath('open', env, platform) ? { command: 'open', args: (t) => [t] } : null;
  if (platform === 'win32') {
    // rundll32 takes the target as one argument: no cmd.exe quoting rules involved.
    return { command: 'rundll32', args: (t) => ['url.dll,FileProtocolHandler', t] };
  }
  // Without a display xdg-open would fall back to a text browser inside this terminal.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return onPath('xdg-open', env, platform) ? { command: 'xdg-open', args: (t) => [t] } : null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page that sends the browser on to `url` (fragment included). */
export function redirectPage(url: string): string {
  const safe = escapeHtml(url);
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${safe}"><title>MailTLS</title></head><body><a href="${safe}">MailTLS</a></body></html>\n`;
}

/**
 * Tries to open `url`; returns whether a browser was started and a cleanup
 * function that removes the redirect file.
 */
export function openInBrowser(url: string, options: OpenOptions): { opened: boolean; cleanup: () => void } {
  const none = { opened: false, cleanup: () => {} };
  const opener = findOpener(options);
  if (!opener) return none;
  let dir: string | undefined;
  const cleanup = () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  };
  try {
    dir = mkdtempSync(join(tmpdir(), 'mailtls-open-'));
    const file = join(dir, 'open-mailtls.html');
    writeFileSync(file, redirectPage(url), { mode: 0o600 });
    const child = spawn(opener.command, opener.args(file), { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
    // The browser reads the page within moments; do not leave it lying around.
    setTimeout(cleanup, 120_000).unref();
    return { opened: true, cleanup };
  } catch {
    cleanup();
    return none;
  }
}
