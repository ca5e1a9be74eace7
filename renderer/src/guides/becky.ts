import type { ClientGuide } from './types.js';

export const becky: ClientGuide = {
  id: 'becky',
  name: { en: 'Becky! Internet Mail', ja: 'Becky! Internet Mail' },
  terms: {
    field: { en: 'SSL/TLS and STARTTLS options', ja: 'SSL/TLS と STARTTLS の設定' },
    implicitTls: { en: 'the “SSL/TLS” box next to the SMTP port', ja: 'SMTP ポート横の「SSL/TLS」' },
    starttls: { en: 'STARTTLS (“SSL/TLS” box unticked)', ja: 'STARTTLS (「SSL/TLS」のチェックなし)' },
    password: { en: 'SMTP authentication', ja: 'SMTP 認証' },
  },
  steps: [
    {
      text: {
        en: 'Choose “Tools” › “Mailbox Setup” (ツール › メールボックスの設定).',
        ja: '「ツール」›「メールボックスの設定」を選びます。',
      },
    },
    {
      text: {
        en: 'On the “Basic” tab, enter {{host}} as the SMTP (sending) server and {{port}} as its port.',
        ja: '「基本設定」タブで、SMTP サーバー (送信) に {{host}}、そのポートに {{port}} を入力します。',
      },
      values: ['host', 'port'],
    },
    {
      text: {
        en: 'Choose the encryption: {{security}}.',
        ja: '暗号化の方式を選びます: {{security}}。',
      },
      values: ['security'],
    },
    {
      text: {
        en: 'On the “Advanced” tab, turn on {{auth}} and enter {{user}} as user ID if it differs from the mailbox user.',
        ja: '「詳細」タブで {{auth}} をオンにし、受信と異なる場合はユーザー ID に {{user}} を入力します。',
      },
      values: ['auth', 'user'],
    },
    {
      text: { en: 'Click “OK”.', ja: '「OK」をクリックします。' },
    },
  ],
  notes: [
    {
      en: 'Becky! has separate options for SSL/TLS and STARTTLS; their exact place differs between versions. Check the Becky! help for your version if you cannot find STARTTLS.',
      ja: 'Becky! では SSL/TLS と STARTTLS を別々に設定します。場所はバージョンによって異なるため、STARTTLS が見つからない場合はお使いのバージョンのヘルプをご確認ください。',
    },
  ],
};
