/**
 * Browser mode: start the web bridge, print its URL, open the default browser
 * when there is one, and run until the signal aborts (Ctrl-C).
 * Used by `mailtls serve` and by `npm start` when Electron is missing.
 */
import { existsSync } from 'node:fs';
import type { Language } from '../contract.js';
import { UserFacingError } from '../engine/core/errors.js';
import { createNodeService } from '../service/node-service.js';
import { defaultRendererDir } from '../service/paths.js';
import { openInBrowser } from './open-browser.js';
import { rendererIndex, startWebBridge, type WebBridge } from './server.js';

export interface BrowserModeOptions {
  language: Language;
  stdout: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  signal: AbortSignal;
  port?: number;
  open: boolean;
  rendererDir?: string;
  dataDir?: string;
  /** `IP:PORT` of the resolver for DNS checks and discovery (`--dns-server`). */
  dnsServer?: string;
  /** For tests only (`--smtp-port`): the port that stands in for 25 in recipient checks. */
  recipientSmtpPort?: number;
  /** Called once the bridge listens (tests). */
  onListening?: (bridge: WebBridge) => void;
}

function notBuilt(): UserFacingError {
  return new UserFacingError('not-available', {
    en: 'The user interface is not built yet: run npm run build first.',
    ja: '画面がまだビルドされていません。先に npm run build を実行してください。',
  });
}

function listenError(error: unknown, port: number | undefined): UserFacingError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new UserFacingError('io', {
      en: `Port ${port} on 127.0.0.1 is already in use; choose another with --port, or leave it out.`,
      ja: `127.0.0.1 のポート ${port} はすでに使われています。--port で別の番号を指定するか、指定を外してください。`,
    });
  }
  return new UserFacingError('io', {
    en: `Could not listen on 127.0.0.1 (${code ?? 'unknown error'}).`,
    ja: `127.0.0.1 で待ち受けできませんでした（${code ?? '不明なエラー'}）。`,
  });
}

export async function runBrowserMode(options: BrowserModeOptions): Promise<number> {
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  if (!existsSync(rendererIndex(rendererDir))) throw notBuilt();
  const service = await createNodeService({
    defaultLanguage: options.language,
    env: options.env,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.dnsServer ? { dnsServer: options.dnsServer } : {}),
    ...(options.recipientSmtpPort ? { recipientSmtpPort: options.recipientSmtpPort } : {}),
  });
  let bridge: WebBridge;
  try {
    bridge = await startWebBridge({ service, rendererDir, port: options.port ?? 0 });
  } catch (error) {
    throw listenError(error, options.port);
  }
  const ja = options.language === 'ja';
  options.stdout.write(
    ja
      ? `MailTLS をブラウザーで使えます。次の URL を開いてください（この URL は他の人と共有しないでください）:\n\n  ${bridge.url}\n\n`
      : `MailTLS is running in browser mode. Open this URL (keep it to yourself: it contains the access token):\n\n  ${bridge.url}\n\n`,
  );
  let cleanup = () => {};
  if (options.open) {
    const opened = openInBrowser(bridge.url, { platform: options.platform, env: options.env });
    cleanup = opened.cleanup;
    if (opened.opened)
      options.stdout.write(ja ? '既定のブラウザーで開きました。\n' : 'Opened in your default browser.\n');
  }
  options.stdout.write(ja ? '終了するには Ctrl+C を押してください。\n' : 'Press Ctrl+C to stop.\n');
  options.onListening?.(bridge);

  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    else options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  cleanup();
  await bridge.close();
  return 0;
}
