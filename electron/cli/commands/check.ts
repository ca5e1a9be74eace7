/**
 * `mailtls check HOST`: the audit from a terminal. Human output is a table of the
 * ports and the recommendation with its reasons; `--json` prints exactly the
 * AuditReport and nothing else on stdout.
 */
import { readFile } from 'node:fs/promises';
import type { AuditReport, Language, PortSpec, ProgressEvent } from '../../contract.js';
import { runAudit } from '../../engine/audit.js';
import { UserFacingError } from '../../engine/errors.js';
import { findingTexts, renderReason } from '../../engine/findings-text.js';
import { severityRank } from '../../engine/findings.js';
import { portLabel } from '../../engine/probe/outcome.js';
import { parseArgs, parseIntegerOption } from '../args.js';
import { UsageError, type CliCommand, type CliContext } from '../context.js';
import { renderTable } from '../table.js';

const usage: Record<Language, string> = {
  en: `Usage: mailtls check HOST [options]

Tests the outgoing mail server HOST on ports 25, 465 and 587 at once and
recommends the secure setting.

Options:
  --ports LIST    ports to test, e.g. 25,465,587 (default). A port may carry its
                  mode: 2465:implicit, 2587:starttls, 2525:relay (STARTTLS on a
                  server-to-server port, like 25). Default: 465 implicit TLS,
                  25 relay, others STARTTLS.
  --timeout MS    overall deadline in milliseconds (default 20000)
  --ca FILE       also trust the CA certificate(s) in this PEM file
  --json          print the audit report as JSON (schema mailtls.audit/1)
  --report FILE   also write a self-contained HTML report
  --lang ja|en    language of the output (default: the system locale)

Exit codes: 0 a secure setting was found, 1 none was found, 2 bad usage or input.
`,
  ja: `使い方: mailtls check ホスト [オプション]

送信メールサーバー（ホスト）のポート 25・465・587 を同時に検査し、
安全な設定を提案します。

オプション:
  --ports 一覧    検査するポート。例: 25,465,587（既定）。モードも指定できます:
                  2465:implicit、2587:starttls、2525:relay（25 番のような
                  サーバー間中継ポートでの STARTTLS）。既定では 465 は SSL/TLS、
                  25 は中継、その他は STARTTLS として検査します。
  --timeout ミリ秒  検査全体の制限時間（既定 20000）
  --ca ファイル    この PEM ファイルの CA 証明書も信頼する
  --json          検査結果を JSON（mailtls.audit/1）で出力する
  --report ファイル  HTML の報告書も書き出す
  --lang ja|en    出力の言語（既定はシステムのロケール）

終了コード: 0 安全な設定が見つかった、1 見つからなかった、2 使い方か入力の誤り。
`,
};

const modeAliases: Record<string, Pick<PortSpec, 'mode' | 'relay'>> = {
  implicit: { mode: 'implicit-tls' },
  'implicit-tls': { mode: 'implicit-tls' },
  smtps: { mode: 'implicit-tls' },
  starttls: { mode: 'starttls', relay: false },
  relay: { mode: 'starttls', relay: true },
};

export function parsePorts(raw: string): PortSpec[] {
  return raw.split(',').map((item) => {
    const [portText = '', modeText] = item.trim().split(':');
    const port = parseIntegerOption('ports', portText, 1, 65535);
    if (modeText === undefined) return { port };
    const mode = modeAliases[modeText.toLowerCase()];
    if (!mode) {
      throw new UsageError({
        en: `Unknown mode "${modeText}" for port ${port}: use implicit, starttls or relay.`,
        ja: `ポート ${port} のモード「${modeText}」は不明です。implicit、starttls、relay のいずれかを指定してください。`,
      });
    }
    return { port, ...mode };
  });
}

export async function readCa(file: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UserFacingError('invalid-input', {
      en: `Cannot read the CA file ${file} (${code}).`,
      ja: `CA ファイル ${file} を読めません（${code}）。`,
    });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new UserFacingError('invalid-input', {
      en: `${file} contains no PEM certificate (-----BEGIN CERTIFICATE-----).`,
      ja: `${file} に PEM 形式の証明書（-----BEGIN CERTIFICATE-----）が含まれていません。`,
    });
  }
  return pem;
}

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
    progress: (event: ProgressEvent) => `port ${event.port}: ${event.stage} ${event.status}`,
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
    progress: (event: ProgressEvent) => `ポート ${event.port}: ${event.stage} ${event.status}`,
  },
} as const;

export function renderHuman(report: AuditReport, language: Language): string {
  const w = words[language];
  const rows = report.ports.map((port) => {
    const cert = port.certificate;
    const certificate = !cert
      ? w.none
      : cert.trusted && cert.hostnameMatch && cert.daysLeft >= 0
        ? w.certOk(cert.daysLeft)
        : w.certBad;
    const findings = port.findings.map((f) => `${f.severity}: ${f.id}`).join(', ') || w.none;
    const mode = `${portLabel(port, language, w.modes)}${port.relay && port.reachable ? w.relay : ''}`;
    return [String(port.port), mode, port.tls?.version ?? w.none, certificate, findings];
  });
  const lines = [`MailTLS — ${report.hostInput} (${w.elapsed(report.elapsedMs, report.ports.length)})`, ''];
  lines.push(renderTable([...w.header], rows), '');
  const rec = report.recommendation;
  lines.push(
    `${w.recommendation}: ${rec.security && rec.port ? w.use(rec.port, w.security[rec.security]) : w.nothing}`,
  );
  for (const reason of rec.reasons) lines.push(`  - ${renderReason(reason, language)}`);
  if (report.suggestedHost)
    lines.push('', w.suggestion(report.suggestedHost.host, report.suggestedHost.names.join(', ')));
  if (report.trustStores) lines.push(w.trust(report.trustStores.join(', ')));
  const all = [...report.ports.flatMap((p) => p.findings), ...report.findings].sort(
    (a, b) => severityRank[b.severity] - severityRank[a.severity],
  );
  if (all.length > 0) {
    lines.push('', `${w.findings}:`);
    for (const finding of all) {
      const text = findingTexts[finding.id][language];
      const where = finding.port === undefined ? '' : ` [${finding.port}]`;
      lines.push(
        `  ${finding.severity.toUpperCase()}${where} ${text.title}${finding.detail ? ` (${finding.detail})` : ''}`,
      );
      lines.push(`    ${w.fix}: ${text.fixAdmin}`);
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
    const request = {
      auditId: `cli-${process.pid}`,
      host,
      ports: portsText === undefined ? undefined : parsePorts(portsText),
      timeoutMs:
        timeoutText === undefined ? undefined : parseIntegerOption('timeout', timeoutText, 500, 300_000),
      caPem: caFile === undefined ? undefined : await readCa(caFile),
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
    return report.recommendation.security === null ? 1 : 0;
  },
};
