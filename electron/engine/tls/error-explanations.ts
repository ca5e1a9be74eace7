/**
 * What a Node/OpenSSL/nodemailer error or an SMTP reply really means, in both
 * languages. Many of these messages mislead (e.g. "wrong version number" is a
 * wrong port/security pairing, not a version problem), so the report shows the
 * true cause next to the raw text. Source: tls-security-anchors.md §7.
 */
import type { Language } from '../../contract.js';

export interface ErrorText {
  cause: string;
  fix: string;
}

export interface ErrorExplanation {
  key: string;
  text: Record<Language, ErrorText>;
}

interface ErrorRow extends ErrorExplanation {
  /** Node or nodemailer `error.code` values that identify the row on their own. */
  codes: readonly string[];
  /** Matched against the message (which for system errors also carries the code). */
  pattern: RegExp;
}

/**
 * Ordered: the first matching row wins, so specific rows come before general
 * ones (a greeting timeout carries ETIMEDOUT; Gmail's 535 precedes any 535).
 */
export const errorTable: readonly ErrorRow[] = [
  {
    key: 'plaintext-to-tls-port',
    codes: [],
    pattern: /Greeting never received|no reply to greeting/i,
    text: {
      en: {
        cause:
          'The connection opened but the server never sent its "220" greeting. Usually the client waited for plaintext SMTP on a port that expects TLS from the first byte (port 465 set to STARTTLS or "none"); otherwise the port runs something other than SMTP, or the server delays its greeting on purpose.',
        fix: 'On port 465 choose SSL/TLS (implicit TLS). Check the host name and port; only raise the greeting timeout for a server known to greet slowly.',
      },
      ja: {
        cause:
          '接続はできましたが、サーバーから「220」のあいさつ（グリーティング）が届きませんでした。多くの場合、最初から暗号化が必要なポート（465番）に、暗号化なし・STARTTLSの設定で接続しています。そうでなければ、そのポートでSMTP以外のサービスが動いているか、サーバーが意図的に応答を遅らせています。',
        fix: '465番ポートでは暗号化方式を「SSL/TLS」にしてください。ホスト名とポート番号も確認してください。タイムアウトの延長は、応答が遅いと分かっているサーバーの場合だけにしてください。',
      },
    },
  },
  {
    key: 'tls-to-plaintext-port',
    codes: ['ERR_SSL_WRONG_VERSION_NUMBER'],
    pattern: /wrong version number|unknown protocol/i,
    text: {
      en: {
        cause:
          'The client started a TLS handshake, but the server answered in plaintext: its "220" greeting was read as a TLS record. This is not a TLS version problem: implicit TLS (SSL/TLS) was chosen for a port that starts in plaintext, usually 587 or 25. If it happened on port 465, that server speaks plaintext there, which is non-standard.',
        fix: 'On 587 (or 25) choose STARTTLS and make it required; or use port 465 with SSL/TLS if the server offers it.',
      },
      ja: {
        cause:
          'クライアントがTLSの通信を始めましたが、サーバーは暗号化なしで応答しました（「220」のあいさつがTLSのデータとして読まれました）。TLSのバージョンの問題ではなく、暗号化なしで始まるポート（通常は587番か25番）に「SSL/TLS」を選んだことが原因です。465番で起きた場合は、サーバーが465番で暗号化なしの通信をしており、標準に反しています。',
        fix: '587番（または25番）では「STARTTLS」を選び、必須にしてください。サーバーが対応していれば、465番で「SSL/TLS」を使うのがより安全です。',
      },
    },
  },
  {
    key: 'tls-version-mismatch',
    codes: ['ERR_SSL_UNSUPPORTED_PROTOCOL', 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION'],
    pattern: /unsupported protocol|alert protocol version/i,
    text: {
      en: {
        cause:
          'Client and server share no TLS version. Almost always the server offers only TLS 1.0/1.1 (or SSL 3), which current software, MailTLS included, refuses: the minimum is TLS 1.2.',
        fix: 'The server must enable TLS 1.2 and 1.3 (Postfix: smtpd_tls_protocols = >=TLSv1.2). Do not lower the client minimum to make it work.',
      },
      ja: {
        cause:
          'クライアントとサーバーの間で、共通に使えるTLSのバージョンがありません。ほとんどの場合、サーバーが古いTLS 1.0/1.1（またはSSL 3.0）にしか対応しておらず、最低でもTLS 1.2を求める現在のソフトウェア（MailTLSを含む）が接続を拒否しています。',
        fix: 'サーバー側でTLS 1.2と1.3を有効にする必要があります（Postfixの場合 smtpd_tls_protocols = >=TLSv1.2）。接続するためにクライアント側の最低バージョンを下げないでください。',
      },
    },
  },
  {
    key: 'cert-self-signed',
    codes: ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN'],
    pattern: /self[- ]signed certificate/i,
    text: {
      en: {
        cause:
          'The certificate was not issued by a trusted certificate authority: the server uses a self-signed or private-CA certificate, or security software or a proxy on your network intercepts TLS and presents its own certificate.',
        fix: 'The server needs a certificate from a public CA. Never switch verification off; if you know the certificate is genuine, compare its fingerprint through another channel and pin it in MailTLS. Check for antivirus "mail scanning".',
      },
      ja: {
        cause:
          '証明書が信頼された認証局（CA）から発行されていません。サーバーが自己署名証明書やプライベートCAの証明書を使っているか、ネットワーク上のセキュリティソフトやプロキシが暗号化通信を中継し、独自の証明書を提示しています。',
        fix: 'サーバーには公的な認証局の証明書が必要です。証明書の検証は無効にしないでください。正規の証明書だと分かっている場合は、別の経路で指紋（フィンガープリント）を照合したうえでMailTLSに固定（ピン留め）してください。ウイルス対策ソフトのメール検査機能も確認してください。',
      },
    },
  },
  {
    key: 'cert-incomplete-chain',
    codes: ['UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    pattern: /unable to verify the first certificate/i,
    text: {
      en: {
        cause:
          "The server's certificate could not be linked to a trusted root: usually the server sends only its own certificate without the intermediate certificate(s); less often it comes from a CA this computer does not know.",
        fix: 'The server must send the full chain (fullchain.pem, not cert.pem). Do not accept the warning; ask the provider to fix the chain.',
      },
      ja: {
        cause:
          'サーバーの証明書を信頼されたルート証明書までたどれませんでした。多くの場合、サーバーが自分の証明書だけを送り、中間証明書を送っていません。まれに、このコンピューターが知らない認証局の証明書であることもあります。',
        fix: 'サーバー側で中間証明書を含む完全な証明書チェーン（cert.pemではなくfullchain.pem）を送るよう設定してください。警告を承認せず、プロバイダーに修正を依頼してください。',
      },
    },
  },
  {
    key: 'cert-unknown-issuer',
    codes: ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT'],
    pattern: /unable to get (local )?issuer certificate/i,
    text: {
      en: {
        cause:
          'The certificate chain ends at an issuer this computer does not trust: a private CA, a missing intermediate, or a TLS-intercepting proxy or antivirus.',
        fix: 'Use a certificate from a public CA with the full chain; for a private CA, add that CA explicitly in MailTLS instead of disabling checks.',
      },
      ja: {
        cause:
          '証明書チェーンの発行元が、このコンピューターで信頼されていません。プライベートCA、中間証明書の不足、または暗号化通信を中継するプロキシやウイルス対策ソフトが原因です。',
        fix: '公的な認証局の証明書を、中間証明書を含めて設定してください。社内CAを使う場合は、検証を無効にせず、そのCA証明書をMailTLSに明示的に追加してください。',
      },
    },
  },
  {
    key: 'cert-expired',
    codes: ['CERT_HAS_EXPIRED'],
    pattern: /certificate has expired/i,
    text: {
      en: {
        cause:
          "The server's certificate has expired. Often it was renewed on disk but the mail server was not reloaded, or automatic renewal stopped.",
        fix: 'Renew the certificate and reload the mail server (e.g. postfix reload). Do not accept the warning in the mail client.',
      },
      ja: {
        cause:
          'サーバーの証明書の有効期限が切れています。更新はされたもののメールサーバーが再読み込みされていない、または自動更新が止まっていることがよくあります。',
        fix: '証明書を更新し、メールサーバーを再読み込みしてください（例: postfix reload）。メールソフトの警告は承認しないでください。',
      },
    },
  },
  {
    key: 'cert-not-yet-valid',
    codes: ['CERT_NOT_YET_VALID'],
    pattern: /certificate is not yet valid/i,
    text: {
      en: {
        cause:
          "The certificate's validity starts in the future. Usually a clock is wrong, on this computer or on the server; rarely the certificate was issued with a wrong start date.",
        fix: "Check this computer's date and time (automatic time sync), then the server's clock; reissue the certificate if its dates are wrong.",
      },
      ja: {
        cause:
          '証明書の有効期間の開始日が未来になっています。多くの場合、このコンピューターかサーバーの時計がずれています。まれに、証明書が誤った開始日で発行されています。',
        fix: 'このコンピューターの日付と時刻（自動同期）を確認し、次にサーバーの時計を確認してください。証明書の日付が誤っていれば再発行してください。',
      },
    },
  },
  {
    key: 'cert-hostname-mismatch',
    codes: ['ERR_TLS_CERT_ALTNAME_INVALID'],
    pattern: /does not match certificate's altnames/i,
    text: {
      en: {
        cause:
          "The certificate is valid but issued for other names than the one you connected to. Typical on shared hosting: you use mail.your-domain (or an IP address) while the certificate is for the hosting company's server name.",
        fix: "Use the server name the certificate was issued for (the provider's documented SMTP host). Do not disable the check.",
      },
      ja: {
        cause:
          '証明書自体は有効ですが、接続先とは別の名前に対して発行されています。共用レンタルサーバーでよくある例で、独自ドメインのmail.～やIPアドレスで接続していても、証明書はホスティング会社のサーバー名で発行されています。',
        fix: '証明書に記載されたサーバー名（プロバイダーが案内している送信サーバー（SMTP）名）で接続してください。検証は無効にしないでください。',
      },
    },
  },
  {
    key: 'connection-reset',
    codes: ['ECONNRESET'],
    pattern: /\bECONNRESET\b|disconnected before secure TLS connection/i,
    text: {
      en: {
        cause:
          'The server or something on the path closed the connection abruptly, often during the TLS handshake. Causes: TLS sent to a port that drops non-SMTP data, a firewall or deep packet inspection, rate limiting, or a server outage.',
        fix: 'Test SSL/TLS on 465 and STARTTLS on 587 separately (MailTLS does this); if both fail, try again later or from another network.',
      },
      ja: {
        cause:
          'サーバーまたは経路上の機器が、接続を突然切断しました（TLSのハンドシェイク中が多いです）。原因としては、想定外のデータを切断するポートへのTLS接続、ファイアウォールや通信検査装置、接続数の制限、サーバーの障害などがあります。',
        fix: '465番の「SSL/TLS」と587番の「STARTTLS」を個別に試してください（MailTLSの診断で確認できます）。両方とも失敗する場合は、時間をおくか別のネットワークから試してください。',
      },
    },
  },
  {
    key: 'connection-refused',
    codes: ['ECONNREFUSED'],
    pattern: /\bECONNREFUSED\b/,
    text: {
      en: {
        cause:
          'The server actively refused the connection: nothing listens on this port, or a firewall rejects it. The host exists, but this port is not offered.',
        fix: 'Check the port number against the provider\'s documentation; admins enable the service (e.g. "submissions" for 465 in Postfix master.cf) and open the firewall.',
      },
      ja: {
        cause:
          'サーバーが接続を拒否しました。このポートで待ち受けているサービスがないか、ファイアウォールで拒否されています。ホストは存在しますが、このポートは提供されていません。',
        fix: 'プロバイダーの案内とポート番号を照らし合わせてください。サーバー管理者はサービスを有効にし（Postfixではmaster.cfの465番用「submissions」など）、ファイアウォールを開けてください。',
      },
    },
  },
  {
    key: 'port-blocked',
    codes: ['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'],
    pattern: /\bE(TIMEDOUT|HOSTUNREACH|NETUNREACH)\b|Connection timeout|no TCP connection within/i,
    text: {
      en: {
        cause:
          'No answer at all to the connection attempt: a firewall silently drops it. Many ISPs and cloud providers block outgoing port 25 (Outbound Port 25 Blocking); company networks often block 465 or 587.',
        fix: 'Send through 465 (SSL/TLS) or 587 (STARTTLS) with authentication instead of 25; test each port from this network, and ask the network administrator if all are blocked.',
      },
      ja: {
        cause:
          '接続に対して何の応答もありませんでした。ファイアウォールが通信を黙って破棄しています。多くのプロバイダーやクラウド事業者は外向きの25番ポートを遮断しており（OP25B）、社内ネットワークでは465番や587番が遮断されていることもあります。',
        fix: '25番ではなく、認証付きで465番（SSL/TLS）または587番（STARTTLS）から送信してください。ポートごとにこのネットワークから確認し、すべて遮断されている場合はネットワーク管理者に相談してください。',
      },
    },
  },
  {
    key: 'host-not-found',
    codes: ['ENOTFOUND', 'EAI_AGAIN'],
    pattern: /\b(ENOTFOUND|EAI_AGAIN)\b/,
    text: {
      en: {
        cause:
          'The server name could not be resolved in DNS: a typo, a name that does not exist, or no working DNS on this network.',
        fix: "Check the spelling of the SMTP server name against the provider's documentation and that this computer is online.",
      },
      ja: {
        cause:
          'サーバー名をDNSで解決できませんでした。入力ミス、存在しない名前、またはこのネットワークでDNSが使えないことが原因です。',
        fix: 'プロバイダーの案内と送信サーバー（SMTP）名のつづりを照らし合わせ、このコンピューターがインターネットに接続できているか確認してください。',
      },
    },
  },
  {
    key: 'tls-required',
    codes: [],
    pattern: /Must issue a STARTTLS command first/i,
    text: {
      en: {
        cause:
          'The client sent a command in plaintext, and the server refused it because it requires encryption first. That is a good sign for the server: it enforces TLS. The client had STARTTLS switched off or never completed it.',
        fix: 'Set the connection security to STARTTLS (required) on 587, or SSL/TLS on 465.',
      },
      ja: {
        cause:
          'クライアントが暗号化なしでコマンドを送ったため、暗号化を必須にしているサーバーが拒否しました。サーバー側の設定としては正しい状態です。クライアントでSTARTTLSが無効になっているか、STARTTLSが完了していません。',
        fix: '587番では暗号化方式を「STARTTLS」（必須）に、465番では「SSL/TLS」に設定してください。',
      },
    },
  },
  {
    key: 'starttls-unavailable',
    codes: [],
    pattern: /\b454[ -]4\.7\.0\b|TLS not available/i,
    text: {
      en: {
        cause:
          'The server advertises STARTTLS but cannot start TLS: its own TLS setup is broken (missing or unreadable certificate or key). A client set to "STARTTLS if available" would go on in plaintext.',
        fix: 'Admins fix the certificate and key settings (check the mail log for the TLS error). Users wait for the fix or use 465 if it works; never fall back to no encryption.',
      },
      ja: {
        cause:
          'サーバーはSTARTTLSに対応していると表示していますが、TLSを開始できません。サーバー側のTLS設定（証明書や秘密鍵の指定・読み込み）に問題があります。「STARTTLS（可能な場合）」の設定のクライアントは、そのまま暗号化なしで続けてしまいます。',
        fix: 'サーバー管理者は証明書と秘密鍵の設定を修正してください（メールログのTLSエラーを確認）。利用者は修正を待つか、465番が使えればそちらを使ってください。暗号化なしに切り替えないでください。',
      },
    },
  },
  {
    key: 'starttls-rewritten',
    codes: [],
    pattern: /\bX{8}\b/,
    text: {
      en: {
        cause:
          'The server received "XXXXXXXX" instead of STARTTLS: a firewall with SMTP inspection (e.g. "SMTP fixup" on Cisco PIX/ASA-style devices) rewrote the command, which removes encryption from the connection.',
        fix: 'Network admins turn off SMTP inspection/fixup on the firewall; users send through 465 (SSL/TLS), which such devices cannot rewrite.',
      },
      ja: {
        cause:
          'サーバーにはSTARTTLSではなく「XXXXXXXX」が届いています。ファイアウォールのSMTP検査機能（Cisco PIX/ASA系の「SMTP fixup」など）がコマンドを書き換え、暗号化を妨げています。',
        fix: 'ネットワーク管理者はファイアウォールのSMTP検査機能を無効にしてください。利用者は、書き換えの影響を受けない465番（SSL/TLS）で送信してください。',
      },
    },
  },
  {
    key: 'starttls-rejected',
    codes: [],
    pattern: /Error upgrading connection with STARTTLS/i,
    text: {
      en: {
        cause:
          'The server refused the STARTTLS command: it does not support encryption on this port, or something on the path removed STARTTLS from the conversation.',
        fix: 'Do not continue without encryption. Use 465 (SSL/TLS) if available; otherwise ask the provider to enable STARTTLS.',
      },
      ja: {
        cause:
          'サーバーがSTARTTLSコマンドを受け付けませんでした。このポートで暗号化に対応していないか、経路上の何かがSTARTTLSを取り除いています。',
        fix: '暗号化なしで続けないでください。465番（SSL/TLS）が使えればそちらを使い、使えなければプロバイダーにSTARTTLSの有効化を依頼してください。',
      },
    },
  },
  {
    key: 'gmail-app-password',
    codes: [],
    pattern: /Username and Password not accepted|Application-specific password required|InvalidSecondFactor/i,
    text: {
      en: {
        cause:
          'Google rejected the user name and password. With 2-Step Verification, Gmail does not accept your normal password over SMTP; it needs an app password (or OAuth2).',
        fix: 'Create an app password in your Google account (Security → App passwords) and use it instead of your normal password; check that the user name is the full address.',
      },
      ja: {
        cause:
          'Googleがユーザー名とパスワードを拒否しました。2段階認証プロセスを有効にしている場合、GmailはSMTPで通常のパスワードを受け付けず、アプリパスワード（またはOAuth2）が必要です。',
        fix: 'Googleアカウントの「セキュリティ」から「アプリパスワード」を作成し、通常のパスワードの代わりに入力してください。ユーザー名はメールアドレス全体にしてください。',
      },
    },
  },
  {
    key: 'gmail-signin-blocked',
    codes: [],
    pattern: /\b534[ -]5\.7\.14\b|log in via your web browser|WebLoginRequired/i,
    text: {
      en: {
        cause:
          'Google blocked this sign-in as suspicious and wants you to confirm it in a web browser first.',
        fix: 'Sign in to Gmail in a browser, confirm the security alert, then use an app password (or OAuth2) in the mail client.',
      },
      ja: {
        cause: 'Googleがこのログインを不審なものとしてブロックし、先にWebブラウザでの確認を求めています。',
        fix: 'ブラウザでGmailにログインしてセキュリティ通知を確認し、メールソフトではアプリパスワード（またはOAuth2）を使ってください。',
      },
    },
  },
  {
    key: 'm365-smtp-auth-disabled',
    codes: [],
    pattern: /SmtpClientAuthentication is disabled|basic authentication is disabled|\b5\.7\.139\b/i,
    text: {
      en: {
        cause:
          'Microsoft 365 refused password sign-in over SMTP: "Authenticated SMTP" (SMTP AUTH) is disabled for the organisation or this mailbox. The password may well be correct.',
        fix: 'The Microsoft 365 admin enables Authenticated SMTP for this mailbox, or the client uses OAuth2 (modern authentication).',
      },
      ja: {
        cause:
          'Microsoft 365がSMTPでのパスワード認証を拒否しました。組織またはこのメールボックスで「SMTP認証（Authenticated SMTP）」が無効になっています。パスワード自体は正しい可能性があります。',
        fix: 'Microsoft 365の管理者にこのメールボックスの「認証済みSMTP」を有効にしてもらうか、OAuth2（先進認証）に対応したメールソフトを使ってください。',
      },
    },
  },
  {
    key: 'missing-credentials',
    codes: [],
    pattern: /Missing credentials for/i,
    text: {
      en: {
        cause:
          'The user name or the password was empty, so no login was attempted. This is a settings problem, not a server problem.',
        fix: 'Enter both the user name and the password.',
      },
      ja: {
        cause:
          'ユーザー名かパスワードが空のため、ログインを試みませんでした。サーバーではなく設定の問題です。',
        fix: 'ユーザー名とパスワードの両方を入力してください。',
      },
    },
  },
  {
    key: 'auth-failed',
    codes: ['EAUTH'],
    pattern: /\b535[ -]|Invalid login|authentication failed/i,
    text: {
      en: {
        cause:
          'The server rejected the login: wrong user name or password, or the account may not send through this server. Many providers want the full email address as the user name.',
        fix: "Check the user name format and the password against the provider's documentation (some require a separate SMTP or app password).",
      },
      ja: {
        cause:
          'サーバーがログインを拒否しました。ユーザー名かパスワードが誤っているか、このアカウントではこのサーバーから送信できません。ユーザー名にメールアドレス全体を求めるプロバイダーも多くあります。',
        fix: 'プロバイダーの案内に従って、ユーザー名の形式とパスワードを確認してください（SMTP専用パスワードやアプリパスワードが必要な場合もあります）。',
      },
    },
  },
  {
    key: 'server-throttled',
    codes: [],
    pattern: /\b421[ -]/,
    text: {
      en: {
        cause:
          'The server closed the session with 421: it is busy or limits how many connections one address may open (rate limiting), sometimes after a burst of tests.',
        fix: 'Wait a few minutes and try again; admins can exempt their own test address from connection limits.',
      },
      ja: {
        cause:
          'サーバーが421を返して接続を終了しました。混雑しているか、同じアドレスからの接続数を制限しています（連続したテストの後に起きることもあります）。',
        fix: '数分待ってから再度お試しください。サーバー管理者は、自分のテスト用アドレスを接続数の制限から除外できます。',
      },
    },
  },
  {
    key: 'connection-closed',
    codes: [],
    pattern: /Connection closed unexpectedly|server closed the connection/i,
    text: {
      en: {
        cause:
          'The server ended the conversation without an error reply: a security policy (blocklist, fail2ban), a connection limit, a crash, or a plaintext/TLS mismatch on the port.',
        fix: 'Check that the security setting matches the port (465 = SSL/TLS, 587 = STARTTLS); admins look in the mail log at the time of the attempt.',
      },
      ja: {
        cause:
          'サーバーがエラー応答なしに通信を終了しました。セキュリティポリシー（ブロックリストやfail2banなど）、接続数の制限、サーバーの異常終了、またはポートと暗号化方式の組み合わせ違いが考えられます。',
        fix: '暗号化方式がポートに合っているか（465番＝SSL/TLS、587番＝STARTTLS）確認してください。サーバー管理者は、その時刻のメールログを確認してください。',
      },
    },
  },
];

/** The first row whose code or message pattern matches, or null for an error we have no explanation for. */
export function explainError(message: string, code?: string): ErrorExplanation | null {
  const row = errorTable.find(
    (r) => (code !== undefined && r.codes.includes(code)) || r.pattern.test(message),
  );
  return row ? { key: row.key, text: row.text } : null;
}
