import type { ClientGuide } from './types.js';

export const windowsMailOther: ClientGuide = {
  id: 'windows-mail-other',
  name: { en: 'Windows Mail or another program', ja: 'Windows メールまたはその他のソフト' },
  terms: {
    field: { en: 'the encryption or security setting', ja: '暗号化またはセキュリティの設定' },
    implicitTls: {
      en: 'SSL/TLS (sometimes “SSL” or “Require SSL”)',
      ja: 'SSL/TLS (「SSL」「SSL が必要」と表示される場合あり)',
    },
    starttls: { en: 'STARTTLS (sometimes “TLS”)', ja: 'STARTTLS (「TLS」と表示される場合あり)' },
    password: { en: 'password (SMTP authentication)', ja: 'パスワード (SMTP 認証)' },
  },
  steps: [
    {
      text: {
        en: 'Open the account settings of your program and find the outgoing (SMTP) server.',
        ja: 'ソフトのアカウント設定を開き、送信 (SMTP) サーバーの項目を探します。',
      },
    },
    {
      text: {
        en: 'Enter {{host}} as the server and {{port}} as the port. Where there is no port field (as in Windows Mail), type the port after the name: “{{host}}:{{port}}”.',
        ja: 'サーバーに {{host}}、ポートに {{port}} を入力します。ポートの欄がない場合 (Windows メールなど) は、「{{host}}:{{port}}」のように名前の後ろに続けて入力します。',
      },
      values: ['host', 'port'],
    },
    {
      text: {
        en: 'Set the encryption to {{security}}. A single “SSL” tick box usually means SSL/TLS from the first byte.',
        ja: '暗号化を {{security}} にします。「SSL」のチェックボックスが 1 つだけの場合は、通常は最初から SSL/TLS という意味です。',
      },
      values: ['security'],
    },
    {
      text: {
        en: 'Turn on that the outgoing server requires authentication ({{auth}}) with user name {{user}}.',
        ja: '送信サーバーに認証が必要という設定 ({{auth}}) をオンにし、ユーザー名に {{user}} を入力します。',
      },
      values: ['auth', 'user'],
    },
    {
      text: { en: 'Save the settings.', ja: '設定を保存します。' },
    },
  ],
  notes: [
    {
      en: 'Never choose “None”, “Auto” or “STARTTLS if available”: they let the program send without encryption.',
      ja: '「なし」「自動」「使用可能な場合は STARTTLS」は選ばないでください。暗号化なしで送信されるおそれがあります。',
    },
  ],
};
