/**
 * `mailtls batch FILE`: audits every server listed in FILE with bounded concurrency
 * and streams one result per host as it finishes (a line of text, a JSON line or a
 * CSV row), then a summary. Bad lines are reported with their number and skipped.
 * Ctrl-C stops the audits in flight and still prints the summary of what finished.
 */
import { readFile, stat } from 'node:fs/promises';
import { isIPv6 } from 'node:net';
import type { AuditReport, Language, MailProtocol, RecipientReport } from '../../contract.js';
import {
  addToSummary,
  defaultBatchConcurrency,
  emptySummary,
  reportFindingIds,
  runBatch,
  type BatchResult,
  type BatchSummary,
  type BatchTarget,
} from '../../engine/audit/batch.js';
import { everyDirectionSecure } from '../../engine/access/advise.js';
import { normaliseDomain } from '../../engine/dns/domain.js';
import { toBridgeError, UserFacingError } from '../../engine/core/errors.js';
import { normalizeHost } from '../../engine/core/host.js';
import { connectionsPerPort } from '../../engine/probe/limiter.js';
import { verdictTitles } from '../../engine/recipient/words.js';
import { parseArgs, parseIntegerOption } from '../args.js';
import { UsageError, type CliCommand, type CliContext } from '../context.js';
import { readCa, refuseOversized, unreadableFile, type BoundedFileWords } from '../files.js';
import { auditScope, parseProtocols, readPortList } from '../scope.js';

const usage: Record<Language, string> = {
  en: `Usage: mailtls batch FILE [options]

Tests every outgoing mail server listed in FILE, several at once, and prints each
result as soon as it is known, then a summary.

FILE has one server per line: HOST, or HOST:PORTS with PORTS as in
mailtls check --ports (e.g. mail.example.com:465,587 or [::1]:2465:implicit;
IPv6 addresses go in brackets). A line recipient:DOMAIN checks whether mail
to DOMAIN travels encrypted instead (as mailtls recipient; handy for the
domains of an address book). Text after # is a comment; blank lines are
ignored; bad lines are reported with their line number and skipped. A line that
lists incoming ports (993, 143:imap-starttls, …) also tests them; --protocols
applies to every server line.

Options:
  --concurrency N  servers tested at once (default ${defaultBatchConcurrency}, 1 to 256). Whatever N,
                   no server port ever gets more than ${connectionsPerPort} connections at once.
  --timeout MS     deadline per server in milliseconds (default 20000)
  --protocols LIST which of smtp,imap,pop3 to test on every line (default: smtp,
                   plus the incoming ports a line lists)
  --ca FILE        also trust the CA certificate(s) in this PEM file
  --json           one JSON object per line: {"type":"result",...} per server,
                   then {"type":"summary",...}
  --csv            CSV (RFC 4180): host,secure,port,security,findings,elapsed_ms;
                   the summary goes to standard error (recipient lines put their
                   verdict in the security column)
  --dns-server IP:PORT  the DNS server for recipient lines
  --smtp-port N    for testing only: recipient lines connect to N instead of 25
  --https-port N   for testing only: recipient lines fetch MTA-STS from port N
  --lang ja|en     language of the output (default: the system locale)

A progress bar is drawn on standard error when it is a terminal.
Exit codes: 0 every server has a secure setting, 1 some have none, 2 bad usage
or bad lines in FILE, 130 interrupted (Ctrl-C).
`,
  ja: `使い方: mailtls batch ファイル [オプション]

ファイルに列挙した送信メールサーバーを複数同時に検査し、結果が出たものから
順に表示し、最後に集計を表示します。

ファイルには 1 行に 1 台ずつ、ホスト または ホスト:ポート一覧 を書きます。
ポート一覧の書き方は mailtls check --ports と同じです（例: mail.example.com:465,587、
[::1]:2465:implicit。IPv6 アドレスは角かっこで囲みます）。recipient:ドメイン の
行は、そのドメイン宛のメールが暗号化されて届くかを mailtls recipient と同じように
確認します（アドレス帳のドメインの確認に便利です）。# 以降はコメント、
空行は無視します。誤りのある行は行番号とともに報告し、読み飛ばします。受信ポート
（993、143:imap-starttls など）を書いた行はそれも検査します。--protocols はサーバーの行すべてに適用します。

オプション:
  --concurrency 数  同時に検査するサーバー数（既定 ${defaultBatchConcurrency}、1〜256）。どの値でも、
                   同じサーバーの同じポートへの同時接続は ${connectionsPerPort} 本までです。
  --timeout ミリ秒  サーバー 1 台あたりの制限時間（既定 20000）
  --protocols 一覧 すべての行で検査する smtp,imap,pop3（既定: smtp と、行に書かれた受信ポート）
  --ca ファイル     この PEM ファイルの CA 証明書も信頼する
  --json           1 行に 1 つの JSON: サーバーごとに {"type":"result",...}、
                   最後に {"type":"summary",...}
  --csv            CSV（RFC 4180）: host,secure,port,security,findings,elapsed_ms。
                   集計は標準エラー出力に表示します（recipient 行は security 列に判定）
  --dns-server IP:ポート  recipient 行で使う DNS サーバー
  --smtp-port 番号  テスト専用: recipient 行で 25 の代わりにこのポートに接続する
  --https-port 番号 テスト専用: recipient 行で MTA-STS をこのポートから取得する
  --lang ja|en     出力の言語（既定はシステムのロケール）

標準エラー出力が端末のときは進行状況バーを表示します。
終了コード: 0 すべてのサーバーに安全な設定がある、1 ないサーバーがある、
2 使い方の誤りかファイルに誤りのある行がある、130 中断した（Ctrl-C）。
`,
};

