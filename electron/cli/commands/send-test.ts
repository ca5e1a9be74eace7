/**
 * `mailtls send-test HOST`: sends one short test message over the verified
 * setting (TLS only, certificate checked) and shows the server's queue id, then
 * explains how to look at the result on the receiving side (Gmail's red lock).
 */
import type { Language } from '../../contract.js';
import { sendTestRequestSchema } from '../../contract.js';
import { sendTestMessage } from '../../engine/login/index.js';
import type { CliCommand } from '../context.js';
import { UsageError } from '../context.js';
import { parseTarget, readCredentials, reportStop, validRequest } from '../login-target.js';

const usage: Record<Language, string> = {
  en: `Usage: mailtls send-test HOST --port P --user U --from ADDRESS --to ADDRESS [options]

Sends one short test message through the outgoing mail server HOST, over TLS
only and with the certificate checked, and shows the server's queue id. The
password is read from MAILTLS_PASSWORD or asked for without echo; with --oauth2
an OAuth2 access token (XOAUTH2 only) from MAILTLS_ACCESS_TOKEN or the prompt.

Options:
  --port P          port of the setting (e.g. 465 or 587)
  --security MODE   implicit-tls or starttls (default: implicit-tls on 465, starttls elsewhere)
  --user U          user name for the log-in
  --oauth2          log in with an OAuth2 access token instead of the password
  --from ADDRESS    sender address (your address)
  --to ADDRESS      where the test message goes (e.g. a Gmail address you can open)
  --ca FILE         also trust the CA certificate(s) in this PEM file
  --pin SHA256      accept the server certificate with this SHA-256 fingerprint
  --timeout MS      deadline in milliseconds (default 30000)
  --json            print the result as JSON
  --lang ja|en      language of the output and of the message

Exit codes: 0 accepted, 1 refused or stopped for security, 2 bad usage or input.
`,
  ja: `使い方: mailtls send-test ホスト --port ポート --user ユーザー名 --from 差出人 --to 宛先 [オプション]

送信メールサーバー（ホスト）から短いテストメッセージを 1 通送ります。TLS でのみ、
証明書を確認したうえで送信し、サーバーのキュー ID を表示します。パスワードは
MAILTLS_PASSWORD から読むか、画面に表示せずに入力を求めます。--oauth2 を付けると
OAuth2 のアクセストークン（XOAUTH2 のみ）を MAILTLS_ACCESS_TOKEN または入力欄から読みます。

オプション:
  --port ポート      設定のポート（例: 465 または 587）
  --security 方式    implicit-tls か starttls（既定: 465 番は implicit-tls、それ以外は starttls）
  --user ユーザー名   ログインのユーザー名
  --oauth2          パスワードの代わりに OAuth2 のアクセストークンでログインする
  --from 差出人      差出人のアドレス（ご自分のアドレス）
  --to 宛先          テストメッセージの宛先（例: 開いて確認できる Gmail のアドレス）
  --ca ファイル      この PEM ファイルの CA 証明書も信頼する
  --pin SHA256      この SHA-256 指紋のサーバー証明書を受け入れる
  --timeout ミリ秒   制限時間（既定 30000）
  --json            結果を JSON で出力する
  --lang ja|en      出力とメッセージの言語

終了コード: 0 受け付けられた、1 拒否または安全のため中止、2 使い方か入力の誤り。
`,
};

const words = {
  en: {
    accepted: 'The server accepted the test message.',
    refused: 'The server did not accept the test message.',
    queueId: 'Queue id',
    unknownId: '(not given in the reply)',
    reply: 'Server reply',
    gmail: [
      'How to check it on the receiving side (Gmail):',
      '  1. Open the message in Gmail on the web.',
      '  2. Click the small arrow under the sender\'s name ("show details"): "security" says "Standard encryption (TLS)" when the message arrived encrypted.',
      '  3. A red open padlock next to the sender means it reached Gmail without encryption somewhere on the way.',
      '  "Show original" (⋮ menu) lists every server the message passed and "TLS" in its Received lines.',
    ],
  },
  ja: {
    accepted: 'サーバーがテストメッセージを受け付けました。',
    refused: 'サーバーはテストメッセージを受け付けませんでした。',
    queueId: 'キュー ID',
    unknownId: '（応答に含まれていません）',
    reply: 'サーバーの応答',
    gmail: [
      '受信側での確認方法（Gmail の場合）:',
      '  1. Web 版の Gmail でメッセージを開きます。',
      '  2. 差出人名の下の小さな矢印（詳細を表示）をクリックします。「セキュリティ」に「標準の暗号化（TLS）」と表示されていれば、暗号化されて届いています。',
      '  3. 差出人の横に赤い開いた錠前のアイコンがある場合は、途中のどこかで暗号化されずに Gmail に届いています。',
      '  「メッセージのソースを表示」（⋮ メニュー）では、経由したサーバーと Received 行の「TLS」を確認できます。',
    ],
  },
} as const;

export const sendTestCommand: CliCommand = {
  usage,
  async run(args, context) {
    // A test message goes through the outgoing server only; say so rather than "unknown option".
    if (args.some((arg) => /^--protocol(=|$)/.test(arg))) {
      throw new UsageError({
        en: 'send-test sends through the outgoing (SMTP) server only, so it takes no --protocol. To test an IMAP or POP3 log-in, use mailtls login --protocol imap|pop3.',
        ja: 'send-test は送信（SMTP）サーバーからだけ送るため、--protocol は指定できません。IMAP・POP3 のログインを試すには mailtls login --protocol imap|pop3 を使ってください。',
      });
    }
    const { parsed, target, user, timeoutMs } = await parseTarget(
      args,
      { from: { kind: 'value' }, to: { kind: 'value' } },
      'send-test',
    );
    const from = parsed.values.get('from');
    const to = parsed.values.get('to');
    if (from === undefined || to === undefined) {
      throw new UsageError({ en: '--from and --to are required.', ja: '--from と --to は必須です。' });
    }
    const request = validRequest(sendTestRequestSchema, {
      ...target,
      credentials: await readCredentials(context, parsed, user, target.host),
      from,
      to,
      language: context.language,
    });
    let result;
    try {
      result = await sendTestMessage(request, { signal: context.signal, timeoutMs });
    } catch (error) {
      return reportStop(error, context);
    }
    const verdict = result.accepted ? 0 : 1;
    if (parsed.flags.has('json')) {
      context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return verdict;
    }
    const w = words[context.language];
    const lines: string[] = [result.accepted ? w.accepted : w.refused];
    if (result.accepted) lines.push(`${w.queueId}: ${result.queueId ?? w.unknownId}`);
    lines.push(`${w.reply}: ${result.serverReply}`);
    if (result.accepted) lines.push('', ...w.gmail);
    context.stdout.write(`${lines.join('\n')}\n`);
    return verdict;
  },
};
