/**
 * Built-in provider settings, each citing where its values come from (sourceUrl):
 * the provider's own page (sourceKind 'provider') or, for Japanese providers that
 * publish none we could read, Thunderbird's community ISPDB ('community', shown as
 * "check with your provider"). Implicit TLS (465) comes first where documented.
 * Unsourced providers, and ISPDB entries known to be stale (@nifty: plaintext), are
 * left out rather than guessed; so are providers whose server name depends on the
 * customer (Xserver, お名前.com, au one net): see jp-provider-settings.md.
 */
import type { IncomingServer, Preset } from '../../contract.js';

/** Implicit TLS on the protocol's TLS port unless said otherwise. */
const imap = (host: string, port: number, security: IncomingServer['security'] = 'implicit-tls') =>
  ({ protocol: 'imap', host, port, security }) as const;
const pop3 = (host: string, port: number, security: IncomingServer['security'] = 'implicit-tls') =>
  ({ protocol: 'pop3', host, port, security }) as const;

/** Thunderbird's community database at the snapshot jp-provider-settings.md was researched from. */
const ispdb = (file: string) => `https://github.com/thunderbird/autoconfig/blob/c6ad796/ispdb/${file}`;
/**
 * A preset from Thunderbird's ISPDB: cites the file and warns, in the note, that the
 * provider should confirm it (a provider-specific remark is added after the warning).
 */
function community(
  preset: Omit<Preset, 'sourceUrl' | 'sourceKind' | 'note'> & { ispdbFile: string; note?: Preset['note'] },
): Preset {
  const { ispdbFile, note, ...rest } = preset;
  return {
    ...rest,
    note: note
      ? { en: `${communityNote.en} ${note.en}`, ja: `${communityNote.ja}${note.ja}` }
      : communityNote,
    sourceUrl: ispdb(ispdbFile),
    sourceKind: 'community',
  };
}

const communityNote = {
  en: 'These values come from community data (Thunderbird’s database), not from the provider: check them with your provider.',
  ja: 'この値はプロバイダーの公式ページではなくコミュニティのデータ（Thunderbird のデータベース）によるものです。プロバイダーの案内でご確認ください。',
};

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
    sourceKind: 'provider',
    incoming: [imap('imap.gmail.com', 993), pop3('pop.gmail.com', 995)],
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
    sourceKind: 'provider',
    incoming: [imap('imap.gmail.com', 993), pop3('pop.gmail.com', 995)],
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
    sourceKind: 'provider',
    incoming: [imap('imap.mail.yahoo.com', 993), pop3('pop.mail.yahoo.com', 995)],
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
    sourceKind: 'provider',
    incoming: [imap('imap.aol.com', 993), pop3('pop.aol.com', 995)],
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
    sourceKind: 'provider',
    incoming: [imap('outlook.office365.com', 993), pop3('outlook.office365.com', 995)],
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
    sourceKind: 'provider',
    incoming: [imap('outlook.office365.com', 993), pop3('outlook.office365.com', 995)],
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
    sourceKind: 'provider',
    incoming: [imap('imap.mail.me.com', 993)],
  },
  // Japanese providers (issue 15): values from jp-provider-settings.md, [O] and [ISPDB] rows only.
  {
    id: 'asahi-net',
    name: { en: 'ASAHI Net', ja: 'ASAHIネット' },
    domains: ['asahi-net.or.jp'],
    host: 'mail.asahi-net.or.jp',
    port: 465,
    security: 'implicit-tls',
    userName: 'account-id',
    note: {
      en: 'The user name is your ASAHI Net ID. Port 587 has no STARTTLS there, so only 465 is secure.',
      ja: 'ユーザー名は ASAHIネット ID です。587 番ポートには STARTTLS がないため、安全なのは 465 番だけです。',
    },
    sourceUrl: 'https://asahi-net.jp/support/guide/mail/0600.html',
    sourceKind: 'provider',
    incoming: [pop3('pop.asahi-net.or.jp', 995)],
  },
  community({
    id: 'biglobe',
    name: { en: 'BIGLOBE', ja: 'BIGLOBE' },
    domains: ['biglobe.ne.jp'],
    host: 'mail.biglobe.ne.jp',
    port: 465,
    security: 'implicit-tls',
    userName: 'email',
    ispdbFile: 'biglobe.ne.jp.xml',
    incoming: [pop3('mail.biglobe.ne.jp', 995)],
  }),
  community({
    id: 'ocn',
    name: { en: 'OCN', ja: 'OCN' },
    domains: ['ocn.ne.jp'],
    host: 'smtp.ocn.ne.jp',
    port: 465,
    security: 'implicit-tls',
    userName: 'email',
    ispdbFile: 'ocn.ne.jp.xml',
    incoming: [pop3('pop.ocn.ne.jp', 995)],
  }),
  community({
    id: 'yahoo-japan',
    name: { en: 'Yahoo! JAPAN Mail', ja: 'Yahoo!メール' },
    domains: ['yahoo.co.jp', 'ymail.ne.jp'],
    host: 'smtp.mail.yahoo.co.jp',
    port: 465,
    security: 'implicit-tls',
    userName: 'local-part',
    ispdbFile: 'yahoo.co.jp.xml',
    incoming: [pop3('pop.mail.yahoo.co.jp', 995)],
  }),
  community({
    id: 'ybb',
    name: { en: 'Yahoo! BB', ja: 'Yahoo! BB' },
    domains: ['ybb.ne.jp'],
    host: 'ybbsmtp.mail.yahoo.co.jp',
    port: 465,
    security: 'implicit-tls',
    userName: 'local-part',
    ispdbFile: 'ybb.ne.jp.xml',
    incoming: [pop3('ybbpop.mail.yahoo.co.jp', 995)],
  }),
  community({
    id: 'softbank-i',
    name: { en: 'SoftBank (i.softbank.jp)', ja: 'ソフトバンク（i.softbank.jp）' },
    domains: ['i.softbank.jp'],
    host: 'smtp.softbank.jp',
    port: 465,
    security: 'implicit-tls',
    userName: 'local-part',
    ispdbFile: 'i.softbank.jp.xml',
    incoming: [imap('imap.softbank.jp', 993)],
  }),
  community({
    id: 'iijmio',
    name: { en: 'IIJmio', ja: 'IIJmio' },
    domains: ['iijmio-mail.jp'],
    host: 'mbox.iijmio-mail.jp',
    port: 587,
    security: 'starttls',
    userName: 'account-id',
    note: {
      en: 'The user name has the form “user.example.jp”.',
      ja: 'ユーザー名は「user.example.jp」の形です。',
    },
    ispdbFile: 'iijmio-mail.jp.xml',
    incoming: [pop3('mbox.iijmio-mail.jp', 110, 'starttls')],
  }),
];

/** Presets for a mail domain, in the order above. */
export function presetsForDomain(domain: string): Preset[] {
  return presets.filter((p) => p.domains.includes(domain));
}

export function presetsById(...ids: string[]): Preset[] {
  return presets.filter((p) => ids.includes(p.id));
}
