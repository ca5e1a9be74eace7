/**
 * `mailtls check HOST`: the audit from a terminal. Human output is a table of the
 * ports and the recommendation with its reasons; `--json` prints exactly the
 * AuditReport and nothing else on stdout.
 */
import type { AuditReport, AuditRequest, IncomingProtocol, Language, ProgressEvent } from '../../contract.js';
import { incomingProtocols } from '../../contract-lists.js';
import { everyDirectionSecure, incomingHosts, incomingPortHost } from '../../engine/access/advise.js';
import { runAudit } from '../../engine/audit/audit.js';
import { UserFacingError } from '../../engine/core/errors.js';
import { adminFix, bySeverity, findingWords, renderReason, serverSoftware } from '../../catalogue/index.js';
import { portLabel } from '../../engine/probe/outcome.js';
import { parseArgs, parseIntegerOption } from '../args.js';
import { UsageError, type CliCommand, type CliContext } from '../context.js';
import { readCa } from '../files.js';
import { auditScope, parseProtocols, readPortList } from '../scope.js';
import { renderTable } from '../table.js';

const usage: Record<Language, string> = {
  en: `Usage: mailtls check HOST [options]

Tests the mail server HOST at once: outgoing (SMTP on 25, 465, 587) and incoming
(IMAP on 993, 143; POP3 on 995, 110), and recommends the secure setting for each.

Options:
  --protocols LIST  which of smtp,imap,pop3 to test (default: all three, or those
                  the --ports list names)
  --ports LIST    ports to test, e.g. 25,465,587. A port may carry its mode:
                  2465:implicit, 2587:starttls, 2525:relay (STARTTLS on a
                  server-to-server port, like 25); incoming ports say their
                  protocol: 993:imap-implicit, 143:imap-starttls,
                  995:pop3-implicit, 110:pop3-starttls. Plain 993, 143, 995 and
                  110 are IMAP and POP3; other plain ports are SMTP (465 implicit
                  TLS, 25 relay, others STARTTLS). The app's form works too:
                  "2465 implicit-tls, 2587 starttls".
  --incoming-host HOST  the incoming (IMAP/POP3) server, when it is not HOST
  --imap-host HOST  the IMAP server, when it is not the incoming server
                  (e.g. imap.gmail.com)
  --pop3-host HOST  the POP3 server, when it is not the incoming server
                  (e.g. pop.gmail.com)
  --timeout MS    overall deadline in milliseconds (default 20000)
  --ca FILE       also trust the CA certificate(s) in this PEM file
  --json          print the audit report as JSON (schema mailtls.audit/2)
  --report FILE   also write a self-contained HTML report
  --lang ja|en    language of the output (default: the system locale)

Exit codes: 0 a secure setting was found for each direction tested, 1 not for
every direction, 2 bad usage or input.
`,
  ja: `使い方: mailtls check ホスト [オプション]

メールサーバー（ホスト）の送信（SMTP: 25・465・587 番）と受信（IMAP: 993・143 番、
POP3: 995・110 番）を同時に検査し、それぞれの安全な設定を提案します。

オプション:
  --protocols 一覧  smtp,imap,pop3 のうち検査するもの（既定: 3 つすべて、
                  または --ports に含まれるもの）
  --ports 一覧    検査するポート。例: 25,465,587。モードも指定できます:
                  2465:implicit、2587:starttls、2525:relay（25 番のような
                  サーバー間中継ポートでの STARTTLS）。受信ポートはプロトコルも
                  指定します: 993:imap-implicit、143:imap-starttls、
                  995:pop3-implicit、110:pop3-starttls。モードのない 993・143・
                  995・110 は IMAP・POP3、その他は SMTP（465 は SSL/TLS、25 は中継、
                  その他は STARTTLS）として検査します。アプリと同じ書き方
                  （"2465 implicit-tls, 2587 starttls"）も使えます。
  --incoming-host ホスト  受信（IMAP・POP3）サーバーがホストと異なるときのサーバー名
  --imap-host ホスト  IMAP サーバーが受信サーバーと異なるときのサーバー名
                  （例: imap.gmail.com）
  --pop3-host ホスト  POP3 サーバーが受信サーバーと異なるときのサーバー名
                  （例: pop.gmail.com）
  --timeout ミリ秒  検査全体の制限時間（既定 20000）
  --ca ファイル    この PEM ファイルの CA 証明書も信頼する
  --json          検査結果を JSON（mailtls.audit/2）で出力する
  --report ファイル  HTML の報告書も書き出す
  --lang ja|en    出力の言語（既定はシステムのロケール）

終了コード: 0 検査した送信・受信のそれぞれに安全な設定が見つかった、1 見つから
なかった方向がある、2 使い方か入力の誤り。
`,
};

