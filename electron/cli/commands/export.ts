/**
 * `mailtls export --from FILE --format FORMAT`: turns an audit report (from
 * `mailtls check --json`), a MailTLS profile or any importable client config into
 * one of the export formats. A setting that did not pass the audit is refused
 * unless `--as-tested-insecure` is given, which writes a loud warning into the file.
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  emailSchema,
  exportFormats,
  exportFormatSchema,
  type Language,
  type Profile,
} from '../../contract.js';
import { UserFacingError } from '../../engine/core/errors.js';
import { exportProfile, importProfile, parseProfile, profileIdFor } from '../../engine/profiles/index.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand, type CliContext } from '../context.js';
import { readInputFile } from '../files.js';

const formatList = exportFormats.join(', ');

const usage: Record<Language, string> = {
  en: `Usage: mailtls export --from FILE --format FORMAT [options]

Writes the verified SMTP setting in a format mail clients and programs accept.
When the report tested IMAP/POP3, the qualified incoming servers go into
mailtls, autoconfig, mobileconfig and autodiscover; msmtp, nodemailer, postfix
and env configure sending only. FILE is an audit report (mailtls check --json),
a MailTLS profile, or a client configuration MailTLS can import (autoconfig,
autodiscover, mobileconfig, msmtprc).

Formats: ${formatList}

Options:
  --from FILE            the report or profile to export (required)
  --format FORMAT        the output format (required)
  --email ADDRESS        the account's email address
  --user NAME            the login name, when it is not the email address
  --out FILE             write to FILE instead of standard output
  --as-tested-insecure   export a setting that did NOT pass the audit, with a
                         warning written into the file
  --lang ja|en           language of messages (default: the system locale)

Passwords are never written. Exit codes: 0 written, 2 bad usage, input, or a
setting refused as insecure.
`,
  ja: `使い方: mailtls export --from ファイル --format 形式 [オプション]

検査で確認した SMTP の設定を、メールソフトやプログラムが読める形式で書き出します。
検査結果に IMAP/POP3 があれば、合格した受信サーバーを mailtls、autoconfig、
mobileconfig、autodiscover に入れます（msmtp、nodemailer、postfix、env は送信のみ）。
ファイルには検査結果（mailtls check --json）、MailTLS のプロファイル、または
読み込めるクライアント設定（autoconfig、autodiscover、mobileconfig、msmtprc）を指定します。

形式: ${formatList}

オプション:
  --from ファイル          書き出す元の検査結果またはプロファイル（必須）
  --format 形式            書き出す形式（必須）
  --email アドレス         アカウントのメールアドレス
  --user 名前              ログイン名（メールアドレスと異なる場合）
  --out ファイル           標準出力ではなくファイルに書き出す
  --as-tested-insecure     検査に合格しなかった設定を、警告を書き込んだうえで書き出す
  --lang ja|en             メッセージの言語（既定はシステムのロケール）

パスワードは書き出しません。終了コード: 0 書き出した、2 使い方・入力の誤り、
または安全でないため拒否した。
`,
};

/** The account details given on the command line, applied to the profile. */
function withAccount(profile: Profile, email: string | undefined, user: string | undefined): Profile {
  let result = profile;
  if (email !== undefined) {
    if (!emailSchema.safeParse(email).success) {
      throw new UsageError({
        en: `"${email}" is not an email address.`,
        ja: `"${email}" はメールアドレスではありません。`,
      });
    }
    const renamed = profile.name === profile.outgoing.host || profile.name === profile.account.email;
    result = {
      ...result,
      // Same server and address, same id: the Apple profile and the saved copy get replaced, not duplicated.
      id: profileIdFor(profile.outgoing.host, email),
      name: renamed ? email : profile.name,
      account: { ...result.account, email },
    };
  }
  if (user !== undefined) result = { ...result, account: { ...result.account, userName: user } };
  return parseProfile(result);
}

export const exportCommand: CliCommand = {
  usage,
  async run(args: string[], context: CliContext): Promise<number> {
    const parsed = parseArgs(args, {
      from: { kind: 'value' },
      format: { kind: 'value' },
      email: { kind: 'value' },
      user: { kind: 'value' },
      out: { kind: 'value' },
      'as-tested-insecure': { kind: 'flag' },
    });
    const from = parsed.values.get('from');
    const formatText = parsed.values.get('format');
    if (from === undefined || formatText === undefined || parsed.positionals.length > 0) {
      throw new UsageError({
        en: 'Give --from FILE and --format FORMAT, e.g. mailtls export --from report.json --format msmtp',
        ja: '--from ファイル と --format 形式 を指定してください。例: mailtls export --from report.json --format msmtp',
      });
    }
    const format = exportFormatSchema.safeParse(formatText);
    if (!format.success) {
      throw new UsageError({
        en: `Unknown format "${formatText}". Choose one of: ${formatList}.`,
        ja: `不明な形式です: "${formatText}"。次から選んでください: ${formatList}`,
      });
    }
    const imported = importProfile(basename(from), readInputFile(from));
    const profile = withAccount(imported, parsed.values.get('email'), parsed.values.get('user'));
    const allowInsecure = parsed.flags.has('as-tested-insecure');
    const result = exportProfile(profile, format.data, { allowInsecure });
    if (profile.verifiedWith?.qualified === false) {
      context.stderr.write(
        context.language === 'ja'
          ? 'mailtls: 警告: 検査に合格していない設定を、指示どおり「検査結果のまま（安全ではない）」として書き出しました。\n'
          : 'mailtls: warning: this setting did NOT pass the audit; it was exported "as tested, insecure" as requested.\n',
      );
    }
    const out = parsed.values.get('out');
    if (out === undefined) {
      context.stdout.write(result.content);
      return 0;
    }
    try {
      await writeFile(out, result.content, { mode: 0o600 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new UserFacingError('io', {
        en: `Cannot write ${out} (${code}).`,
        ja: `${out} に書き込めません（${code}）。`,
      });
    }
    context.stderr.write(
      context.language === 'ja'
        ? `${out} に書き出しました（${format.data}）。\n`
        : `Wrote ${out} (${format.data}).\n`,
    );
    return 0;
  },
};
