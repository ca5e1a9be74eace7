/**
 * A real Debian Postfix on 127.0.0.1, started per test with its own config, queue
 * and data directories and its own ports, and stopped after. Shapes:
 * - good: 465 implicit TLS, 587 STARTTLS required (TLS enforced), 25 STARTTLS optional,
 *   AUTH only after TLS (Cyrus SASL advertises PLAIN/LOGIN).
 * - weak: 587 TLS optional with AUTH offered in plaintext (smtpd_tls_auth_only = no).
 *   Without implicit TLS (`implicitTls: false`) that is the common ISP shape
 *   `smtpd_tls_security_level = may` on 25 and 587 only.
 * See ../shared/reference/postfix-loopback.md for the pitfalls this avoids.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const postfixBinary = '/usr/sbin/postfix';

export interface PostfixPorts {
  smtp: number;
  submissions: number;
  submission: number;
}

export interface PostfixInstance {
  dir: string;
  ports: PostfixPorts;
  /** Extra main.cf lines it was started with. */
  stop(): void;
  log(): string;
}

export interface PostfixOptions {
  certFile: string;
  keyFile: string;
  /** Extra CA file to put in the chain the server sends (e.g. an intermediate). */
  chainFile?: string;
  shape: 'good' | 'weak';
  /** Lines appended to main.cf (e.g. relay settings for a client instance). */
  extraMain?: string[];
  /** When false, the instance listens on no ports except those in master (client-only instance). */
  listen?: boolean;
  /** When false, nothing listens on the submissions (implicit TLS) port. Default true. */
  implicitTls?: boolean;
  /**
   * Listen on this loopback address (default 127.0.0.1): several instances can then share
   * ports on 127.0.0.2, .3, ..., e.g. as MX hosts of a test zone or a provider's standard ports.
   */
  address?: string;
  /** Fixed ports instead of free ones (on an own loopback address the standard ports are free). */
  ports?: PostfixPorts;
  /** A fixed smtp port only (the others free). */
  smtpPort?: number;
}

/**
 * Free TCP ports on 127.0.0.1, found by binding port 0, none of them in `avoid`. A port a
 * caller already listens on at another loopback address (the recipient world's shared
 * MX port on 127.0.0.2-.5) is free on 127.0.0.1, so the kernel may hand it out again:
 * Postfix then had two services on one address and port and kept the last, the
 * implicit-TLS one, where the test expected plain SMTP. Every port drawn stays bound
 * until the end, so each draw gets a new one.
 */
export async function freePorts(count: number, avoid: readonly number[] = []): Promise<number[]> {
  const held: Server[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const server = createServer();
      held.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      if (!avoid.includes(port)) ports.push(port);
    }
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
  return ports;
}

const unixServices = [
  'pickup unix n - n 60 1 pickup',
  'cleanup unix n - n - 0 cleanup',
  'qmgr unix n - n 300 1 qmgr',
  'tlsmgr unix - - n 1000? 1 tlsmgr',
  'rewrite unix - - n - - trivial-rewrite',
  'bounce unix - - n - 0 bounce',
  'defer unix - - n - 0 bounce',
  'trace unix - - n - 0 bounce',
  'verify unix - - n - 1 verify',
  'flush unix n - n 1000? 0 flush',
  'proxymap unix - - n - - proxymap',
  'proxywrite unix - - n - 1 proxymap',
  'smtp unix - - n - - smtp',
  'relay unix - - n - - smtp',
  'showq unix n - n - - showq',
  'error unix - - n - - error',
  'retry unix - - n - - error',
  'discard unix - - n - - discard',
  'local unix - n n - - local',
  'virtual unix - n n - - virtual',
  'lmtp unix - - n - - lmtp',
  'anvil unix - - n - 1 anvil',
  'scache unix - - n - 1 scache',
  'postlog unix-dgram n - n - 1 postlogd',
];

function ensureSystemConfig(): void {
  // `postfix -c DIR` still insists on the default config file existing.
  if (!existsSync('/etc/postfix/main.cf')) {
    mkdirSync('/etc/postfix', { recursive: true });
    writeFileSync('/etc/postfix/main.cf', '');
  }
}

/**
 * `postfix start` and `stop` get this long. Postfix 3.7's postlogd was seen (once in
 * many CI runs) blocked sending to its own full socket, with the master and `postfix
 * stop` blocked behind it: a synchronous command would then hang the test worker for good.
 * The kernel's default queue of 10 datagrams made that likely; .ci/run raises it.
 */
const postfixCommandMs = 20_000;

