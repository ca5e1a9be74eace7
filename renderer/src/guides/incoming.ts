/**
 * Issue 14: the incoming server (IMAP or POP3) in each program. Where its settings
 * are, in the program's own words, and a sketch of that dialog (drawn by
 * ClientPicture.tsx like the outgoing one). The steps after "where" are the same
 * for every program, in the program's terms (guide.terms).
 */
import type { ClientId } from '../store/types.js';
import type { ClientPictureSpec, PictureField } from './pictures.js';
import type { GuideStep, GuideValue, Localized } from './types.js';

export interface IncomingGuide {
  /** Where the incoming server's settings are. */
  where: Localized;
  picture: ClientPictureSpec;
}

const field = (
  en: string,
  ja: string,
  value: GuideValue,
  kind: 'text' | 'select' = 'text',
): PictureField => ({ label: { en, ja }, kind, value });

export const incomingGuides: Record<ClientId, IncomingGuide> = {
  thunderbird: {
    where: {
      en: 'Open Account Settings and choose “Server Settings” under your account (the server type, IMAP or POP, is chosen when the account is added).',
      ja: '「アカウント設定」を開き、アカウントの下の「サーバー設定」を選びます（サーバーの種類 IMAP / POP はアカウント追加時に選びます）。',
    },
    picture: {
      frame: 'windows',
      title: { en: 'Server Settings', ja: 'サーバー設定' },
      fields: [
        field('Server Type', 'サーバーの種類', 'protocol', 'select'),
        field('Server Name', 'サーバー名', 'host'),
        field('Port', 'ポート', 'port'),
        field('User Name', 'ユーザー名', 'user'),
        field('Connection security', '接続の保護', 'security', 'select'),
      ],
    },
  },
  'outlook-classic': {
    where: {
      en: 'In File › Account Settings, double-click the account; the account type and “Incoming mail server” are under Server Information, the port and encryption under More Settings › Advanced.',
      ja: '[ファイル] › [アカウント設定] でアカウントをダブルクリックします。アカウントの種類と「受信メール サーバー」は [サーバー情報]、ポートと暗号化は [詳細設定] › [詳細設定] タブにあります。',
    },
    picture: {
      frame: 'windows',
      title: { en: 'Internet Email Settings', ja: 'インターネット電子メール設定' },
      fields: [
        field('Account type', 'アカウントの種類', 'protocol', 'select'),
        field('Incoming mail server', '受信メール サーバー', 'host'),
        field('Incoming server', '受信サーバー', 'port'),
        field(
          'Use the following type of encrypted connection',
          '使用する暗号化接続の種類',
          'security',
          'select',
        ),
        field('User Name', 'アカウント名', 'user'),
      ],
    },
  },
  'outlook-new': {
    where: {
      en: 'When adding the account choose “IMAP” (or “POP”) and open “Show more”; the incoming server fields come first.',
      ja: 'アカウントの追加で「IMAP」（または「POP」）を選び、「さらに表示」を開きます。受信サーバーの欄が先にあります。',
    },
    picture: {
      frame: 'windows',
      title: { en: 'Add account', ja: 'アカウントの追加' },
      fields: [
        field('Account type', 'アカウントの種類', 'protocol', 'select'),
        field('IMAP username', 'IMAP ユーザー名', 'user'),
        field('IMAP incoming server', 'IMAP 受信サーバー', 'host'),
        field('Port', 'ポート', 'port'),
        field('Secure connection type', 'セキュリティで保護された接続の種類', 'security', 'select'),
      ],
    },
  },
  'apple-mail-macos': {
    where: {
      en: 'In Mail › Settings › Accounts, choose the account, then “Server Settings”: the incoming server is the upper block.',
      ja: '[メール] › [設定] › [アカウント] でアカウントを選び、「サーバ設定」を開きます。受信用メールサーバは上の欄です。',
    },
    picture: {
      frame: 'mac',
      title: { en: 'Server Settings: Incoming Mail Server', ja: 'サーバ設定: 受信用メールサーバ' },
      fields: [
        field('Account type', 'アカウントの種類', 'protocol', 'select'),
        field('User Name', 'ユーザ名', 'user'),
        field('Host Name', 'ホスト名', 'host'),
        field('Port', 'ポート', 'port'),
        field('Use TLS/SSL', 'TLS/SSL を使用', 'security', 'select'),
      ],
    },
  },
  'apple-mail-ios': {
    where: {
      en: 'In Settings › Apps › Mail › Mail Accounts, choose the account, then “Incoming Mail Server” (IMAP or POP is chosen when the account is added).',
      ja: '[設定] › [アプリ] › [メール] › [メールアカウント] でアカウントを選び、「受信メールサーバ」を開きます（IMAP / POP はアカウント追加時に選びます）。',
    },
    picture: {
      frame: 'phone',
      title: { en: 'Incoming Mail Server', ja: '受信メールサーバ' },
      fields: [
        field('Account type', 'アカウントの種類', 'protocol', 'select'),
        field('Host Name', 'ホスト名', 'host'),
        field('User Name', 'ユーザ名', 'user'),
        field('Use SSL', 'SSLを使用', 'security', 'select'),
        field('Server Port', 'サーバポート', 'port'),
      ],
    },
  },
  'gmail-app': {
    where: {
      en: 'When adding “Other” account choose “Personal (IMAP)” or “Personal (POP3)”; the incoming server settings come before the outgoing ones.',
      ja: '「その他」のアカウント追加で「個人（IMAP）」または「個人（POP3）」を選びます。受信サーバーの設定は送信サーバーの前に出ます。',
    },
    picture: {
      frame: 'phone',
      title: { en: 'Incoming server settings', ja: '受信サーバーの設定' },
      fields: [
        field('Account type', 'アカウントの種類', 'protocol', 'select'),
        field('Username', 'ユーザー名', 'user'),
        field('Server', 'サーバー', 'host'),
        field('Port', 'ポート', 'port'),
        field('Security type', 'セキュリティの種類', 'security', 'select'),
      ],
    },
  },
  becky: {
    where: {
      en: 'In Tools › Mailbox Setup, the “Basic” tab: the POP3/IMAP4 server fields and the protocol choice are in the receiving block.',
      ja: '[ツール] › [メールボックスの設定] の「基本設定」タブで、受信の欄（POP3/IMAP4 サーバーとプロトコル）を使います。',
    },
    picture: {
      frame: 'windows',
      title: { en: 'Mailbox Setup: Basic', ja: 'メールボックスの設定: 基本設定' },
      fields: [
        field('Protocol', 'プロトコル', 'protocol', 'select'),
        field('POP3/IMAP4 server (receiving)', 'POP3/IMAP4 サーバー (受信)', 'host'),
        field('Port', 'ポート', 'port'),
        field('Encryption', '暗号化', 'security', 'select'),
        field('User ID', 'ユーザー ID', 'user'),
      ],
    },
  },
  'windows-mail-other': {
    where: {
      en: 'Under “Advanced mailbox settings”, the incoming email server and the account type come first.',
      ja: '「メールボックスの詳細設定」で、受信メール サーバーとアカウントの種類が先にあります。',
    },
    picture: {
      frame: 'windows',
      title: { en: 'Advanced mailbox settings', ja: 'メールボックスの詳細設定' },
      fields: [
        field('Account type', 'アカウントの種類', 'protocol', 'select'),
        field('Incoming email server', '受信メール サーバー', 'host'),
        field('Port', 'ポート', 'port'),
        field('Encryption', '暗号化', 'security', 'select'),
        field('User name', 'ユーザー名', 'user'),
      ],
    },
  },
  'control-panel': {
    where: {
      en: 'In the mail settings, open the IMAP or POP page (the one you use).',
      ja: 'メール設定で IMAP または POP のページ（使う方）を開きます。',
    },
    picture: {
      frame: 'web',
      title: { en: 'Mail › Settings › IMAP / POP', ja: 'メール › 設定 › IMAP / POP' },
      fields: [
        field('Protocol', 'プロトコル', 'protocol', 'select'),
        field('Server', 'サーバー', 'host'),
        field('Port', 'ポート', 'port'),
        field('Connection protection', '接続の保護', 'security', 'select'),
      ],
    },
  },
};

/** The steps after "where", the same for every program; {{…}} are the incoming values. */
export function incomingSteps(guide: IncomingGuide, field: Localized): GuideStep[] {
  return [
    { text: guide.where },
    {
      text: {
        en: 'Where it asks for the account or server type, choose {{protocol}}.',
        ja: 'アカウント（サーバー）の種類を尋ねられたら {{protocol}} を選びます。',
      },
      values: ['protocol'],
    },
    {
      text: {
        en: 'Enter {{host}} as the incoming server and {{port}} as its port.',
        ja: '受信サーバーに {{host}}、ポートに {{port}} を入力します。',
      },
      values: ['host', 'port'],
    },
    {
      text: {
        en: `Set “${field.en}” to {{security}}.`,
        ja: `「${field.ja}」で {{security}} を選びます。`,
      },
      values: ['security'],
    },
    {
      text: {
        en: 'Enter {{user}} as the user name; the password is your mail password.',
        ja: 'ユーザー名に {{user}} を入力します。パスワードはメールのパスワードです。',
      },
      values: ['user'],
    },
  ];
}
