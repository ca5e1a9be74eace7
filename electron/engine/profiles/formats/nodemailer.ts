/**
 * Nodemailer SMTP transport options as JSON. `secure` follows the mode (true =
 * implicit TLS), STARTTLS is always `requireTLS`, TLS 1.2 is the floor, and the
 * certificate is checked by Node's defaults (never `rejectUnauthorized: false`,
 * never `ignoreTLS`). Notes live under `_mailtls`, which Nodemailer ignores.
 */
import { isIP } from 'node:net';
import type { Profile } from '../../../contract.js';
import { invalidFile } from '../../core/safe-input.js';
import { parseProfile, profileIdFor } from '../profile.js';
import { exportNotes, outgoingOnlyNote, loginName, type WriteOptions } from './common.js';

export function writeNodemailer(profile: Profile, options: WriteOptions): string {
  const { host, port, security, authentication } = profile.outgoing;
  const notes: Record<string, unknown> = {
    notes: [...exportNotes(profile, options), ...outgoingOnlyNote],
  };
  if (authentication !== 'none') {
    notes.password = [
      'Set auth.pass at run time, e.g. from process.env.SMTP_PASSWORD; never commit it.',
      'auth.pass は実行時に設定してください（例: process.env.SMTP_PASSWORD）。ファイルには書かないでください。',
    ];
  }
  if (profile.pinnedFingerprint256 !== null) {
    notes.pinnedFingerprint256 = profile.pinnedFingerprint256;
    notes.pinning = [
      'To pin: pass tls.checkServerIdentity(host, cert) that first calls tls.checkServerIdentity from node:tls and then compares cert.fingerprint256 with the value above, returning an Error on mismatch.',
      '固定するには tls.checkServerIdentity(host, cert) を指定し、node:tls の既定の確認に加えて cert.fingerprint256 が上の値と一致することを確かめ、不一致なら Error を返してください。',
    ];
  }
  const transport: Record<string, unknown> = {
    _mailtls: notes,
    host,
    port,
    secure: security === 'implicit-tls',
  };
  if (security === 'starttls') transport.requireTLS = true;
  // An IP cannot be an SNI name; Node then checks the certificate against the IP itself.
  transport.tls = isIP(host) === 0 ? { minVersion: 'TLSv1.2', servername: host } : { minVersion: 'TLSv1.2' };
  const login = loginName(profile);
  if (authentication === 'password' && login !== null) transport.auth = { user: login };
  if (authentication === 'oauth2' && login !== null) transport.auth = { type: 'OAuth2', user: login };
  return `${JSON.stringify(transport, null, 2)}\n`;
}

/**
 * Transport options written by hand or by us. Options that allow plaintext
 * (`ignoreTLS`, STARTTLS without `requireTLS`) or skip the certificate check
 * are refused rather than imported.
 */
export function readNodemailer(value: Record<string, unknown>, fileName: string): Profile {
  const tls = (typeof value.tls === 'object' && value.tls !== null ? value.tls : {}) as Record<
    string,
    unknown
  >;
  const implicit = value.secure === true;
  if (
    value.ignoreTLS === true ||
    (!implicit && value.requireTLS !== true) ||
    tls.rejectUnauthorized === false
  ) {
    throw invalidFile(
      `${fileName} allows sending without TLS or without checking the certificate; MailTLS does not import such settings.`,
      `${fileName} は TLS なし、または証明書を確認せずに送信できる設定です。MailTLS はこの設定を読み込みません。`,
    );
  }
  const auth = (typeof value.auth === 'object' && value.auth !== null ? value.auth : {}) as Record<
    string,
    unknown
  >;
  const user = typeof auth.user === 'string' ? auth.user : null;
  const host = typeof value.host === 'string' ? value.host : '';
  const notes = (
    typeof value._mailtls === 'object' && value._mailtls !== null ? value._mailtls : {}
  ) as Record<string, unknown>;
  return parseProfile({
    schema: 'mailtls.profile/1',
    id: profileIdFor(host, null),
    name: host,
    account: { email: null, displayName: null, userName: user },
    outgoing: {
      host,
      port: typeof value.port === 'number' ? value.port : implicit ? 465 : 587,
      security: implicit ? 'implicit-tls' : 'starttls',
      authentication: user === null ? 'none' : auth.type === 'OAuth2' ? 'oauth2' : 'password',
    },
    pinnedFingerprint256: typeof notes.pinnedFingerprint256 === 'string' ? notes.pinnedFingerprint256 : null,
    verifiedWith: null,
    note: '',
  });
}
