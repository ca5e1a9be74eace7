/**
 * Issue 14 benchmark: a full six-port audit of a mail account (Postfix 25/465/587 and
 * Dovecot IMAP 993/143 and POP3 995/110 style ports, every check) in-process and as a
 * CLI process, against the three-port SMTP audit of the same Postfix, six
 * `openssl s_client` runs (one per port) and `testssl.sh --starttls imap` on one port.
 * Goal: six ports in-process ≤ 1.5 × the three-port SMTP audit. The in-process pair is
 * measured twice: with Dovecot as Debian configures it (a login process started for
 * every connection) and in Dovecot's high-performance mode (login processes kept).
 */
import type { AuditReport, AuditRequest, IncomingPortSpec, PortSpec } from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { cliPath } from '../helpers/cli.js';
import { startDovecot } from '../helpers/dovecot.js';
import type { TestPki } from '../helpers/pki.js';
import type { PostfixInstance } from '../helpers/postfix.js';
import { mustRun, stats, timed, type Ratio, type Stats } from './measure.js';

const testsslLimitMs = 600_000;

export const incomingNames = {
  smtp: 'MailTLS SMTP audit, 3 ports (Postfix), in-process',
  audit: 'MailTLS account audit, 6 ports (Postfix 465/587 + Dovecot 993/143/995/110), in-process',
  smtpShared: 'MailTLS SMTP audit, 3 ports, in-process (paired with the next row)',
  auditShared:
    'MailTLS account audit, 6 ports, in-process, Dovecot login processes kept (high-performance mode)',
  cli: 'MailTLS account audit, 6 ports, CLI process (check --json)',
  openssl:
    'openssl s_client ×6 sequential (465; -starttls smtp 587; 993; -starttls imap 143; 995; -starttls pop3 110)',
  testssl: 'testssl.sh --starttls imap --fast, one port (143)',
};

function secureBothWays(report: AuditReport): void {
  const { imap, pop3 } = report.incoming?.recommendations ?? {};
  if (!report.recommendation.security || !imap?.security || !pop3?.security) {
    throw new Error(
      `account audit found no secure setting: ${JSON.stringify(report.incoming?.recommendations)}`,
    );
  }
}

/** The three-port SMTP audit and the six-port account audit, alternated run by run. */
async function alternatedAudits(
  smtpRequest: AuditRequest,
  request: AuditRequest,
  runs: number,
  names: [smtp: string, account: string],
): Promise<Stats[]> {
  // Dovecot starts its login processes on first use: one audit first, untimed.
  secureBothWays(await runAudit(request));
  const smtpSamples: number[] = [];
  const accountSamples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    let start = performance.now();
    await runAudit(smtpRequest);
    smtpSamples.push(performance.now() - start);
    start = performance.now();
    secureBothWays(await runAudit(request));
    accountSamples.push(performance.now() - start);
  }
  return [stats(names[0], smtpSamples), stats(names[1], accountSamples)];
}

