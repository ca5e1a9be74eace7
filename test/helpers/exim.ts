/**
 * A real Exim 4 (Debian's exim4-daemon-light) on 127.0.0.1, started per test with
 * its own configuration, spool and log directories and its own ports, and stopped
 * after. Its Debian package conflicts with Postfix, so .ci/run unpacks it with
 * `apt-get download` + `dpkg -x` into peerDir instead of installing it; Debian's
 * build runs as the Debian-exim user, which .ci/run creates.
 *
 * Shape "optional TLS", the common hosting default: STARTTLS advertised but not
 * required on both the relay (25) and the submission (587) role, AUTH PLAIN
 * advertised before TLS too, mail before TLS accepted.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, waitForPort } from './postfix.js';

/** How long a stopping daemon may take to exit before its folder is removed anyway. */
const stopWaitMs = 5000;

/** SIGTERM, then waits (bounded) until the daemon is gone, so it writes no log into a folder being removed. */
function stopDaemon(pid: number): void {
  process.kill(pid, 'SIGTERM');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + stopWaitMs;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    Atomics.wait(pause, 0, 0, 20);
  }
}

export const eximPeerDir = process.env.MAILTLS_EXIM_DIR ?? '/opt/mailtls-peers/exim4';
export const eximBinary = join(eximPeerDir, 'usr/sbin/exim4');
const eximUser = 'Debian-exim';

export interface EximInstance {
  ports: { relay: number; submission: number };
  stop(): void;
  log(): string;
}

export async function startExim(options: {
  certFile: string;
  keyFile: string;
  /** Further main-section settings, e.g. the ones a fix text gives. */
  settings?: string[];
}): Promise<EximInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'mailtls-exim-'));
  chmodSync(dir, 0o755);
  const [relay, submission] = (await freePorts(2)) as [number, number];
  const spool = join(dir, 'spool');
  const log = join(dir, 'log');
  for (const folder of [spool, log]) mkdirSync(folder, { recursive: true });
  // Exim reads the key after dropping to its own user: give it copies it may read.
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  copyFileSync(options.certFile, cert);
  copyFileSync(options.keyFile, key);
  execFileSync('chown', ['-R', `${eximUser}:`, spool, log, cert, key]);
  const pidFile = join(dir, 'exim.pid');
  const config = [
    'primary_hostname = exim.mailtls.test',
    `spool_directory = ${spool}`,
    `log_file_path = ${log}/%slog`,
    'local_interfaces = 127.0.0.1',
    'host_lookup =',
    'rfc1413_hosts =',
    'tls_advertise_hosts = *',
    `tls_certificate = ${cert}`,
    `tls_privatekey = ${key}`,
    ...(options.settings ?? []),
    'acl_smtp_rcpt = acl_check_rcpt',
    'begin acl',
    'acl_check_rcpt:',
    '  deny',
    'begin authenticators',
    'plain:',
    '  driver = plaintext',
    '  public_name = PLAIN',
    '  server_prompts = :',
    '  server_condition = ${if and {{eq{$auth2}{alice}}{eq{$auth3}{not-a-real-password}}}}',
    '',
  ].join('\n');
  const configFile = join(dir, 'exim.conf');
  writeFileSync(configFile, config);
  try {
    execFileSync(
      eximBinary,
      ['-C', configFile, '-bd', '-oX', `127.0.0.1.${relay}:127.0.0.1.${submission}`, '-oP', pidFile],
      { cwd: dir, stdio: 'pipe' },
    );
    await waitForPort(submission, 'exim');
  } catch (error) {
    const mainlog = join(log, 'mainlog');
    const text = existsSync(mainlog) ? readFileSync(mainlog, 'utf8') : '(no log)';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`exim failed to start: ${String(error)}\n${text}`);
  }
  return {
    ports: { relay, submission },
    log: () => {
      const mainlog = join(log, 'mainlog');
      return existsSync(mainlog) ? readFileSync(mainlog, 'utf8') : '';
    },
    stop: () => {
      try {
        if (existsSync(pidFile)) stopDaemon(Number(readFileSync(pidFile, 'utf8').trim()));
      } finally {
        // A process of the daemon's that is still ending may add a log line as the folder goes:
        // Node retries the removal (ENOTEMPTY) instead of failing the suite's teardown.
        rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
      }
    },
  };
}