const words = {
  en: {
    modes: {
      'implicit-tls': 'SSL/TLS (465 style)',
      starttls: 'STARTTLS',
      plain: 'plaintext only',
      unreachable: 'unreachable',
    },
    suggestion: (host: string, names: string) =>
      `The certificate is valid but names ${names}. Use the server name ${host} in your mail program: mailtls check ${host}`,
    trust: (stores: string) => `Trust stores used: ${stores}`,
    header: ['Port', 'Mode', 'TLS', 'Certificate', 'Findings'],
    relay: ' (relay)',
    certOk: (days: number) => `valid, ${days} days left`,
    certBad: 'problem',
    none: '—',
    recommendation: 'Recommendation',
    use: (port: number, security: string) => `use port ${port} with ${security}`,
    nothing: 'no secure setting was found on this server',
    findings: 'Findings',
    fix: 'Fix',
    security: { 'implicit-tls': 'SSL/TLS (implicit TLS)', starttls: 'STARTTLS (set to required)' },
    elapsed: (ms: number, ports: number) => `${ports} ports in ${(ms / 1000).toFixed(2)} s`,
    progress: (event: ProgressEvent) =>
      `${event.protocol ?? 'smtp'} port ${event.port}: ${event.stage} ${event.status}`,
    incomingModes: {
      'implicit-tls': 'SSL/TLS',
      starttls: 'STARTTLS',
      plain: 'plaintext only',
      unreachable: 'unreachable',
    },
    outgoing: 'Outgoing (SMTP)',
    incoming: (host: string) => `Incoming (IMAP, POP3) — ${host}`,
    incomingHeader: ['Port', 'Protocol', 'Mode', 'TLS', 'Certificate', 'Findings'],
    hostColumn: 'Host',
    protocolRecommendation: (protocol: string) => `${protocol} recommendation`,
    protocolRecommendationOn: (protocol: string, host: string) => `${protocol} recommendation (${host})`,
    hostNotTested: (protocol: string) =>
      `--${protocol}-host names the ${protocol.toUpperCase()} server, but ${protocol.toUpperCase()} is not tested (see --protocols and --ports).`,
    incomingNothing: 'no secure setting was found for this protocol',
  },
  ja: {
    modes: {
      'implicit-tls': 'SSL/TLS（465 方式）',
      starttls: 'STARTTLS',
      plain: '平文のみ',
      unreachable: '接続できない',
    },
    suggestion: (host: string, names: string) =>
      `証明書は有効ですが、記載されている名前は ${names} です。メールソフトにはサーバー名 ${host} を入力してください: mailtls check ${host}`,
    trust: (stores: string) => `使用した信頼ストア: ${stores}`,
    header: ['ポート', '方式', 'TLS', '証明書', '指摘事項'],
    relay: '（中継）',
    certOk: (days: number) => `有効（残り ${days} 日）`,
    certBad: '問題あり',
    none: '—',
    recommendation: '推奨設定',
    use: (port: number, security: string) => `ポート ${port} を ${security} で使用`,
    nothing: 'このサーバーでは安全な設定が見つかりませんでした',
    findings: '指摘事項',
    fix: '対処',
    security: { 'implicit-tls': 'SSL/TLS（暗黙の TLS）', starttls: 'STARTTLS（「必須」に設定）' },
    elapsed: (ms: number, ports: number) => `${ports} ポートを ${(ms / 1000).toFixed(2)} 秒で検査`,
    progress: (event: ProgressEvent) =>
      `${event.protocol ?? 'smtp'} ポート ${event.port}: ${event.stage} ${event.status}`,
    incomingModes: {
      'implicit-tls': 'SSL/TLS',
      starttls: 'STARTTLS',
      plain: '平文のみ',
      unreachable: '接続できない',
    },
    outgoing: '送信（SMTP）',
    incoming: (host: string) => `受信（IMAP・POP3）— ${host}`,
    incomingHeader: ['ポート', 'プロトコル', '方式', 'TLS', '証明書', '指摘事項'],
    hostColumn: 'ホスト',
    protocolRecommendation: (protocol: string) => `${protocol} の推奨設定`,
    protocolRecommendationOn: (protocol: string, host: string) => `${protocol} の推奨設定（${host}）`,
    hostNotTested: (protocol: string) =>
      `--${protocol}-host で ${protocol.toUpperCase()} サーバーを指定しましたが、${protocol.toUpperCase()} は検査対象ではありません（--protocols と --ports を確認してください）。`,
    incomingNothing: 'このプロトコルでは安全な設定が見つかりませんでした',
  },
} as const;

