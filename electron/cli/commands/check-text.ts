/**
 * What `mailtls check` prints for a person: the ports as a table, the recommendation
 * with its reasons, and every finding with its fix, in the user's language. Loaded
 * only without `--json`, so a scripted check never loads the finding catalogue.
 */
import type { AuditReport, Language, ProgressEvent } from '../../contract.js';
import { adminFix, bySeverity, findingWords, renderReason, serverSoftware } from '../../catalogue/index.js';
import { incomingHosts, incomingPortHost } from '../../engine/access/advise.js';
import { portLabel } from '../../engine/probe/outcome.js';
import { renderTable } from '../table.js';

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

/** The progress line shown on a terminal while the audit runs. */
export function progressLine(event: ProgressEvent, language: Language): string {
  return words[language].progress(event);
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