/** Larger than any sensible list of servers; guards against being handed the wrong file. */
const maxFileBytes = 5_000_000;

export interface BadLine {
  line: number;
  text: Record<Language, string>;
}

function bad(line: number, text: Record<Language, string>): BadLine {
  return { line, text };
}

const recipientPrefix = 'recipient:';

/** One line: HOST, HOST:PORTS, [IPv6], [IPv6]:PORTS or recipient:DOMAIN. */
function parseTarget(text: string, line: number, protocols?: MailProtocol[]): BatchTarget | BadLine {
  if (text.toLowerCase().startsWith(recipientPrefix)) {
    try {
      return { line, text, host: normaliseDomain(text.slice(recipientPrefix.length)), recipient: true };
    } catch (error) {
      if (error instanceof UserFacingError) return bad(line, error.text);
      throw error;
    }
  }
  if (/\s/.test(text)) {
    return bad(line, {
      en: 'one server per line, without spaces.',
      ja: '1 行に 1 台ずつ、空白を入れずに書いてください。',
    });
  }
  if (!text.startsWith('[') && isIPv6(text)) {
    return bad(line, {
      en: `put the IPv6 address in brackets, e.g. [${text}] or [${text}]:465.`,
      ja: `IPv6 アドレスは角かっこで囲んでください。例: [${text}]、[${text}]:465`,
    });
  }
  let host: string;
  let portsText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    const rest = close === -1 ? '' : text.slice(close + 1);
    if (close === -1 || (rest !== '' && !rest.startsWith(':'))) {
      return bad(line, {
        en: 'write a bracketed address as [IPv6] or [IPv6]:PORTS.',
        ja: '角かっこのアドレスは [IPv6] または [IPv6]:ポート一覧 の形で書いてください。',
      });
    }
    host = text.slice(1, close);
    portsText = rest === '' ? undefined : rest.slice(1);
  } else {
    const colon = text.indexOf(':');
    host = colon === -1 ? text : text.slice(0, colon);
    portsText = colon === -1 ? undefined : text.slice(colon + 1);
  }
  try {
    normalizeHost(host);
    const list = portsText === undefined ? undefined : readPortList(portsText);
    // A line without ports, with no --protocols, tests the outgoing server only (as before issue 14).
    return { line, text, host, ...auditScope(list, protocols ?? (list ? undefined : ['smtp'])) };
  } catch (error) {
    if (error instanceof UsageError || error instanceof UserFacingError) return bad(line, error.text);
    throw error;
  }
}

/** Splits a batch file into targets and bad lines (1-based line numbers). */
export function parseBatchFile(
  content: string,
  protocols?: MailProtocol[],
): { targets: BatchTarget[]; badLines: BadLine[] } {
  const targets: BatchTarget[] = [];
  const badLines: BadLine[] = [];
  content.split(/\r?\n/).forEach((raw, index) => {
    const text = (raw.split('#')[0] ?? '').trim();
    if (text === '') return;
    const parsed = parseTarget(text, index + 1, protocols);
    if ('host' in parsed) targets.push(parsed);
    else badLines.push(parsed);
  });
  return { targets, badLines };
}