/** Kills an instance's master and every process it started (they share its process group). */
function killInstance(queue: string): void {
  const pidFile = join(queue, 'pid', 'master.pid');
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

class PostfixCommandTimeout extends Error {}

/** Runs `postfix -c CONFIG COMMAND`; past the time limit the instance is killed and the error says so. */
function postfixCommand(config: string, queue: string, command: 'start' | 'stop'): void {
  try {
    execFileSync(postfixBinary, ['-c', config, command], {
      stdio: 'pipe',
      timeout: postfixCommandMs,
      killSignal: 'SIGKILL',
    });
  } catch (error) {
    const timedOut = (error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
    if (timedOut || command === 'start') killInstance(queue);
    if (timedOut) {
      throw new PostfixCommandTimeout(
        `postfix ${command} did not finish within ${postfixCommandMs} ms; killed`,
      );
    }
    throw error;
  }
}

export async function startPostfix(options: PostfixOptions): Promise<PostfixInstance> {
  ensureSystemConfig();
  const dir = mkdtempSync(join(tmpdir(), 'mailtls-postfix-'));
  chmodSync(dir, 0o755);
  const [smtp, submissions, submission] = options.ports
    ? []
    : await freePorts(3, options.smtpPort === undefined ? [] : [options.smtpPort]);
  const ports = options.ports ?? {
    smtp: options.smtpPort ?? smtp!,
    submissions: submissions!,
    submission: submission!,
  };
  const address = options.address ?? '127.0.0.1';
  const config = join(dir, 'etc');
  const queue = join(dir, 'queue');
  const data = join(dir, 'data');
  const sasl = join(dir, 'sasl');
  for (const folder of [config, queue, data, sasl]) mkdirSync(folder, { recursive: true, mode: 0o755 });
  execFileSync('chown', ['postfix', data]);
  const logFile = join(dir, 'postfix.log');
  const cert = options.chainFile
    ? (() => {
        const combined = join(config, 'fullchain.pem');
        writeFileSync(
          combined,
          readFileSync(options.certFile, 'utf8') + readFileSync(options.chainFile, 'utf8'),
        );
        return combined;
      })()
    : options.certFile;
  writeFileSync(
    join(sasl, 'smtpd.conf'),
    'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\n',
  );
  const main = [
    'compatibility_level = 3.6',
    `queue_directory = ${queue}`,
    `data_directory = ${data}`,
    'myhostname = mail.mailtls.test',
    // master.cf binds the listening address; inet_interfaces must name a configured one.
    'inet_interfaces = 127.0.0.1',
    'inet_protocols = ipv4',
    'mydestination =',
    'relay_domains =',
    'mynetworks = 127.0.0.0/8',
    'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination',
    `smtpd_tls_cert_file = ${cert}`,
    `smtpd_tls_key_file = ${options.keyFile}`,
    'smtpd_tls_security_level = may',
    'smtpd_tls_protocols = >=TLSv1.2',
    'smtpd_tls_mandatory_protocols = >=TLSv1.2',
    'smtpd_sasl_auth_enable = yes',
    'smtpd_sasl_type = cyrus',
    `cyrus_sasl_config_path = ${sasl}`,
    `smtpd_tls_auth_only = ${options.shape === 'good' ? 'yes' : 'no'}`,
    `maillog_file = ${logFile}`,
    `maillog_file_prefixes = /var, /dev/stdout, ${dir}`,
    'smtpd_banner = $myhostname ESMTP',
    'biff = no',
    ...(options.extraMain ?? []),
  ];
  writeFileSync(join(config, 'main.cf'), `${main.join('\n')}\n`);
  const submissionSecurity = options.shape === 'good' ? ['  -o smtpd_tls_security_level=encrypt'] : [];
  const inet =
    options.listen === false
      ? []
      : [
          `${address}:${ports.smtp} inet n - n - - smtpd`,
          `${address}:${ports.submission} inet n - n - - smtpd`,
          ...submissionSecurity,
          ...(options.implicitTls === false
            ? []
            : [`${address}:${ports.submissions} inet n - n - - smtpd`, '  -o smtpd_tls_wrappermode=yes']),
        ];
  writeFileSync(join(config, 'master.cf'), `${[...inet, ...unixServices].join('\n')}\n`);
  try {
    postfixCommand(config, queue, 'start');
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no log)';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`postfix failed to start: ${String(error)}\n${log}`);
  }
  if (options.listen !== false) await waitForPort(ports.smtp, 'postfix', address);
  return {
    dir,
    ports,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    stop: () => {
      try {
        postfixCommand(config, queue, 'stop');
      } catch (error) {
        // The test's own assertions have run: a shutdown stuck in Postfix's logger is not its failure.
        if (!(error instanceof PostfixCommandTimeout)) throw error;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Waits until `what` (a server just started) accepts connections on `port` at `address`. */
export async function waitForPort(port: number, what: string, address = '127.0.0.1'): Promise<void> {
  const { connect } = await import('node:net');
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
  throw new Error(`${what} did not open port ${port}`);
}
