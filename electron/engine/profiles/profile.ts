/**
 * The MailTLS profile (`mailtls.profile/1`, schema in contract.ts): building
 * one from an audit report, validating one, and the id/summary helpers the
 * exporters and the library share.
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import {
  incomingProtocols,
  profileSchema,
  type AuditReport,
  type IncomingPortReport,
  type IncomingProtocol,
  type IncomingSetting,
  type PortReport,
  type Profile,
  type ProfileIncoming,
  type Recommendation,
  type profileSummarySchema,
} from '../../contract.js';
import type { z } from 'zod';
import { adviseIncoming, incomingPortHost } from '../access/advise.js';
import { advise } from '../audit/advise.js';
import { UserFacingError } from '../core/errors.js';
import { printable } from '../core/printable.js';
import { isSingleLineText } from './formats/encode.js';

export type ProfileSummary = z.infer<typeof profileSummarySchema>;
export type ProfileAccount = Profile['account'];

/** Ids double as file names in the library and seeds for stable UUIDs. */
export const profileIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/**
 * Same server and address give the same id, so exporting or saving the same
 * account again replaces the earlier copy (the library file, the Apple profile
 * on a device) instead of adding a duplicate.
 */
export function profileIdFor(host: string, email: string | null): string {
  const digest = createHash('sha256')
    .update(`${host.toLowerCase()}\n${(email ?? '').toLowerCase()}`)
    .digest('hex');
  return `p-${digest.slice(0, 20)}`;
}

function invalid(en: string, ja: string): UserFacingError {
  return new UserFacingError('invalid-input', { en, ja });
}

const hostnamePattern =
  /^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/;
const fingerprintPattern = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/i;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * The field rules beyond the contract's shapes, applied on every import, save
 * and export: values that no export syntax could carry on one line are
 * refused where they enter, not only where they leave.
 */
function checkHost(host: string): void {
  if (isIP(host) === 0 && !hostnamePattern.test(host)) {
    const shown = printable(host);
    throw invalid(
      `"${shown}" is not a valid server name.`,
      `"${shown}" はサーバー名として正しくありません。`,
    );
  }
}

/** The incoming settings a profile holds (qualified ones only), IMAP first. */
export function incomingSettings(
  profile: Profile,
): { protocol: IncomingProtocol; setting: IncomingSetting }[] {
  return incomingProtocols.flatMap((protocol) => {
    const setting = profile.incoming?.[protocol];
    return setting ? [{ protocol, setting }] : [];
  });
}

function checkFields(profile: Profile): Profile {
  checkHost(profile.outgoing.host);
  for (const { setting } of incomingSettings(profile)) checkHost(setting.host);
  const { email, displayName, userName } = profile.account;
  for (const value of [profile.name, email, displayName, userName]) {
    if (value !== null && !isSingleLineText(value)) {
      throw invalid(
        'The name, address or user name contains a line break or control character.',
        '名前、アドレスまたはユーザー名に改行や制御文字が含まれています。',
      );
    }
  }
  if (email !== null && !/^[^\s@"\\]+@[^\s@"\\]+$/.test(email)) {
    const shown = printable(email);
    throw invalid(
      `"${shown}" is not a valid email address.`,
      `"${shown}" はメールアドレスとして正しくありません。`,
    );
  }
  if (profile.pinnedFingerprint256 !== null && !fingerprintPattern.test(profile.pinnedFingerprint256)) {
    throw invalid(
      'The pinned fingerprint must be a SHA-256 fingerprint (32 hex pairs separated by colons).',
      '固定する指紋は SHA-256（コロン区切りの 16 進 32 組）で指定してください。',
    );
  }
  const verified = profile.verifiedWith;
  if (verified === null) return profile;
  const date = new Date(verified.date);
  if (!isoDatePattern.test(verified.date) || Number.isNaN(date.getTime())) {
    throw invalid(
      'The audit date of this profile is not a valid date and time.',
      'このプロファイルの検査日時は正しい日時ではありません。',
    );
  }
  // Kept as MailTLS formats it, never as the file spelled it.
  return { ...profile, verifiedWith: { ...verified, date: date.toISOString() } };
}

/** Validates anything claiming to be a profile; the error names fields, never values. */
export function parseProfile(value: unknown): Profile {
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))]
      .slice(0, 5)
      .join(', ');
    throw invalid(
      `This is not a valid MailTLS profile (check: ${fields}).`,
      `MailTLS のプロファイルとして正しくありません（確認する項目: ${fields}）。`,
    );
  }
  if (!profileIdPattern.test(parsed.data.id)) {
    throw invalid(
      'The profile id may only contain letters, digits, "-" and "_".',
      'プロファイル ID に使えるのは英数字、「-」、「_」だけです。',
    );
  }
  return checkFields(parsed.data);
}

/**
 * What a file may say about trust: only that a setting failed, which can make an
 * export stricter, never laxer. A claimed pass and any seal are dropped, so the
 * profile reads "not verified by MailTLS" until an audit here vouches for it.
 */
export function withoutTrust(profile: Profile): Profile {
  const verified = profile.verifiedWith;
  if (verified === null || verified.qualified) return { ...profile, verifiedWith: null };
  const { seal: _seal, ...failure } = verified;
  return { ...profile, verifiedWith: failure };
}

export function profileSummary(profile: Profile): ProfileSummary {
  return {
    id: profile.id,
    name: profile.name,
    host: profile.outgoing.host,
    port: profile.outgoing.port,
    security: profile.outgoing.security,
  };
}

/**
 * The incoming side from the audit's per-protocol recommendations: a protocol
 * that qualified gets its setting, one tested without a qualifying port is
 * null, one not tested is left out. Undefined when incoming was not tested.
 */
