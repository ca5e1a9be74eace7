/** What every exporter shares: the notes written into each file, escaping, names. */
import { createHash } from 'node:crypto';
import {
  incomingProtocols,
  type IncomingProtocol,
  type IncomingSetting,
  type Profile,
} from '../../../contract.js';
import { defaultIncomingPorts } from '../../../ports.js';
import { UserFacingError } from '../../core/errors.js';
import { incomingSettings } from '../profile.js';

/** Options every format's writer receives from `exportProfile`. */
export interface WriteOptions {
  /** The profile did not qualify and the user asked for it "as tested, insecure". */
  insecure: boolean;
  /**
   * The audit verdict MailTLS vouches for (an audit run on this machine, or a
   * failure the file itself admits), with its date already formatted; null
   * when nothing was verified here. Writers never read `verifiedWith` directly.
   */
  verdict: { date: string; qualified: boolean } | null;
}

/** The loud warning at the top of an export the user asked for "as tested, insecure". */
export const insecureWarning = {
  en: 'WARNING: INSECURE SETTING. MailTLS found no secure way to send through this server. This file was exported "as tested, insecure" because the user asked for it. Do not use it for real mail until the problems in the MailTLS report are fixed.',
  ja: '警告: 安全ではない設定です。MailTLS はこのサーバーで安全に送信する方法を確認できませんでした。利用者の指示により「検査結果のまま（安全ではない）」として書き出しています。レポートの問題が解決するまで、実際のメールには使わないでください。',
};
const bang = '!'.repeat(72);

function modeText(profile: Profile): { en: string; ja: string } {
  return profile.outgoing.security === 'implicit-tls'
    ? { en: 'implicit TLS (SMTPS)', ja: '暗黙の TLS（SMTPS）' }
    : { en: 'STARTTLS, required', ja: 'STARTTLS（必須）' };
}

/**
 * The comment lines at the top of every export, English then Japanese: the
 * loud warning for an insecure export, what was verified when, and the pin.
 * `withValues: false` leaves out every profile value (host, fingerprint), for
 * XML comments, which must never carry data.
 */
export function exportNotes(profile: Profile, options: WriteOptions, withValues = true): string[] {
  const { host, port } = profile.outgoing;
  const mode = modeText(profile);
  const lines: string[] = [];
  if (options.insecure) lines.push(bang, insecureWarning.en, insecureWarning.ja, bang);
  lines.push(
    withValues
      ? `MailTLS profile: ${host}:${port}, ${mode.en} / ${mode.ja}`
      : `MailTLS profile: ${mode.en} / ${mode.ja}`,
  );
  const verdict = options.verdict;
  const check = withValues ? `"mailtls check ${host}"` : '"mailtls check"';
  if (verdict === null) {
    lines.push(
      `Not verified by MailTLS: run ${check} on this computer before relying on it.`,
      `MailTLS による検査はされていません。使う前にこのコンピューターで ${check} を実行してください。`,
    );
  } else if (verdict.qualified) {
    lines.push(`Verified by MailTLS on ${verdict.date}.`, `MailTLS で ${verdict.date} に検査済みです。`);
  } else {
    lines.push(
      `Tested by MailTLS on ${verdict.date}; it did NOT pass.`,
      `MailTLS で ${verdict.date} に検査し、合格しませんでした。`,
    );
  }
  if (profile.pinnedFingerprint256 !== null) {
    lines.push(
      withValues
        ? `Pinned certificate (the user chose to trust it), SHA-256: ${profile.pinnedFingerprint256}`
        : 'Pinned certificate (the user chose to trust it).',
      withValues
        ? '利用者が信頼すると決めた証明書を固定しています（SHA-256 指紋は上記）。'
        : '利用者が信頼すると決めた証明書を固定しています。',
    );
  }
  lines.push('Contains no password. / パスワードは含まれていません。');
  return lines;
}

export const protocolNames: Record<IncomingProtocol, string> = { imap: 'IMAP', pop3: 'POP3' };

function incomingModeText(setting: IncomingSetting): { en: string; ja: string } {
  return setting.security === 'implicit-tls'
    ? { en: 'implicit TLS', ja: '暗黙の TLS' }
    : { en: 'STARTTLS, required', ja: 'STARTTLS（必須）' };
}

