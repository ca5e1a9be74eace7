import type { Candidate, Language } from '../../contract.js';
import { discover } from '../../engine/discover/index.js';
import { parseArgs, parseIntegerOption } from '../args.js';
import { UsageError, type CliCommand } from '../context.js';
import { readCa } from '../files.js';

const securityLabel: Record<string, Record<Language, string>> = {
  'implicit-tls': { en: 'implicit TLS', ja: '暗黙的 TLS' },
  starttls: { en: 'STARTTLS', ja: 'STARTTLS' },
  plain: { en: 'plaintext', ja: '平文' },
};

export const discoverCommand: CliCommand = {
  usage: {
    en: `Usage: mailtls discover EMAIL [--json] [--dns-server IP:PORT] [--ca FILE] [--timeout MS]

Looks up candidate SMTP settings for EMAIL from built-in provider presets, the
provider's autoconfig file (HTTPS only; the address is never sent), SRV records
(_submissions._tcp, _submission._tcp) and the domain's MX records, best first;
then the incoming (IMAP, POP3) servers that autoconfig and the SRV records
_imaps._tcp, _imap._tcp, _pop3s._tcp, _pop3._tcp (RFC 6186) name.
Candidates marked "confirm" came from DNS without DNSSEC or from a guess: check
them before you enter a password.

  --json              print { "candidates": [...], "incoming": [...] }
  --dns-server IP:PORT  ask this DNS server instead of the system's
  --ca FILE           also trust this CA certificate (PEM) for autoconfig
  --timeout MS        deadline per lookup (default 5000)

Exit status: 0 candidates found, 2 bad input.
`,
    ja: `使い方: mailtls discover メールアドレス [--json] [--dns-server IP:ポート] [--ca ファイル] [--timeout ミリ秒]

メールアドレスから送信サーバー（SMTP）と受信サーバー（IMAP・POP3）の設定候補を探し、よいものから順に表示します。
調べる情報源: 内蔵のプロバイダー設定、プロバイダーの autoconfig ファイル（HTTPS のみ。
メールアドレスは送信しません）、SRV レコード（_submissions._tcp・_submission._tcp、受信は
_imaps._tcp・_imap._tcp・_pop3s._tcp・_pop3._tcp）、
ドメインの MX レコード。「要確認」の候補は DNSSEC のない DNS 応答か推測によるものです。
パスワードを入力する前に内容をご確認ください。

  --json              { "candidates": [...], "incoming": [...] } の形式で出力します
  --dns-server IP:ポート  システムの代わりにこの DNS サーバーに問い合わせます
  --ca ファイル        autoconfig の取得時にこの CA 証明書（PEM）も信頼します
  --timeout ミリ秒     問い合わせごとの制限時間（既定 5000）

終了コード: 0 候補あり、2 入力の誤り
`,
  },
  async run(args, context) {
    const parsed = parseArgs(args, {
      json: { kind: 'flag' },
      'dns-server': { kind: 'value' },
      ca: { kind: 'value' },
      timeout: { kind: 'value' },
    });
    const [email, ...extra] = parsed.positionals;
    if (email === undefined || extra.length > 0) {
      throw new UsageError({
        en: 'Give exactly one email address, e.g. mailtls discover taro@example.com',
        ja: 'メールアドレスを 1 つ指定してください。例: mailtls discover taro@example.com',
      });
    }
    const timeout = parsed.values.get('timeout');
    const ca = parsed.values.get('ca');
    const result = await discover(email, {
      dnsServer: parsed.values.get('dns-server'),
      caPem: ca === undefined ? undefined : readCa(ca),
      timeoutMs: timeout === undefined ? undefined : parseIntegerOption('timeout', timeout, 100, 60_000),
      signal: context.signal,
    });
    if (parsed.flags.has('json')) {
      context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const { language } = context;
    const line = (c: Candidate, i: number, protocol = '') => {
      const trust = c.trusted
        ? language === 'ja'
          ? '信頼済み'
          : 'trusted'
        : language === 'ja'
          ? '要確認'
          : 'confirm';
      return `${String(i + 1).padStart(2)}. ${protocol}${c.host}:${c.port}  ${securityLabel[c.security]?.[language] ?? c.security}  [${c.source}, ${trust}]\n    ${c.origin}`;
    };
    const head =
      language === 'ja' ? '送信サーバーの候補（よい順）:' : 'Outgoing server candidates (best first):';
    context.stdout.write(`${head}\n${result.candidates.map((c, i) => line(c, i)).join('\n')}\n`);
    if (result.incoming) {
      // Issue 14: incoming servers found by SRV (RFC 6186) or autoconfig.
      const incomingHead =
        language === 'ja' ? '受信サーバーの候補（よい順）:' : 'Incoming server candidates (best first):';
      const lines = result.incoming.map((c, i) => line(c, i, `${c.protocol.toUpperCase()} `));
      context.stdout.write(`${incomingHead}\n${lines.join('\n')}\n`);
    }
    return 0;
  },
};
