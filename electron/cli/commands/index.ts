import type { CommandEntry } from '../context.js';

/**
 * Every `mailtls` subcommand, in the order `--help` lists them. Each module is
 * loaded only when its command runs: `check` should not pay for the XML, plist,
 * SMTP-client and web-bridge code of the others.
 */
export const commands: CommandEntry[] = [
  {
    name: 'check',
    summary: {
      en: 'test a mail server on 25, 465 and 587 and recommend the secure setting',
      ja: 'メールサーバーの 25・465・587 を検査し、安全な設定を提案する',
    },
    load: async () => (await import('./check.js')).checkCommand,
  },
  {
    name: 'batch',
    summary: {
      en: 'test many mail servers listed in a file, several at once',
      ja: 'ファイルに列挙した多数のメールサーバーを同時に検査する',
    },
    load: async () => (await import('./batch.js')).batchCommand,
  },
  {
    name: 'discover',
    summary: {
      en: 'find the outgoing server settings for an email address',
      ja: 'メールアドレスから送信サーバーの設定を探す',
    },
    load: async () => (await import('./discover.js')).discoverCommand,
  },
  {
    name: 'dns',
    summary: {
      en: 'check a domain’s SPF, DKIM, DMARC, MTA-STS and TLS-RPT',
      ja: 'ドメインの SPF・DKIM・DMARC・MTA-STS・TLS-RPT を確認する',
    },
    load: async () => (await import('./dns.js')).dnsCommand,
  },
  // Issue 18: the recipient check.
  {
    name: 'recipient',
    summary: {
      en: 'check whether mail to a domain travels encrypted (MX STARTTLS, MTA-STS, DANE)',
      ja: 'ドメイン宛のメールが暗号化されて届くかを確認する（MX の STARTTLS・MTA-STS・DANE）',
    },
    load: async () => (await import('./recipient.js')).recipientCommand,
  },
  {
    name: 'login',
    summary: {
      en: 'log in to a mail server over TLS only, to check user name and password',
      ja: 'メールサーバーに TLS でのみログインし、ユーザー名とパスワードを確認する',
    },
    load: async () => (await import('./login.js')).loginCommand,
  },
  {
    name: 'send-test',
    summary: {
      en: 'send one test message over the verified setting (TLS only) and show its queue id',
      ja: '確認済みの設定（TLS のみ）でテストメッセージを 1 通送り、キュー ID を表示する',
    },
    load: async () => (await import('./send-test.js')).sendTestCommand,
  },
  {
    name: 'export',
    summary: {
      en: 'write the verified setting for a mail client or program (msmtp, Postfix, Thunderbird...)',
      ja: '確認した設定をメールソフトやプログラム用に書き出す（msmtp、Postfix、Thunderbird など）',
    },
    load: async () => (await import('./export.js')).exportCommand,
  },
  {
    name: 'import',
    summary: {
      en: 'read a profile or client configuration and print it as a MailTLS profile',
      ja: 'プロファイルやクライアント設定を読み込み、MailTLS のプロファイルとして表示する',
    },
    load: async () => (await import('./import.js')).importCommand,
  },
  {
    name: 'serve',
    summary: {
      en: 'open the MailTLS window in your browser (local server on 127.0.0.1)',
      ja: 'MailTLS の画面をブラウザーで開く（127.0.0.1 のローカルサーバー）',
    },
    load: async () => (await import('./serve.js')).serveCommand,
  },
];
