import type { ClientGuide } from './types.js';

export const appleMailMacos: ClientGuide = {
  id: 'apple-mail-macos',
  name: { en: 'Apple Mail (macOS)', ja: 'Apple メール (macOS)' },
  terms: {
    field: { en: 'Use TLS/SSL', ja: 'TLS/SSLを使用' },
    // One switch covers both modes: the port decides which one Mail speaks.
    implicitTls: { en: 'on (with port 465)', ja: 'オン (ポート 465)' },
    starttls: { en: 'on (with port 587, STARTTLS)', ja: 'オン (ポート 587、STARTTLS)' },
    password: { en: 'Password', ja: 'パスワード' },
  },
  steps: [
    {
      text: {
        en: 'In Mail, choose “Mail” › “Settings…” (“Preferences…” on older macOS), then “Accounts”.',
        ja: 'メールで「メール」›「設定...」(古い macOS では「環境設定...」) を選び、「アカウント」を開きます。',
      },
    },
    {
      text: {
        en: 'Select your account and open “Server Settings”.',
        ja: 'アカウントを選び、「サーバ設定」を開きます。',
      },
    },
    {
      text: {
        en: 'Under “Outgoing Mail Server (SMTP)”, enter {{user}} as “User Name” and {{host}} as “Host Name”.',
        ja: '「送信用メールサーバ (SMTP)」で、「ユーザ名」に {{user}}、「ホスト名」に {{host}} を入力します。',
      },
      values: ['user', 'host'],
    },
    {
      text: {
        en: 'Untick “Automatically manage connection settings”, then enter {{port}} as “Port”.',
        ja: '「接続設定を自動的に管理」のチェックを外し、「ポート」に {{port}} を入力します。',
      },
      values: ['port'],
    },
    {
      text: {
        en: 'Tick “Use TLS/SSL” and set “Authentication” to {{auth}}.',
        ja: '「TLS/SSLを使用」にチェックを入れ、「認証」で {{auth}} を選びます。',
      },
      values: ['auth'],
      withoutAuth: {
        en: 'Tick “Use TLS/SSL”. Leave the log-in (“Authentication”) off: this server offered none over TLS.',
        ja: '「TLS/SSLを使用」にチェックを入れます。このサーバーは TLS 経由のログインを提供していないため、「認証」はオフのままにします。',
      },
    },
    {
      text: { en: 'Click “Save”.', ja: '「保存」をクリックします。' },
    },
  ],
  notes: [
    {
      en: 'Mail has a single “Use TLS/SSL” switch: with port 465 it encrypts from the first byte, with 587 it uses STARTTLS. The port you enter therefore decides the mode.',
      ja: 'メールには「TLS/SSLを使用」というスイッチが 1 つしかありません。ポート 465 なら最初から暗号化し、587 なら STARTTLS を使います。そのため、入力するポートで方式が決まります。',
    },
  ],
};
