/** What every exporter shares: the notes written into each file, escaping, names. */
import { createHash } from 'node:crypto';
import type { Profile } from '../../../contract.js';

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
