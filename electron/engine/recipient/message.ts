/**
 * The note a user can send to the recipient's mail administrator: what the check
 * found and what to enable (STARTTLS with a valid certificate, MTA-STS, TLS-RPT).
 * Plain text, short, in both languages; it names no private detail of the user.
 */
import { findingWords } from '../../catalogue/index.js';
import type { Language, RecipientReport } from '../../contract.js';
import { verdictTitles } from './words.js';

type Text = Record<Language, string>;

const requests = {
  starttls: {
    en: 'STARTTLS on port 25 of every MX, with a certificate from a public authority that names the MX host and is renewed automatically',
    ja: 'すべての MX のポート 25 で STARTTLS を有効にし、MX のホスト名を含む公的な認証局の証明書を自動更新で設定する',
  },
  mtaSts: {
    en: 'MTA-STS (RFC 8461): a _mta-sts TXT record and a policy at https://mta-sts.DOMAIN/.well-known/mta-sts.txt listing every MX, first in testing mode, then enforce',
    ja: 'MTA-STS（RFC 8461）: _mta-sts の TXT レコードと、すべての MX を記載したポリシーを https://mta-sts.DOMAIN/.well-known/mta-sts.txt に公開する（まず testing、その後 enforce）',
  },
  tlsRpt: {
    en: 'TLS-RPT (RFC 8460): a _smtp._tls TXT record, so that senders report failed encrypted deliveries to you',
    ja: 'TLS-RPT（RFC 8460）: _smtp._tls の TXT レコードを公開し、暗号化配送の失敗を送信側から報告してもらう',
  },
} satisfies Record<string, Text>;

export function adminMessage(report: RecipientReport, checkedAt: Date): Text {
  const date = checkedAt.toISOString().slice(0, 10);
  const found = report.findings.filter(
    (f) => f.severity !== 'info' && !f.id.startsWith('dns-') && f.id !== 'recipient-port25-blocked',
  );
  const asks: Text[] = [];
  // A DANE-matched MX needs no certificate from a public authority (RFC 7672 §3.1.1).
  const transportProblem = report.hosts.some(
    (h) => h.transport !== 'encrypted' || (!h.certificateValid && h.protectedBy !== 'dane'),
  );
  if (transportProblem && report.verdict !== 'unknown') asks.push(requests.starttls);
  if (report.mtaSts.mode !== 'enforce' && !report.hosts.some((h) => h.protectedBy === 'dane'))
    asks.push({
      en: requests.mtaSts.en.replace('DOMAIN', report.domain),
      ja: requests.mtaSts.ja.replace('DOMAIN', report.domain),
    });
  if (report.tlsRpt.record === null) asks.push(requests.tlsRpt);

  const compose = (language: Language): string => {
    const ja = language === 'ja';
    const lines: string[] = [
      ja ? 'メール管理者様' : 'Hello,',
      '',
      ja
        ? `${report.domain} 宛のメールが経路上で暗号化されるかを確認しました（${date}、MailTLS の受信側チェック）。`
        : `I checked whether mail to ${report.domain} is encrypted on its way to your servers (${date}, MailTLS recipient check).`,
      '',
      ja ? `結果: ${verdictTitles[report.verdict].ja}` : `Result: ${verdictTitles[report.verdict].en}`,
    ];
    if (found.length > 0) {
      lines.push('', ja ? '見つかった点:' : 'What I found:');
      for (const f of found)
        lines.push(`- ${f.host ? `${f.host}: ` : ''}${findingWords(f.id, language).title}`);
    }
    if (asks.length > 0) {
      lines.push(
        '',
        ja ? '以下の対応をご検討いただけますでしょうか:' : 'Could you please consider enabling:',
      );
      for (const ask of asks) lines.push(`- ${ask[language]}`);
    } else {
      lines.push(
        '',
        ja
          ? '特にお願いすることはありません。ありがとうございます。'
          : 'Nothing to ask: thank you for keeping it this way.',
      );
    }
    lines.push('', ja ? 'よろしくお願いいたします。' : 'Thank you.');
    return lines.join('\n');
  };
  return { en: compose('en'), ja: compose('ja') };
}
