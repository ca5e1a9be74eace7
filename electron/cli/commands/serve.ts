import { parseDnsServer } from '../../engine/dns/client.js';
import { UserFacingError } from '../../engine/core/errors.js';
import { parseArgs, parseIntegerOption } from '../args.js';
import { UsageError, type CliCommand } from '../context.js';
import { runBrowserMode } from '../../web/browser-mode.js';

/** Checked at start-up: a mistyped resolver should stop `serve`, not fail every later check. */
function dnsServerOption(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    parseDnsServer(raw);
  } catch (error) {
    if (error instanceof UserFacingError) throw new UsageError(error.text);
    throw error;
  }
  return raw;
}

/** `mailtls serve`: the desktop UI in a browser, through the loopback web bridge. */
export const serveCommand: CliCommand = {
  usage: {
    en: `Usage: mailtls serve [--port N] [--no-open] [--dns-server IP:PORT]

Serves the MailTLS user interface on 127.0.0.1 and prints its URL. The URL
carries a random access token that changes on every start; keep it to yourself.

Options:
  --port N    listen on port N (default: a free port chosen by the system)
  --no-open   do not open the default browser, only print the URL
  --dns-server IP:PORT  ask this DNS server instead of the system's (domain
              checks and settings lookup)
  --smtp-port N  for testing only: recipient checks connect to port N instead of 25
`,
    ja: `使い方: mailtls serve [--port N] [--no-open] [--dns-server IP:ポート]

MailTLS の画面を 127.0.0.1 で提供し、その URL を表示します。URL には起動ごとに
変わるアクセス用トークンが含まれます。他の人と共有しないでください。

オプション:
  --port N    ポート N で待ち受ける（既定: システムが空きポートを選ぶ）
  --no-open   既定のブラウザーを開かず、URL の表示だけ行う
  --dns-server IP:ポート  システムの代わりにこの DNS サーバーに問い合わせる
              （ドメインの確認と設定の検索）
  --smtp-port 番号  テスト専用: 受信側チェックで 25 の代わりにこのポートに接続する
`,
  },
  async run(args, context) {
    const parsed = parseArgs(args, {
      port: { kind: 'value' },
      'no-open': { kind: 'flag' },
      'dns-server': { kind: 'value' },
      'smtp-port': { kind: 'value' },
    });
    if (parsed.positionals.length > 0) {
      throw new UsageError({
        en: `serve takes no arguments (got "${parsed.positionals[0]}").`,
        ja: `serve に引数は指定できません（指定値: "${parsed.positionals[0]}"）。`,
      });
    }
    const rawPort = parsed.values.get('port');
    const port = rawPort === undefined ? 0 : parseIntegerOption('port', rawPort, 1, 65535);
    const dnsServer = dnsServerOption(parsed.values.get('dns-server'));
    const rawSmtpPort = parsed.values.get('smtp-port');
    const recipientSmtpPort =
      rawSmtpPort === undefined ? undefined : parseIntegerOption('smtp-port', rawSmtpPort, 1, 65535);
    return runBrowserMode({
      language: context.language,
      stdout: context.stdout,
      env: context.env,
      platform: process.platform,
      signal: context.signal,
      port,
      ...(dnsServer ? { dnsServer } : {}),
      ...(recipientSmtpPort ? { recipientSmtpPort } : {}),
      open: !parsed.flags.has('no-open') && context.env.MAILTLS_NO_OPEN !== '1',
    });
  },
};
