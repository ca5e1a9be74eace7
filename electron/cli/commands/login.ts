/**
 * `mailtls login HOST`: the log-in test from a terminal. The password (or, with
 * --oauth2, the access token) comes from MAILTLS_PASSWORD (MAILTLS_ACCESS_TOKEN)
 * or a prompt that does not echo (one line from stdin when it is not a terminal),
 * never from the command line, where other users could read it in the process
 * list and it would stay in the shell history.
 * The shared pieces (target options, credentials) are also used by `send-test`.
 */
import type { z } from 'zod';
import type { Language, LoginTestRequest, TranscriptLine } from '../../contract.js';
import { loginTestRequestSchema } from '../../contract.js';
import { transcriptLineText } from '../../catalogue/index.js';
import { cancelledError, UserFacingError } from '../../engine/errors.js';
import { loginTest } from '../../engine/login/index.js';
import { parseArgs, parseIntegerOption, type OptionSpec, type ParsedArgs } from '../args.js';
import { UsageError, type CliCommand, type CliContext } from '../context.js';
import { readCa } from './check.js';

const usage: Record<Language, string> = {
  en: `Usage: mailtls login HOST --port P [--security implicit-tls|starttls] --user U [options]

Logs in to the outgoing mail server HOST over TLS only and logs out again;
no mail is sent. The password is read from the environment variable
MAILTLS_PASSWORD, or asked for without echo. It is never accepted as an option.
With --oauth2 an OAuth2 access token is used instead (XOAUTH2 only), read from
MAILTLS_ACCESS_TOKEN or asked for without echo.

Options:
  --port P                  port of the setting to test (e.g. 465 or 587)
  --security MODE           implicit-tls or starttls (default: implicit-tls on 465,
                            starttls elsewhere); STARTTLS is always required
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

送信メールサーバー（ホスト）に TLS でのみログインし、すぐにログアウトします。
メールは送信しません。パスワードは環境変数 MAILTLS_PASSWORD から読むか、
画面に表示せずに入力を求めます。オプションでは受け付けません。
--oauth2 を付けると、パスワードの代わりに OAuth2 のアクセストークンを使います
（XOAUTH2 のみ）。トークンは MAILTLS_ACCESS_TOKEN から読むか、画面に表示せずに
入力を求めます。

オプション:
  --port ポート              テストする設定のポート（例: 465 または 587）
  --security 方式            implicit-tls か starttls（既定: 465 番は implicit-tls、
                            それ以外は starttls）。STARTTLS は常に必須として扱います
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

export const targetOptions: Record<string, OptionSpec> = {
  port: { kind: 'value' },
  security: { kind: 'value' },
  user: { kind: 'value' },
  oauth2: { kind: 'flag' },
  ca: { kind: 'value' },
  pin: { kind: 'value' },
  timeout: { kind: 'value' },
  json: { kind: 'flag' },
};

/** Refuses a password or token on the command line without repeating it anywhere. */
export function refusePasswordOption(args: string[]): void {
  if (args.some((arg) => /^--?(password|pass|pw|token|access-token)(=|$)/i.test(arg))) {
    throw new UsageError({
      en: 'Passwords and access tokens are never taken from the command line (other users can see them in the process list and they stay in the shell history). Set MAILTLS_PASSWORD (MAILTLS_ACCESS_TOKEN with --oauth2) or type it at the prompt.',
      ja: 'パスワードとアクセストークンはコマンドラインでは受け付けません（他のユーザーがプロセス一覧で見られ、シェルの履歴にも残るためです）。MAILTLS_PASSWORD（--oauth2 では MAILTLS_ACCESS_TOKEN）を設定するか、表示される入力欄に入力してください。',
    });
  }
}

export interface ParsedTarget {
  parsed: ParsedArgs;
  target: Omit<LoginTestRequest, 'credentials'>;
  user: string;
  timeoutMs: number | undefined;
}

export async function parseTarget(
  args: string[],
  extra: Record<string, OptionSpec>,
  command: string,
): Promise<ParsedTarget> {
  refusePasswordOption(args);
  const parsed = parseArgs(args, { ...targetOptions, ...extra });
  const host = parsed.positionals[0];
  if (parsed.positionals.length !== 1 || host === undefined) {
    throw new UsageError({
      en: `Give exactly one server name, e.g. mailtls ${command} smtp.example.com --port 465 --user you@example.com`,
      ja: `サーバー名を一つ指定してください。例: mailtls ${command} smtp.example.com --port 465 --user you@example.com`,
    });
  }
  const portText = parsed.values.get('port');
  const user = parsed.values.get('user');
  if (portText === undefined || user === undefined) {
    throw new UsageError({ en: '--port and --user are required.', ja: '--port と --user は必須です。' });
  }
  const port = parseIntegerOption('port', portText, 1, 65535);
  const securityText = parsed.values.get('security') ?? (port === 465 ? 'implicit-tls' : 'starttls');
  const security = (
    { 'implicit-tls': 'implicit-tls', implicit: 'implicit-tls', starttls: 'starttls' } as const
  )[securityText.toLowerCase() as 'implicit-tls' | 'implicit' | 'starttls'];
  if (!security) {
    throw new UsageError({
      en: '--security must be implicit-tls or starttls.',
      ja: '--security には implicit-tls か starttls を指定してください。',
    });
  }
  const caFile = parsed.values.get('ca');
  const timeoutText = parsed.values.get('timeout');
  return {
    parsed,
    user,
    target: {
      host,
      port,
      security,
      caPem: caFile === undefined ? undefined : await readCa(caFile),
      pinnedFingerprint256: parsed.values.get('pin'),
    },
    timeoutMs:
      timeoutText === undefined ? undefined : parseIntegerOption('timeout', timeoutText, 500, 300_000),
  };
}

/** Reads keys in raw mode so nothing is echoed; handles backspace, Enter, Ctrl-C and Ctrl-D. */
function promptHidden(
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WritableStream,
  prompt: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: UserFacingError) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      const text = chunk.toString();
      // Arrow keys and other escape sequences are not part of a password.
      if (text.startsWith('\x1b')) return;
      for (const char of text) {
        if (char === '\r' || char === '\n') return finish();
        // Raw mode turns Ctrl-C into a byte instead of SIGINT.
        if (char === '\x03' || (char === '\x04' && value === '')) return finish(cancelledError());
        if (char === '\x7f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** One line from a pipe or file (tests, scripts); the rest of the input is left unread. */
function readLine(stdin: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const done = (line: string) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      stdin.pause();
      resolve(line.replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline !== -1) done(buffered.slice(0, newline));
    };
    const onEnd = () => done(buffered);
    const onError = (error: Error) => reject(error);
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('error', onError);
    stdin.resume();
  });
}

/** Where each kind of secret comes from and what the prompt calls it. */
const secretSources = {
  password: {
    env: 'MAILTLS_PASSWORD',
    name: { en: 'Password', ja: 'パスワード' },
    missing: {
      en: 'No password given: set MAILTLS_PASSWORD or type it at the prompt.',
      ja: 'パスワードがありません。MAILTLS_PASSWORD を設定するか、入力欄に入力してください。',
    },
  },
  accessToken: {
    env: 'MAILTLS_ACCESS_TOKEN',
    name: { en: 'Access token', ja: 'アクセストークン' },
    missing: {
      en: 'No access token given: set MAILTLS_ACCESS_TOKEN or type it at the prompt.',
      ja: 'アクセストークンがありません。MAILTLS_ACCESS_TOKEN を設定するか、入力欄に入力してください。',
    },
  },
} as const;

/** The environment variable wins; otherwise a prompt without echo (or one line of piped input). */
async function readSecret(
  context: CliContext,
  source: (typeof secretSources)[keyof typeof secretSources],
  user: string,
  host: string,
): Promise<string> {
  const fromEnv = context.env[source.env];
  const stdin = context.stdin as NodeJS.ReadStream;
  const name = source.name[context.language];
  const secret =
    fromEnv !== undefined && fromEnv !== ''
      ? fromEnv
      : stdin.isTTY === true && typeof stdin.setRawMode === 'function'
        ? await promptHidden(
            stdin,
            context.stderr,
            context.language === 'ja' ? `${name}（${user} @ ${host}）: ` : `${name} for ${user} at ${host}: `,
          )
        : await readLine(stdin);
  if (secret === '') throw new UsageError(source.missing);
  return secret;
}

/** The password, or with --oauth2 the access token, for `user`. */
export async function readCredentials(
  context: CliContext,
  parsed: ParsedArgs,
  user: string,
  host: string,
): Promise<LoginTestRequest['credentials']> {
  if (parsed.flags.has('oauth2')) {
    return { user, accessToken: await readSecret(context, secretSources.accessToken, user, host) };
  }
  return { user, password: await readSecret(context, secretSources.password, user, host) };
}

/** Validates what the CLI built with the same schema the UI's requests pass; names fields, never values. */
export function validRequest<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.')))].join(', ');
  throw new UsageError({
    en: `Invalid value for: ${fields}.`,
    ja: `次の項目の値が正しくありません: ${fields}`,
  });
}

/** Failures that are a verdict on the server (exit 1), not a usage error (exit 2). */
export function reportStop(error: unknown, context: CliContext): number {
  if (error instanceof UserFacingError && error.code !== 'invalid-input' && error.code !== 'cancelled') {
    context.stderr.write(`mailtls: ${error.text[context.language]}\n`);
    return 1;
  }
  throw error;
}

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
      { 'check-session-fixation': { kind: 'flag' } },
      'login',
    );
    const request = validRequest(loginTestRequestSchema, {
      ...target,
      credentials: await readCredentials(context, parsed, user, target.host),
      checkSessionFixation: parsed.flags.has('check-session-fixation'),
    });
    let result;
    try {
      result = await loginTest(request, { signal: context.signal, timeoutMs });
    } catch (error) {
      return reportStop(error, context);
    }
    const verdict = result.success && result.explanation === null ? 0 : 1;
    if (parsed.flags.has('json')) {
      context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return verdict;
    }
    const w = words[context.language];
    const lines = [w.title(`${target.host}:${target.port} (${target.security})`), ''];
    lines.push(result.success ? w.ok(result.mechanism ?? '') : w.refused);
    const advice = result.advice?.[context.language];
    if (advice) lines.push(`  ${w.cause}: ${advice.cause}`, `  ${w.fix}: ${advice.fix}`);
    if (result.serverReply) lines.push(`${w.reply}: ${result.serverReply}`);
    lines.push('', `${w.transcript}:`, renderTranscript(result.transcript, context.language));
    context.stdout.write(`${lines.join('\n')}\n`);
    return verdict;
  },
};
