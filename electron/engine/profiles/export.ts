/**
 * `exportProfile`: one profile to one client format. Refuses a profile whose
 * audit did not qualify unless the caller explicitly asks for "as tested,
 * insecure", and refuses values that could break out of a line or an element
 * of the target file (config injection).
 */
import { isIP } from 'node:net';
import type { ExportFormat, ExportResult, Profile } from '../../contract.js';
import { UserFacingError } from '../errors.js';
import { fileStem, type WriteOptions } from './formats/common.js';
import { writeAutoconfig } from './formats/autoconfig.js';
import { writeAutodiscover } from './formats/autodiscover.js';
import { writeEnv } from './formats/env.js';
import { writeMailtls } from './formats/mailtls.js';
import { writeMobileconfig } from './formats/mobileconfig.js';
import { writeMsmtp } from './formats/msmtp.js';
import { writeNodemailer } from './formats/nodemailer.js';
import { writePostfix } from './formats/postfix.js';
import { parseProfile } from './profile.js';

interface Writer {
  write(profile: Profile, options: WriteOptions): string;
  fileName(profile: Profile): string;
  mimeType: string;
}

const writers: Record<ExportFormat, Writer> = {
  mailtls: {
    write: writeMailtls,
    fileName: (p) => `${fileStem(p)}.mailtls.json`,
    mimeType: 'application/json',
  },
  autoconfig: { write: writeAutoconfig, fileName: () => 'config-v1.1.xml', mimeType: 'application/xml' },
  mobileconfig: {
    write: writeMobileconfig,
    fileName: (p) => `${fileStem(p)}.mobileconfig`,
    mimeType: 'application/x-apple-aspen-config',
  },
  autodiscover: { write: writeAutodiscover, fileName: () => 'autodiscover.xml', mimeType: 'application/xml' },
  msmtp: { write: writeMsmtp, fileName: (p) => `msmtprc-${fileStem(p)}`, mimeType: 'text/plain' },
  nodemailer: {
    write: writeNodemailer,
    fileName: (p) => `nodemailer-${fileStem(p)}.json`,
    mimeType: 'application/json',
  },
  postfix: {
    write: writePostfix,
    fileName: (p) => `postfix-relay-${fileStem(p)}.cf`,
    mimeType: 'text/plain',
  },
  env: { write: writeEnv, fileName: (p) => `${fileStem(p)}.env`, mimeType: 'text/plain' },
};

const hostnamePattern =
  /^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/;
const fingerprintPattern = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/i;
// C0/C1 controls and the Unicode line separators end a line in one format or another.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function invalid(en: string, ja: string): UserFacingError {
  return new UserFacingError('invalid-input', { en, ja });
}

/** Values go into line-based files and XML: refuse anything that could inject a setting. */
function assertWritable(profile: Profile): void {
  const { host } = profile.outgoing;
  if (isIP(host) === 0 && !hostnamePattern.test(host)) {
    throw invalid(
      `"${host.replace(controlCharacters, '?')}" is not a valid server name.`,
      `"${host.replace(controlCharacters, '?')}" はサーバー名として正しくありません。`,
    );
  }
  const { email, displayName, userName } = profile.account;
  for (const value of [profile.name, email, displayName, userName]) {
    if (value !== null && controlCharacters.test(value)) {
      throw invalid(
        'The name, address or user name contains a line break or control character.',
        '名前、アドレスまたはユーザー名に改行や制御文字が含まれています。',
      );
    }
  }
  if (email !== null && !/^[^\s@"\\]+@[^\s@"\\]+$/.test(email)) {
    throw invalid(
      `"${email}" is not a valid email address.`,
      `"${email}" はメールアドレスとして正しくありません。`,
    );
  }
  if (profile.pinnedFingerprint256 !== null && !fingerprintPattern.test(profile.pinnedFingerprint256)) {
    throw invalid(
      'The pinned fingerprint must be a SHA-256 fingerprint (32 hex pairs separated by colons).',
      '固定する指紋は SHA-256（コロン区切りの 16 進 32 組）で指定してください。',
    );
  }
}

export function exportProfile(
  input: Profile,
  format: ExportFormat,
  options: { allowInsecure?: boolean } = {},
): ExportResult {
  const profile = parseProfile(input);
  assertWritable(profile);
  const insecure = profile.verifiedWith?.qualified === false;
  if (insecure && options.allowInsecure !== true) {
    throw new UserFacingError('insecure', {
      en: 'This setting did not pass the security checks, so MailTLS will not export it. Fix the problems in the report and test again, or export it explicitly "as tested, insecure".',
      ja: 'この設定は安全性の検査に合格していないため書き出しません。レポートの問題を直して再検査するか、「検査結果のまま（安全ではない）」として明示的に書き出してください。',
    });
  }
  const writer = writers[format];
  return {
    fileName: writer.fileName(profile),
    mimeType: writer.mimeType,
    content: writer.write(profile, { insecure }),
  };
}
