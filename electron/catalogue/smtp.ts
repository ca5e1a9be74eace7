/**
 * The SMTP findings' words in Japanese and English, for every id of the contract's
 * `findingIds` (their severity and audience are in ratings.ts; index.ts joins the
 * two). The Record type makes a missing id or language a compile error.
 */
import type { FindingId } from '../contract.js';
import type { FindingTexts, SmtpFindingWords } from './types.js';

export const smtpWords: Record<FindingId, FindingTexts<SmtpFindingWords>> = {
  'port-unreachable': {
    en: {
      title: 'Port closed',
      explanation:
        'The server refused the connection on this port: nothing listens there, or a firewall rejects it. That is harmless in itself, since many providers offer only some of the ports 25, 465 and 587, but this port cannot be used for sending.',
      fixAdmin:
        'If clients should use this port, enable the mail submission service on it and open the firewall for it.',
      fixAdminFor: {
        postfix:
          'If clients should use this port, enable the service and open the firewall: in Postfix, enable the submission (587) or submissions (465) service in master.cf and reload.',
        exim: "If clients should use this port, add it to Exim's daemon_smtp_ports (for example 25 : 465 : 587, with tls_on_connect_ports = 465), restart Exim and open the firewall.",
        dovecot:
          'If clients should use this port, enable Dovecot submission (protocols = $protocols submission) with a listener for it (an inet_listener in service submission-login with port = 587, or port = 465 and ssl = yes), reload and open the firewall.',
        sendmail:
          "If clients should use this port, add a daemon for it in Sendmail's sendmail.mc (DAEMON_OPTIONS(`Port=submission, Name=MSA, M=Ea') for 587, DAEMON_OPTIONS(`Port=smtps, Name=TLSMTA, M=s') for 465), rebuild sendmail.cf, restart and open the firewall.",
        exchange:
          'If clients should use this port, check the Client Frontend receive connector (Get-ReceiveConnector; it listens on 587) and enable it with Set-ReceiveConnector -Enabled $true, then open the firewall. Exchange has no implicit TLS for 465.',
        opensmtpd:
          "If clients should use this port, add a listen line for it in OpenSMTPD's smtpd.conf (listen on all port submission tls-require pki NAME auth for 587, listen on all smtps pki NAME auth for 465), restart smtpd and open the firewall.",
      },
      fixUser:
        "Use a port that works (MailTLS recommends one), or check the port number in your provider's documentation.",
    },
    ja: {
      title: 'ポートが閉じています',
      explanation:
        'このポートへの接続はサーバーに拒否されました。待ち受けているサービスがないか、ファイアウォールで拒否されています。25番・465番・587番のうち一部だけを提供するプロバイダーも多いため、それ自体は問題ではありませんが、このポートは送信に使えません。',
      fixAdmin:
        'このポートを利用者に提供する場合は、送信用のサービスを有効にしてファイアウォールを開けてください。',
      fixAdminFor: {
        postfix:
          'このポートを利用者に提供する場合は、サービスを有効にしてファイアウォールを開けてください。Postfixでは、master.cfのsubmission（587番）またはsubmissions（465番）のサービスを有効にして再読み込みします。',
        exim: 'このポートを利用者に提供する場合は、Eximのdaemon_smtp_portsに加え（例: 25 : 465 : 587、465番はtls_on_connect_ports = 465）、Eximを再起動してファイアウォールを開けてください。',
        dovecot:
          'このポートを利用者に提供する場合は、Dovecotのsubmissionを有効にし（protocols = $protocols submission）、このポートのlistener（service submission-loginの中のinet_listenerに port = 587、465番は port = 465 と ssl = yes）を設定して、再読み込みしてファイアウォールを開けてください。',
        sendmail:
          "このポートを利用者に提供する場合は、Sendmailのsendmail.mcにデーモンを加え（587番はDAEMON_OPTIONS(`Port=submission, Name=MSA, M=Ea')、465番はDAEMON_OPTIONS(`Port=smtps, Name=TLSMTA, M=s')）、sendmail.cfを作り直して再起動し、ファイアウォールを開けてください。",
        exchange:
          'このポートを利用者に提供する場合は、Client Frontendの受信コネクタ（Get-ReceiveConnectorで確認、587番で待ち受け）を Set-ReceiveConnector -Enabled $true で有効にし、ファイアウォールを開けてください。Exchangeには465番のSSL/TLS（最初から暗号化）がありません。',
        opensmtpd:
          'このポートを利用者に提供する場合は、OpenSMTPDのsmtpd.confにlisten行を加え（587番は listen on all port submission tls-require pki 名前 auth、465番は listen on all smtps pki 名前 auth）、smtpdを再起動してファイアウォールを開けてください。',
      },
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
        'Make sure an SMTP service greets promptly on this port. Greeting delays and pre-greeting checks belong on port 25 only, never on the submission ports 465 and 587.',
      fixAdminFor: {
        postfix:
          'Make sure an SMTP service greets promptly on this port. Greeting delays (such as Postfix postscreen) belong on port 25 only, never on the submission ports 465 and 587.',
        exim: 'Make sure Exim greets promptly on this port: a delay in acl_smtp_connect belongs on port 25 only (skip it when $received_port is 465 or 587), and smtp_accept_max and smtp_accept_queue must leave room for clients.',
        dovecot:
          'Make sure Dovecot submission greets promptly on this port: check that submission-login listens on it and that its limits (service submission-login { process_limit, client_limit }) leave room for clients; the log says why it does not answer.',
        sendmail:
          "Make sure Sendmail greets promptly on this port: greet_pause and connection throttling (confCONNECTION_RATE_THROTTLE) are meant for port 25, so exempt your clients' networks from them in the access database (GreetPause: entries with 0), and check confMAX_DAEMON_CHILDREN.",
        exchange:
          'Make sure Exchange greets promptly on this port: check that the Client Frontend receive connector is bound to it and the Microsoft Exchange Frontend Transport service runs; tarpitting (-TarpitInterval) belongs on internet-facing connectors only.',
        opensmtpd:
          'Make sure OpenSMTPD greets promptly on this port: check that a listen line covers it and that smtpd runs (smtpctl show status); a filter that delays the greeting belongs on the port 25 listener only.',
      },
      fixUser:
        'Check the server name and port with your provider; on port 465, SSL/TLS must be selected. If the server may be busy, try again later.',
    },
    ja: {
      title: 'SMTPのあいさつ（グリーティング）がありません',
      explanation:
        '接続は受け付けられましたが、サーバーから応答がありませんでした。制限時間内に「220」のあいさつが届かず、MailTLSがTLSのハンドシェイクを試した場合もそれに応答しませんでした。サーバーの過負荷、迷惑メール対策として意図的に応答を遅らせている、またはメール以外のサービスであることが考えられます。',
      fixAdmin:
        'このポートでSMTPサービスがすぐにあいさつを返すようにしてください。応答を遅らせる対策やあいさつ前の検査は25番だけに使い、送信用の465番・587番には適用しないでください。',
      fixAdminFor: {
        postfix:
          'このポートでSMTPサービスがすぐにあいさつを返すようにしてください。応答を遅らせる対策（Postfixのpostscreenなど）は25番だけに使い、送信用の465番・587番には適用しないでください。',
        exim: 'このポートでEximがすぐにあいさつを返すようにしてください。acl_smtp_connectでの遅延は25番だけに使い（$received_portが465か587のときは外す）、smtp_accept_maxとsmtp_accept_queueは利用者の接続に余裕を残してください。',
        dovecot:
          'このポートでDovecotのsubmissionがすぐにあいさつを返すようにしてください。submission-loginがこのポートで待ち受けていること、上限（service submission-login { process_limit, client_limit }）に余裕があることを確認してください。応答しない理由はログに出ます。',
        sendmail:
          'このポートでSendmailがすぐにあいさつを返すようにしてください。greet_pauseと接続数の制限（confCONNECTION_RATE_THROTTLE）は25番向けなので、利用者のネットワークはaccessデータベース（GreetPause: の項目に0）で除外し、confMAX_DAEMON_CHILDRENも確認してください。',
        exchange:
          'このポートでExchangeがすぐにあいさつを返すようにしてください。Client Frontendの受信コネクタがこのポートに割り当てられ、Microsoft Exchange Frontend Transportサービスが動いていることを確認してください。応答の遅延（-TarpitInterval）はインターネット向けのコネクタだけに使ってください。',
        opensmtpd:
          'このポートでOpenSMTPDがすぐにあいさつを返すようにしてください。listen行がこのポートを含み、smtpdが動いていること（smtpctl show status）を確認してください。あいさつを遅らせるフィルターは25番のlisten行だけに使ってください。',
      },
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
        'Install a certificate and enable TLS on the mail server: offer STARTTLS on port 25 and require it on 587. Better still, also offer implicit TLS on 465.',
      fixAdminFor: {
        postfix:
          'Install a certificate and enable TLS: in Postfix set smtpd_tls_chain_files (or smtpd_tls_cert_file and smtpd_tls_key_file), with smtpd_tls_security_level = may on port 25 and encrypt on 587. Better still, also offer implicit TLS on 465.',
        exim: 'In Exim, set tls_certificate and tls_privatekey (the full chain and its key) and tls_advertise_hosts = *, so STARTTLS is offered; require it on 587 in the MAIL ACL, and offer implicit TLS with tls_on_connect_ports = 465.',
        dovecot:
          'In Dovecot, set ssl_cert = </path/fullchain.pem and ssl_key = </path/privkey.pem (2.4: ssl_server_cert_file and ssl_server_key_file) and ssl = required for submission, so STARTTLS is offered and required.',
        sendmail:
          'In Sendmail, point confSERVER_CERT, confSERVER_KEY and confCACERT at the certificate, its key and the intermediates in sendmail.mc, rebuild sendmail.cf and restart: STARTTLS is offered once they load. Offer implicit TLS on 465 as well (DAEMON_OPTIONS with Port=smtps and M=s).',
        exchange:
          "In Exchange, install a certificate for this host name and enable it for SMTP (Enable-ExchangeCertificate -Services SMTP), and make sure the receive connector's AuthMechanism includes Tls; then STARTTLS is offered.",
        opensmtpd:
          'In OpenSMTPD, declare the certificate (pki NAME cert "/path/fullchain.pem" and pki NAME key "/path/privkey.pem"), add tls pki NAME to the port 25 listener and tls-require pki NAME to the submission listener.',
      },
      fixUser:
        'Do not send through this port. Use 465 with SSL/TLS if available; if your provider documents STARTTLS here, your network may be stripping it, so try another network and tell the provider.',
    },
    ja: {
      title: 'STARTTLSが提供されていません',
      explanation:
        'サーバーのEHLO応答にSTARTTLSが含まれておらず、このポートには暗号化の手段がありません。メール本文もパスワードも暗号化されずに送られます。プロバイダーがSTARTTLS対応を案内している場合は、経路上の何か（ファイアウォールのSMTP検査機能や攻撃者）がSTARTTLSを取り除いている（ストリッピング）可能性があります。なお、サーバー間の25番ポートについては、Gmailが2024年2月から送信元にTLSを求めています。',
      fixAdmin:
        '証明書を設定してメールサーバーのTLSを有効にしてください。25番ではSTARTTLSを提供し、587番では必須にします。さらに、465番でSSL/TLSも提供するのが理想です。',
      fixAdminFor: {
        postfix:
          '証明書を設定してTLSを有効にしてください。Postfixではsmtpd_tls_chain_files（またはsmtpd_tls_cert_fileとsmtpd_tls_key_file）を指定し、25番はsmtpd_tls_security_level = may、587番はencryptにします。さらに、465番でSSL/TLSも提供するのが理想です。',
        exim: 'Eximでは tls_certificate と tls_privatekey（完全なチェーンとその秘密鍵）、tls_advertise_hosts = * を設定してSTARTTLSを提供してください。587番ではMAILのACLでTLSを必須にし、tls_on_connect_ports = 465 でSSL/TLSも提供します。',
        dovecot:
          'Dovecotでは ssl_cert = </パス/fullchain.pem と ssl_key = </パス/privkey.pem（2.4では ssl_server_cert_file と ssl_server_key_file）、submissionに ssl = required を設定し、STARTTLSを提供して必須にしてください。',
        sendmail:
          'Sendmailでは、sendmail.mcのconfSERVER_CERT、confSERVER_KEY、confCACERTに証明書、秘密鍵、中間証明書を指定し、sendmail.cfを作り直して再起動してください。読み込まれるとSTARTTLSが提供されます。465番でもSSL/TLS（DAEMON_OPTIONSにPort=smtpsとM=s）を提供してください。',
        exchange:
          'Exchangeでは、このホスト名の証明書をインストールしてSMTPに割り当て（Enable-ExchangeCertificate -Services SMTP）、受信コネクタのAuthMechanismにTlsが含まれていることを確認してください。これでSTARTTLSが提供されます。',
        opensmtpd:
          'OpenSMTPDでは証明書を宣言し（pki 名前 cert "/パス/fullchain.pem" と pki 名前 key "/パス/privkey.pem"）、25番のlisten行に tls pki 名前、送信用のlisten行に tls-require pki 名前 を加えてください。',
      },
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
        'Find the TLS error in the mail log and fix the certificate and key settings (file paths, permissions, a key that matches the certificate); test with openssl s_client -starttls smtp -connect host:587.',
      fixAdminFor: {
        postfix:
          'Find the TLS error in the mail log and fix the certificate and key settings (in Postfix smtpd_tls_chain_files, file permissions, a key that matches the certificate); test with openssl s_client -starttls smtp -connect host:587.',
        exim: "Find the TLS error in Exim's main and panic logs and fix tls_certificate and tls_privatekey (files the Exim user can read, a key that matches the certificate); test with openssl s_client -starttls smtp -connect host:587.",
        dovecot:
          "Find the TLS error in Dovecot's log (doveadm log errors) and fix ssl_cert and ssl_key (2.4: ssl_server_cert_file and ssl_server_key_file): readable files and a key that matches the certificate; test with openssl s_client -starttls smtp -connect host:587.",
        sendmail:
          'Find the STARTTLS error in the mail log (raise confLOG_LEVEL to 14 while testing) and fix confSERVER_CERT, confSERVER_KEY and confCACERT; Sendmail refuses a key file that group or others can read. Test with openssl s_client -starttls smtp -connect host:587.',
        exchange:
          "Check the certificate bound to SMTP (Get-ExchangeCertificate: it needs its private key and SMTP among its Services) and the receive connector's TlsCertificateName; the Schannel events in the System log name the error. Test with openssl s_client -starttls smtp -connect host:587.",
        opensmtpd:
          "Check the pki lines in OpenSMTPD's smtpd.conf (certificate and key paths, a key that matches the certificate), test the configuration with smtpd -n and read the TLS error in the mail log; test with openssl s_client -starttls smtp -connect host:587.",
      },
      fixUser:
        'Set STARTTLS as required in your mail client, never "if available"; use 465 with SSL/TLS if it works, and tell your provider.',
    },
    ja: {
      title: 'STARTTLSに失敗します',
      explanation:
        'サーバーはSTARTTLSに対応していると表示していますが、暗号化への切り替えに失敗しました。コマンドが拒否された（「454 TLS not available」など）か、「220」の応答後のTLSハンドシェイクが失敗しています。「STARTTLS（可能な場合）」に設定したメールソフトは気付かないまま暗号化なしで続けることがあり、STARTTLSを必須にしたメールソフトは送信できません。',
      fixAdmin:
        'メールログでTLSのエラーを確認し、証明書と秘密鍵の設定を修正してください（ファイルのパス、権限、証明書と秘密鍵の組み合わせ）。openssl s_client -starttls smtp -connect ホスト名:587 で確認できます。',
      fixAdminFor: {
        postfix:
          'メールログでTLSのエラーを確認し、証明書と秘密鍵の設定を修正してください（Postfixのsmtpd_tls_chain_files、ファイルの権限、証明書と秘密鍵の組み合わせ）。openssl s_client -starttls smtp -connect ホスト名:587 で確認できます。',
        exim: 'Eximのmainログとpanicログでエラーを確認し、tls_certificate と tls_privatekey を修正してください（Eximのユーザーが読めるファイル、証明書と組になる秘密鍵）。openssl s_client -starttls smtp -connect ホスト名:587 で確認できます。',
        dovecot:
          'Dovecotのログ（doveadm log errors）でTLSのエラーを確認し、ssl_cert と ssl_key（2.4では ssl_server_cert_file と ssl_server_key_file）を修正してください（読めるファイル、証明書と組になる秘密鍵）。openssl s_client -starttls smtp -connect ホスト名:587 で確認できます。',
        sendmail:
          'メールログでSTARTTLSのエラーを確認し（テスト中はconfLOG_LEVELを14に上げる）、confSERVER_CERT、confSERVER_KEY、confCACERTを修正してください。Sendmailはグループや他人が読める秘密鍵を拒否します。openssl s_client -starttls smtp -connect ホスト名:587 で確認できます。',
        exchange:
          'SMTPに割り当てた証明書（Get-ExchangeCertificateで、秘密鍵があり、ServicesにSMTPを含むこと）と受信コネクタのTlsCertificateNameを確認してください。エラーの内容はシステムログのSchannelイベントに出ます。openssl s_client -starttls smtp -connect ホスト名:587 で確認できます。',
        opensmtpd:
          'OpenSMTPDのsmtpd.confのpki行（証明書と秘密鍵のパス、証明書と組になる秘密鍵）を確認し、smtpd -n で設定を検査して、メールログでTLSのエラーを確認してください。openssl s_client -starttls smtp -connect ホスト名:587 で確認できます。',
      },
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
        'Run the 465 service with implicit TLS (TLS from the first byte, RFC 8314) instead of STARTTLS. Keep STARTTLS on 587.',
      fixAdminFor: {
        postfix:
          'Run the 465 service in wrapper mode: in Postfix master.cf, the submissions (smtps) service with -o smtpd_tls_wrappermode=yes. Keep STARTTLS on 587.',
        exim: 'In Exim, set tls_on_connect_ports = 465 (with 465 in daemon_smtp_ports), so 465 speaks TLS from the first byte. Keep STARTTLS on 587.',
        dovecot:
          'In Dovecot, give the 465 listener ssl = yes (the inet_listener submissions in service submission-login, with port = 465 and ssl = yes). Keep STARTTLS on 587.',
        sendmail:
          "In Sendmail, run 465 with the s modifier: DAEMON_OPTIONS(`Port=smtps, Name=TLSMTA, M=s'). Keep STARTTLS on 587.",
        exchange:
          "Exchange receive connectors speak STARTTLS only, never implicit TLS: remove 465 from the connector's bindings (or terminate TLS on 465 in a proxy in front of Exchange) and let clients use 587 with STARTTLS.",
        opensmtpd:
          'In OpenSMTPD, use the smtps option on the 465 listener (listen on all smtps pki NAME auth) instead of tls. Keep STARTTLS on 587.',
      },
      fixUser:
        'Until the server is fixed, use 587 with STARTTLS set as required, and ask your provider to fix port 465.',
    },
    ja: {
      title: '465番ポートでSSL/TLSではなくSTARTTLSが使われています',
      explanation:
        '465番ポートが暗号化なしであいさつを返し、STARTTLSを提示しました。RFC 8314では、465番は最初から暗号化する方式（SSL/TLS）に割り当てられています。一般的な案内どおり465番で「SSL/TLS」を設定したメールソフトは接続できず、「STARTTLS」を設定した場合は、465番が本来避けるはずの暗号化されていない開始部分が残ります。',
      fixAdmin:
        '465番のサービスはSTARTTLSではなく、最初から暗号化するモード（RFC 8314のSSL/TLS）で動かしてください。STARTTLSは587番で提供してください。',
      fixAdminFor: {
        postfix:
          '465番のサービスを最初から暗号化するモードで動かしてください。Postfixではmaster.cfのsubmissions（smtps）サービスに -o smtpd_tls_wrappermode=yes を指定します。STARTTLSは587番で提供してください。',
        exim: 'Eximでは tls_on_connect_ports = 465 を設定し（daemon_smtp_portsにも465を含める）、465番を最初から暗号化してください。STARTTLSは587番で提供してください。',
        dovecot:
          'Dovecotでは465番のlistenerに ssl = yes を指定してください（service submission-loginの中のinet_listener submissionsに port = 465 と ssl = yes）。STARTTLSは587番で提供してください。',
        sendmail:
          "Sendmailでは465番をsの指定付きで動かしてください（DAEMON_OPTIONS(`Port=smtps, Name=TLSMTA, M=s')）。STARTTLSは587番で提供してください。",
        exchange:
          'Exchangeの受信コネクタはSTARTTLSだけに対応し、最初から暗号化する方式には対応しません。コネクタの割り当てから465番を外し（またはExchangeの前のプロキシで465番のTLSを終端し）、利用者には587番のSTARTTLSを案内してください。',
        opensmtpd:
          'OpenSMTPDでは465番のlisten行にtlsではなくsmtpsを指定してください（listen on all smtps pki 名前 auth）。STARTTLSは587番で提供してください。',
      },
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
        'Enable implicit TLS on this port with a valid certificate, so that TLS starts with the first byte. Never run plain SMTP on 465.',
      fixAdminFor: {
        postfix:
          'Enable implicit TLS on this port: in Postfix, the submissions service in master.cf with -o smtpd_tls_wrappermode=yes and a valid certificate. Never run plain SMTP on 465.',
        exim: 'In Exim, add this port to tls_on_connect_ports (tls_on_connect_ports = 465) with a valid tls_certificate. Never run plain SMTP on 465.',
        dovecot:
          "In Dovecot, set ssl = yes on this port's listener (the inet_listener submissions with port = 465 and ssl = yes) with a valid certificate. Never run plain SMTP on 465.",
        sendmail:
          "In Sendmail, add M=s to this port's daemon (DAEMON_OPTIONS(`Port=smtps, Name=TLSMTA, M=s')) with a valid certificate. Never run plain SMTP on 465.",
        exchange:
          "Exchange receive connectors cannot speak implicit TLS: remove 465 from the connector's bindings (or terminate TLS in a proxy in front of Exchange) and offer 587 with STARTTLS required. Never run plain SMTP on 465.",
        opensmtpd:
          'In OpenSMTPD, use the smtps option on this listener (listen on all smtps pki NAME auth) with a valid certificate. Never run plain SMTP on 465.',
      },
      fixUser:
        'Do not use this port without encryption. Until your provider fixes it, use 587 with STARTTLS set as required.',
    },
    ja: {
      title: 'SSL/TLS用のポートが暗号化なしで応答します',
      explanation:
        'RFC 8314で最初から暗号化することになっているポート（通常は465番）で、サーバーがTLSを開始せず、暗号化なしのSMTPのあいさつを返しました。ここに送られるデータは、メールソフト側がTLSを強制しない限り、パスワードも含めて保護されません。',
      fixAdmin:
        'このポートで有効な証明書を使ったSSL/TLS（最初から暗号化）を有効にしてください。465番で暗号化なしのSMTPを動かさないでください。',
      fixAdminFor: {
        postfix:
          'このポートでSSL/TLS（最初から暗号化）を有効にしてください。Postfixではmaster.cfのsubmissionsサービスに -o smtpd_tls_wrappermode=yes と有効な証明書を指定します。465番で暗号化なしのSMTPを動かさないでください。',
        exim: 'Eximでは、このポートをtls_on_connect_portsに加え（tls_on_connect_ports = 465）、有効なtls_certificateを指定してください。465番で暗号化なしのSMTPを動かさないでください。',
        dovecot:
          'Dovecotでは、このポートのlistenerに ssl = yes を指定し（inet_listener submissionsに port = 465 と ssl = yes）、有効な証明書を使ってください。465番で暗号化なしのSMTPを動かさないでください。',
        sendmail:
          "Sendmailでは、このポートのデーモンにM=sを加え（DAEMON_OPTIONS(`Port=smtps, Name=TLSMTA, M=s')）、有効な証明書を使ってください。465番で暗号化なしのSMTPを動かさないでください。",
        exchange:
          'Exchangeの受信コネクタは最初から暗号化する方式に対応しません。コネクタの割り当てから465番を外し（またはExchangeの前のプロキシでTLSを終端し）、587番でSTARTTLSを必須にして提供してください。465番で暗号化なしのSMTPを動かさないでください。',
        opensmtpd:
          'OpenSMTPDでは、このlisten行にsmtpsを指定し（listen on all smtps pki 名前 auth）、有効な証明書を使ってください。465番で暗号化なしのSMTPを動かさないでください。',
      },
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
        'Serve implicit TLS on 465 and STARTTLS on 587. If this port must stay implicit TLS, say so plainly in your setup instructions.',
      fixAdminFor: {
        postfix:
          'Serve implicit TLS on 465 (Postfix: the submissions service with -o smtpd_tls_wrappermode=yes) and STARTTLS on 587; if this port must stay implicit TLS, say so plainly in your setup instructions.',
        exim: 'In Exim, list only 465 in tls_on_connect_ports, so 587 and 25 start in plaintext and offer STARTTLS. If this port must stay implicit TLS, say so plainly in your setup instructions.',
        dovecot:
          'In Dovecot, set ssl = yes only on the 465 listener and not on the 587 one, so 587 offers STARTTLS. If this port must stay implicit TLS, say so plainly in your setup instructions.',
        sendmail:
          "In Sendmail, keep M=s on the smtps (465) daemon only and remove it from the submission (587) daemon's DAEMON_OPTIONS. If this port must stay implicit TLS, say so plainly in your setup instructions.",
        exchange:
          'Exchange receive connectors do not speak implicit TLS, so a proxy or load balancer in front of this port terminates TLS: let it pass 587 through unchanged (STARTTLS) and use implicit TLS on 465 only. If this port must stay implicit TLS, say so plainly in your setup instructions.',
        opensmtpd:
          'In OpenSMTPD, use smtps on the 465 listener only and tls-require on the 587 one (listen on all port submission tls-require pki NAME auth). If this port must stay implicit TLS, say so plainly in your setup instructions.',
      },
      fixUser:
        'Choose SSL/TLS for this port in your mail client; better still, use port 465 with SSL/TLS if the server offers it.',
    },
    ja: {
      title: 'STARTTLS用のポートが最初から暗号化されています',
      explanation:
        'このポートは通常、暗号化なしで始まりSTARTTLSで切り替えるポート（587番・25番）ですが、サーバーは暗号化なしのあいさつを返さず、TLSのハンドシェイクに応答しました。つまり、このポートでは最初から暗号化する方式（SSL/TLS）が使われています。暗号化自体に問題はありませんが、このポートの一般的な設定（STARTTLS）にしたメールソフトは、届かないあいさつを待ち続けて接続できません。また、RFC 8314では最初から暗号化する方式には465番を使うことになっています。',
      fixAdmin:
        '465番でSSL/TLS、587番でSTARTTLSを提供してください。このポートを最初から暗号化する方式のままにする場合は、設定の案内にはっきり記載してください。',
      fixAdminFor: {
        postfix:
          '465番でSSL/TLS（Postfixではsubmissionsサービスに -o smtpd_tls_wrappermode=yes）、587番でSTARTTLSを提供してください。このポートを最初から暗号化する方式のままにする場合は、設定の案内にはっきり記載してください。',
        exim: 'Eximではtls_on_connect_portsに465番だけを指定し、587番と25番は暗号化なしで始めてSTARTTLSを提供してください。このポートを最初から暗号化する方式のままにする場合は、設定の案内にはっきり記載してください。',
        dovecot:
          'Dovecotでは ssl = yes を465番のlistenerだけに指定し、587番には指定せずにSTARTTLSを提供してください。このポートを最初から暗号化する方式のままにする場合は、設定の案内にはっきり記載してください。',
        sendmail:
          'SendmailではM=sをsmtps（465番）のデーモンだけに指定し、submission（587番）のDAEMON_OPTIONSからは外してください。このポートを最初から暗号化する方式のままにする場合は、設定の案内にはっきり記載してください。',
        exchange:
          'Exchangeの受信コネクタは最初から暗号化する方式に対応しないため、このポートの前のプロキシやロードバランサーがTLSを終端しています。587番はそのまま通してSTARTTLSにし、SSL/TLSは465番だけで提供してください。このポートを最初から暗号化する方式のままにする場合は、設定の案内にはっきり記載してください。',
        opensmtpd:
          'OpenSMTPDではsmtpsを465番のlisten行だけに指定し、587番にはtls-requireを指定してください（listen on all port submission tls-require pki 名前 auth）。このポートを最初から暗号化する方式のままにする場合は、設定の案内にはっきり記載してください。',
      },
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
        'Require TLS on the submission port: set its TLS level to required (often called "encrypt" or "required" rather than "may" or "optional"), so that commands before STARTTLS get "530 Must issue a STARTTLS command first". Offering implicit TLS on 465 as well is better still.',
      fixAdminFor: {
        postfix:
          'Require TLS on submission: in Postfix master.cf add -o smtpd_tls_security_level=encrypt to the submission (587) service, so plaintext commands get "530 5.7.0 Must issue a STARTTLS command first"; also set smtpd_tls_auth_only = yes.',
        exim: 'In Exim, refuse mail before TLS on the submission port: in the MAIL ACL, deny when $received_port is 587 and the connection is not encrypted (!encrypted = *).',
        dovecot:
          'In Dovecot submission, set ssl = required, so that nothing but STARTTLS is accepted before TLS.',
        sendmail:
          'In Sendmail, offer submission with implicit TLS (DAEMON_OPTIONS with Port=smtps and M=s) and require STARTTLS on 587 through the access database (TLS_Clt: entries with ENCR:128).',
        exchange:
          'In Exchange, require TLS on the client receive connector (port 587): Set-ReceiveConnector -RequireTLS $true.',
        opensmtpd:
          'In OpenSMTPD, use tls-require on the submission listener, for example: listen on all port submission tls-require pki mail auth.',
      },
      fixUser:
        'Set your mail client to SSL/TLS on 465, or STARTTLS (required) on 587; never "if available" or "none".',
    },
    ja: {
      title: '暗号化なしでもメールを受け付けます',
      explanation:
        'この送信用ポートで、サーバーはTLSを確立する前にMAIL FROMを受け付けました。つまり暗号化を必須にしていません。攻撃者がSTARTTLSを取り除いた場合や、メールソフトが「STARTTLS（可能な場合）」や「暗号化なし」に設定されている場合、メールは暗号化されないまま送られ、誰も気付きません。RFC 8314は送信サーバーにTLSを必須にするよう求めています。',
      fixAdmin:
        '送信用ポートでTLSを必須にしてください。TLSの設定を「may」や「optional」ではなく「encrypt」や「required」にすると、STARTTLSより前のコマンドには「530 Must issue a STARTTLS command first」が返ります。465番でSSL/TLSもあわせて提供するとさらに確実です。',
      fixAdminFor: {
        postfix:
          '送信用ポートでTLSを必須にしてください。Postfixではmaster.cfのsubmission（587番）サービスに -o smtpd_tls_security_level=encrypt を指定すると、暗号化前のコマンドには「530 5.7.0 Must issue a STARTTLS command first」が返ります。あわせて smtpd_tls_auth_only = yes も設定してください。',
        exim: 'Eximでは、送信用ポートでTLSより前のメールを拒否してください。MAILのACLで、$received_port が587で暗号化されていない（!encrypted = *）場合にdenyします。',
        dovecot:
          'Dovecotのsubmissionでは ssl = required を設定し、TLSより前はSTARTTLS以外を受け付けないようにしてください。',
        sendmail:
          'Sendmailでは、SSL/TLSでの送信受付（DAEMON_OPTIONSにPort=smtpsとM=s）を提供し、587番ではaccessデータベース（TLS_Clt: の項目にENCR:128）でSTARTTLSを必須にしてください。',
        exchange:
          'Exchangeでは、クライアント用の受信コネクタ（587番）で Set-ReceiveConnector -RequireTLS $true を実行し、TLSを必須にしてください。',
        opensmtpd:
          'OpenSMTPDでは、送信用のlisten行にtls-requireを指定してください（例: listen on all port submission tls-require pki mail auth）。',
      },
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
        'Offer AUTH only inside TLS: mail servers have a setting that hides AUTH until STARTTLS has succeeded. Requiring TLS on the submission port altogether is better still.',
      fixAdminFor: {
        postfix:
          'Offer AUTH only inside TLS: Postfix smtpd_tls_auth_only = yes (Dovecot: disable_plaintext_auth = yes, or auth_allow_cleartext = no in 2.4). Requiring TLS on submission (smtpd_tls_security_level = encrypt) is better still.',
        exim: 'In Exim, advertise AUTH only over TLS: auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}.',
        dovecot:
          'In Dovecot, set disable_plaintext_auth = yes (auth_allow_cleartext = no from 2.4), so AUTH is offered only after TLS.',
        sendmail:
          "In Sendmail, add p to the AUTH options (define(`confAUTH_OPTIONS', `A p')), so password mechanisms are offered only after STARTTLS.",
        exchange:
          'In Exchange, let the receive connector offer basic authentication only after TLS: Set-ReceiveConnector -AuthMechanism Tls,BasicAuth,BasicAuthRequireTLS.',
        opensmtpd:
          'In OpenSMTPD, offer auth only on listeners with tls-require (or smtps), never on plain ones.',
      },
      fixUser:
        'Use SSL/TLS on 465 or STARTTLS (required) on 587. If your mail client ever sent the password without encryption, change the password.',
    },
    ja: {
      title: '暗号化の前にログイン（AUTH）が提示されます',
      explanation:
        'サーバーはTLSの前のEHLO応答でAUTHを提示しており、ユーザー名とパスワードを暗号化なしで送るよう促しています。攻撃者にSTARTTLSを取り除かれたメールソフトや、暗号化なしに設定されたメールソフトは、経路上の誰にでもパスワードを渡してしまいます。実際にこの方法で認証情報が漏れたメールソフトやツールがあります。',
      fixAdmin:
        'AUTHはTLSの中でだけ提示してください。メールサーバーには、STARTTLSが成功するまでAUTHを見せない設定があります。送信用ポートでTLSそのものを必須にするとさらに確実です。',
      fixAdminFor: {
        postfix:
          'AUTHはTLSの中でだけ提示してください。Postfixでは smtpd_tls_auth_only = yes（Dovecotでは disable_plaintext_auth = yes、2.4以降は auth_allow_cleartext = no）を設定します。送信用ポートでTLSを必須にする（smtpd_tls_security_level = encrypt）とさらに確実です。',
        exim: 'Eximでは auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}} を設定し、AUTHをTLSの中だけで提示してください。',
        dovecot:
          'Dovecotでは disable_plaintext_auth = yes（2.4以降は auth_allow_cleartext = no）を設定し、TLSの後だけAUTHを提示してください。',
        sendmail:
          "SendmailではAUTHのオプションにpを加え（define(`confAUTH_OPTIONS', `A p')）、パスワードを使う方式をSTARTTLSの後だけ提示してください。",
        exchange:
          'Exchangeでは Set-ReceiveConnector -AuthMechanism Tls,BasicAuth,BasicAuthRequireTLS を実行し、受信コネクタが基本認証をTLSの後だけ提示するようにしてください。',
        opensmtpd:
          'OpenSMTPDでは、authはtls-require（またはsmtps）を指定したlisten行だけに付け、暗号化なしの行には付けないでください。',
      },
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
        "Update the mail server software to a release that discards buffered plaintext input at STARTTLS (your vendor's advisory names it; CVE-2011-0411 and CVE-2021-33515 are examples), and check any proxy that terminates TLS in front of it. Offer implicit TLS on 465 as well.",
      fixAdminFor: {
        postfix:
          "Update the mail server to a fixed release (Postfix 2.4.16, 2.5.12, 2.6.9, 2.7.3 or later; Dovecot submission 2.3.15 or later; otherwise your vendor's advisory): the server must discard buffered plaintext input at STARTTLS. Offer implicit TLS on 465 as well.",
        exim: 'Update Exim to a current release from your distribution and check any proxy or filter in front of it that terminates TLS: the server must discard plaintext input sent together with STARTTLS. Offer implicit TLS on 465 as well (tls_on_connect_ports = 465).',
        dovecot:
          'Update Dovecot to 2.3.15 or later (CVE-2021-33515: submission ran commands injected with STARTTLS) and check any proxy in front of it that terminates TLS. Offer implicit TLS on 465 as well.',
        sendmail:
          'Update Sendmail to a current release and check any proxy or content filter in front of it that terminates TLS: the server must discard plaintext input sent together with STARTTLS. Offer implicit TLS on 465 as well (DAEMON_OPTIONS with Port=smtps and M=s).',
        exchange:
          'Install the current Exchange cumulative and security updates, and check any load balancer or mail gateway in front of Exchange that terminates TLS: it must discard plaintext input sent together with STARTTLS.',
        opensmtpd:
          'Update OpenSMTPD to a current release and check any proxy in front of it that terminates TLS: the server must discard plaintext input sent together with STARTTLS. Offer implicit TLS on 465 as well (listen on all smtps pki NAME auth).',
      },
      fixUser:
        'Use port 465 with SSL/TLS, where there is no plaintext phase to inject into; avoid STARTTLS with this server and tell your provider.',
    },
    ja: {
      title: 'STARTTLSのコマンドインジェクション',
      explanation:
        'サーバーが、STARTTLSと同じパケットで暗号化前に送られたコマンドを実行しました。MailTLSが「STARTTLS」と「EHLO」を続けて送ったところ、EHLOへの応答が暗号化後の通信の中で返ってきました。経路上の攻撃者は利用者のTLSセッションにコマンドを注入でき、セッションの乗っ取りやメール・認証情報の横取りにつながります。RFC 3207はこうした読み残しの入力を破棄するよう定めています。PostfixのCVE-2011-0411と同じ種類の不具合で、NO STARTTLSの研究（Poddebniak、Ising、Böck、Schinzel、USENIX Security 2021）でも、約2%のメールサーバーが脆弱なままでした。',
      fixAdmin:
        'STARTTLSの時点で読み残した暗号化前の入力を破棄する、修正済みのバージョンにメールサーバーを更新してください（各ベンダーの勧告を確認。例: CVE-2011-0411、CVE-2021-33515）。TLSを終端するプロキシが前にある場合はそれも確認し、あわせて465番でSSL/TLSも提供してください。',
      fixAdminFor: {
        postfix:
          'メールサーバーを修正済みのバージョンに更新してください（Postfixは2.4.16、2.5.12、2.6.9、2.7.3以降、Dovecotのsubmissionは2.3.15以降。その他は各ベンダーの勧告を確認）。STARTTLSの時点で読み残した暗号化前の入力を破棄する必要があります。あわせて465番でSSL/TLSも提供してください。',
        exim: 'Eximをディストリビューションの最新版に更新し、TLSを終端するプロキシやフィルターが前にある場合はそれも確認してください。サーバーはSTARTTLSと一緒に送られた暗号化前の入力を破棄する必要があります。あわせて465番でSSL/TLS（tls_on_connect_ports = 465）も提供してください。',
        dovecot:
          'Dovecotを2.3.15以降に更新し（CVE-2021-33515: submissionがSTARTTLSと一緒に注入されたコマンドを実行）、TLSを終端するプロキシが前にある場合はそれも確認してください。あわせて465番でSSL/TLSも提供してください。',
        sendmail:
          'Sendmailを最新版に更新し、TLSを終端するプロキシやコンテンツフィルターが前にある場合はそれも確認してください。サーバーはSTARTTLSと一緒に送られた暗号化前の入力を破棄する必要があります。あわせて465番でSSL/TLS（DAEMON_OPTIONSにPort=smtpsとM=s）も提供してください。',
        exchange:
          'Exchangeの最新の累積更新プログラムとセキュリティ更新プログラムを適用し、TLSを終端するロードバランサーやメールゲートウェイが前にある場合はそれも確認してください。STARTTLSと一緒に送られた暗号化前の入力を破棄する必要があります。',
        opensmtpd:
          'OpenSMTPDを最新版に更新し、TLSを終端するプロキシが前にある場合はそれも確認してください。サーバーはSTARTTLSと一緒に送られた暗号化前の入力を破棄する必要があります。あわせて465番でSSL/TLS（listen on all smtps pki 名前 auth）も提供してください。',
      },
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
        'Compare your mail server version with the STARTTLS injection advisories (CVE-2011-0411 and later ones) and test again, for example with testssl.sh --starttls-injection or the EAST command-injection tester.',
      fixAdminFor: {
        postfix:
          'Compare your mail server version with the STARTTLS advisories (Postfix CVE-2011-0411 and later ones) and test again, for example with testssl.sh --starttls-injection or the EAST command-injection tester.',
        exim: "Compare your Exim version with your distribution's security advisories, check any proxy in front of it that terminates TLS, and test again, for example with testssl.sh --starttls-injection or the EAST command-injection tester.",
        dovecot:
          'Check that Dovecot is 2.3.15 or later (CVE-2021-33515, STARTTLS injection in submission) and test again, for example with testssl.sh --starttls-injection or the EAST command-injection tester.',
        sendmail:
          "Compare your Sendmail version with your vendor's security advisories, check any proxy or content filter in front of it that terminates TLS, and test again, for example with testssl.sh --starttls-injection or the EAST command-injection tester.",
        exchange:
          'Check that the current Exchange cumulative and security updates are installed, check any load balancer or gateway in front of Exchange that terminates TLS, and test again, for example with testssl.sh --starttls-injection or the EAST command-injection tester.',
        opensmtpd:
          'Compare your OpenSMTPD version with its security advisories, check any proxy in front of it that terminates TLS, and test again, for example with testssl.sh --starttls-injection or the EAST command-injection tester.',
      },
      fixUser: 'Prefer port 465 with SSL/TLS, which does not depend on STARTTLS.',
    },
    ja: {
      title: 'STARTTLSインジェクションの判定ができませんでした',
      explanation:
        'このサーバーにSTARTTLSのコマンドインジェクションの脆弱性があるか判定できませんでした。テストの後、注入したコマンドにも、その後の無害なコマンドにも応答がありませんでした。応答がないことは安全の証明にはなりません。サーバーの応答が遅い、接続を制限している、または入力の扱いが特殊である可能性があります。',
      fixAdmin:
        'メールサーバーのバージョンをSTARTTLSインジェクションの脆弱性情報（CVE-2011-0411など）と照らし合わせ、testssl.sh --starttls-injection やEASTのcommand-injection-testerなどで再確認してください。',
      fixAdminFor: {
        postfix:
          'メールサーバーのバージョンをSTARTTLS関連の脆弱性情報（PostfixのCVE-2011-0411など）と照らし合わせ、testssl.sh --starttls-injection やEASTのcommand-injection-testerなどで再確認してください。',
        exim: 'Eximのバージョンをディストリビューションのセキュリティ情報と照らし合わせ、TLSを終端するプロキシが前にあればそれも確認して、testssl.sh --starttls-injection やEASTのcommand-injection-testerなどで再確認してください。',
        dovecot:
          'Dovecotが2.3.15以降であること（CVE-2021-33515、submissionのSTARTTLSインジェクション）を確認し、testssl.sh --starttls-injection やEASTのcommand-injection-testerなどで再確認してください。',
        sendmail:
          'Sendmailのバージョンをベンダーのセキュリティ情報と照らし合わせ、TLSを終端するプロキシやコンテンツフィルターが前にあればそれも確認して、testssl.sh --starttls-injection やEASTのcommand-injection-testerなどで再確認してください。',
        exchange:
          'Exchangeの最新の累積更新プログラムとセキュリティ更新プログラムが適用されていることと、TLSを終端するロードバランサーやゲートウェイを確認し、testssl.sh --starttls-injection やEASTのcommand-injection-testerなどで再確認してください。',
        opensmtpd:
          'OpenSMTPDのバージョンをセキュリティ情報と照らし合わせ、TLSを終端するプロキシが前にあればそれも確認して、testssl.sh --starttls-injection やEASTのcommand-injection-testerなどで再確認してください。',
      },
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
        "Allow only TLS 1.2 and newer in the mail server's TLS settings (and in the system-wide TLS policy, where the server follows it).",
      fixAdminFor: {
        postfix:
          'Allow only TLS 1.2 and newer: Postfix smtpd_tls_protocols = >=TLSv1.2 and smtpd_tls_mandatory_protocols = >=TLSv1.2 (releases before 3.6: !SSLv2, !SSLv3, !TLSv1, !TLSv1.1).',
        exim: 'In Exim, allow only TLS 1.2 and newer: with OpenSSL, openssl_options = +no_sslv2 +no_sslv3 +no_tlsv1 +no_tlsv1_1; with GnuTLS, tls_require_ciphers = NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2.',
        dovecot: 'In Dovecot, set ssl_min_protocol = TLSv1.2 and reload.',
        sendmail:
          "In Sendmail, refuse the old versions through the server's SSL options: define(`confSERVER_SSL_OPTIONS', `+SSL_OP_NO_SSLv2 +SSL_OP_NO_SSLv3 +SSL_OP_NO_TLSv1 +SSL_OP_NO_TLSv1_1'), then rebuild sendmail.cf and restart.",
        exchange:
          'In Exchange, turn off TLS 1.0 and 1.1 in Windows Schannel (Enabled = 0 under the Server and Client keys of SCHANNEL\\Protocols\\TLS 1.0 and TLS 1.1), after making sure TLS 1.2 is enabled for .NET, then restart the server.',
        opensmtpd: 'In OpenSMTPD, add protocols "tlsv1.2,tlsv1.3" to every listen line that offers TLS.',
      },
      fixUser:
        'Keep your mail client and operating system up to date so that they use TLS 1.2 or 1.3; no setting needs to change.',
    },
    ja: {
      title: '古いTLSバージョンを受け付けます',
      explanation:
        'サーバーがTLS 1.0または1.1をまだ受け付けています。どちらも暗号の弱さから非推奨になっています（RFC 8996、メールについてはRFC 8997）。最近のメールソフトは新しいバージョンで接続しますが、古いメールソフトや機器は弱いバージョンを使ってしまい、サーバーにも既知の攻撃の余地が残ります。',
      fixAdmin:
        'メールサーバーのTLS設定（サーバーが従う場合はシステム全体のTLSポリシーも）で、TLS 1.2以降だけを許可してください。',
      fixAdminFor: {
        postfix:
          'TLS 1.2以降だけを許可してください。Postfixでは smtpd_tls_protocols = >=TLSv1.2 と smtpd_tls_mandatory_protocols = >=TLSv1.2 を設定します（3.6より前のバージョンでは !SSLv2, !SSLv3, !TLSv1, !TLSv1.1）。',
        exim: 'EximではTLS 1.2以降だけを許可してください。OpenSSLなら openssl_options = +no_sslv2 +no_sslv3 +no_tlsv1 +no_tlsv1_1、GnuTLSなら tls_require_ciphers = NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2 を設定します。',
        dovecot: 'Dovecotでは ssl_min_protocol = TLSv1.2 を設定して再読み込みしてください。',
        sendmail:
          "SendmailではサーバーのSSLオプションで古いバージョンを拒否してください（define(`confSERVER_SSL_OPTIONS', `+SSL_OP_NO_SSLv2 +SSL_OP_NO_SSLv3 +SSL_OP_NO_TLSv1 +SSL_OP_NO_TLSv1_1')）。その後sendmail.cfを作り直して再起動します。",
        exchange:
          'Exchangeでは、.NETでTLS 1.2が有効なことを確認してから、WindowsのSchannelでTLS 1.0と1.1を無効にし（SCHANNEL\\Protocols\\TLS 1.0とTLS 1.1のServerとClientのキーでEnabled = 0）、サーバーを再起動してください。',
        opensmtpd:
          'OpenSMTPDでは、TLSを提供するすべてのlisten行に protocols "tlsv1.2,tlsv1.3" を加えてください。',
      },
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
        'Offer only strong suites with forward secrecy (ECDHE with AES-GCM or ChaCha20-Poly1305) and TLS 1.2 or newer only; remove RC4, 3DES, NULL and EXPORT suites.',
      fixAdminFor: {
        postfix:
          'Offer only strong suites with forward secrecy: Postfix smtpd_tls_ciphers = high, smtpd_tls_mandatory_ciphers = high and smtpd_tls_exclude_ciphers = aNULL, eNULL, EXPORT, RC4, 3DES, MD5, together with TLS 1.2 or newer only.',
        exim: 'In Exim, restrict tls_require_ciphers: with OpenSSL, for example ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!MD5:!RC4:!3DES; with GnuTLS, SECURE128:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2.',
        dovecot:
          'In Dovecot, set ssl_cipher_list = ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL together with ssl_min_protocol = TLSv1.2, and reload.',
        sendmail:
          "In Sendmail, set define(`confCIPHER_LIST', `ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!MD5:!RC4:!3DES') in sendmail.mc, with TLS 1.2 or newer only (confSERVER_SSL_OPTIONS), then rebuild sendmail.cf and restart.",
        exchange:
          'In Exchange, disable the weak suites in Windows Schannel (Disable-TlsCipherSuite for RC4, 3DES and NULL suites, or the cipher suite order policy), keep the ECDHE suites with AES-GCM, then restart the server.',
        opensmtpd:
          'In OpenSMTPD, add ciphers "secure" (or a list such as ECDHE+AESGCM:ECDHE+CHACHA20) and protocols "tlsv1.2,tlsv1.3" to every listen line that offers TLS.',
      },
      fixUser: 'Keep your mail client up to date; the fix is on the server, so tell your provider.',
    },
    ja: {
      title: '弱い暗号方式が使われています',
      explanation:
        'サーバーが接続に弱い暗号スイートを選びました。安全でなくなったアルゴリズム（RC4、3DES、輸出グレードや匿名の暗号など）、前方秘匿性のない鍵交換、またはLucky 13のようなパディングオラクル攻撃を受けうるSHA-1のCBCモードです。十分な能力を持つ攻撃者に通信を解読・改ざんされるおそれがあり、前方秘匿性がない場合は、サーバーの秘密鍵が後から漏れたときに記録された過去の通信まで解読されます。',
      fixAdmin:
        '前方秘匿性のある強い暗号スイート（ECDHEとAES-GCMまたはChaCha20-Poly1305）だけを、TLS 1.2以降に限って提供してください。RC4、3DES、NULL、EXPORTのスイートは外してください。',
      fixAdminFor: {
        postfix:
          '前方秘匿性のある強い暗号スイートだけを提供してください。Postfixでは smtpd_tls_ciphers = high、smtpd_tls_mandatory_ciphers = high、smtpd_tls_exclude_ciphers = aNULL, eNULL, EXPORT, RC4, 3DES, MD5 を設定し、TLS 1.2以降に限定します。',
        exim: 'Eximではtls_require_ciphersを絞ってください。OpenSSLなら例えば ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!MD5:!RC4:!3DES、GnuTLSなら SECURE128:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2 を指定します。',
        dovecot:
          'Dovecotでは ssl_cipher_list = ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL と ssl_min_protocol = TLSv1.2 を設定して再読み込みしてください。',
        sendmail:
          "Sendmailではsendmail.mcに define(`confCIPHER_LIST', `ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!MD5:!RC4:!3DES') を設定し、TLS 1.2以降に限定して（confSERVER_SSL_OPTIONS）、sendmail.cfを作り直して再起動してください。",
        exchange:
          'Exchangeでは、WindowsのSchannelで弱い暗号スイートを無効にし（RC4、3DES、NULLのスイートにDisable-TlsCipherSuite、または暗号スイートの順序のポリシー）、AES-GCMを使うECDHEのスイートを残して、サーバーを再起動してください。',
        opensmtpd:
          'OpenSMTPDでは、TLSを提供するすべてのlisten行に ciphers "secure"（または ECDHE+AESGCM:ECDHE+CHACHA20 のような一覧）と protocols "tlsv1.2,tlsv1.3" を加えてください。',
      },
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
        'Renew the certificate and reload the mail server; automate renewal and the reload after it (for example with a certbot deploy hook).',
      fixAdminFor: {
        postfix:
          'Renew the certificate and reload the mail server (postfix reload); automate renewal and the reload after it (for example with a certbot deploy hook).',
        exim: 'Renew the certificate and reload Exim (systemctl reload exim4, or a SIGHUP to the daemon) so it reads tls_certificate again; automate renewal and the reload after it (a certbot deploy hook).',
        dovecot:
          'Renew the certificate and reload Dovecot (doveadm reload) so it reads ssl_cert again; automate renewal and the reload after it (a certbot deploy hook that runs doveadm reload).',
        sendmail:
          'Renew the certificate confSERVER_CERT names and restart Sendmail; automate renewal and the restart after it (a certbot deploy hook).',
        exchange:
          'Import the renewed certificate into Exchange (Import-ExchangeCertificate), enable it for SMTP (Enable-ExchangeCertificate -Services SMTP), and remove the expired one once no connector refers to it; Exchange does not renew it on its own.',
        opensmtpd:
          'Renew the certificate the pki lines name and restart OpenSMTPD (smtpd), which reads certificates only when it starts; automate renewal and the restart after it (a certbot deploy hook).',
      },
      fixUser:
        'Do not accept the warning; tell your provider, and hold off sending until the certificate is renewed.',
    },
    ja: {
      title: '証明書の有効期限が切れています',
      explanation:
        'サーバーの証明書が有効期限を過ぎています。メールソフトは接続を拒否するか警告を表示し、警告を承認すると本物のサーバーと攻撃者を区別できなくなります。証明書は更新されていても、メールサーバーが再読み込みされていないことがよくあります。',
      fixAdmin:
        '証明書を更新し、メールサーバーを再読み込みしてください。更新とその後の再読み込みを自動化してください（certbotのdeploy hookなど）。',
      fixAdminFor: {
        postfix:
          '証明書を更新し、メールサーバーを再読み込みしてください（postfix reload）。更新とその後の再読み込みを自動化してください（certbotのdeploy hookなど）。',
        exim: '証明書を更新し、Eximを再読み込みしてtls_certificateを読み直させてください（systemctl reload exim4、またはデーモンにSIGHUP）。更新とその後の再読み込みを自動化してください（certbotのdeploy hookなど）。',
        dovecot:
          '証明書を更新し、Dovecotを再読み込みしてssl_certを読み直させてください（doveadm reload）。更新とその後の再読み込みを自動化してください（doveadm reloadを実行するcertbotのdeploy hookなど）。',
        sendmail:
          'confSERVER_CERTで指定した証明書を更新し、Sendmailを再起動してください。更新とその後の再起動を自動化してください（certbotのdeploy hookなど）。',
        exchange:
          '更新した証明書をExchangeにインポートし（Import-ExchangeCertificate）、SMTPに割り当て（Enable-ExchangeCertificate -Services SMTP）、どのコネクタも参照しなくなったら期限切れの証明書を削除してください。Exchangeは自動では更新しません。',
        opensmtpd:
          'pki行で指定した証明書を更新し、smtpdを再起動してください。OpenSMTPDは起動時にだけ証明書を読み込みます。更新とその後の再起動を自動化してください（certbotのdeploy hookなど）。',
      },
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
        'Renew now, and check that automatic renewal runs and that the mail server reloads afterwards (certbot renew --dry-run, a deploy hook that reloads the mail server).',
      fixAdminFor: {
        postfix:
          'Renew now, and check that automatic renewal runs and that the mail server reloads afterwards (certbot renew --dry-run, a deploy hook that runs postfix reload).',
        exim: 'Renew now, and check that automatic renewal runs and that Exim reloads afterwards (certbot renew --dry-run, a deploy hook that runs systemctl reload exim4).',
        dovecot:
          'Renew now, and check that automatic renewal runs and that Dovecot reloads afterwards (certbot renew --dry-run, a deploy hook that runs doveadm reload).',
        sendmail:
          'Renew now, and check that automatic renewal runs and that Sendmail restarts afterwards (certbot renew --dry-run, a deploy hook that restarts sendmail).',
        exchange:
          'Renew now: import the new certificate (Import-ExchangeCertificate) and enable it for SMTP (Enable-ExchangeCertificate -Services SMTP) before the old one expires; Exchange does not renew it on its own.',
        opensmtpd:
          'Renew now, and check that automatic renewal runs and that OpenSMTPD restarts afterwards (certbot renew --dry-run, a deploy hook that restarts smtpd).',
      },
      fixUser: 'Nothing needs to change yet; if this finding persists, remind your provider.',
    },
    ja: {
      title: '証明書の有効期限が近づいています',
      explanation:
        "証明書は現在有効ですが、有効期限まで21日を切っています。期限が切れると、メールソフトは接続を拒否するか警告を表示します。自動更新（Let's Encryptなど）をしていれば通常はすでに更新されている時期のため、更新処理か更新後の再読み込みが失敗している可能性があります。",
      fixAdmin:
        '今すぐ更新し、自動更新が動いていることと、更新後にメールサーバーが再読み込みされることを確認してください（certbot renew --dry-run、メールサーバーを再読み込みするdeploy hookなど）。',
      fixAdminFor: {
        postfix:
          '今すぐ更新し、自動更新が動いていることと、更新後にメールサーバーが再読み込みされることを確認してください（certbot renew --dry-run、postfix reloadを実行するdeploy hookなど）。',
        exim: '今すぐ更新し、自動更新が動いていることと、更新後にEximが再読み込みされることを確認してください（certbot renew --dry-run、systemctl reload exim4を実行するdeploy hookなど）。',
        dovecot:
          '今すぐ更新し、自動更新が動いていることと、更新後にDovecotが再読み込みされることを確認してください（certbot renew --dry-run、doveadm reloadを実行するdeploy hookなど）。',
        sendmail:
          '今すぐ更新し、自動更新が動いていることと、更新後にSendmailが再起動されることを確認してください（certbot renew --dry-run、sendmailを再起動するdeploy hookなど）。',
        exchange:
          '今すぐ更新してください。古い証明書が期限切れになる前に、新しい証明書をインポートし（Import-ExchangeCertificate）、SMTPに割り当てます（Enable-ExchangeCertificate -Services SMTP）。Exchangeは自動では更新しません。',
        opensmtpd:
          '今すぐ更新し、自動更新が動いていることと、更新後にOpenSMTPD（smtpd）が再起動されることを確認してください（certbot renew --dry-run、smtpdを再起動するdeploy hookなど）。',
      },
      fixUser: '今のところ設定の変更は不要です。この表示が続く場合は、プロバイダーに知らせてください。',
    },
  },
  'cert-incomplete-chain': {
    en: {
      title: 'Incomplete certificate chain',
      explanation:
        'The server sends its own certificate but not the intermediate certificate(s) that link it to a trusted root. Some programs fill the gap from a cache or by downloading; many mail clients, and Node.js, do not and report the certificate as untrusted, so whether sending works depends on the client.',
      fixAdmin:
        'Serve the full chain: configure the certificate file with its intermediates (fullchain.pem rather than cert.pem), then reload.',
      fixAdminFor: {
        postfix:
          'Serve the full chain: fullchain.pem rather than cert.pem (Postfix smtpd_tls_chain_files = privkey.pem, fullchain.pem, or smtpd_tls_cert_file = fullchain.pem), then reload.',
        exim: 'In Exim, point tls_certificate at fullchain.pem rather than cert.pem, then reload Exim.',
        dovecot:
          'In Dovecot, point ssl_cert at fullchain.pem (ssl_cert = </etc/letsencrypt/live/NAME/fullchain.pem; 2.4: ssl_server_cert_file), then reload Dovecot.',
        sendmail:
          'In Sendmail, put the intermediate certificates into the file confCACERT names (OpenSSL completes the chain from it), then rebuild sendmail.cf and restart.',
        exchange:
          "In Exchange, import the intermediate certificates into the computer's Intermediate Certification Authorities store (or import the certificate as a .pfx with its full chain), then restart the Microsoft Exchange Transport service.",
        opensmtpd:
          'In OpenSMTPD, point the pki cert line at fullchain.pem (pki NAME cert "/etc/letsencrypt/live/NAME/fullchain.pem"), then restart smtpd.',
      },
      fixUser:
        'Do not accept a certificate warning; ask your provider to install the full certificate chain.',
    },
    ja: {
      title: '中間証明書が不足しています',
      explanation:
        'サーバーは自身の証明書を送っていますが、信頼されたルート証明書につなぐ中間証明書を送っていません。キャッシュやダウンロードで補うソフトウェアもありますが、多くのメールソフトやNode.jsは補わずに証明書を信頼できないと判断するため、送信できるかどうかがメールソフト次第になります。',
      fixAdmin:
        '完全な証明書チェーンを送ってください。証明書のファイルには中間証明書を含むもの（cert.pemではなくfullchain.pem）を指定し、再読み込みします。',
      fixAdminFor: {
        postfix:
          '完全な証明書チェーンを送ってください。cert.pemではなくfullchain.pemを指定し（Postfixでは smtpd_tls_chain_files = privkey.pem, fullchain.pem、または smtpd_tls_cert_file = fullchain.pem）、再読み込みします。',
        exim: 'Eximではtls_certificateにcert.pemではなくfullchain.pemを指定し、Eximを再読み込みしてください。',
        dovecot:
          'Dovecotではssl_certにfullchain.pemを指定し（ssl_cert = </etc/letsencrypt/live/名前/fullchain.pem、2.4ではssl_server_cert_file）、Dovecotを再読み込みしてください。',
        sendmail:
          'Sendmailでは、confCACERTで指定したファイルに中間証明書を入れ（OpenSSLがそこからチェーンを補います）、sendmail.cfを作り直して再起動してください。',
        exchange:
          'Exchangeでは、中間証明書をコンピューターの「中間証明機関」ストアにインポートし（または完全なチェーンを含む.pfxとして証明書をインポートし）、Microsoft Exchange Transportサービスを再起動してください。',
        opensmtpd:
          'OpenSMTPDではpkiのcert行にfullchain.pemを指定し（pki 名前 cert "/etc/letsencrypt/live/名前/fullchain.pem"）、smtpdを再起動してください。',
      },
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
        'For complete results, exempt the testing machine from connection limits and blocklists, or run the test again later.',
      fixAdminFor: {
        postfix:
          'For complete results, exempt the testing machine from connection limits and blocklists (Postfix smtpd_client_event_limit_exceptions, postscreen access lists) or run the test again later.',
        exim: 'For complete results, exempt the testing machine from connection limits and blocklists (Exim smtp_accept_max_per_host, ratelimit conditions in the ACLs, fail2ban rules) or run the test again later.',
        dovecot:
          'For complete results, exempt the testing machine from connection limits and blocklists (Dovecot: the limits of service submission-login, auth penalties, fail2ban rules) or run the test again later.',
        sendmail:
          'For complete results, exempt the testing machine from connection limits and blocklists (Sendmail confCONNECTION_RATE_THROTTLE, ClientRate: and ClientConn: entries in the access database) or run the test again later.',
        exchange:
          "For complete results, exempt the testing machine from connection limits and blocklists (the Exchange receive connector's -MaxInboundConnectionPerSource and -TarpitInterval, connection filtering on a gateway) or run the test again later.",
        opensmtpd:
          'For complete results, exempt the testing machine from connection limits and blocklists (OpenSMTPD filters that reject or delay connections, pf rate limits such as max-src-conn-rate) or run the test again later.',
      },
      fixUser: 'Wait a few minutes and run the test again.',
    },
    ja: {
      title: 'サーバーが接続を制限しています',
      explanation:
        'サーバーが421（サービス利用不可、後で再試行）を返したか、最初から554などでこの接続元へのサービスを拒否しました。通常は、同じアドレスからの接続数を制限しているか、アドレスをブロックしているためです。MailTLSは接続を控えたため、このポートの確認項目の一部が欠けている可能性があります。多くの場合、防御が働いている状態であり、不具合ではありません。',
      fixAdmin:
        '完全な結果が必要な場合は、テストするコンピューターを接続数の制限やブロックリストから除外するか、時間をおいて再度テストしてください。',
      fixAdminFor: {
        postfix:
          '完全な結果が必要な場合は、テストするコンピューターを接続数の制限やブロックリストから除外するか（Postfixのsmtpd_client_event_limit_exceptions、postscreenのアクセスリスト）、時間をおいて再度テストしてください。',
        exim: '完全な結果が必要な場合は、テストするコンピューターを接続数の制限やブロックリストから除外するか（Eximのsmtp_accept_max_per_host、ACLのratelimit、fail2banのルール）、時間をおいて再度テストしてください。',
        dovecot:
          '完全な結果が必要な場合は、テストするコンピューターを接続数の制限やブロックリストから除外するか（Dovecotのservice submission-loginの上限、認証の遅延、fail2banのルール）、時間をおいて再度テストしてください。',
        sendmail:
          '完全な結果が必要な場合は、テストするコンピューターを接続数の制限やブロックリストから除外するか（SendmailのconfCONNECTION_RATE_THROTTLE、accessデータベースのClientRate: とClientConn: の項目）、時間をおいて再度テストしてください。',
        exchange:
          '完全な結果が必要な場合は、テストするコンピューターを接続数の制限やブロックリストから除外するか（Exchangeの受信コネクタの-MaxInboundConnectionPerSourceと-TarpitInterval、ゲートウェイの接続フィルター）、時間をおいて再度テストしてください。',
        opensmtpd:
          '完全な結果が必要な場合は、テストするコンピューターを接続数の制限やブロックリストから除外するか（接続を拒否したり遅らせたりするOpenSMTPDのフィルター、pfのmax-src-conn-rateなど）、時間をおいて再度テストしてください。',
      },
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
        'None of the tested ports qualifies. A port qualifies when it negotiates TLS 1.2 or newer, presents a trusted certificate that matches the host name, has no finding that endangers a mail program set that way and, for STARTTLS, passed the injection test. MailTLS never recommends a plaintext setting, so there is nothing safe to enter in a mail client yet; the port findings say what is missing.',
      fixAdmin:
        'The quickest path is implicit TLS on 465: a public-CA certificate served with its full chain, TLS 1.2 or newer only, and login (AUTH) offered only inside TLS.',
      fixAdminFor: {
        postfix:
          'The quickest path is implicit TLS on 465: in Postfix the submissions service with -o smtpd_tls_wrappermode=yes, a public-CA certificate served as fullchain.pem, smtpd_tls_protocols = >=TLSv1.2 and smtpd_tls_auth_only = yes.',
        exim: 'The quickest path is implicit TLS on 465: in Exim, daemon_smtp_ports = 25 : 465 : 587 with tls_on_connect_ports = 465, tls_certificate pointing at a public-CA fullchain.pem, openssl_options = +no_sslv2 +no_sslv3 +no_tlsv1 +no_tlsv1_1 and auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}.',
        dovecot:
          'The quickest path is implicit TLS on 465: in Dovecot submission, an inet_listener submissions with port = 465 and ssl = yes, ssl = required, ssl_cert pointing at a public-CA fullchain.pem, ssl_min_protocol = TLSv1.2 and disable_plaintext_auth = yes (2.4: auth_allow_cleartext = no).',
        sendmail:
          "The quickest path is implicit TLS on 465: in Sendmail, DAEMON_OPTIONS(`Port=smtps, Name=TLSMTA, M=s') with confSERVER_CERT and confSERVER_KEY pointing at a public-CA certificate and its key (intermediates in confCACERT), confSERVER_SSL_OPTIONS refusing TLS 1.0 and 1.1, and AUTH only after TLS (confAUTH_OPTIONS with p).",
        exchange:
          'Exchange has no implicit TLS, so the path is 587 with STARTTLS required: a public-CA certificate enabled for SMTP (Enable-ExchangeCertificate -Services SMTP), Set-ReceiveConnector -RequireTLS $true -AuthMechanism Tls,BasicAuth,BasicAuthRequireTLS on the client connector, and TLS 1.2 or newer only in Schannel.',
        opensmtpd:
          'The quickest path is implicit TLS on 465: in OpenSMTPD, listen on all smtps pki NAME auth, with the pki cert line pointing at a public-CA fullchain.pem and protocols "tlsv1.2,tlsv1.3" on every listener.',
      },
      fixUser:
        'Do not send with your password through this server until it is fixed; show this report to your provider or administrator, or use another mail service.',
    },
    ja: {
      title: '安全な設定がありません',
      explanation:
        'テストしたポートのいずれも条件を満たしませんでした。条件は、TLS 1.2以降で接続できること、ホスト名に一致する信頼された証明書であること、そのように設定したメールソフトを危険にさらす問題がないこと、STARTTLSの場合はインジェクションのテストに合格していることです。MailTLSは暗号化なしの設定をおすすめしないため、現時点でメールソフトに入力できる安全な設定はありません。不足している点は各ポートの結果を参照してください。',
      fixAdmin:
        '最短の方法は465番でSSL/TLSを提供することです。公的な認証局の証明書を完全なチェーンで送り、TLS 1.2以降だけを許可し、ログイン（AUTH）はTLSの中でだけ提示してください。',
      fixAdminFor: {
        postfix:
          '最短の方法は465番でSSL/TLSを提供することです。Postfixではsubmissionsサービスに -o smtpd_tls_wrappermode=yes を指定し、公的な認証局の証明書をfullchain.pemで送り、smtpd_tls_protocols = >=TLSv1.2 と smtpd_tls_auth_only = yes を設定します。',
        exim: '最短の方法は465番でSSL/TLSを提供することです。Eximでは daemon_smtp_ports = 25 : 465 : 587 と tls_on_connect_ports = 465、公的な認証局のfullchain.pemを指すtls_certificate、openssl_options = +no_sslv2 +no_sslv3 +no_tlsv1 +no_tlsv1_1、auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}} を設定してください。',
        dovecot:
          '最短の方法は465番でSSL/TLSを提供することです。Dovecotのsubmissionでは、inet_listener submissionsに port = 465 と ssl = yes、ssl = required、公的な認証局のfullchain.pemを指すssl_cert、ssl_min_protocol = TLSv1.2、disable_plaintext_auth = yes（2.4では auth_allow_cleartext = no）を設定してください。',
        sendmail:
          "最短の方法は465番でSSL/TLSを提供することです。Sendmailでは DAEMON_OPTIONS(`Port=smtps, Name=TLSMTA, M=s') を加え、confSERVER_CERTとconfSERVER_KEYに公的な認証局の証明書と秘密鍵（中間証明書はconfCACERT）を指定し、confSERVER_SSL_OPTIONSでTLS 1.0と1.1を拒否し、AUTHはTLSの後だけにしてください（confAUTH_OPTIONSにp）。",
        exchange:
          'Exchangeには最初から暗号化する方式がないため、587番でSTARTTLSを必須にするのが最短です。公的な認証局の証明書をSMTPに割り当て（Enable-ExchangeCertificate -Services SMTP）、クライアント用コネクタで Set-ReceiveConnector -RequireTLS $true -AuthMechanism Tls,BasicAuth,BasicAuthRequireTLS を実行し、SchannelでTLS 1.2以降だけを許可してください。',
        opensmtpd:
          '最短の方法は465番でSSL/TLSを提供することです。OpenSMTPDでは listen on all smtps pki 名前 auth を加え、pkiのcert行に公的な認証局のfullchain.pemを指定し、すべてのlisten行に protocols "tlsv1.2,tlsv1.3" を加えてください。',
      },
      fixUser:
        '修正されるまで、このサーバーでパスワードを使った送信はしないでください。この結果をプロバイダーや管理者に見せるか、別のメールサービスを利用してください。',
    },
  },
  // Issue 14: incoming mail (IMAP, POP3).
  'incoming-greeting-timeout': {
    en: {
      title: 'No IMAP or POP3 greeting',
      explanation:
        'The connection was accepted, but no greeting (IMAP "* OK", POP3 "+OK") arrived within the time limit. The service may be overloaded, or this port may not run a mailbox service at all; a mail program cannot fetch mail here.',
      fixAdmin:
        'Check that the IMAP or POP3 service (for example Dovecot) listens on this port and answers promptly; look in its log at the time of the test.',
      fixUser:
        "Check the incoming server name and port in your provider's instructions; on 993 and 995, SSL/TLS must be selected.",
    },
    ja: {
      title: 'IMAP・POP3のあいさつ（グリーティング）がありません',
      explanation:
        '接続は受け付けられましたが、制限時間内にあいさつ（IMAPの「* OK」、POP3の「+OK」）が届きませんでした。サーバーが過負荷か、このポートで受信用のサービスが動いていない可能性があります。このポートではメールを受信できません。',
      fixAdmin:
        'IMAPまたはPOP3のサービス（Dovecotなど）がこのポートで待ち受け、すぐに応答しているか確認してください。テスト時刻のログも確認してください。',
      fixUser:
        'プロバイダーの案内で受信サーバー名とポート番号を確認してください。993番・995番では暗号化方式に「SSL/TLS」を選ぶ必要があります。',
    },
  },
  'not-imap': {
    en: {
      title: 'Not an IMAP server',
      explanation:
        'Something answered on this port, but not with an IMAP greeting ("* OK", "* PREAUTH" or "* BYE"). Another service runs here, so a mail program set to IMAP on this port cannot work.',
      fixAdmin: 'Run the IMAP service on its standard ports (993 with implicit TLS, 143 with STARTTLS).',
      fixUser: "Check the port number in your provider's instructions for IMAP.",
    },
    ja: {
      title: 'IMAPサーバーではありません',
      explanation:
        'このポートで応答はありましたが、IMAPのあいさつ（「* OK」「* PREAUTH」「* BYE」）ではありませんでした。別のサービスが動いているため、このポートをIMAPとして設定しても受信できません。',
      fixAdmin: 'IMAPのサービスを標準のポート（SSL/TLSの993番、STARTTLSの143番）で提供してください。',
      fixUser: 'プロバイダーの案内でIMAPのポート番号を確認してください。',
    },
  },
  'not-pop3': {
    en: {
      title: 'Not a POP3 server',
      explanation:
        'Something answered on this port, but not with a POP3 greeting ("+OK"). Another service runs here, so a mail program set to POP3 on this port cannot work.',
      fixAdmin: 'Run the POP3 service on its standard ports (995 with implicit TLS, 110 with STLS).',
      fixUser: "Check the port number in your provider's instructions for POP3.",
    },
    ja: {
      title: 'POP3サーバーではありません',
      explanation:
        'このポートで応答はありましたが、POP3のあいさつ（「+OK」）ではありませんでした。別のサービスが動いているため、このポートをPOP3として設定しても受信できません。',
      fixAdmin: 'POP3のサービスを標準のポート（SSL/TLSの995番、STLSの110番）で提供してください。',
      fixUser: 'プロバイダーの案内でPOP3のポート番号を確認してください。',
    },
  },
  'incoming-implicit-tls-plaintext': {
    en: {
      title: 'Implicit-TLS mailbox port answers without encryption',
      explanation:
        'On a port where TLS is expected from the first byte (993 for IMAP, 995 for POP3, per RFC 8314), the server answered in plaintext instead of starting TLS. A password sent there travels unprotected unless the mail program itself insists on TLS.',
      fixAdmin:
        'Enable TLS on this listener (Dovecot: `ssl = yes` inside the imaps/pop3s inet_listener) with a valid certificate; never run plaintext IMAP or POP3 on 993 or 995.',
      fixUser:
        'Do not use this port until it is fixed; use the STARTTLS port (143 or 110) with STARTTLS set as required instead.',
    },
    ja: {
      title: 'SSL/TLS用の受信ポートが暗号化なしで応答します',
      explanation:
        'RFC 8314で最初から暗号化することになっているポート（IMAPは993番、POP3は995番）で、サーバーがTLSを開始せず、暗号化なしで応答しました。メールソフト側がTLSを強制しない限り、ここに送るパスワードは保護されません。',
      fixAdmin:
        'この待ち受けでTLSを有効にし（Dovecotではimaps・pop3sのinet_listenerに `ssl = yes`）、有効な証明書を設定してください。993番・995番で暗号化なしのIMAP・POP3を動かさないでください。',
      fixUser:
        '修正されるまでこのポートは使わず、STARTTLSのポート（143番または110番）でSTARTTLSを「必須」にして使ってください。',
    },
  },
  'imap-preauth-greeting': {
    en: {
      title: 'IMAP greets as already logged in (PREAUTH)',
      explanation:
        'The server greeted with "* PREAUTH": the session counts as logged in before any encryption. STARTTLS is no longer possible in that state, so the whole session, mail included, runs in plaintext; some mail programs even continued without TLS when they saw this (Thunderbird CVE-2020-12398). An attacker on the network can send this greeting to strip STARTTLS.',
      fixAdmin:
        'Do not pre-authenticate connections on a port reachable from the network (check login_trusted_networks and any IMAP proxy); offer IMAP on 993 with implicit TLS.',
      fixUser:
        'Use port 993 with SSL/TLS; with STARTTLS set as required, a mail program must refuse this greeting rather than continue in plaintext.',
    },
    ja: {
      title: 'IMAPがログイン済みとしてあいさつします（PREAUTH）',
      explanation:
        'サーバーが「* PREAUTH」であいさつしました。暗号化の前からログイン済みの扱いになり、その状態ではSTARTTLSを使えないため、メールを含むやり取り全体が暗号化されません。これを見て暗号化なしで続行してしまうメールソフトもありました（ThunderbirdのCVE-2020-12398）。ネットワーク上の攻撃者がこのあいさつを送ってSTARTTLSを無効にすることもできます。',
      fixAdmin:
        'ネットワークから届くポートで接続を事前認証しないでください（login_trusted_networksやIMAPプロキシの設定を確認）。IMAPは993番のSSL/TLSで提供してください。',
      fixUser:
        '993番の「SSL/TLS」を使ってください。STARTTLSを「必須」に設定していれば、メールソフトはこのあいさつを受けたときに暗号化なしで続行せず、接続を中止するはずです。',
    },
  },
  'imap-starttls-missing': {
    en: {
      title: 'IMAP without STARTTLS',
      explanation:
        'This IMAP port does not list STARTTLS in its capabilities, so a session here can only run in plaintext: the password and every message would cross the network readable. RFC 3501 and RFC 9051 require STARTTLS on cleartext IMAP ports.',
      fixAdmin:
        'Configure a certificate and enable TLS (Dovecot: ssl = required with ssl_cert and ssl_key); better, also offer IMAP on 993 with implicit TLS.',
      fixUser: 'Use port 993 with SSL/TLS if it works; never set the incoming server to "no encryption".',
    },
    ja: {
      title: 'IMAPでSTARTTLSが提供されていません',
      explanation:
        'このIMAPポートの機能一覧（CAPABILITY）にSTARTTLSがないため、ここでは暗号化なしでしか通信できません。パスワードもメールの内容も、読める状態でネットワークを流れます。RFC 3501・RFC 9051は、暗号化なしで始まるIMAPポートでのSTARTTLSを必須としています。',
      fixAdmin:
        '証明書を設定してTLSを有効にしてください（Dovecotでは ssl = required と ssl_cert・ssl_key）。あわせて993番でSSL/TLSのIMAPを提供するとさらに安全です。',
      fixUser:
        '993番の「SSL/TLS」が使えればそちらを使ってください。受信サーバーを「暗号化なし」に設定しないでください。',
    },
  },
  'pop3-stls-missing': {
    en: {
      title: 'POP3 without STLS',
      explanation:
        'This POP3 port does not list STLS in its CAPA answer, so a session here can only run in plaintext: the password and every downloaded message would cross the network readable.',
      fixAdmin:
        'Configure a certificate and enable TLS (Dovecot: ssl = required with ssl_cert and ssl_key); better, also offer POP3 on 995 with implicit TLS.',
      fixUser: 'Use port 995 with SSL/TLS if it works; never set the incoming server to "no encryption".',
    },
    ja: {
      title: 'POP3でSTLSが提供されていません',
      explanation:
        'このPOP3ポートのCAPA応答にSTLSがないため、ここでは暗号化なしでしか通信できません。パスワードも受信するメールの内容も、読める状態でネットワークを流れます。',
      fixAdmin:
        '証明書を設定してTLSを有効にしてください（Dovecotでは ssl = required と ssl_cert・ssl_key）。あわせて995番でSSL/TLSのPOP3を提供するとさらに安全です。',
      fixUser:
        '995番の「SSL/TLS」が使えればそちらを使ってください。受信サーバーを「暗号化なし」に設定しないでください。',
    },
  },
  'imap-login-before-tls': {
    en: {
      title: 'IMAP accepts a password before encryption',
      explanation:
        'Before STARTTLS the server offered a way to log in (no LOGINDISABLED, or AUTH=PLAIN/LOGIN listed), or it treated a made-up LOGIN sent by MailTLS as a real attempt instead of refusing it for lack of TLS. A mail program not set to require TLS, or one whose STARTTLS an attacker stripped, would send the password in plaintext. MailTLS never sends a real password there.',
      fixAdmin:
        'Refuse authentication before TLS: in Dovecot, ssl = required (or disable_plaintext_auth = yes); the server then advertises LOGINDISABLED until STARTTLS.',
      fixUser:
        'Use port 993 with SSL/TLS, or STARTTLS set as required; never "STARTTLS if available" or no encryption.',
    },
    ja: {
      title: 'IMAPが暗号化前のパスワードを受け付けます',
      explanation:
        'STARTTLSの前から、サーバーはログインの方法を提示しているか（LOGINDISABLEDがない、またはAUTH=PLAIN・LOGINがある）、MailTLSが送った架空のLOGINをTLSがないことを理由に拒否せず、通常のログインとして扱いました。TLSを必須にしていないメールソフトや、攻撃者にSTARTTLSを取り除かれたメールソフトは、パスワードを暗号化せずに送ってしまいます。MailTLSがここで本物のパスワードを送ることはありません。',
      fixAdmin:
        'TLSの前の認証を拒否してください。Dovecotでは ssl = required（または disable_plaintext_auth = yes）にすると、STARTTLSまではLOGINDISABLEDを提示します。',
      fixUser:
        '993番の「SSL/TLS」か、「必須」に設定したSTARTTLSを使ってください。「可能ならSTARTTLS」や暗号化なしは選ばないでください。',
    },
  },
  'pop3-user-before-tls': {
    en: {
      title: 'POP3 accepts a password before encryption',
      explanation:
        'Before STLS the server offered USER or SASL mechanisms in CAPA, or it answered a made-up USER name from MailTLS with +OK instead of refusing it for lack of TLS. A mail program not set to require TLS, or one whose STLS an attacker stripped, would send the password in plaintext. MailTLS never sends PASS there.',
      fixAdmin:
        'Refuse authentication before TLS: in Dovecot, ssl = required (or disable_plaintext_auth = yes); CAPA then lists no USER and an empty SASL until STLS.',
      fixUser:
        'Use port 995 with SSL/TLS, or STARTTLS (STLS) set as required; never "if available" or no encryption.',
    },
    ja: {
      title: 'POP3が暗号化前のパスワードを受け付けます',
      explanation:
        'STLSの前から、サーバーはCAPAでUSERやSASLの方式を提示しているか、MailTLSが送った架空のユーザー名（USER）に対して、TLSがないことを理由に拒否せず「+OK」と応答しました。TLSを必須にしていないメールソフトや、攻撃者にSTLSを取り除かれたメールソフトは、パスワードを暗号化せずに送ってしまいます。MailTLSがここでPASSを送ることはありません。',
      fixAdmin:
        'TLSの前の認証を拒否してください。Dovecotでは ssl = required（または disable_plaintext_auth = yes）にすると、STLSまではCAPAにUSERがなく、SASLも空になります。',
      fixUser:
        '995番の「SSL/TLS」か、「必須」に設定したSTARTTLS（STLS）を使ってください。「可能なら」や暗号化なしは選ばないでください。',
    },
  },
  'imap-starttls-command-injection': {
    en: {
      title: 'IMAP STARTTLS command injection',
      explanation:
        "MailTLS sent a harmless tagged NOOP in the same packet as STARTTLS. The server kept it in its buffer and answered it inside the encrypted session. An attacker on the path can use this to run commands in the victim's TLS session, for example to have the victim's later LOGIN stored in the attacker's mailbox (NO STARTTLS, USENIX Security 2021).",
      fixAdmin:
        'Update the IMAP server: it must discard everything received after STARTTLS before the handshake (fixed long ago in Dovecot, Cyrus and Courier; Apache James in 2021). Offer 993 with implicit TLS.',
      fixUser: 'Use port 993 with SSL/TLS, which has no plaintext phase to inject into.',
    },
    ja: {
      title: 'IMAPのSTARTTLSコマンドインジェクション',
      explanation:
        'MailTLSはSTARTTLSと同じパケットで無害なタグ付きのNOOPを送りました。サーバーはそれを保持したまま、暗号化後のセッションの中で応答しました。経路上の攻撃者はこれを使って、利用者のTLSセッションでコマンドを実行できます。たとえば、その後の利用者のLOGINを攻撃者のメールボックスに保存させることができます（NO STARTTLS、USENIX Security 2021）。',
      fixAdmin:
        'IMAPサーバーを更新してください。STARTTLSの後、ハンドシェイクまでに受け取ったデータはすべて破棄する必要があります（Dovecot・Cyrus・Courierは以前に修正済み、Apache Jamesは2021年に修正）。993番のSSL/TLSも提供してください。',
      fixUser: '暗号化前の段階がない993番の「SSL/TLS」を使ってください。',
    },
  },
  'pop3-stls-command-injection': {
    en: {
      title: 'POP3 STLS command injection',
      explanation:
        "MailTLS sent CAPA in the same packet as STLS. The server kept it in its buffer and answered it inside the encrypted session. An attacker on the path can use this to run commands in the victim's TLS session (NO STARTTLS, USENIX Security 2021).",
      fixAdmin:
        'Update the POP3 server: it must discard everything received after STLS before the handshake. Offer 995 with implicit TLS.',
      fixUser: 'Use port 995 with SSL/TLS, which has no plaintext phase to inject into.',
    },
    ja: {
      title: 'POP3のSTLSコマンドインジェクション',
      explanation:
        'MailTLSはSTLSと同じパケットでCAPAを送りました。サーバーはそれを保持したまま、暗号化後のセッションの中で応答しました。経路上の攻撃者はこれを使って、利用者のTLSセッションでコマンドを実行できます（NO STARTTLS、USENIX Security 2021）。',
      fixAdmin:
        'POP3サーバーを更新してください。STLSの後、ハンドシェイクまでに受け取ったデータはすべて破棄する必要があります。995番のSSL/TLSも提供してください。',
      fixUser: '暗号化前の段階がない995番の「SSL/TLS」を使ってください。',
    },
  },
  'imap-starttls-response-injection': {
    en: {
      title: 'Data after the IMAP STARTTLS go-ahead',
      explanation:
        'After its tagged OK to STARTTLS, and before the TLS handshake, the server sent more data. MailTLS discarded it, as RFC 2595 requires. A mail program that keeps such bytes would read them as if they came through TLS: an attacker can forge responses this way (libEtPan, curl CVE-2021-22947, Thunderbird CVE-2021-29969).',
      fixAdmin:
        'The server, or a proxy in front of it, must send nothing after the STARTTLS OK until the handshake; check for an IMAP proxy or a middlebox on the path.',
      fixUser: 'Use port 993 with SSL/TLS, and keep your mail program up to date.',
    },
    ja: {
      title: 'IMAPのSTARTTLS応答の後に余分なデータが送られました',
      explanation:
        'STARTTLSへのタグ付きOKの後、TLSハンドシェイクの前に、サーバーがさらにデータを送りました。MailTLSはRFC 2595のとおりこれを破棄しました。こうしたデータを保持するメールソフトは、TLS経由で届いたものとして読んでしまい、攻撃者に偽の応答を差し込まれます（libEtPan、curlのCVE-2021-22947、ThunderbirdのCVE-2021-29969）。',
      fixAdmin:
        'STARTTLSのOKからハンドシェイクまで、サーバー（または前段のプロキシ）は何も送ってはいけません。IMAPプロキシや経路上の機器を確認してください。',
      fixUser: '993番の「SSL/TLS」を使い、メールソフトを最新に保ってください。',
    },
  },
  'pop3-stls-response-injection': {
    en: {
      title: 'Data after the POP3 STLS go-ahead',
      explanation:
        'After its +OK to STLS, and before the TLS handshake, the server sent more data. MailTLS discarded it, as RFC 2595 requires. A mail program that keeps such bytes would read them as if they came through TLS: an attacker can forge responses this way.',
      fixAdmin:
        'The server, or a proxy in front of it, must send nothing after the STLS +OK until the handshake; check for a POP3 proxy or a middlebox on the path.',
      fixUser: 'Use port 995 with SSL/TLS, and keep your mail program up to date.',
    },
    ja: {
      title: 'POP3のSTLS応答の後に余分なデータが送られました',
      explanation:
        'STLSへの「+OK」の後、TLSハンドシェイクの前に、サーバーがさらにデータを送りました。MailTLSはRFC 2595のとおりこれを破棄しました。こうしたデータを保持するメールソフトは、TLS経由で届いたものとして読んでしまい、攻撃者に偽の応答を差し込まれます。',
      fixAdmin:
        'STLSの「+OK」からハンドシェイクまで、サーバー（または前段のプロキシ）は何も送ってはいけません。POP3プロキシや経路上の機器を確認してください。',
      fixUser: '995番の「SSL/TLS」を使い、メールソフトを最新に保ってください。',
    },
  },
  'incoming-starttls-still-advertised': {
    en: {
      title: 'Mailbox server still offers STARTTLS inside TLS',
      explanation:
        'After the switch to TLS, the capability list still offers STARTTLS (IMAP), STLS (POP3) or LOGINDISABLED. RFC 2595, 3501 and 9051 have the client re-read capabilities after TLS because they change; a list that does not suggests the server (or a proxy) does not reset its state at the upgrade, the kind of mistake behind injection bugs.',
      fixAdmin: 'Update the mail server software, and check any proxy that terminates TLS in front of it.',
      fixUser: 'No change is needed in your mail program; prefer the SSL/TLS port (993 or 995).',
    },
    ja: {
      title: 'TLS接続後も受信サーバーがSTARTTLSを提示します',
      explanation:
        'TLSに切り替えた後の機能一覧に、まだSTARTTLS（IMAP）、STLS（POP3）またはLOGINDISABLEDが含まれています。RFC 2595・3501・9051では、機能一覧はTLSの後に変わるためクライアントが読み直すことになっています。変わらないのは、サーバー（または前段のプロキシ）が切り替え時に状態を初期化していないことを示し、インジェクションの脆弱性と同じ種類の不備です。',
      fixAdmin: 'メールサーバーのソフトウェアを更新し、前段でTLSを終端するプロキシがあれば確認してください。',
      fixUser: 'メールソフトの設定変更は不要です。SSL/TLSのポート（993番・995番）を優先して使ってください。',
    },
  },
  'incoming-no-secure-option': {
    en: {
      title: 'No secure incoming setting available',
      explanation:
        'None of the tested IMAP or POP3 ports qualifies: none negotiated TLS 1.2 or newer with a trusted certificate for this host and without a critical or high finding that affects a mail program set to require TLS. MailTLS never recommends receiving without encryption; the port findings say what is missing.',
      fixAdmin:
        'Offer IMAP on 993 and POP3 on 995 with implicit TLS and a public-CA certificate (Dovecot: inet_listener imaps/pop3s with ssl = yes, ssl_min_protocol = TLSv1.2).',
      fixUser:
        'Do not fetch mail with your password from this server until it is fixed; show this report to your provider or administrator.',
    },
    ja: {
      title: '安全な受信設定がありません',
      explanation:
        'テストしたIMAP・POP3のポートのいずれも条件を満たしませんでした。TLS 1.2以降で、このホストに対する信頼された証明書を使い、TLSを必須にしたメールソフトに影響する重大・高の問題がないポートがありません。MailTLSは暗号化なしの受信をおすすめしません。不足している点は各ポートの結果を参照してください。',
      fixAdmin:
        'IMAPは993番、POP3は995番で、公的な認証局の証明書を使ったSSL/TLSを提供してください（Dovecotではimaps・pop3sのinet_listenerに ssl = yes、ssl_min_protocol = TLSv1.2）。',
      fixUser:
        '修正されるまで、このサーバーからパスワードを使って受信しないでください。この結果をプロバイダーや管理者に見せてください。',
    },
  },
  // Issue 12: the user's network, not the server, so it never disqualifies a port.
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
