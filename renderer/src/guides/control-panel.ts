import type { ClientGuide } from './types.js';

/** The generic path through a hosting or mail-service control panel (seven steps). */
export const controlPanel: ClientGuide = {
  id: 'control-panel',
  name: { en: 'My hosting control panel', ja: 'レンタルサーバーなどのコントロールパネル' },
  terms: {
    field: { en: 'Security / Connection protection', ja: 'セキュリティ設定 / 接続の保護' },
    implicitTls: { en: 'SSL/TLS', ja: 'SSL/TLS' },
    starttls: { en: 'STARTTLS', ja: 'STARTTLS' },
    password: { en: 'SMTP authentication', ja: 'SMTP 認証' },
  },
  steps: [
    {
      text: {
        en: 'Sign in to the control panel of your mail service.',
        ja: 'メールサービスのコントロールパネルにログインします。',
      },
    },
    {
      text: { en: 'Open the “Mail” section.', ja: '「メール」の項目を開きます。' },
    },
    {
      text: {
        en: 'Open “Settings” (it may be called “Mail settings”).',
        ja: '「設定」(「メール設定」と表示される場合もあります) を開きます。',
      },
    },
    {
      text: {
        en: 'Open the SMTP part: it may be called “SMTP”, “Server settings” or “Advanced settings”. Check that the server is {{host}} and the port is {{port}}.',
        ja: 'SMTP の項目を開きます。「SMTP」「サーバー設定」「詳細設定」などと表示されています。サーバーが {{host}}、ポートが {{port}} であることを確認します。',
      },
      values: ['host', 'port'],
    },
    {
      text: {
        en: 'Find the field called “Security” or “Connection protection”.',
        ja: '「セキュリティ設定」または「接続の保護」の欄を探します。',
      },
    },
    {
      text: { en: 'Choose {{security}}.', ja: '{{security}} を選びます。' },
      values: ['security'],
    },
    {
      text: { en: 'Confirm with “OK” (or “Save”).', ja: '「OK」(または「保存」) を押して確定します。' },
    },
  ],
  notes: [
    {
      en: 'Every control panel names these menus a little differently. Look for similar words; the product’s support pages show the exact path.',
      ja: 'メニューの名前はコントロールパネルごとに少しずつ異なります。似た言葉の項目を探すか、サービスのサポートページで正確な場所をご確認ください。',
    },
    {
      en: 'Choose the setting MailTLS recommends, even if the panel suggests another one: it is the one that worked safely on your server.',
      ja: 'パネルが別の方式を勧めていても、MailTLS のおすすめ設定を選んでください。お使いのサーバーで安全に動作した設定です。',
    },
  ],
};