/** The list of servers: the bounded read of cli/files.ts, with batch's own too-large wording. */
async function readTargetsFile(file: string): Promise<string> {
  const words: BoundedFileWords = {
    tooLarge: () => ({
      en: `${file} is larger than ${maxFileBytes / 1_000_000} MB; is it really a list of servers?`,
      ja: `${file} は ${maxFileBytes / 1_000_000} MB を超えています。サーバーの一覧ファイルか確認してください。`,
    }),
  };
  try {
    refuseOversized((await stat(file)).size, maxFileBytes, words, 'invalid-input');
    return await readFile(file, 'utf8');
  } catch (error) {
    throw unreadableFile(file, error, words);
  }
}

/** RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const csvHeader = ['host', 'secure', 'port', 'security', 'findings', 'elapsed_ms'];

function csvRow(target: BatchTarget, report: AuditReport): string {
  const { port, security } = report.recommendation;
  const fields = [
    target.text,
    String(security !== null),
    port === null || security === null ? '' : String(port),
    security ?? '',
    reportFindingIds(report).join(' '),
    String(report.elapsedMs),
  ];
  return `${fields.map(csvField).join(',')}\r\n`;
}

function recipientSecure(report: RecipientReport): boolean {
  return report.verdict === 'enforced' || report.verdict === 'downgradable';
}

function recipientIds(report: RecipientReport): string[] {
  return [...new Set(report.findings.map((f) => f.id))];
}

function recipientCsvRow(target: BatchTarget, report: RecipientReport): string {
  const fields = [
    target.text,
    String(recipientSecure(report)),
    '',
    report.verdict,
    recipientIds(report).join(' '),
    String(report.elapsedMs),
  ];
  return `${fields.map(csvField).join(',')}\r\n`;
}

function recipientJson(target: BatchTarget, report: RecipientReport): string {
  return `${JSON.stringify({
    type: 'recipient',
    line: target.line,
    target: target.text,
    domain: report.domain,
    secure: recipientSecure(report),
    verdict: report.verdict,
    hosts: report.hosts.map((h) => ({ host: h.host, transport: h.transport, tls: h.tls?.version ?? null })),
    findings: recipientIds(report),
    elapsedMs: report.elapsedMs,
  })}\n`;
}

function recipientLine(target: BatchTarget, report: RecipientReport, language: Language): string {
  const ids = recipientIds(report);
  const findings = ids.length === 0 ? '' : `  ${words[language].findings}: ${ids.join(', ')}`;
  const mark = recipientSecure(report) ? '✓' : '✗';
  return `${target.text}  ${mark} ${verdictTitles[report.verdict][language]}  (${(report.elapsedMs / 1000).toFixed(2)} s)${findings}\n`;
}

function jsonResult(target: BatchTarget, report: AuditReport): string {
  const { port, security } = report.recommendation;
  return `${JSON.stringify({
    type: 'result',
    line: target.line,
    target: target.text,
    host: report.host,
    secure: everyDirectionSecure(report),
    recommendation: { port: security === null ? null : port, security },
    ports: report.ports.map((p) => ({
      port: p.port,
      mode: p.mode,
      tls: p.tls?.version ?? null,
      findings: p.findings.map((f) => f.id),
    })),
    ...(report.incoming
      ? {
          incoming: {
            host: report.incoming.host,
            recommendations: report.incoming.recommendations,
            ports: report.incoming.ports.map((p) => ({
              port: p.port,
              protocol: p.protocol,
              ...(p.host === undefined ? {} : { host: p.host }),
              mode: p.mode,
              tls: p.tls?.version ?? null,
              findings: p.findings.map((f) => f.id),
            })),
          },
        }
      : {}),
    findings: reportFindingIds(report),
    elapsedMs: report.elapsedMs,
  })}\n`;
}

const words = {
  en: {
    badLine: (line: number, text: string) => `line ${line}: ${text}`,
    secure: (port: number, security: string) => `port ${port}, ${security}`,
    security: { 'implicit-tls': 'SSL/TLS', starttls: 'STARTTLS (required)' },
    notSecure: 'no secure setting',
    findings: 'findings',
    noTargets: 'FILE lists no server to test.',
    summary: (s: BatchSummary, seconds: string) =>
      `Summary: ${s.finished} of ${s.total} servers tested in ${seconds} s: ${s.secure} secure, ${s.notSecure} without a secure setting.`,
    failed: (n: number) => `${n} lines could not be tested (see above).`,
    badLines: (n: number) => `${n} bad lines skipped.`,
    findingCounts: 'Servers per finding:',
    interrupted: 'Interrupted: the servers still being tested were not counted.',
    progress: (done: number, total: number) => `${done}/${total}`,
  },
  ja: {
    badLine: (line: number, text: string) => `${line} 行目: ${text}`,
    secure: (port: number, security: string) => `ポート ${port}、${security}`,
    security: { 'implicit-tls': 'SSL/TLS', starttls: 'STARTTLS（必須）' },
    notSecure: '安全な設定なし',
    findings: '指摘事項',
    noTargets: 'ファイルに検査するサーバーがありません。',
    summary: (s: BatchSummary, seconds: string) =>
      `集計: ${s.total} 台中 ${s.finished} 台を ${seconds} 秒で検査しました。安全な設定あり ${s.secure} 台、なし ${s.notSecure} 台です。`,
    failed: (n: number) => `${n} 行は検査できませんでした（上記参照）。`,
    badLines: (n: number) => `誤りのある ${n} 行を読み飛ばしました。`,
    findingCounts: '指摘事項ごとのサーバー数:',
    interrupted: '中断しました。検査中だったサーバーは集計に含めていません。',
    progress: (done: number, total: number) => `${done}/${total}`,
  },
} as const;

function humanLine(target: BatchTarget, report: AuditReport, language: Language): string {
  const w = words[language];
  const { port, security } = report.recommendation;
  const verdict =
    security === null || port === null ? `✗ ${w.notSecure}` : `✓ ${w.secure(port, w.security[security])}`;
  const ids = reportFindingIds(report);
  const findings = ids.length === 0 ? '' : `  ${w.findings}: ${ids.join(', ')}`;
  return `${target.text}  ${verdict}${incomingVerdicts(report, w)}  (${(report.elapsedMs / 1000).toFixed(2)} s)${findings}\n`;
}

/** Issue 14: the verdict per incoming protocol tested, after the outgoing one. */
function incomingVerdicts(report: AuditReport, w: (typeof words)[Language]): string {
  const incoming = report.incoming;
  if (!incoming) return '';
  return (['imap', 'pop3'] as const)
    .flatMap((protocol) => {
      const rec = incoming.recommendations[protocol];
      if (!rec) return [];
      const name = protocol.toUpperCase();
      return rec.security === null || rec.port === null
        ? [`${name} ✗ ${w.notSecure}`]
        : [`${name} ✓ ${w.secure(rec.port, w.security[rec.security])}`];
    })
    .map((text) => `  ${text}`)
    .join('');
}

