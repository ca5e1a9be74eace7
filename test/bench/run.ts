/**
 * `npm run bench`: MailTLS against its peers, measured in the same run on this machine.
 *
 * 1. Full audit (three ports, every check) of a local Postfix versus three swaks runs,
 *    three `openssl s_client` runs and testssl.sh on one port; the cold CLI and swaks
 *    alternated run by run; the CLI's first run (empty cache folder) and a run without
 *    the cache folder (MAILTLS_NO_CACHE); the cold CLI also
 *    under Node 22 when one is unpacked at
 *    /opt/mailtls-peers/node22. 1b. The same through latency relays at 20 and 80 ms RTT.
 * 2. A port that accepts and never greets, under a 2 s deadline.
 * 3. Peak RSS of the CLI: idle, a full audit, an audit of endless/huge-reply servers.
 * 4. `mailtls batch` on 200 loopback targets, concurrency 32, versus a sequential loop.
 * 5. Issue 14: a six-port account audit (Postfix + Dovecot) versus the three-port SMTP
 *    audit, openssl s_client ×6 and testssl.sh --starttls imap (test/bench/incoming.ts).
 *
 * Environment: BENCH_RUNS (default 7) runs per timed item; BENCH_SKIP_TESTSSL=1 skips
 * testssl.sh (over a minute); BENCH_ONLY=speed runs only 1 and 1b (no testssl.sh);
 * BENCH_OUT=FILE also writes the Markdown tables to FILE.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AuditReport, AuditRequest, PortSpec } from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { runBatch, type BatchTarget } from '../../electron/engine/audit/batch.js';
import { connectionsPerPort } from '../../electron/engine/probe/limiter.js';
import { cliPath } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import {
  endlessGreeting,
  floodReplies,
  hugeLine,
  rawServer,
  silent,
  tlsServer,
  type Behaviour,
  type HostileServer,
} from '../helpers/hostile.js';
import { startPostfix, type PostfixInstance } from '../helpers/postfix.js';
import { benchIncoming } from './incoming.js';
import {
  alternated,
  mustRun,
  ratioTable,
  stats,
  statsTable,
  timed,
  type Ratio,
  type Stats,
} from './measure.js';
import { measuredRoundTrip, startRelayProcess } from './relay.js';

const runs = Number(process.env.BENCH_RUNS ?? '7');
const speedOnly = process.env.BENCH_ONLY === 'speed';
const skipTestssl = speedOnly || process.env.BENCH_SKIP_TESTSSL === '1';
const stallDeadlineMs = 2000;
const stallRuns = 3;
const memoryRuns = 3;
const batchHosts = 200;
const batchConcurrency = 32;
const batchRuns = 3;

const pki = testPki();
const node = process.execPath;
const rows: Stats[] = [];
const ratios: Ratio[] = [];
const notes: string[] = [];
const log = (text: string) => process.stderr.write(`bench: ${text}\n`);
const median = (name: string) => {
  const row = rows.find((r) => r.name === name);
  if (!row) throw new Error(`no row ${name}`);
  return row.median;
};

function expectSecure(report: AuditReport, security: 'implicit-tls' | 'starttls', port: number): void {
  const rec = report.recommendation;
  if (rec.security !== security || rec.port !== port) {
    throw new Error(
      `audit of ${report.host} did not recommend ${security} on ${port}: ${JSON.stringify(rec)}`,
    );
  }
}

// ---------------------------------------------------------------------------
// 1. Full audit of Postfix versus swaks, openssl s_client and testssl.sh
// ---------------------------------------------------------------------------

const names = {
  audit: 'MailTLS full audit, 3 ports, in-process (runAudit)',
  cli: 'MailTLS full audit, 3 ports, cold CLI process (check --json)',
  cliFirstRun: 'The same, first run (empty cache folder: compiles, verifies in full, writes both)',
  cliNoCache: 'The same without the cache folder (MAILTLS_NO_CACHE=1)',
  swaks: 'swaks ×3 sequential (EHLO: plain 25, --tls 587, --tlsc 465)',
  cliNode22: 'MailTLS full audit, 3 ports, cold CLI process under Node 22',
  swaksNode22: 'swaks ×3 sequential (paired with the Node 22 row)',
  openssl: 'openssl s_client ×3 sequential (-starttls smtp 25, 587; 465)',
  testssl: 'testssl.sh --starttls smtp --fast, one port (587)',
};

/**
 * The CLI processes keep their cache folder (compiled code, verified chains) in one of
 * the benchmark's own, which the first CLI run fills as a user's first run does
 * (electron/cli/code-cache.ts, electron/cli/chain-memo-file.ts).
 */
