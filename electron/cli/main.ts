#!/usr/bin/env node
/**
 * The `mailtls` command. Dispatches to one module per subcommand; each returns
 * its exit code. Errors meant for the user are one line, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../contract.js';
import { UserFacingError } from '../engine/core/errors.js';
import { findPackageRoot } from '../service/paths.js';
import { commands } from './commands/index.js';
import { UsageError, type CliContext } from './context.js';
import { detectLanguage } from './language.js';

/** The version in package.json (found by walking up: the bundle and the compiled tree sit at different depths). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

function helpText(language: Language): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary[language]}`);
  const head =
    language === 'ja'
      ? 'mailtls — 送信メールサーバー (SMTP) の TLS 設定を検査し、安全な設定を提案します。\n\n使い方: mailtls <コマンド> [オプション]\n\nコマンド:'
      : 'mailtls — tests your outgoing mail server (SMTP) and recommends the secure setting.\n\nUsage: mailtls <command> [options]\n\nCommands:';
  const tail =
    language === 'ja'
      ? '\n\n各コマンドの詳細: mailtls <コマンド> --help\n言語: --lang ja|en（既定はシステムのロケール）'
      : '\n\nDetails of a command: mailtls <command> --help\nLanguage: --lang ja|en (default: the system locale)';
  return `${head}\n${lines.join('\n')}${tail}\n`;
}

/** Pulls `--lang X` out of the arguments (every command accepts it). */
function extractLanguage(args: string[], env: NodeJS.ProcessEnv): { language: Language; rest: string[] } {
  const rest: string[] = [];
  let language = detectLanguage(env);
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const value = arg === '--lang' ? args[++i] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value === undefined) {
      rest.push(arg);
    } else if (value === 'ja' || value === 'en') {
      language = value;
    } else {
      throw new UsageError({
        en: '--lang must be ja or en.',
        ja: '--lang には ja か en を指定してください。',
      });
    }
  }
  return { language, rest };
}

export async function main(argv: string[], base: Omit<CliContext, 'language'>): Promise<number> {
  let language = detectLanguage(base.env);
  try {
    const extracted = extractLanguage(argv, base.env);
    language = extracted.language;
    const [name, ...args] = extracted.rest;
    const context: CliContext = { ...base, language };
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      context.stdout.write(helpText(language));
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      context.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    const entry = commands.find((c) => c.name === name);
    if (!entry) {
      throw new UsageError({
        en: `Unknown command "${name}". Run mailtls --help for the list.`,
        ja: `不明なコマンドです: "${name}"。一覧は mailtls --help で表示できます。`,
      });
    }
    const command = await entry.load();
    if (args.includes('--help') || args.includes('-h')) {
      context.stdout.write(command.usage[language]);
      return 0;
    }
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof UsageError || error instanceof UserFacingError) {
      base.stderr.write(`mailtls: ${error.text[language]}\n`);
      return 2;
    }
    base.stderr.write(
      language === 'ja'
        ? `mailtls: 予期しないエラーです: ${error instanceof Error ? error.message : String(error)}\n`
        : `mailtls: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 3;
  }
}

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  // First Ctrl-C asks the running command to stop cleanly; a second one exits at once.
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort();
});
process.on('SIGTERM', () => controller.abort());

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = interrupted && code === 0 ? 130 : code;
  },
  () => {
    process.exitCode = 3;
  },
);
