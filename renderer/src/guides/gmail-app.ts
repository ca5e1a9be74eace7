import type { ClientGuide } from './types.js';

export const gmailApp: ClientGuide = {
  id: 'gmail-app',
  name: { en: 'Gmail app (other accounts)', ja: 'Gmail アプリ (他社のアカウント)' },
  terms: {
    field: { en: 'Security type', ja: 'セキュリティの種類' },
    implicitTls: { en: 'SSL/TLS', ja: 'SSL/TLS' },
    starttls: { en: 'STARTTLS', ja: 'STARTTLS' },
    password: { en: 'user name and password', ja: 'ユーザー名とパスワード' },
  },
  steps: [
    {
      text: {
        en: 'In the Gmail app, open the menu (☰) › “Settings” and tap the account.',
        ja: 'Gmail アプリでメニュー (☰) ›「設定」を開き、アカウントをタップします。',
      },
    },
    {
      text: {
        en: 'Scroll down and tap “Outgoing settings” (the SMTP server).',
        ja: '下へスクロールし、「送信設定」(SMTP サーバー) をタップします。',
      },
    },
    {
      text: {
        en: 'Enter {{user}} as user name, {{host}} as “SMTP server” and {{port}} as “Port”.',
        ja: 'ユーザー名に {{user}}、「SMTP サーバー」に {{host}}、「ポート」に {{port}} を入力します。',
      },
      values: ['user', 'host', 'port'],
    },
    {
      text: {
        en: 'Set “Security type” to {{security}}.',
        ja: '「セキュリティの種類」で {{security}} を選びます。',
      },
      values: ['security'],
    },
    {
      text: { en: 'Tap “Done” or “Next” to save.', ja: '「完了」または「次へ」をタップして保存します。' },
    },
  ],
  notes: [
    {
      en: 'Do not pick a choice ending in “(accept all certificates)”: it skips the certificate check that protects you from impostors.',
      ja: '「(すべての証明書を承認)」で終わる選択肢は選ばないでください。なりすましを防ぐ証明書の確認が行われなくなります。',
    },
  ],
};
