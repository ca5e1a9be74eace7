/**
 * `mailtls login HOST`: the log-in test from a terminal. The password (or, with
 * --oauth2, the access token) comes from MAILTLS_PASSWORD (MAILTLS_ACCESS_TOKEN)
 * or a prompt that does not echo (one line from stdin when it is not a terminal),
 * never from the command line, where other users could read it in the process
 * list and it would stay in the shell history.
 * The pieces it shares with `send-test` (target options, credentials) live in
 * electron/cli/login-target.ts.
 */
import { transcriptLineText } from '../../catalogue/index.js';
import type { Language, TranscriptLine } from '../../contract.js';
import { loginTestRequestSchema } from '../../contract.js';
import { loginTestAnyProtocol } from '../../engine/login/index.js';
import { UsageError, type CliCommand } from '../context.js';
import { parseTarget, readCredentials, reportStop, validRequest } from '../login-target.js';

const usage: Record<Language, string> = {
  en: `Usage: mailtls login HOST --port P [--security implicit-tls|starttls] --user U [options]

Logs in to the mail server HOST over TLS only and logs out again: the outgoing
(SMTP) server, or with --protocol imap or pop3 the incoming one. No mail is sent
or read. The password is read from the environment variable
MAILTLS_PASSWORD, or asked for without echo. It is never accepted as an option.
With --oauth2 an OAuth2 access token is used instead (XOAUTH2 only), read from
MAILTLS_ACCESS_TOKEN or asked for without echo.

Options:
  --protocol P              smtp (default), imap or pop3
  --port P                  port of the setting to test (e.g. 465, 587, 993 or 995)
  --security MODE           implicit-tls or starttls (default: implicit-tls on 465
                            for SMTP and on 993, 995 for IMAP, POP3, starttls
                            elsewhere); STARTTLS (IMAP) and STLS (POP3) are always
                            required
  --user U                  user name (often the whole email address)
  --oauth2                  log in with an OAuth2 access token instead of the password
  --ca FILE                 also trust the CA certificate(s) in this PEM file
  --pin SHA256              accept the server certificate with this SHA-256 fingerprint
  --check-session-fixation  after log-in, check that the server refuses a second STARTTLS
  --timeout MS              deadline for the whole test in milliseconds (default 30000)
  --json                    print the result as JSON
  --lang ja|en              language of the output

Exit codes: 0 log-in accepted, 1 refused or stopped for security, 2 bad usage or input.
`,
  ja: `使い方: mailtls login ホスト --port ポート [--security implicit-tls|starttls] --user ユーザー名 [オプション]

メールサーバー（ホスト）に TLS でのみログインし、すぐにログアウトします。既定では
送信（SMTP）サーバー、--protocol imap または pop3 では受信サーバーにログインします。
メールの送信も受信もしません。パスワードは環境変数 MAILTLS_PASSWORD から読むか、
画面に表示せずに入力を求めます。オプションでは受け付けません。
--oauth2 を付けると、パスワードの代わりに OAuth2 のアクセストークンを使います
（XOAUTH2 のみ）。トークンは MAILTLS_ACCESS_TOKEN から読むか、画面に表示せずに
入力を求めます。

オプション:
  --protocol プロトコル      smtp（既定）、imap、pop3 のいずれか
  --port ポート              テストする設定のポート（例: 465、587、993、995）
  --security 方式            implicit-tls か starttls（既定: SMTP の 465 番と IMAP・
                            POP3 の 993・995 番は implicit-tls、それ以外は starttls）。
                            STARTTLS（IMAP）・STLS（POP3）も常に必須として扱います
  --user ユーザー名           ユーザー名（多くの場合メールアドレス全体）
  --oauth2                  パスワードの代わりに OAuth2 のアクセストークンでログインする
  --ca ファイル              この PEM ファイルの CA 証明書も信頼する
  --pin SHA256              この SHA-256 指紋のサーバー証明書を受け入れる
  --check-session-fixation  ログイン後、2 回目の STARTTLS をサーバーが拒否するか確認する
  --timeout ミリ秒           テスト全体の制限時間（既定 30000）
  --json                    結果を JSON で出力する
  --lang ja|en              出力の言語

終了コード: 0 ログイン成功、1 拒否または安全のため中止、2 使い方か入力の誤り。
`,
};

export function renderTranscript(lines: TranscriptLine[], language: Language): string {
  const prefix = { c: 'C: ', s: 'S: ', i: '   ' } as const;
  return lines.map((line) => `  ${prefix[line.dir]}${transcriptLineText(line, language)}`).join('\n');
}

const words = {
  en: {
    title: (target: string) => `MailTLS — log-in test ${target}`,
    ok: (mechanism: string) => `Log-in accepted (${mechanism}).`,
    refused: 'Log-in not accepted.',
    cause: 'Cause',
    fix: 'Fix',
    reply: 'Server reply',
    transcript: 'Transcript (the password or token is never shown)',
  },
  ja: {
    title: (target: string) => `MailTLS — ログインテスト ${target}`,
    ok: (mechanism: string) => `ログインできました（${mechanism}）。`,
    refused: 'ログインできませんでした。',
    cause: '原因',
    fix: '対処',
    reply: 'サーバーの応答',
    transcript: '通信の記録（パスワードとトークンは表示しません）',
  },
} as const;

export const loginCommand: CliCommand = {
  usage,
  async run(args, context) {
    const { parsed, target, user, timeoutMs } = await parseTarget(
      args,
      { 'check-session-fixation': { kind: 'flag' }, protocol: { kind: 'value' } },
      'login',
    );
    if (parsed.flags.has('check-session-fixation') && (target.protocol ?? 'smtp') !== 'smtp') {
      throw new UsageError({
        en: '--check-session-fixation tests the SMTP server only (a second STARTTLS after log-in).',
        ja: '--check-session-fixation は SMTP サーバーだけを検査します（ログイン後の 2 回目の STARTTLS）。',
      });
    }
    const request = validRequest(loginTestRequestSchema, {
      ...target,
      credentials: await readCredentials(context, parsed, user, target.host),
      checkSessionFixation: parsed.flags.has('check-session-fixation'),
    });
    let result;
    try {
      result = await loginTestAnyProtocol(request, { signal: context.signal, timeoutMs });
    } catch (error) {
      return reportStop(error, context);
    }
    const verdict = result.success && result.explanation === null ? 0 : 1;
    if (parsed.flags.has('json')) {
      context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return verdict;
    }
    const w = words[context.language];
    const protocol = (target.protocol ?? 'smtp').toUpperCase();
    const lines = [w.title(`${protocol} ${target.host}:${target.port} (${target.security})`), ''];
    lines.push(result.success ? w.ok(result.mechanism ?? '') : w.refused);
    const advice = result.advice?.[context.language];
    if (advice) lines.push(`  ${w.cause}: ${advice.cause}`, `  ${w.fix}: ${advice.fix}`);
    if (result.serverReply) lines.push(`${w.reply}: ${result.serverReply}`);
    lines.push('', `${w.transcript}:`, renderTranscript(result.transcript, context.language));
    context.stdout.write(`${lines.join('\n')}\n`);
    return verdict;
  },
};