/** For the formats that configure sending only (msmtp, Postfix, .env, Nodemailer). */
export const outgoingOnlyNote = [
  'This format configures sending only. The incoming server (IMAP/POP3) goes into the mail program: use the MailTLS, Thunderbird, Apple or Outlook export for it.',
  'この形式は送信だけを設定します。受信サーバー（IMAP/POP3）はメールソフト側の設定です。MailTLS、Thunderbird、Apple、Outlook 形式で書き出してください。',
];

/**
 * What a file that can carry incoming servers says about them, without values
 * (so XML comments can hold it): which protocol it sets up and how, which one
 * was tested and left out because nothing qualified, or that incoming mail was
 * not tested at all and the file carries the outgoing server only.
 */
export function incomingNotes(profile: Profile): string[] {
  const incoming = profile.incoming;
  if (incoming === undefined) {
    return [
      'Incoming mail (IMAP/POP3) was not tested by MailTLS: this file carries the outgoing server only.',
      '受信（IMAP/POP3）は MailTLS で検査していないため、このファイルには送信サーバーだけを入れています。',
    ];
  }
  const lines: string[] = [];
  for (const protocol of incomingProtocols) {
    const setting = incoming[protocol];
    const name = protocolNames[protocol];
    if (setting) {
      const mode = incomingModeText(setting);
      lines.push(`Incoming ${name}: ${mode.en}.`, `受信 ${name}: ${mode.ja}。`);
    } else if (setting === null) {
      lines.push(
        `${name} was tested and no port qualified, so it is left out.`,
        `${name} は検査しましたが合格したポートがないため、入れていません。`,
      );
    }
  }
  if (incomingSettings(profile).length === 0) {
    lines.push(
      'No incoming setting qualified: this file carries the outgoing server only.',
      '合格した受信設定がないため、このファイルには送信サーバーだけを入れています。',
    );
  }
  return lines;
}

/**
 * The incoming servers for a client that cannot set up an account without one
 * (Thunderbird, Apple). None when incoming was not tested (the caller writes its
 * labelled placeholder); refused when it was tested and nothing qualified, since
 * the only server left to name is one that failed.
 */
export function requiredIncoming(
  profile: Profile,
  client: string,
): { protocol: IncomingProtocol; setting: IncomingSetting }[] {
  const settings = incomingSettings(profile);
  if (settings.length === 0 && profile.incoming !== undefined) {
    throw new UserFacingError('insecure', {
      en: `${client} needs an incoming server, and no IMAP or POP3 setting passed the audit, so MailTLS will not write this file. Fix the incoming server and test again, or export the outgoing setting in another format.`,
      ja: `${client} には受信サーバーが必要ですが、検査に合格した IMAP・POP3 の設定がないため、このファイルは書き出しません。受信サーバーを直して再検査するか、送信設定を別の形式で書き出してください。`,
    });
  }
  return settings;
}

/** For files that leave the port out: the standard one (993/143, 995/110). */
export function standardIncomingPort(
  protocol: IncomingProtocol,
  security: IncomingSetting['security'],
): number {
  return defaultIncomingPorts[protocol].find((spec) => spec.mode === security)?.port ?? 0;
}

/** For files that do not say the mode: the standard implicit-TLS ports (993, 995) mean implicit TLS. */
export function impliedIncomingSecurity(port: number): IncomingSetting['security'] {
  const implicit = Object.values(defaultIncomingPorts).some((specs) =>
    specs.some((spec) => spec.port === port && spec.mode === 'implicit-tls'),
  );
  return implicit ? 'implicit-tls' : 'starttls';
}

/** The log-in name for an incoming server; null when the client should fall back to the address. */
export function incomingLoginName(profile: Profile, setting: IncomingSetting): string | null {
  if (setting.userName === 'account') return loginName(profile);
  const email = profile.account.email;
  return email?.includes('@') ? email.slice(0, email.lastIndexOf('@')) : null;
}

/** The login name clients should send; a null user name means "the email address". */
export function loginName(profile: Profile): string | null {
  return profile.account.userName ?? profile.account.email;
}

/** The mail domain, or the server's own name when the address is unknown. */
export function mailDomain(profile: Profile): string {
  const email = profile.account.email;
  return email !== null && email.includes('@')
    ? email.slice(email.lastIndexOf('@') + 1)
    : profile.outgoing.host;
}

/** A file-name-safe stem from the server name. */
export function fileStem(profile: Profile): string {
  return profile.outgoing.host.replace(/[^A-Za-z0-9.-]/g, '_');
}

/** A UUID (version 4 layout) derived from `seed`, so the same profile always gets the same one. */
export function stableUuid(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
