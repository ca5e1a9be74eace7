/**
 * `mailtls recipient DOMAIN`: will mail to this domain travel encrypted? The MX
 * hosts on port 25, MTA-STS, TLS-RPT and DANE, one verdict, and a note to send to
 * the recipient's administrator.
 */
import { findingWords } from '../../catalogue/index.js';
import type { Language, RecipientReport, RecipientVerdict } from '../../contract.js';
import { checkRecipient, type RecipientOptions } from '../../engine/recipient/index.js';
import { transportWords, verdictTitles } from '../../engine/recipient/words.js';
import { parseArgs, parseIntegerOption, type ParsedArgs } from '../args.js';
import { UsageError, type CliCommand } from '../context.js';
import { readCa } from '../files.js';

/** 0 enforced; 1 mail may be read or downgraded (or cannot be delivered); 4 not judged from here. */
export const recipientExitCodes: Record<RecipientVerdict, number> = {
  enforced: 0,
  downgradable: 1,
  'not-encrypted': 1,
  'no-mail': 1,
  unknown: 4,
};

export const recipientOptionSpec = {
  'dns-server': { kind: 'value' },
  ca: { kind: 'value' },
  timeout: { kind: 'value' },
  'smtp-port': { kind: 'value' },
  'https-port': { kind: 'value' },
} as const;

/** The engine options from parsed arguments (shared with `mailtls batch`). */
export async function recipientOptions(
  parsed: ParsedArgs,
  signal: AbortSignal,
): Promise<Omit<RecipientOptions, 'signal'> & { signal: AbortSignal }> {
  const value = (name: keyof typeof recipientOptionSpec) => parsed.values.get(name);
  const ca = value('ca');
  const timeout = value('timeout');
  const smtpPort = value('smtp-port');
  const httpsPort = value('https-port');
  return {
    dnsServer: value('dns-server'),
    caPem: ca === undefined ? undefined : readCa(ca),
    timeoutMs: timeout === undefined ? undefined : parseIntegerOption('timeout', timeout, 1000, 300_000),
    smtpPort: smtpPort === undefined ? undefined : parseIntegerOption('smtp-port', smtpPort, 1, 65535),
    httpsPort: httpsPort === undefined ? undefined : parseIntegerOption('https-port', httpsPort, 1, 65535),
    signal,
  };
}

export function renderRecipient(report: RecipientReport, language: Language): string {
  const ja = language === 'ja';
  const none = ja ? '（なし）' : '(none)';
  const out: string[] = [
    ja ? `${report.domain} 宛のメールの暗号化` : `Encryption of mail to ${report.domain}`,
    '',
    `${ja ? '判定' : 'Verdict'}: ${verdictTitles[report.verdict][language]} (${report.verdict})`,
    ...report.reasons.map((r) => `  - ${r[language]}`),
    '',
    'MX:',
  ];
  if (report.hosts.length === 0) out.push(`  ${none}`);
  for (const h of report.hosts) {
    const parts = [transportWords[h.transport][language]];
    if (h.tls) parts.push(h.tls.version);
    if (h.certificate)
      parts.push(
        h.certificateValid
          ? ja
            ? '証明書 有効'
            : 'certificate valid'
          : `${ja ? '証明書 検証不可' : 'certificate not verifiable'}`,
      );
    if (h.dane.result !== 'none')
      parts.push(`DANE ${h.dane.result}${h.dane.authenticated ? '' : ja ? '（未検証）' : ' (unvalidated)'}`);
    out.push(`  ${h.priority} ${h.host}${h.address ? ` [${h.address}]` : ''}: ${parts.join(', ')}`);
  }
  out.push(
    `MTA-STS: ${report.mtaSts.txt ?? none}${report.mtaSts.mode ? ` mode=${report.mtaSts.mode} max_age=${report.mtaSts.maxAge ?? '-'} mx=${report.mtaSts.mx.join(' ')}` : ''}`,
    `TLS-RPT: ${report.tlsRpt.record ?? none}`,
    '',
    ja ? '指摘事項:' : 'Findings:',
  );
  if (report.findings.length === 0) out.push(ja ? '  ありません。' : '  None.');
  for (const f of report.findings) {
    const words = findingWords(f.id, language);
    out.push(
      `  [${f.severity}] ${words.title} (${f.id}${f.host ? `, ${f.host}` : ''})${f.detail ? `: ${f.detail}` : ''}`,
    );
    out.push(`      ${words.explanation}`, `      → ${words.fixAdmin}`);
  }
  out.push(
    '',
    ja ? '受信側の管理者に送る文面:' : 'A note for the recipient’s administrator:',
    '',
    ...(report.adminMessage[language] ?? '').split('\n').map((line) => `  ${line}`),
  );
  return `${out.join('\n')}\n`;
}

