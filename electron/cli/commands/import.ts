/**
 * `mailtls import FILE`: reads a MailTLS profile, an audit report or a client
 * configuration (autoconfig, autodiscover, mobileconfig, msmtprc, Nodemailer
 * options) and prints it as a MailTLS profile; `--save` also keeps it in the
 * saved-profile library the desktop app shows.
 */
import { homedir } from 'node:os';
import { basename } from 'node:path';
import type { Language } from '../../contract.js';
import { importProfile, ProfileLibrary } from '../../engine/profiles/index.js';
import { defaultDataDir } from '../../service/paths.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand, type CliContext } from '../context.js';
import { readInputFile } from '../files.js';

const usage: Record<Language, string> = {
  en: `Usage: mailtls import FILE [--save]

Reads FILE (a MailTLS profile or audit report, Thunderbird autoconfig, Outlook
autodiscover, Apple .mobileconfig, msmtprc or Nodemailer options) and prints it
as a MailTLS profile (JSON). Settings without TLS are refused.

Options:
  --save         also save it in the profile library (MAILTLS_DATA_DIR or the
                 per-user data folder)
  --lang ja|en   language of messages (default: the system locale)
`,
  ja: `使い方: mailtls import ファイル [--save]

ファイル（MailTLS のプロファイルや検査結果、Thunderbird の autoconfig、Outlook の
autodiscover、Apple の .mobileconfig、msmtprc、Nodemailer の設定）を読み込み、
MailTLS のプロファイル（JSON）として表示します。TLS を使わない設定は読み込みません。

オプション:
  --save         プロファイルの保存場所（MAILTLS_DATA_DIR またはユーザーごとの
                 データフォルダー）にも保存する
  --lang ja|en   メッセージの言語（既定はシステムのロケール）
`,
};

export const importCommand: CliCommand = {
  usage,
  async run(args: string[], context: CliContext): Promise<number> {
    const parsed = parseArgs(args, { save: { kind: 'flag' } });
    const [file, ...extra] = parsed.positionals;
    if (file === undefined || extra.length > 0) {
      throw new UsageError({
        en: 'Give exactly one file, e.g. mailtls import config-v1.1.xml',
        ja: 'ファイルを一つ指定してください。例: mailtls import config-v1.1.xml',
      });
    }
    const profile = importProfile(basename(file), readInputFile(file));
    if (parsed.flags.has('save')) {
      const dataDir = defaultDataDir({ env: context.env, platform: process.platform, homedir: homedir() });
      await new ProfileLibrary(dataDir).save(profile);
      context.stderr.write(
        context.language === 'ja'
          ? `プロファイル ${profile.id} を保存しました。\n`
          : `Saved profile ${profile.id}.\n`,
      );
    }
    context.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
    return 0;
  },
};
