/**
 * `mailtls login --protocol imap|pop3` through the built CLI against a real Dovecot
 * listening on the standard ports (993, 143, 995, 110) of a loopback address of its
 * own, so the default mode per protocol is the one electron/ports.ts gives: implicit
 * TLS on 993 and 995, STARTTLS/STLS on 143 and 110. The right password is accepted,
 * a wrong one refused; neither ever appears in the output. send-test refuses
 * --protocol with a clear message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginTestResultSchema } from '../../electron/contract.js';
import { ensureCliBuilt, runCli, type CliRun } from '../helpers/cli.js';
import { dovecotAccount, dovecotBinary, startDovecot, type DovecotInstance } from '../helpers/dovecot.js';
import { peerAvailable, testPki } from '../helpers/env.js';
import { issueLeaf } from '../helpers/pki.js';
import { ownLoopbackAddress } from '../e2e/harness.js';

const hasDovecot = peerAvailable('DOVECOT', [dovecotBinary]);
const { user, password } = dovecotAccount;
/** A wrong password that is easy to look for in the output. */
const wrongMarker = 'wrong-Marker-7f3a9c';

/** Every form a password could leak in: as typed, and base64 alone or in a PLAIN response. */
function leaks(run: CliRun, secret: string): string[] {
  const forms = [
    secret,
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    Buffer.from(`\0${user}\0${secret}`).toString('base64').replace(/=+$/, ''),
  ];
  return forms.filter((form) => run.stdout.includes(form) || run.stderr.includes(form));
}

describe.runIf(hasDovecot)('mailtls login --protocol against a real Dovecot', { timeout: 60_000 }, () => {
  const address = ownLoopbackAddress();
  let dovecot: DovecotInstance;

  beforeAll(async () => {
    ensureCliBuilt();
    const leaf = issueLeaf(testPki(), [address], -1, 365);
    dovecot = await startDovecot({ ...leaf, shape: 'good', standardAt: address });
  });
  afterAll(() => dovecot?.stop());

  const login = (protocol: string, port: number, secret: string, ...extra: string[]) =>
    runCli(
      [
        'login',
        address,
        '--protocol',
        protocol,
        '--port',
        String(port),
        '--user',
        user,
        '--ca',
        testPki().caFile,
        ...extra,
      ],
      { env: { MAILTLS_PASSWORD: secret } },
    );

  const cases: Array<[string, number, 'implicit-tls' | 'starttls']> = [
    ['imap', 993, 'implicit-tls'],
    ['imap', 143, 'starttls'],
    ['pop3', 995, 'implicit-tls'],
    ['pop3', 110, 'starttls'],
  ];
  for (const [protocol, port, security] of cases) {
    it(`${protocol} on ${port}: ${security} by default, the log-in accepted, the password never printed`, async () => {
      const run = await login(protocol, port, password);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        `MailTLS — log-in test ${protocol.toUpperCase()} ${address}:${port} (${security})`,
      );
      expect(run.stdout).toContain('Log-in accepted (PLAIN).');
      // The dialogue is the incoming one, and TLS came before the log-in.
      const transcript = run.stdout.slice(run.stdout.indexOf('Transcript'));
      const command = protocol === 'imap' ? /C: \S+ AUTHENTICATE PLAIN/ : /C: AUTH PLAIN/;
      expect(transcript).toMatch(command);
      expect(transcript).toContain('TLS established');
      expect(transcript.indexOf('TLS established')).toBeLessThan(transcript.search(command));
      expect(transcript).toContain('****');
      expect(leaks(run, password)).toEqual([]);
    });
  }

  it('a wrong password is refused (exit 1) and the marker is printed nowhere, text or JSON', async () => {
    const text = await login('imap', 993, wrongMarker);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Log-in not accepted.');
    expect(leaks(text, wrongMarker)).toEqual([]);
    const json = await login('pop3', 110, wrongMarker, '--json');
    expect(json.code).toBe(1);
    const result = loginTestResultSchema.parse(JSON.parse(json.stdout));
    expect(result).toMatchObject({ success: false, mechanism: 'PLAIN' });
    expect(result.serverReply).toMatch(/^-ERR/);
    expect(leaks(json, wrongMarker)).toEqual([]);
  });

  it('--protocol smtp is the default; an unknown protocol is a usage error in both languages', async () => {
    const en = await login('ftp', 993, password);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('--protocol must be smtp, imap or pop3 (got "ftp").');
    const ja = await login('ftp', 993, password, '--lang', 'ja');
    expect(ja.stderr).toContain('--protocol には smtp、imap、pop3 のいずれかを指定してください');
    // SMTP on the IMAP port: the SMTP dialogue meets an IMAP greeting and gets nowhere.
    const smtp = await runCli(
      ['login', address, '--port', '993', '--user', user, '--ca', testPki().caFile, '--timeout', '3000'],
      { env: { MAILTLS_PASSWORD: password } },
    );
    expect(smtp.code).not.toBe(0);
    expect(smtp.stdout).not.toContain('Log-in accepted');
    expect(leaks(smtp, password)).toEqual([]);
  });

  it('--check-session-fixation is refused for IMAP and POP3 (it is an SMTP check)', async () => {
    const run = await login('pop3', 995, password, '--check-session-fixation');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--check-session-fixation tests the SMTP server only');
  });

  it('send-test refuses --protocol with a clear message, before asking for any password', async () => {
    const run = await runCli(
      [
        'send-test',
        address,
        '--protocol',
        'imap',
        '--port',
        '993',
        '--user',
        user,
        '--from',
        user,
        '--to',
        user,
      ],
      { env: { MAILTLS_PASSWORD: password } },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'send-test sends through the outgoing (SMTP) server only, so it takes no --protocol',
    );
    expect(run.stdout).toBe('');
  });

  it('the usage names --protocol in English and Japanese', async () => {
    const en = await runCli(['login', '--help']);
    expect(en.stdout).toContain('--protocol P              smtp (default), imap or pop3');
    const ja = await runCli(['login', '--help', '--lang', 'ja']);
    expect(ja.stdout).toContain('--protocol プロトコル      smtp（既定）、imap、pop3 のいずれか');
  });
});
