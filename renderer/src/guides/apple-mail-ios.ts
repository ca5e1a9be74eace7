import type { ClientGuide } from './types.js';

export const appleMailIos: ClientGuide = {
  id: 'apple-mail-ios',
  name: { en: 'Apple Mail (iPhone and iPad)', ja: 'Apple メール (iPhone / iPad)' },
  terms: {
    field: { en: 'Use SSL', ja: 'SSLを使用' },
    implicitTls: { en: 'on (with port 465)', ja: 'オン (ポート 465)' },
    starttls: { en: 'on (with port 587, STARTTLS)', ja: 'オン (ポート 587、STARTTLS)' },
    password: { en: 'Password', ja: 'パスワード' },
  },
  steps: [
    {
      text: {
        en: 'Open the Settings app › “Apps” › “Mail” › “Mail Accounts” (on older iOS: “Mail” › “Accounts”), then tap your account.',
        ja: '設定アプリ ›「アプリ」›「メール」›「メールアカウント」(古い iOS では「メール」›「アカウント」) を開き、アカウントをタップします。',
      },
    },
    {
      text: {
        en: 'Tap “Account”, then “SMTP” under “Outgoing Mail Server”.',
        ja: '「アカウント」をタップし、「送信メールサーバ」の「SMTP」をタップします。',
      },
    },
    {
      text: {
        en: 'Tap the “Primary Server” ({{host}}). Check “Host Name” and enter {{user}} as “User Name”.',
        ja: '「プライマリサーバ」({{host}}) をタップし、「ホスト名」を確認して「ユーザ名」に {{user}} を入力します。',
      },
      values: ['host', 'user'],
    },
    {
      text: {
        en: 'Turn on “Use SSL”, set “Authentication” to {{auth}} and enter {{port}} as “Server Port”.',
        ja: '「SSLを使用」をオンにし、「認証」で {{auth}} を選び、「サーバポート」に {{port}} を入力します。',
      },
      values: ['auth', 'port'],
      withoutAuth: {
        en: 'Turn on “Use SSL” and enter {{port}} as “Server Port”. Leave the log-in (“Authentication”) off: this server offered none over TLS.',
        ja: '「SSLを使用」をオンにし、「サーバポート」に {{port}} を入力します。このサーバーは TLS 経由のログインを提供していないため、「認証」はオフのままにします。',
      },
    },
    {
      text: { en: 'Tap “Done”.', ja: '「完了」をタップします。' },
    },
  ],
  notes: [
    {
      en: '“Use SSL” is one switch for both modes: with port 465 the connection is encrypted from the start, with 587 it uses STARTTLS.',
      ja: '「SSLを使用」は両方の方式に共通のスイッチです。ポート 465 なら最初から暗号化し、587 なら STARTTLS を使います。',
    },
  ],
};