const cacheHome = mkdtempSync(join(tmpdir(), 'mailtls-bench-cache-'));
process.env.XDG_CACHE_HOME = cacheHome;

/** A user's shell rarely sets NODE_EXTRA_CA_CERTS, and it costs Node's start-up ~30 ms: measure without it. */
const userEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'),
);

/** The three Postfix ports (or relays in front of them) in the order smtp, submissions, submission. */
type Triple = [smtp: number, submissions: number, submission: number];

/**
 * Node 20, this machine's own, ended its support in April 2026, so the cold CLI is also
 * measured under Node 22 where one is unpacked here (the README's Speed section says how).
 */
const node22 = '/opt/mailtls-peers/node22/bin/node';
const hasNode22 = existsSync(node22);

/** Issue 16: a cold `mailtls check --json` at most this share of swaks ×3, on Node 20 and 22 alike. */
const coldCliGoal = 0.5;

/** `mailtls check --json` as a fresh process, as a user runs it; checks it recommended 465. */
async function cliCheck(
  [smtp, submissions, submission]: Triple,
  nodeBinary = node,
  env = userEnv,
): Promise<void> {
  const portsArg = `${smtp}:relay,${submissions}:implicit,${submission}:starttls`;
  const { stdout } = await mustRun(
    nodeBinary,
    [cliPath, 'check', '127.0.0.1', '--ports', portsArg, '--ca', pki.caFile, '--json'],
    undefined,
    undefined,
    env,
  );
  expectSecure(JSON.parse(stdout) as AuditReport, 'implicit-tls', submissions);
}

/** Three swaks runs, one per port, each only as far as EHLO (over TLS on 587 and 465). */
async function swaksTriple([smtp, submissions, submission]: Triple): Promise<void> {
  const swaks = (port: number, tls: string[]) =>
    mustRun('swaks', [
      '--server',
      '127.0.0.1',
      '--port',
      String(port),
      ...tls,
      '--quit-after',
      'EHLO',
      '--to',
      'bench@example.com',
    ]);
  await swaks(smtp, []);
  await swaks(submission, ['--tls']);
  await swaks(submissions, ['--tlsc']);
}

function auditRequest([smtp, submissions, submission]: Triple): AuditRequest {
  const ports: PortSpec[] = [
    { port: smtp, mode: 'starttls', relay: true },
    { port: submissions, mode: 'implicit-tls' },
    { port: submission, mode: 'starttls' },
  ];
  return { auditId: 'bench', host: '127.0.0.1', ports, caPem: pki.caPem };
}

