/**
 * Plain explanations for what the log-in test and the test message can run into.
 * Server replies and Node errors are explained by the shared error table
 * (tls/error-explanations.ts); the few outcomes only these tests have live here.
 * Failures that stop a test become a UserFacingError whose message is a lead
 * sentence, the cause and the fix, in the user's language.
 */
import type { BridgeError, Language } from '../../contract.js';
import { UserFacingError } from '../core/errors.js';
import {
  errorTable,
  explainError,
  type ErrorExplanation,
  type ErrorText,
} from '../tls/error-explanations.js';

export const loginTexts: Record<string, Record<Language, ErrorText>> = {
  'auth-not-offered': {
    en: {
      cause:
        'After TLS was established the server offered no log-in (no AUTH in its EHLO answer), so there was nothing to test. Some servers offer log-in only on another port, or only before encryption, which MailTLS never uses.',
      fix: "Check the port against the provider's documentation (usually 465 with SSL/TLS or 587 with STARTTLS); admins enable authentication after TLS (Postfix: smtpd_sasl_auth_enable = yes on the submission service).",
    },
    ja: {
      cause:
        'TLS で暗号化した後、サーバーがログイン方式を示しませんでした（EHLO の応答に AUTH がありません）。そのためテストできるログインがありません。別のポートでだけ、または暗号化前にだけログインを受け付けるサーバーもありますが、MailTLS は暗号化前にはログインしません。',
      fix: 'プロバイダーの案内とポート番号を照らし合わせてください（通常は 465 番の SSL/TLS か 587 番の STARTTLS）。サーバー管理者は TLS の後で認証を有効にしてください（Postfix では submission サービスで smtpd_sasl_auth_enable = yes）。',
    },
  },
  'auth-mechanism-unsupported': {
    en: {
      cause:
        'The server offers no password log-in MailTLS speaks (PLAIN, LOGIN or CRAM-MD5), for example only OAuth2 (XOAUTH2).',
      fix: 'If the server offers XOAUTH2, test with an OAuth2 access token instead of the password (mailtls login --oauth2); otherwise ask the provider to enable password log-in over TLS.',
    },
    ja: {
      cause:
        'サーバーが示したログイン方式に、MailTLS が使えるパスワード認証（PLAIN、LOGIN、CRAM-MD5）がありませんでした。例えば OAuth2（XOAUTH2）だけの場合です。',
      fix: 'サーバーが XOAUTH2 を示している場合は、パスワードの代わりに OAuth2 のアクセストークンでテストしてください（mailtls login --oauth2）。そうでない場合は、TLS でのパスワード認証を有効にするようプロバイダーに依頼してください。',
    },
  },
  'xoauth2-not-offered': {
    en: {
      cause:
        'After TLS was established the server offered no OAuth2 log-in (no XOAUTH2 in its AUTH list), so MailTLS did not send the access token. A token is never sent through a password method.',
      fix: "Check the host and port against the provider's OAuth2 documentation (Gmail: smtp.gmail.com; Microsoft 365: smtp.office365.com, port 587), or test with the password instead.",
    },
    ja: {
      cause:
        'TLS で暗号化した後、サーバーが OAuth2 のログイン（AUTH の一覧の XOAUTH2）を示さなかったため、アクセストークンは送信しませんでした。トークンをパスワード用の方式で送ることはありません。',
      fix: 'プロバイダーの OAuth2 の案内とホスト名・ポート番号を照らし合わせてください（Gmail は smtp.gmail.com、Microsoft 365 は smtp.office365.com の 587 番）。または、パスワードでテストしてください。',
    },
  },
  'xoauth2-token-refused': {
    en: {
      cause:
        'The server refused the OAuth2 access token: it may have expired (most last an hour), belong to another account than the user name, or lack the permission to send mail.',
      fix: 'Get a fresh token for this account with the mail scope (Gmail: https://mail.google.com/; Microsoft 365: https://outlook.office.com/SMTP.Send) and give the full email address as the user name.',
    },
    ja: {
      cause:
        'サーバーが OAuth2 のアクセストークンを拒否しました。有効期限が切れている（多くは 1 時間）、ユーザー名とは別のアカウントのものである、またはメール送信の権限がない可能性があります。',
      fix: 'このアカウントについて、メールのスコープ（Gmail は https://mail.google.com/、Microsoft 365 は https://outlook.office.com/SMTP.Send）を含む新しいトークンを取得し、ユーザー名にはメールアドレス全体を指定してください。',
    },
  },
  'session-fixation-risk': {
    en: {
      cause:
        'After a successful log-in over TLS the server accepted another STARTTLS (it answered 220). A correct server refuses it; accepting it lets the state of a logged-in session be carried across a new TLS negotiation, which session-fixation and injection attacks build on.',
      fix: 'Admins update the mail server software and make it refuse STARTTLS once TLS is active (RFC 3207). The log-in itself worked.',
    },
    ja: {
      cause:
        'TLS 上でログインに成功した後、サーバーがもう一度 STARTTLS を受け付けました（220 と応答）。正しいサーバーはこれを拒否します。受け付けると、ログイン済みのセッションの状態が新しい TLS 交渉に引き継がれ、セッション固定や挿入攻撃の足がかりになります。',
      fix: 'サーバー管理者はメールサーバーのソフトウェアを更新し、TLS が有効な状態での STARTTLS を拒否するようにしてください（RFC 3207）。ログイン自体は成功しています。',
    },
  },
  'starttls-not-offered': {
    en: {
      cause:
        'The server does not offer STARTTLS on this port, so the connection would stay unencrypted. MailTLS never sends a password without TLS.',
      fix: 'Use the port and security the audit recommended (465 with SSL/TLS, or 587 with STARTTLS); admins enable STARTTLS on the submission port.',
    },
    ja: {
      cause:
        'このポートではサーバーが STARTTLS を提供していないため、接続は暗号化されないままになります。MailTLS は TLS なしでパスワードを送ることはありません。',
      fix: '診断で推奨されたポートと方式（465 番の SSL/TLS か 587 番の STARTTLS）を使ってください。サーバー管理者は送信用ポートで STARTTLS を有効にしてください。',
    },
  },
  'tls-failed': {
    en: {
      cause:
        'The TLS handshake with the server did not succeed, so there was no encrypted connection to log in over.',
      fix: 'Run the audit again to see what the server offers on this port; never fall back to an unencrypted connection.',
    },
    ja: {
      cause:
        'サーバーとの TLS のハンドシェイクが成功しなかったため、ログインに使える暗号化された接続がありません。',
      fix: 'もう一度診断して、このポートでサーバーが何を提供しているか確認してください。暗号化なしの接続に切り替えないでください。',
    },
  },
  'cert-not-verified': {
    en: {
      cause: "The server's certificate could not be verified for this server name.",
      fix: 'Do not send a password to this server until the certificate problem is solved; if you know the certificate is genuine, pin its fingerprint in MailTLS.',
    },
    ja: {
      cause: 'このサーバー名に対して、サーバーの証明書を検証できませんでした。',
      fix: '証明書の問題が解決するまで、このサーバーにパスワードを送らないでください。正規の証明書だと分かっている場合は、その指紋を MailTLS に固定（ピン留め）してください。',
    },
  },
  'unexpected-reply': {
    en: {
      cause:
        'The server answered a step of the dialogue with a reply MailTLS could not use (shown in the transcript).',
      fix: 'Try again later; admins look in the mail log at the time of the attempt.',
    },
    ja: {
      cause: 'サーバーが通信の途中で、MailTLS が扱えない応答を返しました（記録に表示されます）。',
      fix: '時間をおいてもう一度お試しください。サーバー管理者は、その時刻のメールログを確認してください。',
    },
  },
};

/** Cause and fix for an explanation key: the login-specific ones, then the shared error table. */
export function explanationFor(key: string): ErrorExplanation | null {
  const own = loginTexts[key];
  if (own) return { key, text: own };
  const row = errorTable.find((r) => r.key === key);
  return row ? { key: row.key, text: row.text } : null;
}

/** The key explaining a server's refusal: its text matched against the error table, else `fallback`. */
export function explainReply(reply: string, fallback: string): string {
  return explainError(reply)?.key ?? fallback;
}

/** A stopping failure: what did not happen, why, and what to do. */
export function stoppedError(
  code: BridgeError['code'],
  lead: Record<Language, string>,
  key: string,
): UserFacingError {
  const explanation = explanationFor(key) ?? explanationFor('unexpected-reply');
  const text = (language: Language) => {
    const part = explanation?.text[language];
    return part ? `${lead[language]} ${part.cause} ${part.fix}` : lead[language];
  };
  return new UserFacingError(code, { en: text('en'), ja: text('ja') });
}