function incomingFromReport(report: AuditReport, audited: boolean): ProfileIncoming | undefined {
  const incoming = report.incoming;
  if (incoming === undefined) return undefined;
  const tested = incomingProtocols.filter(
    (protocol) =>
      incoming.recommendations[protocol] !== null || incoming.ports.some((p) => p.protocol === protocol),
  );
  // As for outgoing: only an audit run here is taken at its word.
  const { recommendations } = audited ? incoming : adviseIncoming(incoming.host, incoming.ports, tested);
  const setting = (protocol: IncomingProtocol, recommendation: Recommendation | null) => {
    if (recommendation?.port == null || recommendation.security === null) return null;
    const { port, security } = recommendation;
    // Advised again from the ports when not audited here, so the host is always the one its port was tested on.
    const host = recommendation.host || incoming.host;
    const portReport = incoming.ports.find(
      (p) => p.protocol === protocol && p.port === port && incomingPortHost(p, incoming.host) === host,
    );
    return {
      host,
      port,
      security,
      authentication: incomingAuthentication(portReport),
      userName: 'account' as const,
    };
  };
  return Object.fromEntries(
    tested.map((protocol) => [protocol, setting(protocol, recommendations[protocol])]),
  ) as ProfileIncoming;
}

/** A mail box always needs a log-in: OAuth2 only when nothing else is offered after TLS. */
function incomingAuthentication(port: IncomingPortReport | undefined): IncomingSetting['authentication'] {
  const mechanisms = port?.auth.afterTls ?? [];
  return mechanisms.length > 0 && mechanisms.every((m) => /^(XOAUTH2|OAUTHBEARER)$/i.test(m))
    ? 'oauth2'
    : 'password';
}

/** Auth mechanisms offered after TLS, mapped to what a client has to be told. */
function authenticationFor(port: PortReport | undefined): Profile['outgoing']['authentication'] {
  const mechanisms = (port?.auth.afterTls ?? []).map((m) => m.toUpperCase());
  if (mechanisms.some((m) => !/^(XOAUTH2|OAUTHBEARER)$/.test(m))) return 'password';
  if (mechanisms.length > 0) return 'oauth2';
  // A server that offers no AUTH over TLS relays by address (or hid AUTH from the probe).
  return port === undefined ? 'password' : 'none';
}

/**
 * Without a recommendation, "as tested" means the most preferred port that did
 * speak TLS (RFC 8314 order): never a plaintext setting, which a profile cannot
 * even express.
 */
function bestTestedPort(report: AuditReport): PortReport | undefined {
  const tls = report.ports.filter((p) => p.reachable && (p.mode === 'implicit-tls' || p.mode === 'starttls'));
  const rank = (p: PortReport) => (p.port === 465 ? 0 : p.port === 587 ? 1 : p.port === 25 ? 2 : 3);
  return tls.sort((a, b) => rank(a) - rank(b) || a.port - b.port)[0];
}

/**
 * A profile for the account from an audit: the recommended setting when there
 * is one (qualified), otherwise the best setting that was tested (not
 * qualified, so exporters refuse it unless asked for "as tested, insecure").
 * Only an audit this machine ran (`audited`) is taken at its word; for any other
 * report the recommendation is worked out again from its own port results and
 * a pass is not carried over (withoutTrust).
 */
export function profileFromReport(
  report: AuditReport,
  account: Partial<ProfileAccount> = {},
  { audited = false }: { audited?: boolean } = {},
): Profile {
  if (report.ports.length === 0) {
    // Issue 14: an audit of incoming mail only; a profile always holds the outgoing server.
    throw invalid(
      'This audit tested incoming mail only. A profile needs the outgoing (SMTP) server too: test both directions and try again.',
      'この検査は受信だけを対象にしています。プロファイルには送信（SMTP）サーバーも必要です。送受信の両方を検査してからやり直してください。',
    );
  }
  const recommendation = audited ? report.recommendation : advise(report.host, report.ports).recommendation;
  const qualified = recommendation.security !== null && recommendation.port !== null;
  const port = qualified ? report.ports.find((p) => p.port === recommendation.port) : bestTestedPort(report);
  const portNumber = qualified ? recommendation.port : port?.port;
  const security = qualified ? recommendation.security : port?.mode;
  if (portNumber == null || (security !== 'implicit-tls' && security !== 'starttls')) {
    throw new UserFacingError('insecure', {
      en: 'No port of this server offered TLS, so there is no setting MailTLS could export. Ask the server administrator to enable TLS on port 465 or 587.',
      ja: 'このサーバーには TLS を使えるポートがなかったため、書き出せる設定がありません。ポート 465 または 587 で TLS を有効にするよう、サーバー管理者に依頼してください。',
    });
  }
  const host = (audited && recommendation.host) || report.host;
  const email = account.email ?? null;
  const incoming = incomingFromReport(report, audited);
  const profile = parseProfile({
    schema: 'mailtls.profile/1',
    id: profileIdFor(host, email),
    name: email ?? host,
    account: { email, displayName: account.displayName ?? null, userName: account.userName ?? null },
    outgoing: { host, port: portNumber, security, authentication: authenticationFor(port) },
    ...(incoming === undefined ? {} : { incoming }),
    // A pin is the user's own choice in the report; advise() never makes one.
    pinnedFingerprint256: report.recommendation.pinnedFingerprint256 ?? null,
    verifiedWith: {
      date: report.startedAt,
      findings: [...report.findings, ...(port?.findings ?? [])],
      qualified,
    },
    note: '',
  });
  return audited ? profile : withoutTrust(profile);
}
