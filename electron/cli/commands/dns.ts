import { findingWords } from '../../catalogue/index.js';
import type { DnsPosture, Language } from '../../contract.js';
import { checkDnsPosture } from '../../engine/dns/index.js';
import { parseArgs, parseIntegerOption } from '../args.js';
import { UsageError, type CliCommand } from '../context.js';
import { readCa } from '../files.js';

const statusMark = { met: '✓', 'not-met': '✗', unknown: '?' } as const;

function render(posture: DnsPosture, language: Language): string {
  const ja = language === 'ja';
  const none = ja ? '（なし）' : '(none)';
  const out: string[] = [
    ja ? `ドメイン ${posture.domain} のメールセキュリティ` : `Mail security of ${posture.domain}`,
    '',
  ];
  out.push(`MX: ${posture.mx.map((m) => `${m.priority} ${m.exchange}`).join(', ') || none}`);
  out.push(`SPF: ${posture.spf.records.join(' | ') || none}${spfCounts(posture.spf, ja)}`);
  out.push(...spfCheckLines(posture, language));
  out.push(`DMARC: ${posture.dmarc.record ?? none}`);
  const { dmarc } = posture;
  if (dmarc.record !== null) {
    const tags = [
      `p=${dmarc.policy ?? '-'}`,
      `sp=${dmarc.subdomainPolicy ?? dmarc.policy ?? '-'}`,
      `pct=${dmarc.pct ?? 100}`,
      `adkim=${dmarc.adkim ?? 'r'}`,
      `aspf=${dmarc.aspf ?? 'r'}`,
    ];
    out.push(`  ${ja ? '適用されるタグ' : 'in effect'}: ${tags.join(' ')}`);
  }
  out.push(`DKIM: ${posture.dkim.map((k) => `${k.selector} (${k.keyBits ?? '-'} bits)`).join(', ') || none}`);
  out.push(
    `MTA-STS: ${posture.mtaSts.txt ?? none}${posture.mtaSts.mode ? ` mode=${posture.mtaSts.mode}` : ''}`,
  );
  out.push(`TLS-RPT: ${posture.tlsRpt.record ?? none}`);
  out.push(
    '',
    ja
      ? 'Gmail・Yahoo の送信者要件（2024 年 2 月〜）:'
      : 'Gmail/Yahoo sender requirements (since February 2024):',
  );
  for (const r of posture.senderRequirements) out.push(`  ${statusMark[r.status]} ${r.label[language]}`);
  out.push('', ja ? '指摘事項:' : 'Findings:');
  if (posture.findings.length === 0) out.push(ja ? '  ありません。' : '  None.');
  for (const f of posture.findings) {
    const words = findingWords(f.id, language);
    out.push(`  [${f.severity}] ${words.title} (${f.id})${f.detail ? `: ${f.detail}` : ''}`);
    out.push(`      ${words.explanation}`);
    out.push(`      → ${words.fixAdmin}`);
  }
  return `${out.join('\n')}\n`;
}

/** How many lookups a receiver makes for the record, and how many of them found nothing. */
function spfCounts({ lookups, voidLookups }: DnsPosture['spf'], ja: boolean): string {
  if (lookups === null) return '';
  const voids = voidLookups ?? 0;
  return ja
    ? `（DNS 参照 ${lookups} 回、うち該当なし ${voids} 回）`
    : ` (${lookups} DNS lookups, ${voids} of them void)`;
}

/** SPF's answer for one client address, with "guess" said when the address was not given. */
function spfCheckLines(posture: DnsPosture, language: Language): string[] {
  const { check } = posture.spf;
  if (check === null) return [];
  const ja = language === 'ja';
  const guess =
    check.guessedFrom === null
      ? ''
      : ja
        ? `（推測: 送信サーバー ${check.guessedFrom} のアドレス）`
        : ` (a guess: the address of the submission server ${check.guessedFrom})`;
  const by = check.matched
    ? `${check.matched.term}${check.matched.domain === posture.domain ? '' : ` @ ${check.matched.domain}`}`
    : null;
  const lines = [
    ja
      ? `  ${check.ip} からのメール: SPF ${check.result}${by ? `（${by}）` : ''}${guess}`
      : `  Mail from ${check.ip}: SPF ${check.result}${by ? ` (${by})` : ''}${guess}`,
  ];
  if (check.explanation) lines.push(`  ${ja ? '説明' : 'explanation'}: ${check.explanation}`);
  return lines;
}

