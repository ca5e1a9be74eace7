/**
 * The MailTLS profile (`mailtls.profile/1`, schema in contract.ts): building
 * one from an audit report, validating one, and the id/summary helpers the
 * exporters and the library share.
 */
import { createHash } from 'node:crypto';
import {
  profileSchema,
  type AuditReport,
  type PortReport,
  type Profile,
  type profileSummarySchema,
} from '../../contract.js';
import type { z } from 'zod';
import { UserFacingError } from '../errors.js';

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

/** Validates anything claiming to be a profile; the error names fields, never values. */
export function parseProfile(value: unknown): Profile {
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))]
      .slice(0, 5)
      .join(', ');
    throw new UserFacingError('invalid-input', {
      en: `This is not a valid MailTLS profile (check: ${fields}).`,
      ja: `MailTLS のプロファイルとして正しくありません（確認する項目: ${fields}）。`,
    });
  }
  if (!profileIdPattern.test(parsed.data.id)) {
    throw new UserFacingError('invalid-input', {
      en: 'The profile id may only contain letters, digits, "-" and "_".',
      ja: 'プロファイル ID に使えるのは英数字、「-」、「_」だけです。',
    });
  }
  return parsed.data;
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
 */
export function profileFromReport(report: AuditReport, account: Partial<ProfileAccount> = {}): Profile {
  const recommendation = report.recommendation;
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
  const host = recommendation.host || report.host;
  const email = account.email ?? null;
  return parseProfile({
    schema: 'mailtls.profile/1',
    id: profileIdFor(host, email),
    name: email ?? host,
    account: { email, displayName: account.displayName ?? null, userName: account.userName ?? null },
    outgoing: { host, port: portNumber, security, authentication: authenticationFor(port) },
    pinnedFingerprint256: recommendation.pinnedFingerprint256 ?? null,
    verifiedWith: {
      date: report.startedAt,
      findings: [...report.findings, ...(port?.findings ?? [])],
      qualified,
    },
    note: '',
  });
}
