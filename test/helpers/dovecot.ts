/**
 * A real Debian Dovecot (imapd, pop3d, submissiond) started per test with its own
 * config, runtime and state directories and its own ports, and stopped after.
 * It listens on 127.0.0.2 so that clients, which connect from 127.0.0.1, never share
 * its address: Dovecot treats a client whose address equals its own as "secured" and
 * then allows plaintext logins whatever the configuration says
 * (../shared/reference/imap-pop3-anchors.md §5).
 * Shapes:
 * - good: 993/995 implicit TLS, 143/110 with STARTTLS/STLS, no authentication before
 *   TLS (`ssl = required`), TLS 1.2 or newer.
 * - legacy: TLS optional (`ssl = yes`), plaintext LOGIN/USER accepted and, on
 *   submission, AUTH offered before STARTTLS, TLS 1.0 allowed (OpenSSL needs security
 *   level 0 for that).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from './postfix.js';

export const dovecotBinary = '/usr/sbin/dovecot';
/** Where every instance listens; the test client's own address stays 127.0.0.1. */
export const dovecotAddress = '127.0.0.2';

/** The one account every instance has. */
export const dovecotAccount = { user: 'alice@example.test', password: 'dovecot-secret' } as const;

export interface DovecotPorts {
  imaps: number;
  imap: number;
  pop3s: number;
  pop3: number;
  /** Only when started with `submission: true`: STARTTLS submission (587 style). */
  submission: number | null;
}

export interface DovecotInstance {
  address: string;
  ports: DovecotPorts;
  /** Only when started with `authSocket: true`: Dovecot's SASL socket, for a Postfix to authenticate against. */
  authSocket: string | null;
  log(): string;
  stop(): void;
}

export interface DovecotOptions {
  certFile: string;
  keyFile: string;
  shape: 'good' | 'legacy';
  /** Also run the submission service (relays to a closed port: tests never send mail through it). */
  submission?: boolean;
  /** Also offer Dovecot's SASL to other servers (Postfix `smtpd_sasl_type = dovecot`) on a socket. */
  authSocket?: boolean;
  /**
   * Another loopback address than 127.0.0.2, with the standard ports 993, 143, 995 and 110
   * (end-to-end tests: a provider's name resolves there, as a real one would).
   */
  standardAt?: string;
  /**
   * Debian's default is a new login process per connection (Dovecot's high-security
   * mode). `shared`: Dovecot's high-performance mode, as busy servers run it: login
   * processes kept running (one per core) and each serving many connections.
   */
  loginProcesses?: 'per-connection' | 'shared';
  /** Another loopback address than 127.0.0.2, with free ports (a second server beside the first). */
  address?: string;
}

function block(header: string, lines: string[]): string[] {
  return [`${header} {`, ...lines.map((line) => `  ${line}`), '}'];
}

export async function startDovecot(options: DovecotOptions): Promise<DovecotInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'mailtls-dovecot-'));
  chmodSync(dir, 0o755);
  const [imaps, imap, pop3s, pop3, submission, closed] = await freePorts(6);
  const address = options.standardAt ?? options.address ?? dovecotAddress;
  const standard = options.standardAt !== undefined;
  const ports: DovecotPorts = {
    imaps: standard ? 993 : imaps!,
    imap: standard ? 143 : imap!,
    pop3s: standard ? 995 : pop3s!,
    pop3: standard ? 110 : pop3!,
    submission: options.submission ? submission! : null,
  };
  for (const folder of ['run', 'state', 'mail']) mkdirSync(join(dir, folder), { mode: 0o755 });
  const logFile = join(dir, 'dovecot.log');
  const users = join(dir, 'users');
  writeFileSync(users, `${dovecotAccount.user}:{PLAIN}${dovecotAccount.password}::::::\n`);
  const good = options.shape === 'good';
  const authSocket = options.authSocket ? join(dir, 'auth-client') : null;
  const sharedLogins =
    options.loginProcesses === 'shared' ? ['service_count = 0', 'process_min_avail = 2'] : [];
  const config = [
    `protocols = imap pop3${options.submission ? ' submission' : ''}`,
    `listen = ${address}`,
    `base_dir = ${join(dir, 'run')}`,
    `state_dir = ${join(dir, 'state')}`,
    `instance_name = mailtls-${ports.imap}`,
    `log_path = ${logFile}`,
    `ssl = ${good ? 'required' : 'yes'}`,
    `ssl_cert = <${options.certFile}`,
    `ssl_key = <${options.keyFile}`,
    ...(good
      ? ['ssl_min_protocol = TLSv1.2']
      : ['ssl_min_protocol = TLSv1', 'ssl_cipher_list = ALL:@SECLEVEL=0']),
    `disable_plaintext_auth = ${good ? 'yes' : 'no'}`,
    'auth_mechanisms = plain login',
    `mail_location = maildir:${join(dir, 'mail')}/%u`,
    'hostname = mail.mailtls.test',
    ...block('passdb', ['driver = passwd-file', `args = scheme=PLAIN username_format=%u ${users}`]),
    ...block('userdb', ['driver = static', `args = uid=nobody gid=nogroup home=${join(dir, 'mail')}/%u`]),
    ...block('service imap-login', [
      ...sharedLogins,
      ...block('inet_listener imap', [`port = ${ports.imap}`]),
      ...block('inet_listener imaps', [`port = ${ports.imaps}`, 'ssl = yes']),
    ]),
    ...block('service pop3-login', [
      ...sharedLogins,
      ...block('inet_listener pop3', [`port = ${ports.pop3}`]),
      ...block('inet_listener pop3s', [`port = ${ports.pop3s}`, 'ssl = yes']),
    ]),
    ...(options.submission
      ? [
          'submission_relay_host = 127.0.0.1',
          `submission_relay_port = ${closed!}`,
          ...block('service submission-login', [
            ...block('inet_listener submission', [`port = ${ports.submission!}`]),
          ]),
        ]
      : []),
    ...(authSocket ? block('service auth', block(`unix_listener ${authSocket}`, ['mode = 0666'])) : []),
  ];
  const configFile = join(dir, 'dovecot.conf');
  writeFileSync(configFile, `${config.join('\n')}\n`);
  try {
    // doveconf reports configuration errors on stderr; dovecot itself daemonises and keeps
    // inherited pipes open, so it gets none (a pipe would make execFileSync wait forever).
    execFileSync('doveconf', ['-c', configFile, '-n'], { stdio: 'pipe' });
    execFileSync(dovecotBinary, ['-c', configFile], { stdio: 'ignore' });
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no log)';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`dovecot failed to start: ${String(error)}\n${log}`);
  }
  const stop = () => {
    try {
      execFileSync('doveadm', ['-c', configFile, 'stop'], { stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await Promise.all([ports.imap, ports.imaps, ports.pop3, ports.pop3s].map((p) => waitForPort(address, p)));
  } catch (error) {
    stop();
    throw error;
  }
  return {
    address,
    ports,
    authSocket,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    stop,
  };
}

async function waitForPort(address: string, port: number): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, address);
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`dovecot did not open port ${port}`);
}