export const dnsCommand: CliCommand = {
  usage: {
    en: `Usage: mailtls dns DOMAIN [--json] [--ip ADDRESS] [--dns-server IP:PORT] [--dkim-selector S] [--ca FILE] [--timeout MS]

Reads the domain's public mail-security records (MX, SPF, DMARC, DKIM, MTA-STS
with its policy file, TLS-RPT) and compares them with the sender requirements
Gmail and Yahoo enforce since February 2024.

  --json              print the posture as JSON (schema mailtls.dns/2)
  --ip ADDRESS        also answer whether mail from this address passes SPF,
                      evaluated as receivers do (RFC 7208 check_host())
  --dns-server IP:PORT  ask this DNS server instead of the system's
  --dkim-selector S   the DKIM selector (s= in a DKIM-Signature header); without
                      it, google, selector1, selector2, default and k1 are tried
  --ca FILE           also trust this CA certificate (PEM) for the MTA-STS policy
  --timeout MS        deadline per lookup (default 5000)

Exit status: 0 nothing serious, 1 a critical or high finding or an incomplete
check (DNS failures), 2 bad input.
`,
    ja: `使い方: mailtls dns ドメイン [--json] [--ip アドレス] [--dns-server IP:ポート] [--dkim-selector セレクター] [--ca ファイル] [--timeout ミリ秒]

ドメインの公開されたメールセキュリティ設定（MX・SPF・DMARC・DKIM・MTA-STS とその
ポリシーファイル・TLS-RPT）を読み取り、2024 年 2 月から Gmail と Yahoo が求めている
送信者要件と照らし合わせます。

  --json              結果を JSON（スキーマ mailtls.dns/2）で出力します
  --ip アドレス        このアドレスから送ったメールが SPF に合格するかも、受信側と
                      同じ方法（RFC 7208 の check_host()）で評価します
  --dns-server IP:ポート  システムの代わりにこの DNS サーバーに問い合わせます
  --dkim-selector セレクター  DKIM のセレクター（DKIM-Signature ヘッダーの s=）。
                      省略時は google・selector1・selector2・default・k1 を試します
  --ca ファイル        MTA-STS ポリシーの取得時にこの CA 証明書（PEM）も信頼します
  --timeout ミリ秒     問い合わせごとの制限時間（既定 5000）

終了コード: 0 重大な問題なし、1 重大（critical/high）な指摘あり、または DNS の失敗で
確認が完了しなかった、2 入力の誤り
`,
  },
  async run(args, context) {
    const parsed = parseArgs(args, {
      json: { kind: 'flag' },
      ip: { kind: 'value' },
      'dns-server': { kind: 'value' },
      'dkim-selector': { kind: 'value' },
      ca: { kind: 'value' },
      timeout: { kind: 'value' },
    });
    const [domain, ...extra] = parsed.positionals;
    if (domain === undefined || extra.length > 0) {
      throw new UsageError({
        en: 'Give exactly one domain, e.g. mailtls dns example.com',
        ja: 'ドメインを 1 つ指定してください。例: mailtls dns example.com',
      });
    }
    const timeout = parsed.values.get('timeout');
    const ca = parsed.values.get('ca');
    const posture = await checkDnsPosture(domain, {
      dnsServer: parsed.values.get('dns-server'),
      dkimSelector: parsed.values.get('dkim-selector'),
      ip: parsed.values.get('ip'),
      caPem: ca === undefined ? undefined : readCa(ca),
      timeoutMs: timeout === undefined ? undefined : parseIntegerOption('timeout', timeout, 100, 60_000),
      signal: context.signal,
    });
    context.stdout.write(
      parsed.flags.has('json') ? `${JSON.stringify(posture, null, 2)}\n` : render(posture, context.language),
    );
    // A check that could not finish is no all-clear either.
    const incomplete = posture.findings.some((f) => f.id.startsWith('dns-'));
    return incomplete || posture.findings.some((f) => f.severity === 'critical' || f.severity === 'high')
      ? 1
      : 0;
  },
};