async function peers(postfix: PostfixInstance): Promise<void> {
  const { smtp, submissions, submission } = postfix.ports;
  const triple: Triple = [smtp, submissions, submission];
  const request = auditRequest(triple);
  log('full audit, in-process');
  rows.push(
    await timed(names.audit, runs, async () =>
      expectSecure(await runAudit(request), 'implicit-tls', submissions),
    ),
  );
  log('cold CLI process and swaks ×3, alternated');
  rows.push(
    ...(await alternated([names.cli, names.swaks], runs, [
      () => cliCheck(triple),
      () => swaksTriple(triple),
    ])),
  );
  log('cold CLI process, first run');
  rows.push(
    await timed(names.cliFirstRun, runs, async () => {
      const emptyCache = mkdtempSync(join(tmpdir(), 'mailtls-bench-cache-'));
      try {
        await cliCheck(triple, node, { ...userEnv, XDG_CACHE_HOME: emptyCache });
      } finally {
        rmSync(emptyCache, { recursive: true, force: true });
      }
    }),
  );
  log('cold CLI process without the cache folder');
  rows.push(
    await timed(names.cliNoCache, runs, () => cliCheck(triple, node, { ...userEnv, MAILTLS_NO_CACHE: '1' })),
  );
  if (hasNode22) {
    log('cold CLI process under Node 22 and swaks ×3, alternated');
    rows.push(
      ...(await alternated([names.cliNode22, names.swaksNode22], runs, [
        () => cliCheck(triple, node22),
        () => swaksTriple(triple),
      ])),
    );
  } else {
    notes.push(`Node 22 was not found at ${node22}: no Node 22 row in this run.`);
  }
  log('openssl s_client');
  const sClient = (port: number, starttls: boolean) =>
    mustRun('openssl', [
      's_client',
      '-connect',
      `127.0.0.1:${port}`,
      ...(starttls ? ['-starttls', 'smtp'] : []),
    ]);
  rows.push(
    await timed(names.openssl, runs, async () => {
      await sClient(smtp, true);
      await sClient(submission, true);
      await sClient(submissions, false);
    }),
  );
  if (skipTestssl) {
    notes.push('testssl.sh was **skipped** (BENCH_SKIP_TESTSSL=1): no testssl ratio in this run.');
  } else {
    log('testssl.sh (over a minute)');
    const start = performance.now();
    // Exit codes below 50 count findings and ambiguous results; above are scan failures.
    await mustRun(
      'testssl',
      [
        '--starttls',
        'smtp',
        '--fast',
        '--warnings',
        'off',
        '--quiet',
        '--color',
        '0',
        `127.0.0.1:${submission}`,
      ],
      (code) => code < 50,
      600_000,
    );
    rows.push(stats(names.testssl, [performance.now() - start]));
  }
  const audit = median(names.audit);
  const cli = median(names.cli);
  const swaksMs = median(names.swaks);
  ratios.push(
    {
      name: 'audit in-process / 60 ms',
      value: audit / 60,
      goal: { text: '≤ 1', met: audit <= 60 },
    },
    {
      name: 'audit in-process / swaks ×3',
      value: audit / swaksMs,
      goal: null,
    },
    {
      name: 'cold CLI process (check --json) / swaks ×3, alternated',
      value: cli / swaksMs,
      goal: { text: `≤ ${coldCliGoal}`, met: cli / swaksMs <= coldCliGoal },
    },
    { name: 'first-run cold CLI / swaks ×3', value: median(names.cliFirstRun) / swaksMs, goal: null },
    {
      name: 'cold CLI without cache folder / swaks ×3',
      value: median(names.cliNoCache) / swaksMs,
      goal: null,
    },
    { name: 'openssl ×3 / audit in-process', value: median(names.openssl) / audit, goal: null },
    { name: 'openssl ×3 / audit CLI process', value: median(names.openssl) / cli, goal: null },
  );
  if (hasNode22) {
    const ratio = median(names.cliNode22) / median(names.swaksNode22);
    ratios.push({
      name: 'cold CLI process under Node 22 / swaks ×3, alternated',
      value: ratio,
      goal: { text: `≤ ${coldCliGoal}`, met: ratio <= coldCliGoal },
    });
  }
  if (!skipTestssl) {
    const testssl = median(names.testssl);
    ratios.push(
      {
        name: 'testssl one port / audit in-process',
        value: testssl / audit,
        goal: { text: '≥ 100', met: testssl / audit >= 100 },
      },
      {
        name: 'testssl one port / audit CLI process',
        value: testssl / cli,
        goal: { text: '≥ 100', met: testssl / cli >= 100 },
      },
    );
  }
}

// ---------------------------------------------------------------------------
// 1b. The same audit on a simulated real network
// ---------------------------------------------------------------------------

const roundTrips = [20, 80];
const roundTripGoal = 12;

/**
 * A latency relay (relay.ts) in front of each Postfix port holds every chunk for
 * half the round trip each way. Each relay runs in a process of its own, as a
 * network is not slowed by the client's work. MailTLS and swaks ×3 go through the
 * same relays, alternated run by run; the audit is also timed in-process, where its
 * wall time in round trips excludes Node's start-up. Round trips are counted in the
 * relay's measured round trip (a ping through it), which timers make a little longer
 * than the nominal one.
 */
