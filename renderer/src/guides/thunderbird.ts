import type { ClientGuide } from './types.js';

export const thunderbird: ClientGuide = {
  id: 'thunderbird',
  name: { en: 'Thunderbird', ja: 'Thunderbird' },
  terms: {
    field: { en: 'Connection security', ja: '接続の保護' },
    implicitTls: { en: 'SSL/TLS', ja: 'SSL/TLS' },
    starttls: { en: 'STARTTLS', ja: 'STARTTLS' },
    password: { en: 'Normal password', ja: '通常のパスワード認証' },
  },
  steps: [
    {
      text: {
        en: 'Open the ≡ menu and choose “Account Settings”.',
        ja: '≡ メニューを開き、「アカウント設定」を選びます。',
      },
    },
    {
      text: {
        en: 'At the bottom of the left column, choose “Outgoing Server (SMTP)”.',
        ja: '左側の一覧のいちばん下にある「送信 (SMTP) サーバー」を選びます。',
      },
    },
    {
      text: {
        en: 'Select the server your account uses and click “Edit…”.',
        ja: 'アカウントで使っているサーバーを選び、「編集...」をクリックします。',
      },
    },
    {
      text: {
        en: 'Enter {{host}} as “Server Name” and {{port}} as “Port”.',
        ja: '「サーバー名」に {{host}}、「ポート番号」に {{port}} を入力します。',
      },
      values: ['host', 'port'],
    },
    {
      text: {
        en: 'Set “Connection security” to {{security}}.',
        ja: '「接続の保護」で {{security}} を選びます。',
      },
      values: ['security'],
    },
    {
      text: {
        en: 'Set “Authentication method” to {{auth}} and enter {{user}} as “User Name”.',
        ja: '「認証方式」で {{auth}} を選び、「ユーザー名」に {{user}} を入力します。',
      },
      values: ['auth', 'user'],
    },
    {
      text: {
        en: 'Click “OK”. Thunderbird asks for the password the next time you send.',
        ja: '「OK」をクリックします。次に送信するときにパスワードを尋ねられます。',
      },
    },
  ],
  notes: [
    {
      en: 'If Thunderbird warns about the certificate, stop and test the server again rather than adding an exception.',
      ja: '証明書の警告が表示された場合は、例外を追加せずに、もう一度サーバーをテストしてください。',
    },
  ],
};
