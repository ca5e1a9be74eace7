/**
 * Real clients accept what MailTLS exports: msmtp (Debian's /usr/bin/msmtp),
 * Nodemailer and a Postfix relay client, against smtp-server sinks that refuse
 * mail before TLS, and against a real Postfix. Only the trust anchor (the test
 * CA), the password and the test ports are added to the exported files.
 */
import { execFileSync, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { exportProfile, profileFromReport } from '../../electron/engine/profiles/index.js';
import { peerAvailable, testPki } from '../helpers/env.js';
import { startPostfix, type PostfixInstance } from '../helpers/postfix.js';
import { sampleProfile } from './fixtures.js';
import { sinkPassword, sinkUser, startSink, type Sink } from './sink.js';

const modes = ['implicit-tls', 'starttls'] as const;
const dir = mkdtempSync(join(tmpdir(), 'mailtls-clients-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function profileFor(
  port: number,
  security: Profile['outgoing']['security'],
  authentication: Profile['outgoing']['authentication'] = 'password',
): Profile {
  return sampleProfile({
    account: { email: 'alice@example.com', userName: sinkUser, displayName: 'Alice' },
    outgoing: { host: 'localhost', port, security, authentication },
  });
}

function run(
  command: string,
  args: string[],
  input = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** The exported msmtprc with the test CA as default trust and the password from a command, as its comments advise. */
function msmtpConfig(profile: Profile, name: string, trustTestCa = true): { file: string; account: string } {
  const exported = exportProfile(profile, 'msmtp').content;
  const account = /^account (\S+)$/m.exec(exported)?.[1] ?? '';
  const trust = trustTestCa ? `defaults\ntls_trust_file ${testPki().caFile}\n\n` : '';
  const file = join(dir, name);
  writeFileSync(file, `${trust}${exported}passwordeval "echo ${sinkPassword}"\n`, { mode: 0o600 });
  return { file, account };
}

const message =
  'From: alice@example.com\r\nTo: bob@example.net\r\nSubject: MailTLS export test\r\n\r\nHello.\r\n';

describe.each(modes)('against a TLS sink requiring AUTH (%s)', (mode) => {
  let sink: Sink;
  beforeAll(async () => {
    sink = await startSink(mode);
  });
  afterAll(async () => {
    await sink.close();
  });

  it('msmtp sends through the exported account over TLS', async () => {
    sink.messages.length = 0;
    const { file, account } = msmtpConfig(profileFor(sink.port, mode), `msmtprc-${mode}`);
    const result = await run('/usr/bin/msmtp', ['-C', file, '-a', account, 'bob@example.net'], message);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const received = await sink.next(5_000);
    expect(received).toMatchObject({
      secure: true,
      user: sinkUser,
      from: 'alice@example.com',
      to: ['bob@example.net'],
    });
  });

  it('msmtp with the exported account refuses the server when the CA is not trusted', async () => {
    sink.messages.length = 0;
    const { file, account } = msmtpConfig(profileFor(sink.port, mode), `msmtprc-untrusted-${mode}`, false);
    const result = await run('/usr/bin/msmtp', ['-C', file, '-a', account, 'bob@example.net'], message);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/TLS|certificate/i);
    expect(sink.messages).toHaveLength(0);
  });

  it('msmtp honours an exported pin: the pinned certificate works without the CA, another is refused', async () => {
    const pinned = new X509Certificate(testPki().leaf('valid').cert).fingerprint256;
    const other = new X509Certificate(testPki().leaf('self-signed').cert).fingerprint256;
    for (const [fingerprint, succeeds] of [
      [pinned, true],
      [other, false],
    ] as const) {
      sink.messages.length = 0;
      const profile = { ...profileFor(sink.port, mode), pinnedFingerprint256: fingerprint };
      const { file, account } = msmtpConfig(profile, `msmtprc-pin-${mode}`, false);
      const result = await run('/usr/bin/msmtp', ['-C', file, '-a', account, 'bob@example.net'], message);
      expect([result.code === 0, result.stderr]).toEqual([
        succeeds,
        succeeds ? '' : expect.stringMatching(/fingerprint|TLS/i),
      ]);
      expect(sink.messages).toHaveLength(succeeds ? 1 : 0);
    }
  });

  it('Nodemailer with the exported options verifies and sends over TLS', async () => {
    sink.messages.length = 0;
    const options = JSON.parse(
      exportProfile(profileFor(sink.port, mode), 'nodemailer').content,
    ) as SMTPTransport.Options & {
      tls: object;
      auth: object;
    };
    const transport = nodemailer.createTransport({
      ...options,
      tls: { ...options.tls, ca: testPki().caPem },
      auth: { ...options.auth, pass: sinkPassword },
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
    });
    try {
      expect(await transport.verify()).toBe(true);
      await transport.sendMail({
        from: 'alice@example.com',
        to: 'bob@example.net',
        subject: 'MailTLS',
        text: 'Hello.',
      });
    } finally {
      transport.close();
    }
    expect(await sink.next(5_000)).toMatchObject({ secure: true, user: sinkUser });
  });
});

describe.runIf(peerAvailable('POSTFIX', ['/usr/sbin/postfix']))('with a real Postfix', () => {
  const leaf = testPki().leaf('valid');
  let server: PostfixInstance;
  beforeAll(async () => {
    server = await startPostfix({ certFile: leaf.certFile, keyFile: leaf.keyFile, shape: 'good' });
  });
  afterAll(() => server?.stop());

  const portOf = (mode: (typeof modes)[number]) =>
    mode === 'implicit-tls' ? server.ports.submissions : server.ports.submission;

  it.each(modes)('msmtp --serverinfo connects through the exported account (%s)', async (mode) => {
    const { file, account } = msmtpConfig(profileFor(portOf(mode), mode), `msmtprc-postfix-${mode}`);
    const result = await run('/usr/bin/msmtp', ['-C', file, '-a', account, '--serverinfo']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/TLS session parameters/);
    expect(result.stdout).toMatch(/mail\.mailtls\.test/);
    // After TLS, Postfix offers AUTH (it hides it before TLS on this instance).
    expect(result.stdout).toMatch(/AUTH|Authentication/);
  });

  it('audit -> profile -> msmtp: the recommended setting of a real audit connects', async () => {
    const report = await runAudit({
      auditId: 'profiles-e2e',
      host: 'localhost',
      ports: [
        { port: server.ports.submissions, mode: 'implicit-tls' },
        { port: server.ports.submission, mode: 'starttls' },
      ],
      caPem: testPki().caPem,
      timeoutMs: 20_000,
    });
    const profile = profileFromReport(report, { email: 'alice@example.com' }, { audited: true });
    expect(profile.verifiedWith?.qualified).toBe(true);
    expect(profile.outgoing).toMatchObject({ port: server.ports.submissions, security: 'implicit-tls' });
    const { file, account } = msmtpConfig(profile, 'msmtprc-from-audit');
    const result = await run('/usr/bin/msmtp', ['-C', file, '-a', account, '--serverinfo']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 60_000);

  it.each(modes)('Nodemailer with the exported options verifies against Postfix (%s)', async (mode) => {
    const options = JSON.parse(
      exportProfile(profileFor(portOf(mode), mode, 'none'), 'nodemailer').content,
    ) as SMTPTransport.Options & {
      tls: object;
    };
    expect(options.auth).toBeUndefined();
    const transport = nodemailer.createTransport({
      ...options,
      tls: { ...options.tls, ca: testPki().caPem },
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
    });
    try {
      expect(await transport.verify()).toBe(true);
    } finally {
      transport.close();
    }
  });

  it.each(modes)(
    'a Postfix client with the exported relay snippet relays to the sink over TLS (%s)',
    async (mode) => {
      const sink = await startSink(mode);
      let client: PostfixInstance | undefined;
      try {
        const profile = profileFor(sink.port, mode);
        const snippet = exportProfile(profile, 'postfix').content;
        // What the snippet tells the admin to create, with the test password instead of the placeholder.
        const passwords = join(dir, `sasl_passwd-${mode}`);
        writeFileSync(passwords, `[localhost]:${sink.port} ${sinkUser}:${sinkPassword}\n`, { mode: 0o600 });
        execFileSync('/usr/sbin/postmap', [`hash:${passwords}`]);
        client = await startPostfix({
          certFile: leaf.certFile,
          keyFile: leaf.keyFile,
          shape: 'good',
          extraMain: [
            ...snippet.split('\n'),
            // Test environment only: trust the test CA, use the test password map, resolve
            // localhost from /etc/hosts rather than DNS.
            `smtp_tls_CAfile = ${testPki().caFile}`,
            `smtp_sasl_password_maps = hash:${passwords}`,
            'smtp_host_lookup = native',
          ],
        });
        const submit = nodemailer.createTransport({
          host: '127.0.0.1',
          port: client.ports.smtp,
          secure: false,
          ignoreTLS: true,
        });
        try {
          await submit.sendMail({
            from: 'alice@example.com',
            to: 'bob@example.net',
            subject: 'relay',
            text: 'Hello.',
          });
        } finally {
          submit.close();
        }
        const received = await sink.next(20_000).catch((error: unknown) => {
          throw new Error(`${String(error)}\n${client?.log() ?? ''}`);
        });
        expect(received).toMatchObject({ secure: true, user: sinkUser, to: ['bob@example.net'] });
      } finally {
        client?.stop();
        await sink.close();
      }
    },
    60_000,
  );
});
