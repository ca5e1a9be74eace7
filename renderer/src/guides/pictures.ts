/**
 * What each program's server-settings dialog looks like, reduced to what matters:
 * its frame, its title and the fields MailTLS's values go into, with the program's
 * own labels. Drawn by ClientPicture.tsx; these are sketches made for MailTLS, not
 * copies of the programs' screens.
 */
import type { ClientId } from '../store/types.js';
import type { GuideValue, Localized } from './types.js';

export type PictureFrame = 'windows' | 'mac' | 'phone' | 'web';

export type PictureField =
  | { label: Localized; kind: 'text' | 'select'; value: GuideValue }
  /** A tick box or switch, drawn on (`on`) or off as the guide asks. */
  | { label: Localized; kind: 'check'; on: boolean; value?: GuideValue };

export interface ClientPictureSpec {
  frame: PictureFrame;
  title: Localized;
  fields: PictureField[];
}

const text = (en: string, ja: string, value: GuideValue): PictureField => ({
  label: { en, ja },
  kind: 'text',
  value,
});
const select = (en: string, ja: string, value: GuideValue): PictureField => ({
  label: { en, ja },
  kind: 'select',
  value,
});
const check = (en: string, ja: string, on: boolean, value?: GuideValue): PictureField => ({
  label: { en, ja },
  kind: 'check',
  on,
  ...(value ? { value } : {}),
});

export const pictures: Record<ClientId, ClientPictureSpec> = {
  thunderbird: {
    frame: 'windows',
    title: { en: 'SMTP Server', ja: 'SMTP サーバー' },
    fields: [
      text('Server Name', 'サーバー名', 'host'),
      text('Port', 'ポート番号', 'port'),
      select('Connection security', '接続の保護', 'security'),
      select('Authentication method', '認証方式', 'auth'),
      text('User Name', 'ユーザー名', 'user'),
    ],
  },
  'outlook-classic': {
    frame: 'windows',
    title: { en: 'Internet Email Settings', ja: 'インターネット電子メール設定' },
    fields: [
      text('Outgoing mail server (SMTP)', '送信メール サーバー (SMTP)', 'host'),
      text('Outgoing server (SMTP)', '送信サーバー (SMTP)', 'port'),
      select('Use the following type of encrypted connection', '使用する暗号化接続の種類', 'security'),
      check(
        'My outgoing server (SMTP) requires authentication',
        '送信サーバー (SMTP) は認証が必要',
        true,
        'auth',
      ),
      text('User Name', 'アカウント名', 'user'),
    ],
  },
  'outlook-new': {
    frame: 'windows',
    title: { en: 'Add account: IMAP', ja: 'アカウントの追加: IMAP' },
    fields: [
      text('SMTP username', 'SMTP ユーザー名', 'user'),
      text('SMTP server', 'SMTP サーバー', 'host'),
      text('SMTP port', 'SMTP ポート', 'port'),
      select('Secure connection type', 'セキュリティで保護された接続の種類', 'security'),
    ],
  },
  'apple-mail-macos': {
    frame: 'mac',
    title: { en: 'Server Settings', ja: 'サーバ設定' },
    fields: [
      text('User Name', 'ユーザ名', 'user'),
      text('Host Name', 'ホスト名', 'host'),
      check('Automatically manage connection settings', '接続設定を自動的に管理', false),
      text('Port', 'ポート', 'port'),
      check('Use TLS/SSL', 'TLS/SSL を使用', true, 'security'),
      select('Authentication', '認証', 'auth'),
    ],
  },
  'apple-mail-ios': {
    frame: 'phone',
    title: { en: 'Primary Server', ja: 'プライマリサーバ' },
    fields: [
      text('Host Name', 'ホスト名', 'host'),
      text('User Name', 'ユーザ名', 'user'),
      check('Use SSL', 'SSLを使用', true, 'security'),
      select('Authentication', '認証', 'auth'),
      text('Server Port', 'サーバポート', 'port'),
    ],
  },
  'gmail-app': {
    frame: 'phone',
    title: { en: 'Outgoing server settings', ja: '送信サーバーの設定' },
    fields: [
      text('Username', 'ユーザー名', 'user'),
      text('SMTP server', 'SMTP サーバー', 'host'),
      text('Port', 'ポート', 'port'),
      select('Security type', 'セキュリティの種類', 'security'),
    ],
  },
  becky: {
    frame: 'windows',
    title: { en: 'Mailbox Setup: Basic', ja: 'メールボックスの設定: 基本設定' },
    fields: [
      text('SMTP server (sending)', 'SMTP サーバー (送信)', 'host'),
      text('Port', 'ポート', 'port'),
      select('Encryption', '暗号化', 'security'),
      text('User ID', 'ユーザー ID', 'user'),
    ],
  },
  'windows-mail-other': {
    frame: 'windows',
    title: { en: 'Advanced mailbox settings', ja: 'メールボックスの詳細設定' },
    fields: [
      text('Outgoing (SMTP) email server', '送信 (SMTP) メール サーバー', 'host'),
      text('Port', 'ポート', 'port'),
      check('Outgoing server requires authentication', '送信サーバーには認証が必要', true, 'auth'),
      select('Encryption', '暗号化', 'security'),
      text('User name', 'ユーザー名', 'user'),
    ],
  },
  'control-panel': {
    frame: 'web',
    title: { en: 'Mail › Settings › SMTP', ja: 'メール › 設定 › SMTP' },
    fields: [
      text('Server', 'サーバー', 'host'),
      text('Port', 'ポート', 'port'),
      select('Connection protection', '接続の保護', 'security'),
    ],
  },
};