function humanSummary(
  summary: BatchSummary,
  badLines: number,
  interrupted: boolean,
  ms: number,
  language: Language,
) {
  const w = words[language];
  const lines = [w.summary(summary, (ms / 1000).toFixed(1))];
  if (summary.failed > 0) lines.push(w.failed(summary.failed));
  if (badLines > 0) lines.push(w.badLines(badLines));
  const counts = Object.entries(summary.findings).sort((a, b) => b[1] - a[1]);
  if (counts.length > 0) {
    lines.push(w.findingCounts);
    const width = Math.max(...counts.map(([id]) => id.length));
    for (const [id, count] of counts) lines.push(`  ${id.padEnd(width)}  ${count}`);
  }
  if (interrupted) lines.push(w.interrupted);
  return `${lines.join('\n')}\n`;
}

function progressBar(done: number, total: number, language: Language): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${words[language].progress(done, total)}`;
}

export const batchCommand: CliCommand = {
  usage,
  async run(args: string[], context: CliContext): Promise<number> {
    const parsed = parseArgs(args, {
      concurrency: { kind: 'value' },
      timeout: { kind: 'value' },
      ca: { kind: 'value' },
      json: { kind: 'flag' },
      csv: { kind: 'flag' },
      protocols: { kind: 'value' },
      'dns-server': { kind: 'value' },
      'smtp-port': { kind: 'value' },
      'https-port': { kind: 'value' },
    });
    if (parsed.positionals.length !== 1) {
      throw new UsageError({
        en: 'Give exactly one file listing the servers, e.g. mailtls batch servers.txt',
        ja: 'サーバーを列挙したファイルを一つ指定してください。例: mailtls batch servers.txt',
      });
    }
    if (parsed.flags.has('json') && parsed.flags.has('csv')) {
      throw new UsageError({
        en: 'Choose one of --json and --csv.',
        ja: '--json と --csv はどちらか一方だけ指定してください。',
      });
    }
    const format = parsed.flags.has('json') ? 'json' : parsed.flags.has('csv') ? 'csv' : 'text';
    const concurrencyText = parsed.values.get('concurrency');
    const timeoutText = parsed.values.get('timeout');
    const caFile = parsed.values.get('ca');
    const concurrency =
      concurrencyText === undefined
        ? defaultBatchConcurrency
        : parseIntegerOption('concurrency', concurrencyText, 1, 256);
    const timeoutMs =
      timeoutText === undefined ? undefined : parseIntegerOption('timeout', timeoutText, 500, 300_000);
    const caPem = caFile === undefined ? undefined : readCa(caFile);
    const protocolsText = parsed.values.get('protocols');
    const { targets, badLines } = parseBatchFile(
      await readTargetsFile(parsed.positionals[0] ?? ''),
      protocolsText === undefined ? undefined : parseProtocols(protocolsText),
    );

    const { language, stdout } = context;
    const w = words[language];
    const stderr = context.stderr as NodeJS.WritableStream & { isTTY?: boolean };
    for (const line of badLines) stderr.write(`mailtls: ${w.badLine(line.line, line.text[language])}\n`);
    if (targets.length === 0) throw new UsageError({ en: w.noTargets, ja: words.ja.noTargets });

    const bar = stderr.isTTY === true;
    const summary = emptySummary(targets.length);
    const started = performance.now();
    const clearBar = () => bar && stderr.write('\r\x1b[K');
    const drawBar = () =>
      bar &&
      stderr.write(`\r\x1b[K${progressBar(summary.finished + summary.failed, summary.total, language)}`);
    if (format === 'csv') stdout.write(`${csvHeader.join(',')}\r\n`);
    drawBar();

    const onResult = (result: BatchResult) => {
      addToSummary(summary, result);
      clearBar();
      if ('recipient' in result) {
        const { target, recipient } = result;
        stdout.write(
          format === 'json'
            ? recipientJson(target, recipient)
            : format === 'csv'
              ? recipientCsvRow(target, recipient)
              : recipientLine(target, recipient, language),
        );
      } else if ('report' in result) {
        const { target, report } = result;
        stdout.write(
          format === 'json'
            ? jsonResult(target, report)
            : format === 'csv'
              ? csvRow(target, report)
              : humanLine(target, report, language),
        );
      } else {
        const message = toBridgeError(result.error, language).message;
        stderr.write(`mailtls: ${w.badLine(result.target.line, message)}\n`);
      }
      // Off a terminal, progress is a plain line (text output already is one line per server).
      if (!bar && format !== 'text') {
        stderr.write(
          `mailtls: ${w.progress(summary.finished + summary.failed, summary.total)} ${result.target.text}\n`,
        );
      }
      drawBar();
    };
    const smtpPort = parsed.values.get('smtp-port');
    const httpsPort = parsed.values.get('https-port');
    const recipient = {
      dnsServer: parsed.values.get('dns-server'),
      smtpPort: smtpPort === undefined ? undefined : parseIntegerOption('smtp-port', smtpPort, 1, 65535),
      httpsPort: httpsPort === undefined ? undefined : parseIntegerOption('https-port', httpsPort, 1, 65535),
    };
    await runBatch(targets, { concurrency, timeoutMs, caPem, signal: context.signal, recipient, onResult });
    clearBar();

    const interrupted = context.signal.aborted;
    const elapsedMs = Math.round(performance.now() - started);
    if (format === 'json') {
      stdout.write(
        `${JSON.stringify({ type: 'summary', ...summary, badLines: badLines.length, interrupted, elapsedMs })}\n`,
      );
    } else {
      const text = humanSummary(summary, badLines.length, interrupted, elapsedMs, language);
      (format === 'csv' ? stderr : stdout).write(format === 'csv' ? text : `\n${text}`);
    }
    if (interrupted) return 130;
    if (badLines.length > 0 || summary.failed > 0) return 2;
    return summary.notSecure > 0 ? 1 : 0;
  },
};
