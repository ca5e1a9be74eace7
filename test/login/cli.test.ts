/**
 * `mailtls login` and `mailtls send-test` as real child processes against real
 * servers: the password from MAILTLS_PASSWORD, from a pipe, and typed at a real
 * terminal (a pseudo-terminal, to prove nothing is echoed); an access token
 * (--oauth2) from MAILTLS_ACCESS_TOKEN or a pipe; neither ever from argv.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginTestResultSchema, sendTestResultSchema } from '../../electron/contract.js';
import { cliEnv, collect, type CliRun } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import { accessToken, expectNoSecret, password, user } from './secrets.js';
import { cliTarget, queueId, startLoginServer, type LoginServer } from './servers.js';

const main = join(process.cwd(), 'electron/cli/main.ts');

/** The CLI from source (tsx), so the test never runs a stale build; no secret ever in its output. */
async function cli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<CliRun> {
  const env = cliEnv(options.env);
  // Only what the test itself sets: never a secret inherited from the environment.
  if (!options.env?.MAILTLS_PASSWORD) delete env.MAILTLS_PASSWORD;
  if (!options.env?.MAILTLS_ACCESS_TOKEN) delete env.MAILTLS_ACCESS_TOKEN;
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { env, stdio: 'pipe' });
  const run = await collect(child, 20_000, options.input ?? '');
  expectNoSecret(run);
  return run;
}

/**
 * Runs the CLI on a pseudo-terminal (Python's pty module), types `keys` once the
 * prompt appears, and returns everything the terminal showed.
 */
function cliOnTerminal(args: string[], keys: string): Promise<CliRun> {
  const driver = `
import os, pty, sys, select, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b''
typed = False
deadline = time.time() + 20
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
    if not typed and b'Password for' in out:
        time.sleep(0.2)
        os.write(fd, os.environ['KEYS'].encode())
        typed = True
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`;
  const env = cliEnv({ KEYS: keys });
  delete env.MAILTLS_PASSWORD;
  const child = spawn('python3', ['-c', driver, process.execPath, '--import', 'tsx', main, ...args], { env });
  return collect(child, 25_000);
}

let implicit: LoginServer;
let starttls: LoginServer;
let selfSigned: LoginServer;
let oauth: LoginServer;

