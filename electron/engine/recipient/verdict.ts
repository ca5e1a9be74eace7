/**
 * One verdict for a recipient domain, with its reasons in Japanese and English:
 * - no-mail: a null MX, or no mail host at all;
 * - not-encrypted: some MX offers no STARTTLS or fails it (mail may go in plaintext);
 * - unknown: some MX could not be reached on port 25 from here (often OP25B);
 * - enforced: every MX is covered by MTA-STS enforce or DANE and passes it;
 * - downgradable: everything else (encrypted, but nothing stops a stripping attacker).
 */
import type {
  Language,
  RecipientFinding,
  RecipientMx,
  RecipientReport,
  RecipientVerdict,
} from '../../contract.js';
import { recipientFinding } from './catalogue.js';

type Text = Record<Language, string>;

export interface VerdictInput {
  domain: string;
  source: RecipientReport['mxSource'];
  hosts: RecipientMx[];
  stsEnforce: boolean;
  findings: RecipientFinding[];
}

export interface Verdict {
  verdict: RecipientVerdict;
  reasons: Text[];
  findings: RecipientFinding[];
}

const list = (hosts: RecipientMx[]) => hosts.map((h) => h.host).join(', ');

export function judge(input: VerdictInput): Verdict {
  const { domain, hosts } = input;
  if (input.source === 'null-mx')
    return {
      verdict: 'no-mail',
      reasons: [
        {
          en: `${domain} publishes a null MX record: it declares that it accepts no mail.`,
          ja: `${domain} は null MX レコードを公開しており、メールを受け付けないと宣言しています。`,
        },
      ],
      findings: [],
    };
  if (input.source === 'none')
    return {
      verdict: 'no-mail',
      reasons: [
        {
          en: `${domain} has neither MX records nor an address of its own, so mail to it cannot be delivered.`,
          ja: `${domain} には MX レコードもドメイン自体のアドレスもないため、メールを配送できません。`,
        },
      ],
      findings: [recipientFinding('recipient-no-mail-host', { detail: domain })],
    };
  if (input.source === 'lookup-failed')
    return {
      verdict: 'unknown',
      reasons: [
        {
          en: `The mail servers of ${domain} could not be looked up in DNS, so nothing could be tested.`,
          ja: `${domain} のメールサーバーを DNS で調べられなかったため、何も確認できませんでした。`,
        },
      ],
      findings: [],
    };

  const plaintext = hosts.filter((h) => h.transport === 'no-starttls');
  const broken = hosts.filter((h) => h.transport === 'handshake-failed');
  if (plaintext.length > 0 || broken.length > 0) {
    const reasons: Text[] = [];
    if (plaintext.length > 0)
      reasons.push({
        en: `${list(plaintext)} does not offer STARTTLS: mail delivered there travels in plaintext (Gmail shows a red lock).`,
        ja: `${list(plaintext)} は STARTTLS に対応していません。ここへ届くメールは平文で送られます（Gmail では赤い鍵が表示されます）。`,
      });
    if (broken.length > 0)
      reasons.push({
        en: `${list(broken)} offers STARTTLS but it fails: senders usually retry in plaintext.`,
        ja: `${list(broken)} は STARTTLS を提示していますが失敗します。送信サーバーは通常、平文で送り直します。`,
      });
    return { verdict: 'not-encrypted', reasons, findings: [] };
  }

  const unreachable = hosts.filter((h) => h.transport === 'unreachable');
  if (unreachable.length > 0) {
    const all = unreachable.length === hosts.length;
    return {
      verdict: 'unknown',
      reasons: [
        {
          en: `Port 25 of ${list(unreachable)} could not be reached from here, so ${all ? 'nothing' : 'not every mail server'} could be tested. This network may block outgoing port 25 (OP25B); run the check from a network that allows it.`,
          ja: `${list(unreachable)} のポート 25 にここから接続できなかったため、${all ? '何も' : 'すべてのメールサーバーを'}確認できませんでした。このネットワークが外向きのポート 25 を遮断している（OP25B）可能性があります。ポート 25 への接続が許可されたネットワークから確認してください。`,
        },
      ],
      findings: all ? [recipientFinding('recipient-port25-blocked', { detail: list(unreachable) })] : [],
    };
  }

  const versions = [...new Set(hosts.map((h) => h.tls?.version ?? '?'))].join(', ');
  const encrypted: Text = {
    en: `Every mail server (${list(hosts)}) offers STARTTLS and completed the handshake (${versions}).`,
    ja: `すべてのメールサーバー（${list(hosts)}）が STARTTLS に対応し、ハンドシェイクが成功しました（${versions}）。`,
  };
  if (hosts.every((h) => h.passes && h.protectedBy !== null)) {
    const dane = hosts.every((h) => h.protectedBy === 'dane');
    const sts = hosts.every((h) => h.protectedBy === 'mta-sts');
    const how: Text = dane
      ? {
          en: 'DNSSEC-signed TLSA records (DANE) match every server, so DANE-aware senders refuse anything else.',
          ja: 'DNSSEC で署名された TLSA レコード（DANE）がすべてのサーバーと一致するため、DANE 対応の送信サーバーはそれ以外を拒否します。',
        }
      : sts
        ? {
            en: 'An MTA-STS policy in enforce mode covers every server, each with a valid certificate, so senders that follow it never fall back to plaintext.',
            ja: 'enforce モードの MTA-STS ポリシーがすべてのサーバーを対象にし、各サーバーの証明書も有効なため、ポリシーに従う送信サーバーは平文に戻りません。',
          }
        : {
            en: 'Every server is protected by DANE or by an MTA-STS policy in enforce mode, and passes it.',
            ja: 'すべてのサーバーが DANE または enforce モードの MTA-STS で保護され、その確認に通っています。',
          };
    return { verdict: 'enforced', reasons: [encrypted, how], findings: [] };
  }

  const reasons: Text[] = [encrypted];
  const findings: RecipientFinding[] = [];
  const unprotected = hosts.filter((h) => h.protectedBy === null);
  const anyPolicy = input.stsEnforce || hosts.some((h) => h.dane.authenticated);
  if (anyPolicy) {
    reasons.push({
      en: `But ${list(unprotected)} does not pass the domain’s own MTA-STS or DANE policy, so the protection is incomplete.`,
      ja: `ただし ${list(unprotected)} はドメイン自身の MTA-STS または DANE のポリシーを満たしておらず、保護は不完全です。`,
    });
  } else {
    reasons.push({
      en: 'But there is no MTA-STS policy in enforce mode and no DANE: an attacker on the path can hide STARTTLS and senders will quietly send in plaintext.',
      ja: 'ただし enforce モードの MTA-STS も DANE もないため、経路上の攻撃者が STARTTLS を隠すと、送信サーバーは気付かずに平文で送ります。',
    });
    findings.push(recipientFinding('recipient-no-downgrade-protection'));
  }
  const badCertificates = hosts.filter((h) => !h.certificateValid);
  if (badCertificates.length > 0)
    reasons.push({
      en: `The certificate of ${list(badCertificates)} cannot be verified, so the server cannot be told from an impostor.`,
      ja: `${list(badCertificates)} の証明書は検証できないため、本物のサーバーと偽物を区別できません。`,
    });
  return { verdict: 'downgradable', reasons, findings };
}
