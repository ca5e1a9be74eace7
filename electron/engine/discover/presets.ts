/**
 * Built-in provider settings, each taken from the provider's own documentation
 * (sourceUrl). Implicit TLS (465) comes first where the provider documents it.
 * Providers whose settings we could not source from their own pages are left out
 * rather than guessed (see the discovery README section in the report).
 */
import type { Preset } from '../../contract.js';

export const presets: readonly Preset[] = [
  {
    id: 'gmail-465',
    name: { en: 'Gmail', ja: 'Gmail' },
    domains: ['gmail.com', 'googlemail.com'],
    host: 'smtp.gmail.com',
    port: 465,
    security: 'implicit-tls',
    userName: 'email',
    note: {
      en: 'Google accepts OAuth 2.0 or, with 2-Step Verification, an app password; the normal account password is refused.',
      ja: 'Google では OAuth 2.0、または 2 段階認証を有効にしたうえでのアプリ パスワードを使います。通常のアカウントのパスワードでは送信できません。',
    },
    sourceUrl: 'https://developers.google.com/workspace/gmail/imap/imap-smtp',
  },
  {
    id: 'gmail-587',
    name: { en: 'Gmail (STARTTLS)', ja: 'Gmail（STARTTLS）' },
    domains: ['gmail.com', 'googlemail.com'],
    host: 'smtp.gmail.com',
    port: 587,
    security: 'starttls',
    userName: 'email',
    note: {
      en: 'For clients that cannot use implicit TLS on 465.',
      ja: '465 番ポートの暗黙的 TLS を使えないメールソフト向けです。',
    },
    sourceUrl: 'https://developers.google.com/workspace/gmail/imap/imap-smtp',
  },
  {
    id: 'yahoo-mail',
    name: { en: 'Yahoo Mail', ja: 'Yahoo Mail（米国版）' },
    domains: ['yahoo.com'],
    host: 'smtp.mail.yahoo.com',
    port: 465,
    security: 'implicit-tls',
    userName: 'email',
    note: {
      en: 'Third-party mail apps need an app password generated in the Yahoo account security settings.',
      ja: 'メールソフトから使うには、Yahoo アカウントのセキュリティ設定で作成するアプリ パスワードが必要です。',
    },
    sourceUrl: 'https://help.yahoo.com/kb/SLN4075.html',
  },
  {
    id: 'aol',
    name: { en: 'AOL Mail', ja: 'AOL メール' },
    domains: ['aol.com'],
    host: 'smtp.aol.com',
    port: 465,
    security: 'implicit-tls',
    userName: 'email',
    note: {
      en: 'Third-party mail apps need an app password generated in the AOL account security settings.',
      ja: 'メールソフトから使うには、AOL アカウントのセキュリティ設定で作成するアプリ パスワードが必要です。',
    },
    sourceUrl:
      'https://help.aol.com/articles/how-do-i-use-other-email-applications-to-send-and-receive-my-aol-mail',
  },
  {
    id: 'outlook-com',
    name: { en: 'Outlook.com', ja: 'Outlook.com' },
    domains: ['outlook.com', 'hotmail.com', 'live.com'],
    host: 'smtp-mail.outlook.com',
    port: 587,
    security: 'starttls',
    userName: 'email',
    note: {
      en: 'Microsoft documents STARTTLS on 587 only, and requires modern authentication (OAuth 2.0).',
      ja: 'Microsoft が案内しているのは 587 番ポートの STARTTLS のみで、先進認証（OAuth 2.0）が必要です。',
    },
    sourceUrl:
      'https://support.microsoft.com/en-us/office/pop-imap-and-smtp-settings-8361e398-8af4-4e97-b147-6c6c4ac95353',
  },
  {
    id: 'microsoft-365',
    name: { en: 'Microsoft 365 (work or school)', ja: 'Microsoft 365（職場・学校）' },
    // Business domains are the customer's own; this preset is reached through their MX.
    domains: [],
    host: 'smtp.office365.com',
    port: 587,
    security: 'starttls',
    userName: 'email',
    note: {
      en: 'SMTP AUTH must be allowed for the organisation and the mailbox; your administrator can tell you.',
      ja: '組織とメールボックスの両方で SMTP AUTH が許可されている必要があります。詳しくは管理者にお問い合わせください。',
    },
    sourceUrl:
      'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365',
  },
  {
    id: 'icloud',
    name: { en: 'iCloud Mail', ja: 'iCloud メール' },
    domains: ['icloud.com', 'me.com', 'mac.com'],
    host: 'smtp.mail.me.com',
    port: 587,
    security: 'starttls',
    userName: 'email',
    note: {
      en: 'Apple documents STARTTLS on 587 and requires an app-specific password.',
      ja: 'Apple が案内しているのは 587 番ポートの STARTTLS で、App 用パスワードが必要です。',
    },
    sourceUrl: 'https://support.apple.com/102525',
  },
];

/** Presets for a mail domain, in the order above. */
export function presetsForDomain(domain: string): Preset[] {
  return presets.filter((p) => p.domains.includes(domain));
}

export function presetsById(...ids: string[]): Preset[] {
  return presets.filter((p) => ids.includes(p.id));
}