async function latency(postfix: PostfixInstance): Promise<void> {
  const { smtp, submissions, submission } = postfix.ports;
  for (const rtt of roundTrips) {
    const measuredRtt = await measuredRoundTrip(rtt);
    const relays = await Promise.all(
      [smtp, submissions, submission].map((port) => startRelayProcess(port, rtt)),
    );
    try {
      const triple = relays.map((relay) => relay.port) as Triple;
      const request = auditRequest(triple);
      log(`${rtt} ms round trip: in-process audit, then cold CLI and swaks ×3 alternated`);
      const inProcess = await timed(`Full audit in-process, ${rtt} ms RTT`, runs, async () =>
        expectSecure(await runAudit(request), 'implicit-tls', triple[1]),
      );
      const [cli, swaks] = await alternated(
        [`Full audit, cold CLI process, ${rtt} ms RTT`, `swaks ×3, ${rtt} ms RTT`],
        runs,
        [() => cliCheck(triple), () => swaksTriple(triple)],
      );
      rows.push(inProcess, cli, swaks);
      ratios.push(
        {
          name: `audit in-process at ${rtt} ms RTT (${measuredRtt.toFixed(1)} ms measured), in round trips`,
          value: inProcess.median / measuredRtt,
          goal: { text: `≤ ${roundTripGoal}`, met: inProcess.median / measuredRtt <= roundTripGoal },
        },
        {
          name: `cold CLI process / swaks ×3 at ${rtt} ms RTT`,
          value: cli.median / swaks.median,
          goal: { text: '< 1', met: cli.median < swaks.median },
        },
      );
      const peak = Math.max(...relays.map((relay) => relay.peakConnections()));
      notes.push(
        `${rtt} ms RTT: at most ${peak} connections were open to one port at once (the per-port cap is ${connectionsPerPort}).`,
      );
    } finally {
      await Promise.all(relays.map((relay) => relay.close()));
    }
  }
}

// ---------------------------------------------------------------------------
// 2. A port that accepts and never greets, 2 s deadline
// ---------------------------------------------------------------------------

async function stalledPort(postfix: PostfixInstance): Promise<void> {
  const stall = await rawServer(silent);
  try {
    const { submissions, submission } = postfix.ports;
    const request: AuditRequest = {
      auditId: 'bench-stall',
      host: '127.0.0.1',
      ports: [
        { port: stall.port },
        { port: submissions, mode: 'implicit-tls' },
        { port: submission, mode: 'starttls' },
      ],
      caPem: pki.caPem,
      timeoutMs: stallDeadlineMs,
    };
    log('stalled port');
    const samples: number[] = [];
    let complete = true;
    for (let i = 0; i < stallRuns; i += 1) {
      const start = performance.now();
      const report = await runAudit(request);
      samples.push(performance.now() - start);
      for (const port of report.ports) {
        const ids = port.findings.map((f) => f.id);
        const ok =
          port.port === stall.port
            ? ids.includes('banner-timeout') || ids.includes('port-timeout')
            : port.tls !== null &&
              port.certificate !== null &&
              ids.length === 0 &&
              port.ehlo.afterTls !== null;
        if (!ok) complete = false;
      }
    }
    const row = stats(
      `Audit with a never-greeting port, ${stallDeadlineMs / 1000} s deadline (wall time)`,
      samples,
    );
    rows.push(row);
    const limit = stallDeadlineMs * 1.1;
    ratios.push({
      name: 'never-greeting port: slowest audit / deadline',
      value: row.max / stallDeadlineMs,
      goal: { text: '≤ 1.10', met: row.max <= limit },
    });
    notes.push(
      `Never-greeting port: the other two ports' results were ${complete ? 'complete (TLS, certificate, EHLO after TLS, no findings) in every run' : '**incomplete in some run**'}.`,
    );
  } finally {
    await stall.close();
  }
}

// ---------------------------------------------------------------------------
// 3. Peak RSS of the CLI
// ---------------------------------------------------------------------------

/** Peak RSS in MB of a command, from GNU time (the kernel's maxrss of the child). */
async function peakRss(args: string[], okCodes: (code: number) => boolean): Promise<number> {
  const { stderr } = await mustRun('/usr/bin/time', ['-f', 'maxrss-kb=%M', node, cliPath, ...args], okCodes);
  const match = /maxrss-kb=(\d+)/.exec(stderr);
  if (!match) throw new Error(`no maxrss in ${stderr}`);
  return Number(match[1]) / 1024;
}

