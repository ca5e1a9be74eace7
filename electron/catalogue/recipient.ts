/**
 * The recipient-check findings' words (issue 18), for every id of the contract's
 * `recipientFindingIds` (ratings.ts rates them; index.ts joins the two). Their fix
 * is for the recipient's administrator, so they carry no fix for the user. The
 * check also reports the domain-health ids it shares with `mailtls dns`.
 */
import type { RecipientFindingId } from '../contract.js';
import type { FindingTexts } from './types.js';

export const recipientWords: Record<RecipientFindingId, FindingTexts> = {
  'recipient-starttls-missing': {
    en: {
      title: 'A mail server of the recipient does not offer STARTTLS',
      explanation:
        'This MX did not list STARTTLS after EHLO on port 25. Mail handed to it travels in plaintext, and anyone on the way can read it. Gmail shows such messages with a red open lock.',
      fixAdmin:
        'Ask the recipient’s administrator to enable STARTTLS on every MX with a valid certificate for the MX name.',
    },
    ja: {
      title: '受信側のメールサーバーが STARTTLS に対応していません',
      explanation:
        'この MX はポート 25 の EHLO の応答に STARTTLS を含めませんでした。このサーバーへのメールは暗号化されずに届き、経路上の誰でも読めます。Gmail ではこうしたメールに赤い鍵のアイコンが付きます。',
      fixAdmin:
        '受信側の管理者に、すべての MX で STARTTLS を有効にし、MX 名に合った有効な証明書を設定するよう依頼してください。',
    },
  },
  'recipient-starttls-failed': {
    en: {
      title: 'STARTTLS is offered but does not work',
      explanation:
        'The MX listed STARTTLS but refused the command or the TLS handshake failed. Most sending servers then retry in plaintext, so mail may arrive unencrypted.',
      fixAdmin:
        'Ask the administrator to check the TLS setup of the MX (certificate and key files, TLS 1.2 or later).',
    },
    ja: {
      title: 'STARTTLS が提示されていますが、実際には使えません',
      explanation:
        'MX は STARTTLS を提示しましたが、コマンドを拒否したか TLS のハンドシェイクが失敗しました。多くの送信サーバーはその後暗号化なしで送り直すため、メールが平文で届くおそれがあります。',
      fixAdmin:
        '管理者に MX の TLS 設定（証明書と鍵のファイル、TLS 1.2 以上）を確認するよう依頼してください。',
    },
  },
  'recipient-mx-unreachable': {
    en: {
      title: 'Port 25 of this mail server could not be reached from here',
      explanation:
        'No SMTP conversation took place on port 25, so its encryption could not be tested. Many internet providers block outgoing port 25 (OP25B); the server itself may be fine.',
      fixAdmin:
        'Run the check again from a network that allows outgoing connections to port 25 (a server or a data-centre network).',
    },
    ja: {
      title: 'このメールサーバーのポート 25 にここから接続できませんでした',
      explanation:
        'ポート 25 で SMTP のやり取りができなかったため、暗号化を確認できませんでした。多くのプロバイダーは外向きのポート 25 を遮断しています（OP25B）。サーバー自体には問題がない可能性があります。',
      fixAdmin:
        '外向きのポート 25 への接続が許可されたネットワーク（サーバーやデータセンターの回線など）から再度確認してください。',
    },
  },
  'recipient-port25-blocked': {
    en: {
      title: 'No mail server of the domain answered on port 25',
      explanation:
        'When every MX is silent, the likeliest cause is that this network blocks outgoing port 25 (OP25B, common on home and mobile lines). The result is therefore unknown, not bad.',
      fixAdmin: 'Run `mailtls recipient` from a network that allows outgoing port 25, such as a server.',
    },
    ja: {
      title: 'このドメインのどのメールサーバーもポート 25 で応答しませんでした',
      explanation:
        'すべての MX が応答しない場合、このネットワークが外向きのポート 25 を遮断している（OP25B。家庭用やモバイル回線で一般的）可能性が最も高く、結果は「不明」です（問題があるという意味ではありません）。',
      fixAdmin:
        'サーバーなど、外向きのポート 25 が許可されたネットワークで `mailtls recipient` を実行してください。',
    },
  },
  'recipient-mx-no-address': {
    en: {
      title: 'An MX name has no address',
      explanation:
        'The MX record points to a name without an IPv4 or IPv6 address, so no sender can deliver to it.',
      fixAdmin: 'Ask the administrator to fix the MX record or give the name an address.',
    },
    ja: {
      title: 'MX の名前にアドレスがありません',
      explanation:
        'MX レコードが IPv4・IPv6 アドレスのない名前を指しているため、どの送信サーバーもそこへは配送できません。',
      fixAdmin: '管理者に MX レコードを修正するか、その名前にアドレスを設定するよう依頼してください。',
    },
  },
  'recipient-no-mail-host': {
    en: {
      title: 'The domain has no mail server',
      explanation:
        'There is no MX record and the domain name itself has no address, so mail to this domain cannot be delivered at all.',
      fixAdmin:
        'Check the spelling of the address. If it is right, the recipient’s administrator must publish MX records.',
    },
    ja: {
      title: 'このドメインにはメールサーバーがありません',
      explanation:
        'MX レコードがなく、ドメイン名自体にもアドレスがないため、このドメイン宛のメールは配送できません。',
      fixAdmin:
        'アドレスの綴りを確認してください。正しい場合は、受信側の管理者が MX レコードを公開する必要があります。',
    },
  },
  'recipient-cert-untrusted': {
    en: {
      title: 'The MX certificate is not issued by a trusted authority',
      explanation:
        'Ordinary senders still encrypt, but they cannot tell this server from an impostor, and senders that follow MTA-STS refuse to deliver to it.',
      fixAdmin:
        'Ask the administrator to install a certificate from a public authority (for example Let’s Encrypt) with the full chain.',
    },
    ja: {
      title: 'MX の証明書が信頼された認証局から発行されていません',
      explanation:
        '通常の送信サーバーは暗号化はしますが、本物のサーバーと偽物を区別できません。MTA-STS に従う送信サーバーはこのサーバーへの配送を拒否します。',
      fixAdmin:
        '管理者に、公的な認証局（Let’s Encrypt など）の証明書を中間証明書も含めて設定するよう依頼してください。',
    },
  },
  'recipient-cert-hostname-mismatch': {
    en: {
      title: 'The MX certificate is for another name',
      explanation:
        'The certificate does not name this MX host. Senders that verify certificates (MTA-STS) will not deliver here.',
      fixAdmin: 'Ask the administrator for a certificate that lists the MX host name.',
    },
    ja: {
      title: 'MX の証明書が別の名前のものです',
      explanation:
        '証明書にこの MX のホスト名が含まれていません。証明書を検証する送信サーバー（MTA-STS）はここへ配送しません。',
      fixAdmin: '管理者に、MX のホスト名を含む証明書を設定するよう依頼してください。',
    },
  },
  'recipient-cert-expired': {
    en: {
      title: 'The MX certificate is expired or not yet valid',
      explanation:
        'The certificate is outside its validity dates. Mail may still be encrypted, but it cannot be verified, and senders that follow MTA-STS will not deliver here.',
      fixAdmin: 'Ask the administrator to renew the certificate and to automate renewal.',
    },
    ja: {
      title: 'MX の証明書の有効期限が切れているか、まだ有効になっていません',
      explanation:
        '証明書が有効期間外です。暗号化はされても検証はできず、MTA-STS に従う送信サーバーはここへ配送しません。',
      fixAdmin: '管理者に証明書を更新し、更新を自動化するよう依頼してください。',
    },
  },
  'recipient-starttls-injection': {
    en: {
      title: 'The MX runs commands injected before STARTTLS',
      explanation:
        'The server answered, inside TLS, a command that was sent in plaintext together with STARTTLS (the CVE-2011-0411 class). An attacker on the way could act inside the encrypted session.',
      fixAdmin:
        'Ask the administrator to update the mail server software; fixed versions discard plaintext input at STARTTLS.',
    },
    ja: {
      title: 'MX が STARTTLS の前に挿入されたコマンドを実行します',
      explanation:
        'STARTTLS と一緒に平文で送ったコマンドに、サーバーが TLS の中で応答しました（CVE-2011-0411 と同種）。経路上の攻撃者が暗号化された通信の中で操作できるおそれがあります。',
      fixAdmin:
        '管理者にメールサーバーのソフトウェアを更新するよう依頼してください。修正版は STARTTLS の時点で平文の入力を破棄します。',
    },
  },
  'recipient-no-downgrade-protection': {
    en: {
      title: 'Nothing stops an attacker from removing the encryption',
      explanation:
        'STARTTLS works, but the domain publishes neither an MTA-STS policy in enforce mode nor DNSSEC-signed DANE records. Someone on the path can hide STARTTLS and make senders fall back to plaintext without anyone noticing.',
      fixAdmin:
        'Ask the administrator to publish MTA-STS (first in testing mode, then enforce) and TLS-RPT, or DANE with DNSSEC.',
    },
    ja: {
      title: '攻撃者による暗号化の解除を防ぐ仕組みがありません',
      explanation:
        'STARTTLS は機能していますが、enforce モードの MTA-STS ポリシーも DNSSEC で署名された DANE レコードも公開されていません。経路上の攻撃者が STARTTLS を隠すと、送信サーバーは気付かないまま平文で送ってしまいます。',
      fixAdmin:
        '管理者に MTA-STS（まず testing モード、その後 enforce）と TLS-RPT、または DNSSEC を使った DANE を公開するよう依頼してください。',
    },
  },
  'recipient-policy-mx-fails': {
    en: {
      title: 'An MX fails the domain’s own policy',
      explanation:
        'The domain asks senders to insist on verified TLS (MTA-STS enforce or DANE), but this MX does not pass that check. Senders that honour the policy will not deliver to it, so mail is delayed or bounced.',
      fixAdmin:
        'Ask the administrator to fix this MX (certificate, MTA-STS mx pattern or TLSA record) or to switch the policy to testing until it is fixed.',
    },
    ja: {
      title: 'MX がドメイン自身のポリシーを満たしていません',
      explanation:
        'ドメインは検証済みの TLS を必須とするよう求めています（MTA-STS enforce または DANE）が、この MX はその確認に通りません。ポリシーに従う送信サーバーはここへ配送しないため、メールが遅延したり返送されたりします。',
      fixAdmin:
        '管理者にこの MX（証明書、MTA-STS の mx パターン、TLSA レコード）を修正するか、修正までポリシーを testing にするよう依頼してください。',
    },
  },
  'recipient-dane-mismatch': {
    en: {
      title: 'The TLSA records do not match the certificate',
      explanation:
        'The DNSSEC-signed TLSA records for this MX match none of the certificates it presented. DANE-aware senders (for example many European providers) will refuse to deliver to it.',
      fixAdmin:
        'Ask the administrator to publish TLSA records for the current key (3 1 1 is the usual form), keeping the old and new ones during a key change.',
    },
    ja: {
      title: 'TLSA レコードが証明書と一致しません',
      explanation:
        'この MX の DNSSEC 署名付き TLSA レコードが、提示された証明書のどれとも一致しません。DANE に対応した送信サーバー（欧州の多くのプロバイダーなど）は配送を拒否します。',
      fixAdmin:
        '管理者に現在の鍵に対する TLSA レコード（通常は 3 1 1 形式）を公開し、鍵の交換時は新旧両方を残すよう依頼してください。',
    },
  },
  'recipient-dane-unauthenticated': {
    en: {
      title: 'TLSA records are not DNSSEC-validated',
      explanation:
        'TLSA records exist, but no validating resolver on this machine vouched for them (AD bit), so they cannot be trusted and were not counted. Senders ignore unsigned TLSA records too.',
      fixAdmin:
        'If the zone is signed, run the check with a local validating resolver (for example unbound on 127.0.0.1, --dns-server 127.0.0.1:53). Otherwise the administrator must sign the zone with DNSSEC for DANE to work.',
    },
    ja: {
      title: 'TLSA レコードが DNSSEC で検証されていません',
      explanation:
        'TLSA レコードはありますが、このマシン上の検証リゾルバーが正当性を保証しなかった（AD ビットなし）ため、信頼できず評価に含めていません。送信サーバーも署名のない TLSA レコードは無視します。',
      fixAdmin:
        'ゾーンが署名済みなら、ローカルの検証リゾルバー（127.0.0.1 の unbound など。--dns-server 127.0.0.1:53）で確認してください。そうでなければ、DANE を機能させるには管理者がゾーンを DNSSEC で署名する必要があります。',
    },
  },
  'recipient-dane-unusable': {
    en: {
      title: 'The TLSA records are not usable for mail',
      explanation:
        'For SMTP only usages 2 (trust anchor) and 3 (the server’s own certificate or key) count, with selectors 0 or 1 and matching types 0, 1 or 2. None of the records has that form.',
      fixAdmin:
        'Ask the administrator to publish a record of the form 3 1 1 (SHA-256 of the server’s public key).',
    },
    ja: {
      title: 'TLSA レコードがメールには使えない形式です',
      explanation:
        'SMTP で有効なのは用途 2（トラストアンカー）と 3（サーバー自身の証明書・鍵）、セレクター 0 か 1、照合方式 0・1・2 の組み合わせだけです。その形式のレコードがありません。',
      fixAdmin: '管理者に 3 1 1 形式（サーバーの公開鍵の SHA-256）のレコードを公開するよう依頼してください。',
    },
  },
};
