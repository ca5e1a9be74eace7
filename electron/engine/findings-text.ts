/**
 * The words of the finding catalogue: for every finding id a title, a one-paragraph
 * explanation and two fixes (for the server's admin and for the person using a mail
 * client), in Japanese and English; and the texts of the recommendation reasons.
 * Severities live in findings.ts. The Record types make a missing id or language a
 * compile error.
 */
import { findingIdSchema, type FindingId, type Language } from '../contract.js';

export interface FindingText {
  title: string;
  explanation: string;
  fixAdmin: string;
  fixUser: string;
}

export const findingTexts: Record<FindingId, Record<Language, FindingText>> = {
  'port-unreachable': {
    en: {
      title: 'Port closed',
      explanation:
        'The server refused the connection on this port: nothing listens there, or a firewall rejects it. That is harmless in itself, since many providers offer only some of the ports 25, 465 and 587, but this port cannot be used for sending.',
      fixAdmin:
        'If clients should use this port, enable the service and open the firewall: in Postfix, enable the submission (587) or submissions (465) service in master.cf and reload.',
      fixUser:
        "Use a port that works (MailTLS recommends one), or check the port number in your provider's documentation.",
    },
    ja: {
      title: 'ポートが閉じています',
      explanation:
        'このポートへの接続はサーバーに拒否されました。待ち受けているサービスがないか、ファイアウォールで拒否されています。25番・465番・587番のうち一部だけを提供するプロバイダーも多いため、それ自体は問題ではありませんが、このポートは送信に使えません。',
      fixAdmin:
        'このポートを利用者に提供する場合は、サービスを有効にしてファイアウォールを開けてください。Postfixでは、master.cfのsubmission（587番）またはsubmissions（465番）のサービスを有効にして再読み込みします。',
      fixUser:
        '接続できるポート（MailTLSがおすすめする設定）を使うか、プロバイダーの案内でポート番号を確認してください。',
    },
  },
  'port-timeout': {
    en: {
      title: 'No response on this port',
      explanation:
        "The connection attempt got no answer within the time limit: a firewall silently drops it, on the server's side or on your network. Many ISPs block outgoing port 25 for their customers (Outbound Port 25 Blocking), and some company or public networks block 465 and 587 as well.",
      fixAdmin:
        'Check the firewall and security groups for this port; if it is meant to be closed, nothing needs to change. For mail clients, offer 465 and 587, which ISPs do not block.',
      fixUser:
        "Try from another network (for example your phone's hotspot) to see whether your network blocks the port, and use 465 or 587 rather than 25.",
    },
    ja: {
      title: 'このポートから応答がありません',
      explanation:
        '制限時間内に接続の応答がありませんでした。サーバー側か、お使いのネットワーク側のファイアウォールが通信を黙って破棄しています。多くのプロバイダーは利用者の外向き25番ポートを遮断しており（OP25B）、社内や公衆のネットワークでは465番・587番も遮断されていることがあります。',
      fixAdmin:
        'このポートについて、ファイアウォールやセキュリティグループの設定を確認してください。意図して閉じている場合は対応不要です。メールソフト向けには、プロバイダーに遮断されない465番と587番を提供してください。',
      fixUser:
        '別のネットワーク（スマートフォンのテザリングなど）から試し、お使いのネットワークがポートを遮断していないか確認してください。25番ではなく465番か587番を使ってください。',
    },
  },
  'banner-timeout': {
    en: {
      title: 'No SMTP greeting',
      explanation:
        'The connection was accepted, but the server stayed silent: no 220 greeting arrived within the time limit and, where MailTLS tried one, no TLS handshake answered either. The service may be overloaded, may delay its greeting on purpose to slow down spammers, or may not be a mail service at all.',
      fixAdmin:
        'Make sure an SMTP service greets promptly on this port. Greeting delays (such as Postfix postscreen) belong on port 25 only, never on the submission ports 465 and 587.',
      fixUser:
        'Check the server name and port with your provider; on port 465, SSL/TLS must be selected. If the server may be busy, try again later.',
    },
    ja: {
      title: 'SMTPのあいさつ（グリーティング）がありません',
      explanation:
        '接続は受け付けられましたが、サーバーから応答がありませんでした。制限時間内に「220」のあいさつが届かず、MailTLSがTLSのハンドシェイクを試した場合もそれに応答しませんでした。サーバーの過負荷、迷惑メール対策として意図的に応答を遅らせている、またはメール以外のサービスであることが考えられます。',
      fixAdmin:
        'このポートでSMTPサービスがすぐにあいさつを返すようにしてください。応答を遅らせる対策（Postfixのpostscreenなど）は25番だけに使い、送信用の465番・587番には適用しないでください。',
      fixUser:
        'プロバイダーにサーバー名とポート番号を確認してください。465番の場合は暗号化方式に「SSL/TLS」を選ぶ必要があります。サーバーが混雑している可能性もあるため、時間をおいて再度お試しください。',
    },
  },
  'not-smtp': {
    en: {
      title: 'Not an SMTP server',
      explanation:
        'Something answered on this port, but not with SMTP: for example a web server, SSH or another protocol. A mail client configured with this host and port cannot send mail.',
      fixAdmin:
        'Check which service listens on this port (for example with ss -ltnp) and offer SMTP submission on 465 and 587.',
      fixUser:
        "Check the server name and the port in your provider's documentation; the wrong host or port may have been entered.",
    },
    ja: {
      title: 'SMTPサーバーではありません',
      explanation:
        'このポートで何かが応答しましたが、SMTPではありません（Webサーバー、SSH、その他のプロトコルなど）。このホストとポートを設定したメールソフトからは送信できません。',
      fixAdmin:
        'このポートで待ち受けているサービスを確認し（ss -ltnp など）、メール送信用のSMTPは465番と587番で提供してください。',
      fixUser:
        'プロバイダーの案内で送信サーバー（SMTP）名とポート番号を確認してください。ホスト名やポート番号の入力を誤っている可能性があります。',
    },
  },
  'starttls-missing': {
    en: {
      title: 'STARTTLS not offered',
      explanation:
        "The server's EHLO reply does not list STARTTLS, so this port offers no way to encrypt: mail and password would cross the network in plaintext. If the provider says it supports STARTTLS, something on the path may be removing it (STARTTLS stripping, by a firewall's SMTP inspection or by an attacker). For server-to-server mail on port 25, Gmail has required TLS from senders since February 2024.",
      fixAdmin:
        'Install a certificate and enable TLS: in Postfix set smtpd_tls_chain_files (or smtpd_tls_cert_file and smtpd_tls_key_file), with smtpd_tls_security_level = may on port 25 and encrypt on 587. Better still, also offer implicit TLS on 465.',
      fixUser:
        'Do not send through this port. Use 465 with SSL/TLS if available; if your provider documents STARTTLS here, your network may be stripping it, so try another network and tell the provider.',
    },
    ja: {
      title: 'STARTTLSが提供されていません',
      explanation:
        'サーバーのEHLO応答にSTARTTLSが含まれておらず、このポートには暗号化の手段がありません。メール本文もパスワードも暗号化されずに送られます。プロバイダーがSTARTTLS対応を案内している場合は、経路上の何か（ファイアウォールのSMTP検査機能や攻撃者）がSTARTTLSを取り除いている（ストリッピング）可能性があります。なお、サーバー間の25番ポートについては、Gmailが2024年2月から送信元にTLSを求めています。',
      fixAdmin:
        '証明書を設定してTLSを有効にしてください。Postfixではsmtpd_tls_chain_files（またはsmtpd_tls_cert_fileとsmtpd_tls_key_file）を指定し、25番はsmtpd_tls_security_level = may、587番はencryptにします。さらに、465番でSSL/TLSも提供するのが理想です。',
      fixUser:
        'このポートでは送信しないでください。465番の「SSL/TLS」が使えればそちらを使ってください。プロバイダーがこのポートでのSTARTTLS対応を案内している場合は、お使いのネットワークがSTARTTLSを取り除いている可能性があるため、別のネットワークで試し、プロバイダーに連絡してください。',
    },
  },
  'starttls-failed': {
    en: {
      title: 'STARTTLS fails',
      explanation:
        'The server advertises STARTTLS, but the switch to TLS did not succeed: it refused the command (for example "454 TLS not available") or the TLS handshake after its 220 reply failed. A client set to "STARTTLS if available" may quietly continue in plaintext, and a client that requires STARTTLS cannot send.',
      fixAdmin:
        'Find the TLS error in the mail log and fix the certificate and key settings (in Postfix smtpd_tls_chain_files, file permissions, a key that matches the certificate); test with openssl s_client -starttls smtp -connect host:587.',
      fixUser:
        'Set STARTTLS as required in your mail client, never "if available"; use 465 with SSL/TLS if it works, and tell your provider.',
    },
    ja: {
      title: 'STARTTLSに失敗します',
      explanation:
        'サーバーはSTARTTLSに対応していると表示していますが、暗号化への切り替えに失敗しました。コマンドが拒否された（「454 TLS not available」など）か、「220」の応答後のTLSハンドシェイクが失敗しています。「STARTTLS（可能な場合）」に設定したメールソフトは気付かないまま暗号化なしで続けることがあり、STARTTLSを必須にしたメールソフトは送信できません。',
      fixAdmin:
        'メールログでTLSのエラーを確認し、証明書と秘密鍵の設定を修正してください（Postfixのsmtpd_tls_chain_files、ファイルの権限、証明書と秘密鍵の組み合わせ）。openssl s_client -starttls smtp -connect ホスト名:587 で確認できます。',
      fixUser:
        'メールソフトではSTARTTLSを「必須」にし、「可能な場合」は選ばないでください。465番の「SSL/TLS」が使えればそちらを使い、プロバイダーに連絡してください。',
    },
  },
  'starttls-on-465': {
    en: {
      title: 'STARTTLS instead of implicit TLS on port 465',
      explanation:
        'Port 465 greeted in plaintext and offers STARTTLS, although RFC 8314 assigns 465 to implicit TLS (encrypted from the first byte). Clients set to SSL/TLS on 465, as providers usually document, cannot connect, and clients set to STARTTLS get exactly the plaintext start that port 465 exists to avoid.',
      fixAdmin:
        'Run the 465 service in wrapper mode: in Postfix master.cf, the submissions (smtps) service with -o smtpd_tls_wrappermode=yes. Keep STARTTLS on 587.',
      fixUser:
        'Until the server is fixed, use 587 with STARTTLS set as required, and ask your provider to fix port 465.',
    },
    ja: {
      title: '465番ポートでSSL/TLSではなくSTARTTLSが使われています',
      explanation:
        '465番ポートが暗号化なしであいさつを返し、STARTTLSを提示しました。RFC 8314では、465番は最初から暗号化する方式（SSL/TLS）に割り当てられています。一般的な案内どおり465番で「SSL/TLS」を設定したメールソフトは接続できず、「STARTTLS」を設定した場合は、465番が本来避けるはずの暗号化されていない開始部分が残ります。',
      fixAdmin:
        '465番のサービスを最初から暗号化するモードで動かしてください。Postfixではmaster.cfのsubmissions（smtps）サービスに -o smtpd_tls_wrappermode=yes を指定します。STARTTLSは587番で提供してください。',
      fixUser:
        'サーバーが修正されるまでは587番でSTARTTLSを「必須」に設定して使い、プロバイダーに465番の修正を依頼してください。',
    },
  },
  'implicit-tls-plaintext': {
    en: {
      title: 'Implicit-TLS port answers without encryption',
      explanation:
        'On a port where TLS is expected from the first byte (normally 465, per RFC 8314), the server sent a plaintext SMTP greeting instead of starting TLS. Whatever a client sends there, its password included, is unprotected unless the client itself insists on TLS.',
      fixAdmin:
        'Enable implicit TLS on this port: in Postfix, the submissions service in master.cf with -o smtpd_tls_wrappermode=yes and a valid certificate. Never run plain SMTP on 465.',
      fixUser:
        'Do not use this port without encryption. Until your provider fixes it, use 587 with STARTTLS set as required.',
    },
    ja: {
      title: 'SSL/TLS用のポートが暗号化なしで応答します',
      explanation:
        'RFC 8314で最初から暗号化することになっているポート（通常は465番）で、サーバーがTLSを開始せず、暗号化なしのSMTPのあいさつを返しました。ここに送られるデータは、メールソフト側がTLSを強制しない限り、パスワードも含めて保護されません。',
      fixAdmin:
        'このポートでSSL/TLS（最初から暗号化）を有効にしてください。Postfixではmaster.cfのsubmissionsサービスに -o smtpd_tls_wrappermode=yes と有効な証明書を指定します。465番で暗号化なしのSMTPを動かさないでください。',
      fixUser:
        'このポートを暗号化なしで使わないでください。プロバイダーが修正するまでは、587番でSTARTTLSを「必須」にして使ってください。',
    },
  },
  'tls-on-plaintext-port': {
    en: {
      title: 'Implicit TLS on a STARTTLS port',
      explanation:
        'This port is normally plaintext-first (587 and 25 start in plaintext and switch to TLS with STARTTLS), but the server sent no plaintext greeting and answered a TLS handshake instead: it speaks implicit TLS here. The encryption itself is fine, but mail clients set up the usual way for this port (STARTTLS) wait for a greeting that never comes, and RFC 8314 puts implicit TLS on port 465.',
      fixAdmin:
        'Serve implicit TLS on 465 (Postfix: the submissions service with -o smtpd_tls_wrappermode=yes) and STARTTLS on 587; if this port must stay implicit TLS, say so plainly in your setup instructions.',
      fixUser:
        'Choose SSL/TLS for this port in your mail client; better still, use port 465 with SSL/TLS if the server offers it.',
    },
    ja: {
      title: 'STARTTLS用のポートが最初から暗号化されています',
      explanation:
        'このポートは通常、暗号化なしで始まりSTARTTLSで切り替えるポート（587番・25番）ですが、サーバーは暗号化なしのあいさつを返さず、TLSのハンドシェイクに応答しました。つまり、このポートでは最初から暗号化する方式（SSL/TLS）が使われています。暗号化自体に問題はありませんが、このポートの一般的な設定（STARTTLS）にしたメールソフトは、届かないあいさつを待ち続けて接続できません。また、RFC 8314では最初から暗号化する方式には465番を使うことになっています。',
      fixAdmin:
        '465番でSSL/TLS（Postfixではsubmissionsサービスに -o smtpd_tls_wrappermode=yes）、587番でSTARTTLSを提供してください。このポートを最初から暗号化する方式のままにする場合は、設定の案内にはっきり記載してください。',
      fixUser:
        'メールソフトでこのポートの暗号化方式を「SSL/TLS」にしてください。サーバーが対応していれば、465番の「SSL/TLS」を使うのがより確実です。',
    },
  },
  'starttls-still-advertised': {
    en: {
      title: 'STARTTLS offered again inside TLS',
      explanation:
        "After the switch to TLS, the server's new EHLO reply still lists STARTTLS. RFC 3207 forbids this: a server must not offer STARTTLS once TLS is active. It suggests that the server does not fully reset its state at the upgrade, the same kind of mistake that is behind STARTTLS injection bugs, and it confuses some clients.",
      fixAdmin:
        'Update the mail server software; if a proxy or load balancer in front of the server terminates TLS, check that it does not pass the plaintext capability list through unchanged.',
      fixUser:
        'No change is needed in your mail client; prefer port 465 with SSL/TLS if available, and tell your provider.',
    },
    ja: {
      title: 'TLS接続後もSTARTTLSが提示されます',
      explanation:
        'TLSに切り替えた後のEHLO応答にも、STARTTLSが含まれています。RFC 3207では、TLSが有効になった後はSTARTTLSを提示してはならないと定めています。切り替え時にサーバーが状態を正しく初期化していないことを示しており、STARTTLSのインジェクション脆弱性と同じ種類の不備です。一部のメールソフトの誤動作の原因にもなります。',
      fixAdmin:
        'メールサーバーのソフトウェアを更新してください。サーバーの前段でTLSを終端するプロキシやロードバランサーがある場合は、暗号化前の機能一覧をそのまま中継していないか確認してください。',
      fixUser:
        'メールソフトの設定変更は不要です。465番の「SSL/TLS」が使えればそちらを使い、プロバイダーに伝えてください。',
    },
  },
  'tls-not-required': {
    en: {
      title: 'Mail accepted without encryption',
      explanation:
        'On this submission port the server accepted MAIL FROM before any TLS was negotiated, so it does not insist on encryption. If an attacker strips STARTTLS, or a client is set to "STARTTLS if available" or to no encryption, mail goes out in plaintext and nobody notices. RFC 8314 asks submission servers to require TLS.',
      fixAdmin:
        'Require TLS on submission: in Postfix master.cf add -o smtpd_tls_security_level=encrypt to the submission (587) service, so plaintext commands get "530 5.7.0 Must issue a STARTTLS command first"; also set smtpd_tls_auth_only = yes.',
      fixUser:
        'Set your mail client to SSL/TLS on 465, or STARTTLS (required) on 587; never "if available" or "none".',
    },
    ja: {
      title: '暗号化なしでもメールを受け付けます',
      explanation:
        'この送信用ポートで、サーバーはTLSを確立する前にMAIL FROMを受け付けました。つまり暗号化を必須にしていません。攻撃者がSTARTTLSを取り除いた場合や、メールソフトが「STARTTLS（可能な場合）」や「暗号化なし」に設定されている場合、メールは暗号化されないまま送られ、誰も気付きません。RFC 8314は送信サーバーにTLSを必須にするよう求めています。',
      fixAdmin:
        '送信用ポートでTLSを必須にしてください。Postfixではmaster.cfのsubmission（587番）サービスに -o smtpd_tls_security_level=encrypt を指定すると、暗号化前のコマンドには「530 5.7.0 Must issue a STARTTLS command first」が返ります。あわせて smtpd_tls_auth_only = yes も設定してください。',
      fixUser:
        'メールソフトは465番の「SSL/TLS」、または587番の「STARTTLS」（必須）に設定し、「可能な場合」や「なし」は選ばないでください。',
    },
  },
  'plaintext-auth': {
    en: {
      title: 'Login offered before encryption',
      explanation:
        'The server lists AUTH in its EHLO reply before TLS, inviting clients to send their user name and password unencrypted. A client whose STARTTLS was stripped by an attacker, or that is set to no encryption, then hands the password to anyone on the path; real mail clients and tools have leaked credentials exactly this way.',
      fixAdmin:
        'Offer AUTH only inside TLS: Postfix smtpd_tls_auth_only = yes (Dovecot: disable_plaintext_auth = yes, or auth_allow_cleartext = no in 2.4). Requiring TLS on submission (smtpd_tls_security_level = encrypt) is better still.',
      fixUser:
        'Use SSL/TLS on 465 or STARTTLS (required) on 587. If your mail client ever sent the password without encryption, change the password.',
    },
    ja: {
      title: '暗号化の前にログイン（AUTH）が提示されます',
      explanation:
        'サーバーはTLSの前のEHLO応答でAUTHを提示しており、ユーザー名とパスワードを暗号化なしで送るよう促しています。攻撃者にSTARTTLSを取り除かれたメールソフトや、暗号化なしに設定されたメールソフトは、経路上の誰にでもパスワードを渡してしまいます。実際にこの方法で認証情報が漏れたメールソフトやツールがあります。',
      fixAdmin:
        'AUTHはTLSの中でだけ提示してください。Postfixでは smtpd_tls_auth_only = yes（Dovecotでは disable_plaintext_auth = yes、2.4以降は auth_allow_cleartext = no）を設定します。送信用ポートでTLSを必須にする（smtpd_tls_security_level = encrypt）とさらに確実です。',
      fixUser:
        '465番の「SSL/TLS」か、587番の「STARTTLS」（必須）を使ってください。これまでに暗号化なしでパスワードを送ったことがある場合は、パスワードを変更してください。',
    },
  },
  'starttls-command-injection': {
    en: {
      title: 'STARTTLS command injection',
      explanation:
        'The server executed a command that was sent in plaintext in the same packet as STARTTLS: MailTLS sent "STARTTLS" and "EHLO" together, and the EHLO was answered inside the encrypted session. An attacker on the path can therefore inject commands into a user\'s TLS session, for example to hijack the session or divert mail and credentials. RFC 3207 requires the server to discard such buffered input; this is the bug of Postfix CVE-2011-0411, and the NO STARTTLS study (Poddebniak, Ising, Böck, Schinzel, USENIX Security 2021) still found about 2% of mail servers vulnerable.',
      fixAdmin:
        "Update the mail server to a fixed release (Postfix 2.4.16, 2.5.12, 2.6.9, 2.7.3 or later; Dovecot submission 2.3.15 or later; otherwise your vendor's advisory): the server must discard buffered plaintext input at STARTTLS. Offer implicit TLS on 465 as well.",
      fixUser:
        'Use port 465 with SSL/TLS, where there is no plaintext phase to inject into; avoid STARTTLS with this server and tell your provider.',
    },
    ja: {
      title: 'STARTTLSのコマンドインジェクション',
      explanation:
        'サーバーが、STARTTLSと同じパケットで暗号化前に送られたコマンドを実行しました。MailTLSが「STARTTLS」と「EHLO」を続けて送ったところ、EHLOへの応答が暗号化後の通信の中で返ってきました。経路上の攻撃者は利用者のTLSセッションにコマンドを注入でき、セッションの乗っ取りやメール・認証情報の横取りにつながります。RFC 3207はこうした読み残しの入力を破棄するよう定めています。PostfixのCVE-2011-0411と同じ種類の不具合で、NO STARTTLSの研究（Poddebniak、Ising、Böck、Schinzel、USENIX Security 2021）でも、約2%のメールサーバーが脆弱なままでした。',
      fixAdmin:
        'メールサーバーを修正済みのバージョンに更新してください（Postfixは2.4.16、2.5.12、2.6.9、2.7.3以降、Dovecotのsubmissionは2.3.15以降。その他は各ベンダーの勧告を確認）。STARTTLSの時点で読み残した暗号化前の入力を破棄する必要があります。あわせて465番でSSL/TLSも提供してください。',
      fixUser:
        '暗号化前の段階が存在しない465番の「SSL/TLS」を使ってください。このサーバーではSTARTTLSを避け、プロバイダーに連絡してください。',
    },
  },
  'starttls-response-injection': {
    en: {
      title: 'Data sent before the TLS handshake',
      explanation:
        'After its "220 Ready to start TLS" reply, the server, or something on the path, sent more data before the TLS handshake. Those bytes are neither encrypted nor authenticated. MailTLS discarded them, as RFC 3207 requires, but vulnerable mail clients treat them as if they had come over TLS: the response-injection attack described by the NO STARTTLS study and fixed in Thunderbird, Mutt, curl and nodemailer, among others.',
      fixAdmin:
        'The server must send nothing after the 220 reply until the handshake is complete; update the server software and look for firewalls or proxies that inspect SMTP.',
      fixUser:
        'Keep your mail client up to date and prefer port 465 with SSL/TLS; since this can also indicate tampering on your network, tell your provider.',
    },
    ja: {
      title: 'TLSハンドシェイクの前に余分なデータが送られました',
      explanation:
        'サーバー（または経路上の何か）が、「220 Ready to start TLS」の応答の後、TLSハンドシェイクの前に余分なデータを送ってきました。このデータは暗号化も認証もされていません。MailTLSはRFC 3207のとおり破棄しましたが、脆弱なメールソフトはTLSで受け取ったものとして扱ってしまいます。NO STARTTLSの研究で示された「レスポンスインジェクション」攻撃で、Thunderbird、Mutt、curl、nodemailerなどで修正されています。',
      fixAdmin:
        'サーバーは「220」の応答の後、ハンドシェイクが終わるまで何も送ってはいけません。サーバーのソフトウェアを更新し、SMTPを検査するファイアウォールやプロキシがないか確認してください。',
      fixUser:
        'メールソフトを最新に保ち、465番の「SSL/TLS」を使ってください。ネットワーク上での改ざんの可能性もあるため、プロバイダーに伝えてください。',
    },
  },
  'starttls-injection-inconclusive': {
    en: {
      title: 'STARTTLS injection test inconclusive',
      explanation:
        'MailTLS could not tell whether the server is vulnerable to STARTTLS command injection: after the test it answered neither the injected command nor a later harmless one. Silence is no proof of safety; the server may be slow, limiting connections, or handling input in an unusual way.',
      fixAdmin:
        'Compare your mail server version with the STARTTLS advisories (Postfix CVE-2011-0411 and later ones) and test again, for example with testssl.sh --starttls-injection or the EAST command-injection tester.',
      fixUser: 'Prefer port 465 with SSL/TLS, which does not depend on STARTTLS.',
    },
    ja: {
      title: 'STARTTLSインジェクションの判定ができませんでした',
      explanation:
        'このサーバーにSTARTTLSのコマンドインジェクションの脆弱性があるか判定できませんでした。テストの後、注入したコマンドにも、その後の無害なコマンドにも応答がありませんでした。応答がないことは安全の証明にはなりません。サーバーの応答が遅い、接続を制限している、または入力の扱いが特殊である可能性があります。',
      fixAdmin:
        'メールサーバーのバージョンをSTARTTLS関連の脆弱性情報（PostfixのCVE-2011-0411など）と照らし合わせ、testssl.sh --starttls-injection やEASTのcommand-injection-testerなどで再確認してください。',
      fixUser: 'STARTTLSに依存しない465番の「SSL/TLS」を使ってください。',
    },
  },
  'tls-handshake-failed': {
    en: {
      title: 'TLS handshake failed',
      explanation:
        'The server and MailTLS could not establish TLS: the handshake was aborted without a specific certificate error. Typical causes are a broken certificate or key on the server, no protocol version or cipher in common, or a middlebox interfering. Without a working handshake this port cannot be used securely.',
      fixAdmin:
        'Find the TLS error in the mail log at the time of the test and reproduce it with openssl s_client (-connect host:465, or -starttls smtp for 587); check the certificate and key pair and that TLS 1.2 and 1.3 are enabled.',
      fixUser:
        'Use another port that passed, and tell your provider; do not switch encryption off to get around it.',
    },
    ja: {
      title: 'TLSハンドシェイクに失敗しました',
      explanation:
        'サーバーとMailTLSの間でTLSを確立できず、証明書に関する具体的なエラーがないままハンドシェイクが中断されました。サーバーの証明書や秘密鍵の不備、共通に使えるプロトコルのバージョンや暗号方式がないこと、経路上の機器による妨害などが考えられます。ハンドシェイクが成功しない限り、このポートは安全に使えません。',
      fixAdmin:
        'テスト時刻のメールログでTLSのエラーを確認し、openssl s_client（465番は -connect ホスト名:465、587番は -starttls smtp）で再現してください。証明書と秘密鍵の組み合わせ、TLS 1.2と1.3が有効かを確認してください。',
      fixUser:
        '問題のなかった別のポートを使い、プロバイダーに伝えてください。回避のために暗号化を無効にしないでください。',
    },
  },
  'tls-legacy-version': {
    en: {
      title: 'Outdated TLS versions accepted',
      explanation:
        'The server still accepts TLS 1.0 or 1.1. Both are deprecated because of their weak cryptography (RFC 8996, and RFC 8997 for mail); current clients negotiate a newer version, but old clients and devices will use a weak one, and the server keeps known attack surface.',
      fixAdmin:
        'Allow only TLS 1.2 and newer: Postfix smtpd_tls_protocols = >=TLSv1.2 and smtpd_tls_mandatory_protocols = >=TLSv1.2 (releases before 3.6: !SSLv2, !SSLv3, !TLSv1, !TLSv1.1).',
      fixUser:
        'Keep your mail client and operating system up to date so that they use TLS 1.2 or 1.3; no setting needs to change.',
    },
    ja: {
      title: '古いTLSバージョンを受け付けます',
      explanation:
        'サーバーがTLS 1.0または1.1をまだ受け付けています。どちらも暗号の弱さから非推奨になっています（RFC 8996、メールについてはRFC 8997）。最近のメールソフトは新しいバージョンで接続しますが、古いメールソフトや機器は弱いバージョンを使ってしまい、サーバーにも既知の攻撃の余地が残ります。',
      fixAdmin:
        'TLS 1.2以降だけを許可してください。Postfixでは smtpd_tls_protocols = >=TLSv1.2 と smtpd_tls_mandatory_protocols = >=TLSv1.2 を設定します（3.6より前のバージョンでは !SSLv2, !SSLv3, !TLSv1, !TLSv1.1）。',
      fixUser:
        'メールソフトとOSを最新に保ち、TLS 1.2または1.3で接続されるようにしてください。設定の変更は不要です。',
    },
  },
  'tls-weak-cipher': {
    en: {
      title: 'Weak cipher',
      explanation:
        "The server chose a weak cipher suite for the connection: a broken algorithm (such as RC4, 3DES, export-grade or anonymous suites), a key exchange without forward secrecy, or CBC mode with SHA-1, which is open to padding-oracle attacks such as Lucky 13. A well-equipped attacker may decrypt or tamper with such traffic, and without forward secrecy anyone who later obtains the server's key can decrypt recorded sessions.",
      fixAdmin:
        'Offer only strong suites with forward secrecy: Postfix smtpd_tls_ciphers = high, smtpd_tls_mandatory_ciphers = high and smtpd_tls_exclude_ciphers = aNULL, eNULL, EXPORT, RC4, 3DES, MD5, together with TLS 1.2 or newer only.',
      fixUser: 'Keep your mail client up to date; the fix is on the server, so tell your provider.',
    },
    ja: {
      title: '弱い暗号方式が使われています',
      explanation:
        'サーバーが接続に弱い暗号スイートを選びました。安全でなくなったアルゴリズム（RC4、3DES、輸出グレードや匿名の暗号など）、前方秘匿性のない鍵交換、またはLucky 13のようなパディングオラクル攻撃を受けうるSHA-1のCBCモードです。十分な能力を持つ攻撃者に通信を解読・改ざんされるおそれがあり、前方秘匿性がない場合は、サーバーの秘密鍵が後から漏れたときに記録された過去の通信まで解読されます。',
      fixAdmin:
        '前方秘匿性のある強い暗号スイートだけを提供してください。Postfixでは smtpd_tls_ciphers = high、smtpd_tls_mandatory_ciphers = high、smtpd_tls_exclude_ciphers = aNULL, eNULL, EXPORT, RC4, 3DES, MD5 を設定し、TLS 1.2以降に限定します。',
      fixUser:
        'メールソフトを最新に保ってください。修正はサーバー側で必要なため、プロバイダーに伝えてください。',
    },
  },
  'cert-untrusted': {
    en: {
      title: 'Certificate not trusted',
      explanation:
        "The server's certificate does not lead to a certificate authority this computer trusts. Without that, nothing proves you reached the real server: an attacker in the middle could present a certificate of their own. Causes include a private CA, a missing intermediate certificate, or a proxy or antivirus program intercepting TLS.",
      fixAdmin:
        "Install a certificate from a public CA (Let's Encrypt is free), serve the full chain (fullchain.pem), and renew it automatically.",
      fixUser:
        'Do not accept the certificate warning in your mail client. If you know the certificate is genuine (your own server, for example), compare its SHA-256 fingerprint through another channel and pin it in MailTLS; otherwise ask your provider.',
    },
    ja: {
      title: '証明書が信頼されていません',
      explanation:
        'サーバーの証明書が、このコンピューターが信頼する認証局につながっていません。これでは通信相手が本物のサーバーだと確認できず、中間にいる攻撃者が自分の証明書を提示しても見分けられません。原因としては、プライベートCA、中間証明書の不足、TLSを中継するプロキシやウイルス対策ソフトなどがあります。',
      fixAdmin:
        "公的な認証局の証明書（Let's Encryptなら無料）を導入し、中間証明書を含む完全なチェーン（fullchain.pem）を送ってください。更新は自動化してください。",
      fixUser:
        'メールソフトで証明書の警告を承認しないでください。正規の証明書だと分かっている場合（ご自身のサーバーなど）は、別の経路でSHA-256の指紋（フィンガープリント）を照合してからMailTLSに固定（ピン留め）してください。そうでなければプロバイダーに問い合わせてください。',
    },
  },
  'cert-self-signed': {
    en: {
      title: 'Self-signed certificate',
      explanation:
        "The server presents a certificate it signed itself, so no certificate authority vouches for it. A mail client cannot tell it apart from an attacker's self-signed certificate, and users who click through the warning once will click through it for an attacker too. Security software that scans mail can also cause this by replacing the certificate.",
      fixAdmin:
        "Replace it with a certificate from a public CA, such as Let's Encrypt, covering every name clients use, and serve the full chain.",
      fixUser:
        'Do not accept the warning. Only if this is your own server and you have checked the fingerprint through another channel, pin it in MailTLS; also check that antivirus mail scanning is not replacing certificates.',
    },
    ja: {
      title: '自己署名証明書が使われています',
      explanation:
        'サーバーは自分自身で署名した証明書を提示しており、認証局による保証がありません。メールソフトからは攻撃者の自己署名証明書と区別できず、一度警告を承認する習慣がつくと、攻撃者の証明書でも承認してしまいます。メールを検査するセキュリティソフトが証明書を差し替えて、この状態になることもあります。',
      fixAdmin:
        "利用者が使うすべてのホスト名を含む、公的な認証局の証明書（Let's Encryptなど）に置き換え、完全なチェーンを送ってください。",
      fixUser:
        '警告を承認しないでください。ご自身のサーバーで、別の経路で指紋を確認済みの場合に限り、MailTLSに固定（ピン留め）してください。ウイルス対策ソフトのメール検査が証明書を差し替えていないかも確認してください。',
    },
  },
  'cert-hostname-mismatch': {
    en: {
      title: 'Certificate is for another name',
      explanation:
        "The certificate is valid, but not for the host name you entered: it lists other names, so the client cannot be sure it reached the intended server. This is common on shared hosting, where mail.your-domain points to a server whose certificate carries the hosting company's name.",
      fixAdmin:
        "Add every name clients use (for example mail.example.com and smtp.example.com) to the certificate's subjectAltName, or tell users the name the certificate is issued for.",
      fixUser:
        "Enter the server name the certificate is issued for, usually the one in your provider's documentation, instead of your own domain or an IP address.",
    },
    ja: {
      title: '証明書のホスト名が一致しません',
      explanation:
        '証明書自体は有効ですが、入力したホスト名に対して発行されたものではなく、別の名前が記載されています。そのため、メールソフトは目的のサーバーに接続できたか確認できません。共用レンタルサーバーでよくあり、独自ドメインのmail.～が、ホスティング会社の名前で発行された証明書を使うサーバーを指しています。',
      fixAdmin:
        '利用者が使うすべてのホスト名（mail.example.com、smtp.example.comなど）を証明書のsubjectAltNameに含めるか、証明書に記載されたホスト名を利用者に案内してください。',
      fixUser:
        '独自ドメインやIPアドレスではなく、証明書に記載されたサーバー名（通常はプロバイダーの案内にある名前）を送信サーバー（SMTP）に設定してください。',
    },
  },
  'cert-expired': {
    en: {
      title: 'Certificate expired',
      explanation:
        "The server's certificate is past its expiry date. Mail clients refuse to connect or show a warning, and a user who accepts the warning can no longer tell the real server from an attacker. Often the certificate was renewed on disk but the mail server was never reloaded.",
      fixAdmin:
        'Renew the certificate and reload the mail server (postfix reload); automate renewal and the reload after it (for example with a certbot deploy hook).',
      fixUser:
        'Do not accept the warning; tell your provider, and hold off sending until the certificate is renewed.',
    },
    ja: {
      title: '証明書の有効期限が切れています',
      explanation:
        'サーバーの証明書が有効期限を過ぎています。メールソフトは接続を拒否するか警告を表示し、警告を承認すると本物のサーバーと攻撃者を区別できなくなります。証明書は更新されていても、メールサーバーが再読み込みされていないことがよくあります。',
      fixAdmin:
        '証明書を更新し、メールサーバーを再読み込みしてください（postfix reload）。更新とその後の再読み込みを自動化してください（certbotのdeploy hookなど）。',
      fixUser: '警告を承認せず、プロバイダーに連絡してください。証明書が更新されるまで送信は控えてください。',
    },
  },
  'cert-not-yet-valid': {
    en: {
      title: 'Certificate not yet valid',
      explanation:
        "The certificate's validity period starts in the future. Usually a clock is wrong, on the server or on this computer; otherwise the certificate was issued with wrong dates or installed too early. Mail clients reject it just like an expired one.",
      fixAdmin:
        "Check the server's clock (NTP) and the certificate's notBefore date, and reissue the certificate if its dates are wrong.",
      fixUser:
        "Check that your computer's date and time are correct (set automatically); if they are, tell your provider.",
    },
    ja: {
      title: '証明書がまだ有効になっていません',
      explanation:
        '証明書の有効期間の開始日が未来になっています。多くの場合、サーバーかこのコンピューターの時計がずれています。そうでなければ、証明書が誤った日付で発行されたか、有効になる前に設置されています。メールソフトは期限切れと同じように拒否します。',
      fixAdmin:
        'サーバーの時計（NTP）と証明書のnotBefore（開始日）を確認し、日付が誤っていれば証明書を再発行してください。',
      fixUser:
        'コンピューターの日付と時刻が正しいか（自動設定になっているか）確認してください。正しい場合はプロバイダーに連絡してください。',
    },
  },
  'cert-expiring-soon': {
    en: {
      title: 'Certificate expires soon',
      explanation:
        "The certificate is valid now but expires in less than 21 days; after that, mail clients will refuse it or warn. With automated renewal (Let's Encrypt, for example) it would normally have been renewed by now, so the renewal, or the reload after it, may be failing.",
      fixAdmin:
        'Renew now, and check that automatic renewal runs and that the mail server reloads afterwards (certbot renew --dry-run, a deploy hook that runs postfix reload).',
      fixUser: 'Nothing needs to change yet; if this finding persists, remind your provider.',
    },
    ja: {
      title: '証明書の有効期限が近づいています',
      explanation:
        "証明書は現在有効ですが、有効期限まで21日を切っています。期限が切れると、メールソフトは接続を拒否するか警告を表示します。自動更新（Let's Encryptなど）をしていれば通常はすでに更新されている時期のため、更新処理か更新後の再読み込みが失敗している可能性があります。",
      fixAdmin:
        '今すぐ更新し、自動更新が動いていることと、更新後にメールサーバーが再読み込みされることを確認してください（certbot renew --dry-run、postfix reloadを実行するdeploy hookなど）。',
      fixUser: '今のところ設定の変更は不要です。この表示が続く場合は、プロバイダーに知らせてください。',
    },
  },
  'cert-incomplete-chain': {
    en: {
      title: 'Incomplete certificate chain',
      explanation:
        'The server sends its own certificate but not the intermediate certificate(s) that link it to a trusted root. Some programs fill the gap from a cache or by downloading; many mail clients, and Node.js, do not and report the certificate as untrusted, so whether sending works depends on the client.',
      fixAdmin:
        'Serve the full chain: fullchain.pem rather than cert.pem (Postfix smtpd_tls_chain_files = privkey.pem, fullchain.pem, or smtpd_tls_cert_file = fullchain.pem), then reload.',
      fixUser:
        'Do not accept a certificate warning; ask your provider to install the full certificate chain.',
    },
    ja: {
      title: '中間証明書が不足しています',
      explanation:
        'サーバーは自身の証明書を送っていますが、信頼されたルート証明書につなぐ中間証明書を送っていません。キャッシュやダウンロードで補うソフトウェアもありますが、多くのメールソフトやNode.jsは補わずに証明書を信頼できないと判断するため、送信できるかどうかがメールソフト次第になります。',
      fixAdmin:
        '完全な証明書チェーンを送ってください。cert.pemではなくfullchain.pemを指定し（Postfixでは smtpd_tls_chain_files = privkey.pem, fullchain.pem、または smtpd_tls_cert_file = fullchain.pem）、再読み込みします。',
      fixUser: '証明書の警告を承認せず、プロバイダーに中間証明書の設定を依頼してください。',
    },
  },
  'reply-malformed': {
    en: {
      title: 'Malformed server reply',
      explanation:
        'The server sent a reply that does not follow SMTP syntax (three digits, then a space or hyphen, lines ending in CRLF). Mail clients may misread such replies; it often points to a proxy, a firewall or a non-SMTP service on the port.',
      fixAdmin:
        "Check what answers on this port and whether a proxy or SMTP inspection rewrites the traffic; the mail server's own replies must follow RFC 5321.",
      fixUser: 'Tell your provider, and use another port that MailTLS found working.',
    },
    ja: {
      title: 'サーバーの応答の形式が不正です',
      explanation:
        'サーバーの応答がSMTPの書式（3桁の数字の後に空白かハイフン、行末はCRLF）に従っていません。メールソフトが応答を誤解するおそれがあり、ポートの前にあるプロキシやファイアウォール、またはSMTP以外のサービスが原因であることが多いです。',
      fixAdmin:
        'このポートで何が応答しているか、プロキシやSMTP検査機能が通信を書き換えていないか確認してください。メールサーバー自身の応答はRFC 5321に従う必要があります。',
      fixUser: 'プロバイダーに伝え、MailTLSで問題のなかった別のポートを使ってください。',
    },
  },
  'reply-too-long': {
    en: {
      title: 'Server reply too long',
      explanation:
        'The server sent a reply far longer than any SMTP server needs (RFC 5321 limits a reply line to 512 bytes; MailTLS stops at 8 KiB per line, or 64 KiB or 1,000 lines per reply). MailTLS stopped reading to protect itself: the port is probably not a normal SMTP service, or something hostile answers there.',
      fixAdmin: 'Check which service answers on this port and remove whatever produces the endless output.',
      fixUser: 'Do not use this port; check the server name and port with your provider.',
    },
    ja: {
      title: 'サーバーの応答が長すぎます',
      explanation:
        'サーバーが、通常のSMTPサーバーでは考えられない長さの応答を送ってきました（RFC 5321では応答1行は512バイトまでで、MailTLSは1行8KiB、または1応答64KiBか1,000行で打ち切ります）。MailTLSは自身を守るため読み込みを中止しました。このポートは通常のSMTPサービスではないか、悪意のある何かが応答している可能性があります。',
      fixAdmin: 'このポートで応答しているサービスを確認し、際限のない出力の原因を取り除いてください。',
      fixUser: 'このポートは使わず、プロバイダーに送信サーバー（SMTP）名とポート番号を確認してください。',
    },
  },
  'server-throttled': {
    en: {
      title: 'Server is limiting connections',
      explanation:
        'The server answered 421 (service not available, try again later) or refused service to this client from the start (for example 554), typically because it limits how many connections one address may open or blocks the address. MailTLS backed off, so some checks on this port may be missing. This usually shows a defended server, not a fault.',
      fixAdmin:
        'For complete results, exempt the testing machine from connection limits and blocklists (Postfix smtpd_client_event_limit_exceptions, postscreen access lists) or run the test again later.',
      fixUser: 'Wait a few minutes and run the test again.',
    },
    ja: {
      title: 'サーバーが接続を制限しています',
      explanation:
        'サーバーが421（サービス利用不可、後で再試行）を返したか、最初から554などでこの接続元へのサービスを拒否しました。通常は、同じアドレスからの接続数を制限しているか、アドレスをブロックしているためです。MailTLSは接続を控えたため、このポートの確認項目の一部が欠けている可能性があります。多くの場合、防御が働いている状態であり、不具合ではありません。',
      fixAdmin:
        '完全な結果が必要な場合は、テストするコンピューターを接続数の制限やブロックリストから除外するか（Postfixのsmtpd_client_event_limit_exceptions、postscreenのアクセスリスト）、時間をおいて再度テストしてください。',
      fixUser: '数分待ってから、もう一度テストしてください。',
    },
  },
  'connection-closed': {
    en: {
      title: 'Connection closed by the server',
      explanation:
        'The server closed the connection in the middle of the conversation without an error reply. Possible reasons are a security policy (a blocklist, fail2ban), a connection limit, a crash, or a plaintext/TLS mismatch; the checks after that point could not run.',
      fixAdmin:
        "Look in the mail log at the test's time to see why the session ended, and check blocklists and intrusion-prevention rules for the testing address.",
      fixUser:
        'Check that the security setting matches the port (465 = SSL/TLS, 587 = STARTTLS) and try again later.',
    },
    ja: {
      title: 'サーバーが接続を切断しました',
      explanation:
        'サーバーが通信の途中で、エラー応答なしに接続を切断しました。セキュリティポリシー（ブロックリストやfail2banなど）、接続数の制限、サーバーの異常終了、暗号化方式の食い違いなどが考えられます。それ以降の確認は実行できませんでした。',
      fixAdmin:
        'テスト時刻のメールログで切断の理由を確認し、テスト元のアドレスがブロックリストや侵入防止ルールに該当していないか確認してください。',
      fixUser:
        '暗号化方式がポートに合っているか（465番＝SSL/TLS、587番＝STARTTLS）確認し、時間をおいて再度お試しください。',
    },
  },
  'no-secure-option': {
    en: {
      title: 'No secure setting available',
      explanation:
        'None of the tested ports qualifies. A port qualifies when it negotiates TLS 1.2 or newer, presents a trusted certificate that matches the host name, has no critical or high finding and, for STARTTLS, passed the injection test. MailTLS never recommends a plaintext setting, so there is nothing safe to enter in a mail client yet; the port findings say what is missing.',
      fixAdmin:
        'The quickest path is implicit TLS on 465: in Postfix the submissions service with -o smtpd_tls_wrappermode=yes, a public-CA certificate served as fullchain.pem, smtpd_tls_protocols = >=TLSv1.2 and smtpd_tls_auth_only = yes.',
      fixUser:
        'Do not send with your password through this server until it is fixed; show this report to your provider or administrator, or use another mail service.',
    },
    ja: {
      title: '安全な設定がありません',
      explanation:
        'テストしたポートのいずれも条件を満たしませんでした。条件は、TLS 1.2以降で接続できること、ホスト名に一致する信頼された証明書であること、重大（critical）または高（high）の問題がないこと、STARTTLSの場合はインジェクションのテストに合格していることです。MailTLSは暗号化なしの設定をおすすめしないため、現時点でメールソフトに入力できる安全な設定はありません。不足している点は各ポートの結果を参照してください。',
      fixAdmin:
        '最短の方法は465番でSSL/TLSを提供することです。Postfixではsubmissionsサービスに -o smtpd_tls_wrappermode=yes を指定し、公的な認証局の証明書をfullchain.pemで送り、smtpd_tls_protocols = >=TLSv1.2 と smtpd_tls_auth_only = yes を設定します。',
      fixUser:
        '修正されるまで、このサーバーでパスワードを使った送信はしないでください。この結果をプロバイダーや管理者に見せるか、別のメールサービスを利用してください。',
    },
  },
  // Issue 12 (i12), audience server-hardening.
  'port-25-blocked-by-network': {
    en: {
      title: 'Port 25 is blocked by your network (OP25B)',
      explanation:
        'Port 25 gave no answer while 465 or 587 on the same server did. That pattern is your own network at work: most Japanese ISPs, and many elsewhere, stop home lines from opening outbound port 25 (Outbound Port 25 Blocking) to keep infected computers from sending spam. It says nothing about the server, and it does not affect a mail program, which sends on 465 or 587.',
      fixAdmin:
        'Nothing to fix on the server. Port 25 is for delivery between mail servers; your users send on 465 or 587.',
      fixUser:
        'Nothing to do: send on 465 (SSL/TLS) or 587 (STARTTLS), as MailTLS recommends. Port 25 could be tested only from a network without the block.',
    },
    ja: {
      title: '25番ポートはお使いのネットワークで遮断されています（OP25B）',
      explanation:
        '同じサーバーの465番または587番は応答したのに、25番だけ応答がありませんでした。これはお使いのネットワーク側の制限です。国内の多くのプロバイダーは、感染したパソコンからの迷惑メール送信を防ぐため、家庭用回線から外向きの25番ポートへの接続を遮断しています（OP25B）。サーバーの問題ではなく、465番や587番で送信するメールソフトにも影響はありません。',
      fixAdmin:
        'サーバー側の対応は不要です。25番はメールサーバー間の配送用で、利用者は465番か587番で送信します。',
      fixUser:
        '対応は不要です。MailTLSのおすすめどおり、465番（SSL/TLS）か587番（STARTTLS）で送信してください。25番を検査するには、遮断のないネットワークから実行する必要があります。',
    },
  },
};