async function memory(postfix: PostfixInstance): Promise<void> {
  const leaf = pki.leaf('valid');
  // Greets, then answers EHLO with `250-` continuation lines that never end.
  const endlessEhlo: Behaviour = (socket) => {
    socket.write('220 endless.test ESMTP\r\n');
    socket.once('data', () => floodReplies(`250-${'y'.repeat(70)}`)(socket));
  };
  const hostile: HostileServer[] = [
    await rawServer(endlessGreeting),
    await rawServer(hugeLine()),
    await rawServer(endlessEhlo),
    await tlsServer({ key: leaf.key, cert: leaf.cert }, endlessGreeting),
  ];
  try {
    const { smtp, submissions, submission } = postfix.ports;
    const sample = async (name: string, args: string[], ok: (code: number) => boolean) => {
      const samples: number[] = [];
      for (let i = 0; i < memoryRuns; i += 1) samples.push(await peakRss(args, ok));
      rows.push(stats(name, samples, 'MB'));
    };
    log('memory');
    await sample('Peak RSS, CLI idle (--help), for reference', ['--help'], (code) => code === 0);
    await sample(
      'Peak RSS, full audit of Postfix (CLI)',
      [
        'check',
        '127.0.0.1',
        '--ports',
        `${smtp}:relay,${submissions}:implicit,${submission}:starttls`,
        '--ca',
        pki.caFile,
        '--json',
      ],
      (code) => code === 0,
    );
    const [greeting, huge, ehlo, tlsGreeting] = hostile.map((s) => s.port);
    await sample(
      'Peak RSS, audit of 4 endless/10 MB-reply servers (CLI)',
      [
        'check',
        '127.0.0.1',
        '--ports',
        `${greeting},${huge},${ehlo},${tlsGreeting}:implicit`,
        '--ca',
        pki.caFile,
        '--json',
      ],
      // 0 or 1: whether the engine recommends anything here is not what this measures.
      (code) => code <= 1,
    );
    notes.push(
      'Hostile servers: endless `220-` greeting, one 10 MB line without a line break, endless `250-` EHLO reply, endless greeting over implicit TLS.',
    );
  } finally {
    await Promise.all(hostile.map((s) => s.close()));
  }
}

// ---------------------------------------------------------------------------
// 4. Batch: 200 targets, concurrency 32, versus a sequential loop
// ---------------------------------------------------------------------------