export async function benchIncoming(
  postfix: PostfixInstance,
  pki: TestPki,
  runs: number,
  skipTestssl: boolean,
  log: (text: string) => void,
): Promise<{ rows: Stats[]; ratios: Ratio[]; notes: string[] }> {
  const leaf = pki.leaf('valid');
  log('starting Dovecot');
  const dovecotOptions = { certFile: leaf.certFile, keyFile: leaf.keyFile, shape: 'good' } as const;
  const dovecot = await startDovecot(dovecotOptions);
  const rows: Stats[] = [];
  const notes: string[] = [];
  try {
    const { submissions, submission, smtp } = postfix.ports;
    const { imaps, imap, pop3s, pop3 } = dovecot.ports;
    const smtpPorts: PortSpec[] = [
      { port: smtp, mode: 'starttls', relay: true },
      { port: submissions, mode: 'implicit-tls' },
      { port: submission, mode: 'starttls' },
    ];
    const accountPorts: PortSpec[] = smtpPorts.slice(1);
    const incomingPorts: IncomingPortSpec[] = [
      { port: imaps, protocol: 'imap', mode: 'implicit-tls' },
      { port: imap, protocol: 'imap', mode: 'starttls' },
      { port: pop3s, protocol: 'pop3', mode: 'implicit-tls' },
      { port: pop3, protocol: 'pop3', mode: 'starttls' },
    ];
    const smtpRequest: AuditRequest = {
      auditId: 'bench-smtp',
      host: '127.0.0.1',
      ports: smtpPorts,
      caPem: pki.caPem,
    };
    // Postfix listens on 127.0.0.1 and Dovecot on 127.0.0.2: the account's incoming host differs.
    const request: AuditRequest = {
      auditId: 'bench-account',
      host: '127.0.0.1',
      ports: accountPorts,
      protocols: ['smtp', 'imap', 'pop3'],
      incomingHost: dovecot.address,
      incomingPorts,
      caPem: pki.caPem,
    };
    log('SMTP audit and six-port account audit, in-process, alternating');
    rows.push(
      ...(await alternatedAudits(smtpRequest, request, runs, [incomingNames.smtp, incomingNames.audit])),
    );
    log('the same with Dovecot in high-performance mode');
    const shared = await startDovecot({ ...dovecotOptions, loginProcesses: 'shared' });
    try {
      const sharedPorts: IncomingPortSpec[] = [
        { port: shared.ports.imaps, protocol: 'imap', mode: 'implicit-tls' },
        { port: shared.ports.imap, protocol: 'imap', mode: 'starttls' },
        { port: shared.ports.pop3s, protocol: 'pop3', mode: 'implicit-tls' },
        { port: shared.ports.pop3, protocol: 'pop3', mode: 'starttls' },
      ];
      rows.push(
        ...(await alternatedAudits(smtpRequest, { ...request, incomingPorts: sharedPorts }, runs, [
          incomingNames.smtpShared,
          incomingNames.auditShared,
        ])),
      );
    } finally {
      shared.stop();
    }
    log('six-port account audit, CLI process');
    const portsArg = [
      `${submissions}:implicit`,
      `${submission}:starttls`,
      `${imaps}:imap-implicit`,
      `${imap}:imap-starttls`,
      `${pop3s}:pop3-implicit`,
      `${pop3}:pop3-starttls`,
    ].join(',');
    rows.push(
      await timed(incomingNames.cli, runs, async () => {
        const { stdout } = await mustRun(process.execPath, [
          cliPath,
          'check',
          '127.0.0.1',
          '--incoming-host',
          dovecot.address,
          '--ports',
          portsArg,
          '--ca',
          pki.caFile,
          '--json',
        ]);
        secureBothWays(JSON.parse(stdout) as AuditReport);
      }),
    );
    log('openssl s_client ×6');
    const sClient = (address: string, port: number, starttls?: string) =>
      mustRun('openssl', [
        's_client',
        '-connect',
        `${address}:${port}`,
        ...(starttls ? ['-starttls', starttls] : []),
      ]);
    rows.push(
      await timed(incomingNames.openssl, runs, async () => {
        await sClient('127.0.0.1', submissions);
        await sClient('127.0.0.1', submission, 'smtp');
        await sClient(dovecot.address, imaps);
        await sClient(dovecot.address, imap, 'imap');
        await sClient(dovecot.address, pop3s);
        await sClient(dovecot.address, pop3, 'pop3');
      }),
    );
    if (!skipTestssl) {
      log('testssl.sh --starttls imap (over a minute)');
      const start = performance.now();
      try {
        await mustRun(
          'testssl',
          [
            '--starttls',
            'imap',
            '--fast',
            '--warnings',
            'off',
            '--quiet',
            '--color',
            '0',
            `${dovecot.address}:${imap}`,
          ],
          (code) => code < 50,
          testsslLimitMs,
        );
        rows.push(stats(incomingNames.testssl, [performance.now() - start]));
      } catch {
        // On a loaded machine testssl.sh can outlast any sensible limit: say so instead of losing the rest.
        notes.push(
          `testssl.sh --starttls imap did not finish within ${testsslLimitMs / 1000} s: no testssl ratio for incoming mail in this run.`,
        );
      }
    }
  } finally {
    dovecot.stop();
  }
  const median = (name: string) => rows.find((r) => r.name === name)?.median ?? Number.NaN;
  const audit = median(incomingNames.audit);
  const sharedRatio = median(incomingNames.auditShared) / median(incomingNames.smtpShared);
  const ratios: Ratio[] = [
    {
      name: 'account audit 6 ports / SMTP audit 3 ports, in-process',
      value: audit / median(incomingNames.smtp),
      goal: { text: '≤ 1.5', met: audit / median(incomingNames.smtp) <= 1.5 },
    },
    {
      name: 'the same, Dovecot in high-performance mode',
      value: sharedRatio,
      goal: { text: '≤ 1.5', met: sharedRatio <= 1.5 },
    },
    {
      name: 'openssl ×6 / account audit in-process',
      value: median(incomingNames.openssl) / audit,
      goal: null,
    },
    {
      name: 'openssl ×6 / account audit CLI process',
      value: median(incomingNames.openssl) / median(incomingNames.cli),
      goal: null,
    },
  ];
  if (rows.some((r) => r.name === incomingNames.testssl)) {
    ratios.push(
      {
        name: 'testssl imap one port / account audit in-process',
        value: median(incomingNames.testssl) / audit,
        goal: null,
      },
      {
        name: 'testssl imap one port / account audit CLI process',
        value: median(incomingNames.testssl) / median(incomingNames.cli),
        goal: null,
      },
    );
  }
  return { rows, ratios, notes };
}