/**
 * Recommendation reasons, as advise.ts emits them: `key` or `key:param`. A text
 * with a `{name}` placeholder takes exactly one parameter.
 */
export type ReasonKey =
  | 'implicit-tls-preferred'
  | 'port-qualifies'
  | 'tls-version'
  | 'certificate-valid'
  | 'injection-safe'
  | 'tls-enforced'
  | 'starttls-must-be-required'
  | 'implicit-tls-unavailable'
  | 'port-25-relay-warning'
  | 'nothing-qualified'
  | 'fix-to-qualify'
  | 'certificate-pinned';

export const reasonTexts: Record<ReasonKey, Record<Language, string>> = {
  'implicit-tls-preferred': {
    en: 'RFC 8314 prefers implicit TLS (SSL/TLS on port 465): the connection is encrypted from the first byte, so there is no plaintext phase an attacker could strip or inject into.',
    ja: 'RFC 8314は、最初から暗号化するSSL/TLS（465番ポート）を推奨しています。接続の最初のバイトから暗号化されるため、攻撃者がSTARTTLSを取り除いたり、コマンドを割り込ませたりできる暗号化前の段階がありません。',
  },
  'port-qualifies': {
    en: 'Port {port} qualifies: TLS 1.2 or newer, a trusted certificate that matches the host name, and no critical or high finding.',
    ja: '{port}番ポートは条件を満たしています（TLS 1.2以降、ホスト名に一致する信頼された証明書、重大・高の問題なし）。',
  },
  'tls-version': {
    en: 'The connection used {version}.',
    ja: '{version}で接続しました。',
  },
  'certificate-valid': {
    en: 'The certificate is trusted, matches the server name and is within its validity period.',
    ja: '証明書は信頼されており、サーバー名と一致し、有効期間内です。',
  },
  'injection-safe': {
    en: 'The STARTTLS command-injection test found no vulnerability: the server discarded the plaintext sent together with STARTTLS.',
    ja: 'STARTTLSのコマンドインジェクションのテストで問題は見つかりませんでした。サーバーはSTARTTLSと一緒に送られた暗号化前のデータを破棄しました。',
  },
  'tls-enforced': {
    en: 'The server refuses mail before TLS is established: it rejected a MAIL FROM sent in plaintext.',
    ja: 'サーバーはTLSを確立する前のメールを受け付けません（暗号化前に送ったMAIL FROMを拒否しました）。',
  },
  'starttls-must-be-required': {
    en: 'Set STARTTLS as required in your mail client, never "STARTTLS if available": otherwise a stripped STARTTLS silently falls back to plaintext.',
    ja: 'メールソフトではSTARTTLSを「必須」に設定し、「可能な場合」は選ばないでください。そうしないと、STARTTLSを取り除かれたときに、気付かないまま暗号化なしで送信されます。',
  },
  'implicit-tls-unavailable': {
    en: "Port {port} (SSL/TLS) did not qualify; that port's findings say why.",
    ja: '{port}番ポート（SSL/TLS）は条件を満たしませんでした。理由はそのポートの結果を参照してください。',
  },
  'port-25-relay-warning': {
    en: 'Port 25 is meant for relay between mail servers, and many ISPs block it for their customers, so it may not work from every network. Use it only while 465 and 587 are unavailable.',
    ja: '25番ポートは本来メールサーバー間の中継用で、多くのプロバイダーが利用者のネットワークから外部の25番ポートへの接続を遮断しています（OP25B）。ネットワークによっては使えないため、465番と587番が使えない間だけ使ってください。',
  },
  'nothing-qualified': {
    en: 'No port offers a secure setting, and MailTLS never recommends sending without encryption.',
    ja: '安全な設定を提供しているポートがありません。MailTLSは暗号化なしの送信をおすすめしません。',
  },
  'fix-to-qualify': {
    en: 'A port would qualify once this is fixed: {finding}.',
    ja: '次の問題を解決すれば、ポートが条件を満たします: {finding}',
  },
  'certificate-pinned': {
    en: 'The certificate you chose to trust is pinned by its SHA-256 fingerprint in the profile; certificate checks stay on, and any other certificate is refused.',
    ja: '信頼すると選んだ証明書は、SHA-256の指紋（フィンガープリント）でプロファイルに固定されています。証明書の検証は無効にしておらず、別の証明書が提示されれば接続を拒否します。',
  },
};

const placeholder = /\{\w+\}/g;

function isReasonKey(key: string): key is ReasonKey {
  return Object.hasOwn(reasonTexts, key);
}

/**
 * Renders `key` or `key:param` in the given language. Unknown keys, and reasons
 * whose parameter does not fit the text (missing or unexpected), render as the raw
 * string so nothing is silently lost. A finding id parameter renders as its title.
 */
export function renderReason(reason: string, language: Language): string {
  const colon = reason.indexOf(':');
  const key = colon < 0 ? reason : reason.slice(0, colon);
  const param = colon < 0 ? undefined : reason.slice(colon + 1);
  if (!isReasonKey(key)) return reason;
  const template = reasonTexts[key][language];
  const takesParam = template.search(placeholder) >= 0;
  if (param === undefined) return takesParam ? reason : template;
  if (!takesParam) return reason;
  const finding = findingIdSchema.safeParse(param);
  const value = finding.success ? findingTexts[finding.data][language].title : param;
  // A function replacer: `$` in a parameter must not act as a replacement pattern.
  return template.replace(placeholder, () => value);
}