async function startFleet(count: number) {
  const child = spawn(node, ['--import', 'tsx', join(import.meta.dirname, 'fleet.ts'), String(count)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fleet exited with ${code}`)));
  });
  return {
    pairs: JSON.parse(first) as Array<{ implicit: number; starttls: number }>,
    stop: () => child.stdin.end(),
  };
}

const rate = (ms: number) => batchHosts / (ms / 1000);

/**
 * The sequential loop once, then runBatch `batchRuns` times, with or without the test
 * CA. Without it every check still runs (the certificate is just untrusted): the
 * difference shows what building a trust store per audit costs.
 */
async function batchVariant(
  targets: BatchTarget[],
  caPem: string | undefined,
  label: string,
): Promise<number> {
  const check = (target: BatchTarget, report: AuditReport) => {
    if (caPem) return expectSecure(report, 'implicit-tls', target.ports?.[0]?.port ?? 0);
    if (report.ports.some((p) => p.tls === null || !p.findings.some((f) => f.id === 'cert-untrusted'))) {
      throw new Error(`audit of ${target.text} without the CA did not complete every port`);
    }
  };
  log(`sequential loop over ${batchHosts} targets, ${label}`);
  const seqStart = performance.now();
  for (const target of targets) {
    check(target, await runAudit({ auditId: 'seq', host: target.host, ports: target.ports, caPem }));
  }
  const seqMs = performance.now() - seqStart;
  rows.push(
    stats(`Sequential loop of single-host audits, ${batchHosts} targets, ${label} (in-process)`, [seqMs]),
  );

  log(`batch, concurrency ${batchConcurrency}, ${label}`);
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < batchRuns; i += 1) {
    const start = performance.now();
    let finished = 0;
    await runBatch(targets, {
      concurrency: batchConcurrency,
      caPem,
      onResult: (result) => {
        if (!('report' in result)) throw new Error(`batch target ${result.target.text} failed`);
        check(result.target, result.report);
        finished += 1;
      },
    });
    if (finished !== batchHosts) throw new Error(`batch finished ${finished} of ${batchHosts}`);
    samples.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuBefore);
  // The client's CPU per audited host bounds the batch rate on two shared cores.
  const cpuMs = (cpu.user + cpu.system) / 1000 / (batchHosts * batchRuns);
  notes.push(`Client CPU per audited host in the batch, ${label}: ${cpuMs.toFixed(1)} ms.`);
  rows.push(
    stats(
      `Batch, ${batchHosts} targets, concurrency ${batchConcurrency}, ${label} (in-process runBatch)`,
      samples,
    ),
    stats(`Hosts per second, sequential loop, ${label}`, [rate(seqMs)], 'hosts/s'),
    stats(`Hosts per second, batch in-process, ${label}`, samples.map(rate), 'hosts/s'),
  );
  const ratio = rate(stats('', samples).median) / rate(seqMs);
  ratios.push({
    name: `batch in-process rate / sequential rate, ${label}`,
    value: ratio,
    goal: { text: '≥ 15', met: ratio >= 15 },
  });
  return rate(seqMs);
}

async function batch(): Promise<void> {
  log(`starting ${batchHosts} server pairs`);
  const fleet = await startFleet(batchHosts);
  const dir = mkdtempSync(join(tmpdir(), 'mailtls-bench-'));
  try {
    const targets: BatchTarget[] = fleet.pairs.map((pair, index) => ({
      line: index + 1,
      text: `127.0.0.1:${pair.implicit}:implicit,${pair.starttls}:starttls`,
      host: '127.0.0.1',
      ports: [
        { port: pair.implicit, mode: 'implicit-tls' },
        { port: pair.starttls, mode: 'starttls' },
      ],
    }));
    const seqRate = await batchVariant(targets, pki.caPem, 'with --ca');

    log(`mailtls batch, concurrency ${batchConcurrency}, CLI process`);
    const file = join(dir, 'hosts.txt');
    writeFileSync(file, `${targets.map((t) => t.text).join('\n')}\n`);
    const cli: number[] = [];
    for (let i = 0; i < batchRuns; i += 1) {
      const start = performance.now();
      // Exit code 0: every target was found secure.
      await mustRun(node, [
        cliPath,
        'batch',
        file,
        '--concurrency',
        String(batchConcurrency),
        '--json',
        '--ca',
        pki.caFile,
      ]);
      cli.push(performance.now() - start);
    }
    rows.push(
      stats(
        `mailtls batch, ${batchHosts} targets, --concurrency ${batchConcurrency}, with --ca (CLI process)`,
        cli,
      ),
      stats('Hosts per second, mailtls batch CLI, with --ca', cli.map(rate), 'hosts/s'),
    );
    const cliRatio = rate(stats('', cli).median) / seqRate;
    ratios.push({
      name: 'mailtls batch CLI rate / sequential rate, with --ca',
      value: cliRatio,
      goal: { text: '≥ 15', met: cliRatio >= 15 },
    });

    await batchVariant(targets, undefined, 'without --ca');
    notes.push(
      `Batch targets: ${batchHosts} lines \`127.0.0.1:PORTa:implicit,PORTb:starttls\`, each a distinct pair of smtp-server instances in a separate process (only 127.0.0.1 is configured on lo). Each sequential loop ran once. "Without --ca" runs every check too; the certificates are then untrusted, so nothing is recommended.`,
    );
  } finally {
    fleet.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------

const loadBefore = loadavg();
const leaf = pki.leaf('valid');
log('starting Postfix');
const postfix = await startPostfix({ certFile: leaf.certFile, keyFile: leaf.keyFile, shape: 'good' });
try {
  await peers(postfix);
  await latency(postfix);
  if (!speedOnly) {
    await stalledPort(postfix);
    await memory(postfix);
    const incoming = await benchIncoming(postfix, pki, runs, skipTestssl, log);
    rows.push(...incoming.rows);
    ratios.push(...incoming.ratios);
    notes.push(...incoming.notes);
  }
} finally {
  postfix.stop();
}
if (!speedOnly) await batch();
rmSync(cacheHome, { recursive: true, force: true });
const loadAfter = loadavg();

const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');
const output = [
  `## Benchmark (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
  '',
  `Reproduce: \`npm run bench\` (BENCH_RUNS=${runs}). Node ${process.version}, ${cpus().length} cores, load average ${load(loadBefore)} before and ${load(loadAfter)} after (1/5/15 min; other work shared the machine).`,
  '',
  statsTable(rows),
  '',
  ratioTable(ratios),
  '',
  'What each side does: the full audit tests three ports at once (greeting, EHLO before and after TLS, STARTTLS, implicit TLS, TLS-enforcement probe on 587, STARTTLS command-injection probe (silence window of one round trip, at least 10 ms), TLS 1.0–1.3 matrix, certificate chain, name and dates, recommendation); a swaks run is one EHLO dialogue; an openssl run is one handshake; testssl.sh covers one port.',
  ...notes.map((note) => `\n${note}`),
  '',
].join('\n');
process.stdout.write(output);
if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, output);
