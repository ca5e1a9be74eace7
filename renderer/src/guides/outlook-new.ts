import type { ClientGuide } from './types.js';

export const outlookNew: ClientGuide = {
  id: 'outlook-new',
  name: { en: 'Outlook (new, Windows and web)', ja: 'Outlook (新しい Outlook、Windows / Web)' },
  terms: {
    field: { en: 'Secure connection type', ja: 'セキュリティで保護された接続の種類' },
    implicitTls: { en: 'SSL/TLS', ja: 'SSL/TLS' },
    starttls: { en: 'STARTTLS', ja: 'STARTTLS' },
    password: { en: 'user name and password', ja: 'ユーザー名とパスワード' },
  },
  steps: [
    {
      text: {
        en: 'Open “Settings” (the gear) › “Accounts” › “Email accounts”.',
        ja: '「設定」(歯車) ›「アカウント」›「メール アカウント」を開きます。',
      },
    },
    {
      text: {
        en: 'New Outlook sets the server when an IMAP or POP account is added. If your account already exists and shows no server settings, remove it (“Manage” › “Remove”) and add it again with “Add account”.',
        ja: '新しい Outlook では、IMAP / POP アカウントを追加するときにサーバーを設定します。既存のアカウントにサーバー設定が見当たらない場合は、「管理」›「削除」で削除してから「アカウントを追加」で追加し直します。',
      },
    },
    {
      text: {
        en: 'Enter your address, choose IMAP or POP, then open “Show more” (the advanced fields).',
        ja: 'メールアドレスを入力して IMAP または POP を選び、「さらに表示」(詳細な項目) を開きます。',
      },
    },
    {
      text: {
        en: 'Under the SMTP part, enter {{user}} as user name, {{host}} as “SMTP server” and {{port}} as “SMTP port”.',
        ja: 'SMTP の欄で、ユーザー名に {{user}}、「SMTP サーバー」に {{host}}、「SMTP ポート」に {{port}} を入力します。',
      },
      values: ['user', 'host', 'port'],
    },
    {
      text: {
        en: 'Set the SMTP “Secure connection type” to {{security}}.',
        ja: 'SMTP の「セキュリティで保護された接続の種類」で {{security}} を選びます。',
      },
      values: ['security'],
    },
    {
      text: {
        en: 'Click “Continue” and follow the remaining prompts.',
        ja: '「続行」をクリックし、残りの案内に従います。',
      },
    },
  ],
  notes: [
    {
      en: 'Labels change between updates of new Outlook. Look for the field that offers SSL/TLS and STARTTLS.',
      ja: '新しい Outlook の表示は更新によって変わります。SSL/TLS と STARTTLS を選べる項目を探してください。',
    },
  ],
};
