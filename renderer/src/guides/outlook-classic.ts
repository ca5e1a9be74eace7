import type { ClientGuide } from './types.js';

export const outlookClassic: ClientGuide = {
  id: 'outlook-classic',
  name: { en: 'Outlook (classic, Windows)', ja: 'Outlook (クラシック、Windows)' },
  terms: {
    field: { en: 'Use the following type of encrypted connection', ja: '使用する暗号化接続の種類' },
    implicitTls: { en: 'SSL/TLS', ja: 'SSL/TLS' },
    starttls: { en: 'STARTTLS', ja: 'STARTTLS' },
    password: {
      en: 'My outgoing server (SMTP) requires authentication',
      ja: '送信サーバー (SMTP) は認証が必要',
    },
  },
  steps: [
    {
      text: {
        en: 'Choose “File” › “Account Settings” › “Account Settings…”.',
        ja: '「ファイル」›「アカウント設定」›「アカウント設定...」を選びます。',
      },
    },
    {
      text: {
        en: 'Select your email account and click “Change…”.',
        ja: 'メールアカウントを選び、「変更...」をクリックします。',
      },
    },
    {
      text: {
        en: 'Enter {{host}} as “Outgoing mail server (SMTP)” and {{user}} as “User Name”.',
        ja: '「送信メール サーバー (SMTP)」に {{host}}、「アカウント名」に {{user}} を入力します。',
      },
      values: ['host', 'user'],
    },
    {
      text: {
        en: 'Click “More Settings…”. On the “Outgoing Server” tab, tick {{auth}} and keep “Use same settings as my incoming mail server”.',
        ja: '「詳細設定...」をクリックし、「送信サーバー」タブで {{auth}} にチェックを入れ、「受信メール サーバーと同じ設定を使用する」を選びます。',
      },
      values: ['auth'],
    },
    {
      text: {
        en: 'On the “Advanced” tab, enter {{port}} for “Outgoing server (SMTP)” and set “Use the following type of encrypted connection” to {{security}}.',
        ja: '「詳細設定」タブで「送信サーバー (SMTP)」に {{port}} を入力し、「使用する暗号化接続の種類」で {{security}} を選びます。',
      },
      values: ['port', 'security'],
    },
    {
      text: {
        en: 'Click “OK”, then “Next”. Outlook tests the account; then click “Done”.',
        ja: '「OK」、続いて「次へ」をクリックします。アカウントのテストが終わったら「完了」をクリックします。',
      },
    },
  ],
  notes: [
    {
      en: 'Older versions list “SSL” and “TLS” instead. There, “SSL” means SSL/TLS from the first byte (port 465) and “TLS” means STARTTLS (port 587). Never choose “Auto” or “None”.',
      ja: '古いバージョンでは「SSL」と「TLS」が表示されます。その場合の「SSL」は最初から SSL/TLS (ポート 465)、「TLS」は STARTTLS (ポート 587) の意味です。「自動」や「なし」は選ばないでください。',
    },
  ],
};