type Words = (typeof words)[Language];

function certificateCell(cert: AuditReport['ports'][number]['certificate'], w: Words): string {
  if (!cert) return w.none;
  return cert.trusted && cert.hostnameMatch && cert.daysLeft >= 0 ? w.certOk(cert.daysLeft) : w.certBad;
}

function findingsCell(findings: AuditReport['findings'], w: Words): string {
  return findings.map((f) => `${f.severity}: ${f.id}`).join(', ') || w.none;
}

function recommendationLines(
  label: string,
  rec: AuditReport['recommendation'],
  nothing: string,
  language: Language,
): string[] {
  const w = words[language];
  const lines = [
    `${label}: ${rec.security && rec.port ? w.use(rec.port, w.security[rec.security]) : nothing}`,
  ];
  for (const reason of rec.reasons) lines.push(`  - ${renderReason(reason, language)}`);
  return lines;
}

export function renderHuman(report: AuditReport, language: Language): string {
  const w = words[language];
  const incoming = report.incoming;
  const portCount = report.ports.length + (incoming?.ports.length ?? 0);
  const lines = [`MailTLS — ${report.hostInput} (${w.elapsed(report.elapsedMs, portCount)})`, ''];
  if (report.ports.length > 0 || !incoming) {
    const rows = report.ports.map((port) => {
      const mode = `${portLabel(port, language, w.modes)}${port.relay && port.reachable ? w.relay : ''}`;
      return [
        String(port.port),
        mode,
        port.tls?.version ?? w.none,
        certificateCell(port.certificate, w),
        findingsCell(port.findings, w),
      ];
    });
    if (incoming) lines.push(`${w.outgoing}:`);
    lines.push(renderTable([...w.header], rows), '');
    lines.push(...recommendationLines(w.recommendation, report.recommendation, w.nothing, language));
    if (report.suggestedHost)
      lines.push('', w.suggestion(report.suggestedHost.host, report.suggestedHost.names.join(', ')));
    if (report.trustStores) lines.push(w.trust(report.trustStores.join(', ')));
  }
  if (incoming) {
    if (report.ports.length > 0) lines.push('');
    // One server for both protocols: named once in the title. Several: a host column, and each recommendation names its own.
    const hosts = incomingHosts(incoming);
    const oneHost = hosts.length === 1 ? hosts[0] : undefined;
    lines.push(`${w.incoming(hosts.join(', '))}:`);
    const rows = incoming.ports.map((port) => [
      String(port.port),
      port.protocol.toUpperCase(),
      ...(oneHost ? [] : [incomingPortHost(port, incoming.host)]),
      w.incomingModes[port.mode],
      port.tls?.version ?? w.none,
      certificateCell(port.certificate, w),
      findingsCell(port.findings, w),
    ]);
    const [portHeader = '', protocolHeader = '', ...rest] = w.incomingHeader;
    const header = [portHeader, protocolHeader, ...(oneHost ? [] : [w.hostColumn]), ...rest];
    lines.push(renderTable(header, rows), '');
    for (const protocol of ['imap', 'pop3'] as const) {
      const rec = incoming.recommendations[protocol];
      if (rec) {
        const name = protocol.toUpperCase();
        const label = oneHost ? w.protocolRecommendation(name) : w.protocolRecommendationOn(name, rec.host);
        lines.push(...recommendationLines(label, rec, w.incomingNothing, language));
      }
    }
  }
  const all = [
    ...report.ports.flatMap((p) => p.findings),
    ...report.findings,
    ...(incoming?.ports.flatMap((p) => p.findings) ?? []),
    ...(incoming?.findings ?? []),
  ].sort(bySeverity);
  const software = serverSoftware(report);
  if (all.length > 0) {
    lines.push('', `${w.findings}:`);
    for (const finding of all) {
      const text = findingWords(finding.id, language);
      const where = finding.port === undefined ? '' : ` [${finding.port}]`;
      lines.push(
        `  ${finding.severity.toUpperCase()}${where} ${text.title}${finding.detail ? ` (${finding.detail})` : ''}`,
      );
      lines.push(`    ${w.fix}: ${adminFix(finding.id, language, software)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function writeHtmlReport(file: string, report: AuditReport, language: Language): Promise<void> {
  const { renderHtmlReport } = await import('../../engine/report/index.js');
  const { writeFile } = await import('node:fs/promises');
  try {
    await writeFile(file, renderHtmlReport(report, language).content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UserFacingError('io', {
      en: `Cannot write the report to ${file} (${code}).`,
      ja: `報告書を ${file} に書き込めません（${code}）。`,
    });
  }
}

export const checkCommand: CliCommand = {
  usage,
  async run(args: string[], context: CliContext): Promise<number> {
    const parsed = parseArgs(args, {
      ports: { kind: 'value' },
      protocols: { kind: 'value' },
      'incoming-host': { kind: 'value' },
      'imap-host': { kind: 'value' },
      'pop3-host': { kind: 'value' },
      timeout: { kind: 'value' },
      ca: { kind: 'value' },
      json: { kind: 'flag' },
      report: { kind: 'value' },
    });
    if (parsed.positionals.length !== 1) {
      throw new UsageError({
        en: 'Give exactly one server name, e.g. mailtls check smtp.example.com',
        ja: 'サーバー名を一つ指定してください。例: mailtls check smtp.example.com',
      });
    }
    const host = parsed.positionals[0] ?? '';
    const portsText = parsed.values.get('ports');
    const timeoutText = parsed.values.get('timeout');
    const caFile = parsed.values.get('ca');
    const reportFile = parsed.values.get('report');
    const protocolsText = parsed.values.get('protocols');
    const ownHosts = Object.fromEntries(
      incomingProtocols.flatMap((protocol) => {
        const own = parsed.values.get(`${protocol}-host`);
        return own === undefined ? [] : [[protocol, own]];
      }),
    ) as Partial<Record<IncomingProtocol, string>>;
    const scope = auditScope(
      portsText === undefined ? undefined : readPortList(portsText),
      protocolsText === undefined ? undefined : parseProtocols(protocolsText),
      ownHosts,
    );
    const untested = incomingProtocols.find(
      (protocol) => ownHosts[protocol] !== undefined && !scope.protocols?.includes(protocol),
    );
    if (untested) {
      throw new UsageError({ en: words.en.hostNotTested(untested), ja: words.ja.hostNotTested(untested) });
    }
    const request: AuditRequest = {
      auditId: `cli-${process.pid}`,
      host,
      ...scope,
      incomingHost: parsed.values.get('incoming-host'),
      timeoutMs:
        timeoutText === undefined ? undefined : parseIntegerOption('timeout', timeoutText, 500, 300_000),
      caPem: caFile === undefined ? undefined : readCa(caFile),
    };
    const stderr = context.stderr as NodeJS.WritableStream & { isTTY?: boolean };
    const showProgress = !parsed.flags.has('json') && stderr.isTTY === true;
    const report = await runAudit(request, {
      signal: context.signal,
      onProgress: showProgress
        ? (event) => stderr.write(`\r\x1b[K${words[context.language].progress(event)}`)
        : undefined,
    });
    if (showProgress) stderr.write('\r\x1b[K');
    if (reportFile !== undefined) await writeHtmlReport(reportFile, report, context.language);
    context.stdout.write(
      parsed.flags.has('json')
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderHuman(report, context.language),
    );
    return everyDirectionSecure(report) ? 0 : 1;
  },
};
