/**
 * What `login` and `send-test` share: the target options (host, port, security,
 * trust), the password or access token (from the environment or a prompt without
 * echo, never the command line), the request check and the exit code of a stop.
 */
import type { z } from 'zod';
import type { LoginTestRequest, MailProtocol } from '../contract.js';
import { mailProtocols } from '../contract-lists.js';
import { cancelledError, UserFacingError } from '../engine/core/errors.js';
import { defaultMode } from '../ports.js';
import { parseArgs, parseIntegerOption, type OptionSpec, type ParsedArgs } from './args.js';
import { UsageError, type CliContext } from './context.js';
import { readCa } from './files.js';

const targetOptions: Record<string, OptionSpec> = {
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
function refusePasswordOption(args: string[]): void {
  if (args.some((arg) => /^--?(password|pass|pw|token|access-token)(=|$)/i.test(arg))) {
    throw new UsageError({
      en: 'Passwords and access tokens are never taken from the command line (other users can see them in the process list and they stay in the shell history). Set MAILTLS_PASSWORD (MAILTLS_ACCESS_TOKEN with --oauth2) or type it at the prompt.',
      ja: 'パスワードとアクセストークンはコマンドラインでは受け付けません（他のユーザーがプロセス一覧で見られ、シェルの履歴にも残るためです）。MAILTLS_PASSWORD（--oauth2 では MAILTLS_ACCESS_TOKEN）を設定するか、表示される入力欄に入力してください。',
    });
  }
}

function parseLoginProtocol(text: string): MailProtocol {
  const protocol = mailProtocols.find((name) => name === text.toLowerCase());
  if (!protocol) {
    throw new UsageError({
      en: `--protocol must be smtp, imap or pop3 (got "${text}").`,
      ja: `--protocol には smtp、imap、pop3 のいずれかを指定してください（指定値: "${text}"）。`,
    });
  }
  return protocol;
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
  // Only `login` takes --protocol (send-test is SMTP only): absent, the outgoing server as before.
  const protocolText = parsed.values.get('protocol');
  const protocol = protocolText === undefined ? undefined : parseLoginProtocol(protocolText);
  const securityText = parsed.values.get('security') ?? defaultMode(port, protocol);
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
      ...(protocol === undefined ? {} : { protocol }),
      caPem: caFile === undefined ? undefined : readCa(caFile),
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