beforeAll(async () => {
  [implicit, starttls, selfSigned, oauth] = await Promise.all([
    startLoginServer({ mode: 'implicit-tls', user, password }),
    startLoginServer({ mode: 'starttls', user, password }),
    startLoginServer({ mode: 'implicit-tls', leaf: 'self-signed', user, password }),
    startLoginServer({
      mode: 'starttls',
      user,
      password,
      accessToken,
      authMethods: ['XOAUTH2', 'PLAIN'],
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([implicit.close(), starttls.close(), selfSigned.close(), oauth.close()]);
});

const ca = () => ['--ca', testPki().caFile];

describe('mailtls login', () => {
  it('password from MAILTLS_PASSWORD: log-in accepted, redacted transcript, exit 0', async () => {
    const run = await cli(['login', ...cliTarget(implicit.port, 'implicit-tls'), ...ca()], {
      env: { MAILTLS_PASSWORD: password },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Log-in accepted (PLAIN).');
    expect(run.stdout).toContain('C: AUTH PLAIN ****');
    expect(run.stdout).toContain('certificate verified');
  });

  it('password as one line on a pipe, STARTTLS, --json prints the result', async () => {
    const run = await cli(['login', ...cliTarget(starttls.port, 'starttls'), '--json', ...ca()], {
      input: `${password}\nleft over\n`,
    });
    expect(run.code).toBe(0);
    const result = loginTestResultSchema.parse(JSON.parse(run.stdout));
    expect(result).toMatchObject({ success: true, mechanism: 'PLAIN' });
    expect(starttls.auths.at(-1)).toEqual({ method: 'PLAIN', user, secure: true });
  });

  it('typed at a terminal: not echoed, backspace edits, log-in accepted', async () => {
    const before = implicit.auths.length;
    // A wrong last character, erased with DEL, then Enter.
    const run = await cliOnTerminal(
      ['login', ...cliTarget(implicit.port, 'implicit-tls'), ...ca()],
      `${password}x\x7f\r`,
    );
    expectNoSecret(run);
    expect(run.stdout).toContain(`Password for ${user} at 127.0.0.1:`);
    expect(run.stdout).toContain('Log-in accepted (PLAIN).');
    expect(run.code).toBe(0);
    expect(implicit.auths.length).toBe(before + 1);
  });

  it('Ctrl-C at the prompt cancels without connecting', async () => {
    const before = implicit.auths.length;
    const run = await cliOnTerminal(['login', ...cliTarget(implicit.port, 'implicit-tls')], 'abc\x03');
    expect(run.stdout).toContain('Cancelled.');
    expect(run.code).toBe(2);
    expect(run.stdout).not.toContain('abc');
    expect(implicit.auths.length).toBe(before);
  });

  it('--password is refused without repeating its value', async () => {
    const before = implicit.auths.length;
    const run = await cli(['login', ...cliTarget(implicit.port, 'implicit-tls'), `--password=${password}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/never taken from the command line.*MAILTLS_PASSWORD/);
    expect(implicit.auths.length).toBe(before);
  });

  it('no password at all: usage error', async () => {
    const run = await cli(['login', ...cliTarget(implicit.port, 'implicit-tls')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No password given');
  });

  it('wrong password, in Japanese: exit 1 with cause and fix', async () => {
    const run = await cli(['login', ...cliTarget(implicit.port, 'implicit-tls'), '--lang', 'ja', ...ca()], {
      env: { MAILTLS_PASSWORD: `${password}-wrong` },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('ログインできませんでした。');
    expect(run.stdout).toMatch(/原因: .*ログインを拒否/);
    expect(run.stdout).toContain('サーバーの応答: 535');
    // MailTLS's notes in the transcript are in Japanese too; the server's lines as it said them.
    expect(run.stdout).toContain('証明書を検証しました');
    expect(run.stdout).not.toContain('certificate verified');
    expect(run.stdout).toMatch(/S: 535/);
  });

  it('untrusted certificate: exit 1, says the password was not sent', async () => {
    const before = selfSigned.auths.length;
    const run = await cli(['login', ...cliTarget(selfSigned.port, 'implicit-tls')], {
      env: { MAILTLS_PASSWORD: password },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/did not send your password or token/);
    expect(selfSigned.auths.length).toBe(before);
  });

  it('both commands are listed in --help', async () => {
    const run = await cli(['--help']);
    expect(run.stdout).toMatch(/\n {2}login +log in to a mail server over TLS only/);
    expect(run.stdout).toMatch(/\n {2}send-test +send one test message/);
  });
});

describe('mailtls send-test', () => {
  it('sends, prints the queue id and how to check the red lock in Gmail', async () => {
    const run = await cli(
      [
        'send-test',
        ...cliTarget(implicit.port, 'implicit-tls'),
        '--from',
        'alice@example.test',
        '--to',
        'bob@example.test',
        ...ca(),
      ],
      { env: { MAILTLS_PASSWORD: password } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Queue id: ${queueId}`);
    expect(run.stdout).toMatch(/red open padlock/);
    expect(implicit.messages.at(-1)?.secure).toBe(true);
  });

  it('--json, in Japanese: the message is written in Japanese', async () => {
    const run = await cli(
      [
        'send-test',
        '127.0.0.1',
        '--port',
        String(starttls.port),
        '--user',
        user,
        '--from',
        'alice@example.test',
        '--to',
        'bob@example.test',
        '--json',
        '--lang',
        'ja',
        ...ca(),
      ],
      { env: { MAILTLS_PASSWORD: password } },
    );
    expect(run.code).toBe(0);
    expect(sendTestResultSchema.parse(JSON.parse(run.stdout))).toMatchObject({ accepted: true, queueId });
    expect(starttls.messages.at(-1)?.raw).toMatch(/Subject: =\?UTF-8\?/i);
  });
});

describe('--oauth2: an access token instead of the password', () => {
  const target = () => cliTarget(oauth.port, 'starttls');

  it('login: token from MAILTLS_ACCESS_TOKEN (MAILTLS_PASSWORD ignored), XOAUTH2, redacted', async () => {
    const run = await cli(['login', ...target(), '--oauth2', ...ca()], {
      env: { MAILTLS_ACCESS_TOKEN: accessToken, MAILTLS_PASSWORD: password },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Log-in accepted (XOAUTH2).');
    expect(run.stdout).toContain('C: AUTH XOAUTH2 ****');
    expect(oauth.auths.at(-1)).toEqual({ method: 'XOAUTH2', user, secure: true });
  });

  it('login: token from a pipe; a refused one in Japanese, exit 1 with the token advice', async () => {
    const run = await cli(['login', ...target(), '--oauth2', '--lang', 'ja', ...ca()], {
      input: `${accessToken}-old\n`,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/原因: .*アクセストークンを拒否/);
    expect(run.stdout).toContain('サーバーの応答: 535');
  });

  it('send-test: token from MAILTLS_ACCESS_TOKEN, the message goes out', async () => {
    const run = await cli(
      ['send-test', ...target(), '--oauth2', '--from', user, '--to', 'bob@example.test', ...ca()],
      { env: { MAILTLS_ACCESS_TOKEN: accessToken } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Queue id: ${queueId}`);
    expect(oauth.messages.at(-1)).toMatchObject({ secure: true, user });
  });

  it('no token: usage error naming MAILTLS_ACCESS_TOKEN; --token=... refused unrepeated', async () => {
    const before = oauth.auths.length;
    const missing = await cli(['login', ...target(), '--oauth2', ...ca()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No access token given: set MAILTLS_ACCESS_TOKEN');
    const inArgv = await cli(['login', ...target(), '--oauth2', `--token=${accessToken}`, ...ca()]);
    expect(inArgv.code).toBe(2);
    expect(inArgv.stderr).toMatch(/never taken from the command line.*MAILTLS_ACCESS_TOKEN/);
    expect(oauth.auths.length).toBe(before);
  });

  it('usage lists --oauth2 and MAILTLS_ACCESS_TOKEN in both languages', async () => {
    for (const lang of ['en', 'ja']) {
      for (const command of ['login', 'send-test']) {
        const run = await cli([command, '--help', '--lang', lang]);
        expect(run.stdout).toMatch(/--oauth2 .*(OAuth2)/);
        expect(run.stdout).toContain('MAILTLS_ACCESS_TOKEN');
      }
    }
  });
});
