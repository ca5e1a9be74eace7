#!/usr/bin/env node
/**
 * `npm start` (after `npm run build`): launches the desktop app with Electron.
 *
 * Electron 42+ fetches its binary on first use. Where that is impossible
 * (blocked network, no mirror), print one line that says so and how to fix it,
 * then serve the same UI in browser mode on 127.0.0.1 and print its URL.
 *
 * Never `require('electron')` here: from plain Node that starts a download
 * synchronously. We look for the binary ourselves and run Electron's own
 * installer with a time limit instead.
 *
 * Options: `--browser` (skip Electron), `--port N`, `--no-open` (browser mode).
 * Environment: MAILTLS_SKIP_ELECTRON_DOWNLOAD=1 (do not try to download),
 * MAILTLS_ELECTRON_DOWNLOAD_TIMEOUT=<seconds> (default 300), ELECTRON_MIRROR
 * (read by Electron's installer), MAILTLS_NO_OPEN=1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, parseIntegerOption } from './cli/args.js';
import { UsageError } from './cli/context.js';
import { detectLanguage } from './cli/language.js';
import type { Language } from './contract.js';
import { UserFacingError } from './engine/core/errors.js';
import { findPackageRoot } from './service/paths.js';
import { runBrowserMode } from './web/browser-mode.js';
import type { WebBridge } from './web/server.js';

/** The folder of the `electron` npm package, or null when it is not installed. */
export function electronPackageDir(root: string): string | null {
  try {
    const require = createRequire(join(root, 'package.json'));
    // Resolving package.json does not run electron's index.js (which would download).
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The Electron executable when it is present on disk, else null. */
export function findElectronBinary(packageDir: string | null, env: NodeJS.ProcessEnv): string | null {
  if (!packageDir) return null;
  let relative: string | undefined;
  try {
    relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    relative = undefined;
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = join(packageDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

export interface InstallOutcome {
  ok: boolean;
  /** Short reason for the one-line message when not ok. */
  reason: string;
}

/** Runs Electron's installer (`install.js`) with a time limit; its own output is kept quiet. */
export function installElectron(
  packageDir: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): InstallOutcome {
  const installer = join(packageDir, 'install.js');
  if (!existsSync(installer)) return { ok: false, reason: 'no installer in node_modules/electron' };
  const result = spawnSync(process.execPath, [installer], {
    cwd: packageDir,
    env,
    timeout: timeoutMs,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 4 * 1024 * 1024,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    return { ok: false, reason: `download timed out after ${Math.round(timeoutMs / 1000)} s` };
  }
  if (result.status === 0) return { ok: true, reason: '' };
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  const line =
    output.split('\n').find((l) => /error|fail|ENOTFOUND|ECONN|EAI_AGAIN/i.test(l)) ?? 'download failed';
  return { ok: false, reason: line.trim().slice(0, 120) };
}

/** The one line `npm start` prints when there is no Electron binary. */
export function missingElectronLine(language: Language, reason: string): string {
  return language === 'ja'
    ? `MailTLS: Electron の本体がなく、ダウンロードもできませんでした（${reason}）。デスクトップ版を使うには、届くミラーを ELECTRON_MIRROR に設定して取得し直してください（例: ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npx install-electron）。今回はブラウザー版で起動します。`
    : `MailTLS: the Electron binary is missing and could not be downloaded (${reason}); to get the desktop window, point ELECTRON_MIRROR at a reachable mirror and fetch it again (e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npx install-electron). Starting browser mode instead.`;
}

function downloadTimeoutMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.MAILTLS_ELECTRON_DOWNLOAD_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 300_000;
}

/** Starts Electron on the app and mirrors its exit code. */
function launchElectron(binary: string, root: string, env: NodeJS.ProcessEnv): Promise<number> {
  const childEnv = { ...env };
  // Set by some tools; it would make Electron behave as plain Node.
  delete childEnv.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [root], { stdio: 'inherit', env: childEnv });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export interface StartIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Project root (default: found from this file); tests point it at a fake. */
  root?: string;
  /** Built renderer for browser mode (default: <root>/out/renderer of this package). */
  rendererDir?: string;
  /** Called once browser mode listens (tests). */
  onListening?: (bridge: WebBridge) => void;
}

export async function start(argv: string[], io: StartIo): Promise<number> {
  const language = detectLanguage(io.env);
  try {
    const parsed = parseArgs(argv, {
      browser: { kind: 'flag' },
      port: { kind: 'value' },
      'no-open': { kind: 'flag' },
    });
    const rawPort = parsed.values.get('port');
    const port = rawPort === undefined ? 0 : parseIntegerOption('port', rawPort, 1, 65535);
    const root = io.root ?? findPackageRoot();

    if (!parsed.flags.has('browser') && io.env.MAILTLS_BROWSER_MODE !== '1') {
      const packageDir = electronPackageDir(root);
      let binary = findElectronBinary(packageDir, io.env);
      let reason = packageDir ? 'not downloaded yet' : 'the electron package is not installed';
      if (!binary && packageDir && io.env.MAILTLS_SKIP_ELECTRON_DOWNLOAD !== '1') {
        io.stdout.write(
          language === 'ja'
            ? 'Electron の本体をダウンロードしています…\n'
            : 'Downloading the Electron binary…\n',
        );
        const outcome = installElectron(packageDir, io.env, downloadTimeoutMs(io.env));
        binary = outcome.ok ? findElectronBinary(packageDir, io.env) : null;
        if (!outcome.ok) reason = outcome.reason;
      } else if (!binary && io.env.MAILTLS_SKIP_ELECTRON_DOWNLOAD === '1') {
        reason = 'download skipped: MAILTLS_SKIP_ELECTRON_DOWNLOAD=1';
      }
      if (binary) return await launchElectron(binary, root, io.env);
      io.stdout.write(`${missingElectronLine(language, reason)}\n`);
    }

    return await runBrowserMode({
      language,
      stdout: io.stdout,
      env: io.env,
      platform: process.platform,
      signal: io.signal,
      port,
      open: !parsed.flags.has('no-open') && io.env.MAILTLS_NO_OPEN !== '1',
      ...(io.rendererDir ? { rendererDir: io.rendererDir } : {}),
      ...(io.onListening ? { onListening: io.onListening } : {}),
    });
  } catch (error) {
    if (error instanceof UsageError || error instanceof UserFacingError) {
      io.stderr.write(`mailtls: ${error.text[language]}\n`);
      return 2;
    }
    io.stderr.write(`mailtls: ${error instanceof Error ? error.message : String(error)}\n`);
    return 3;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  start(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signal: controller.signal,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 3;
    },
  );
}