export const recipientCommand: CliCommand = {
  usage: {
    en: `Usage: mailtls recipient DOMAIN [--json] [--dns-server IP:PORT] [--ca FILE] [--timeout MS]

Checks whether mail sent to DOMAIN travels encrypted: every MX is tested on port 25
as a sending server would (STARTTLS, handshake, certificate, injection), and the
domain's MTA-STS policy, TLS-RPT record and DANE (TLSA) records are read. Prints
one verdict (enforced, downgradable, not-encrypted, unknown, no-mail), the
findings, and a note you can send to the recipient's administrator. Port 25 is
blocked on many home and mobile networks (OP25B): then the verdict is unknown.

  --json                print the report as JSON (schema mailtls.recipient/1)
  --dns-server IP:PORT  ask this DNS server instead of the system's; DANE counts
                        only when it is a validating resolver on this machine
  --ca FILE             also trust this CA certificate (PEM)
  --timeout MS          deadline for the whole check (default 30000)
  --smtp-port N         for testing only: connect to port N instead of 25
  --https-port N        for testing only: fetch the MTA-STS policy from port N

Exit status: 0 enforced, 1 downgradable, not encrypted or no mail, 2 bad input,
4 unknown (port 25 unreachable from here).
`,
    ja: `使い方: mailtls recipient ドメイン [--json] [--dns-server IP:ポート] [--ca ファイル] [--timeout ミリ秒]

ドメイン宛のメールが暗号化されて届くかを確認します。すべての MX のポート 25 を
送信サーバーと同じ手順（STARTTLS、ハンドシェイク、証明書、コマンド挿入）で調べ、
ドメインの MTA-STS ポリシー・TLS-RPT・DANE（TLSA）を読み取ります。判定
（enforced・downgradable・not-encrypted・unknown・no-mail）、指摘事項、受信側の
管理者に送れる文面を表示します。家庭用やモバイル回線の多くはポート 25 を遮断して
いる（OP25B）ため、その場合の判定は unknown になります。

  --json                結果を JSON（スキーマ mailtls.recipient/1）で出力します
  --dns-server IP:ポート  システムの代わりにこの DNS サーバーに問い合わせます。DANE は
                        このマシン上の検証リゾルバーの場合だけ評価します
  --ca ファイル          この CA 証明書（PEM）も信頼します
  --timeout ミリ秒       確認全体の制限時間（既定 30000）
  --smtp-port 番号       テスト専用: 25 の代わりにこのポートに接続します
  --https-port 番号      テスト専用: MTA-STS ポリシーをこのポートから取得します

終了コード: 0 enforced、1 downgradable・not-encrypted・no-mail、2 入力の誤り、
4 unknown（ここからポート 25 に接続できない）
`,
  },
  async run(args, context) {
    const parsed = parseArgs(args, { json: { kind: 'flag' }, ...recipientOptionSpec });
    const [domain, ...extra] = parsed.positionals;
    if (domain === undefined || extra.length > 0) {
      throw new UsageError({
        en: 'Give exactly one domain, e.g. mailtls recipient example.co.jp',
        ja: 'ドメインを 1 つ指定してください。例: mailtls recipient example.co.jp',
      });
    }
    const report = await checkRecipient(domain, await recipientOptions(parsed, context.signal));
    context.stdout.write(
      parsed.flags.has('json')
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderRecipient(report, context.language),
    );
    return recipientExitCodes[report.verdict];
  },
};
