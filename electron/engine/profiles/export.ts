/**
 * `exportProfile`: one profile to one client format. Every field is validated
 * again (parseProfile) and every value is written through the target syntax's
 * encoder (formats/encode.ts, formats/xml.ts), so no value can add a line,
 * directive, key or element. Only a verdict this machine's seal vouches for is
 * written as "verified"; a setting that did not qualify is refused unless the
 * caller explicitly asks for "as tested, insecure".
 */
import type { ExportFormat, ExportResult, Profile } from '../../contract.js';
import { UserFacingError } from '../core/errors.js';
import { fileStem, type WriteOptions } from './formats/common.js';
import { writeAutoconfig } from './formats/autoconfig.js';
import { writeAutodiscover } from './formats/autodiscover.js';
import { writeEnv } from './formats/env.js';
import { writeMailtls } from './formats/mailtls.js';
import { writeMobileconfig } from './formats/mobileconfig.js';
import { writeMsmtp } from './formats/msmtp.js';
import { writeNodemailer } from './formats/nodemailer.js';
import { writePostfix } from './formats/postfix.js';
import { formatDate } from './formats/encode.js';
import { parseProfile, withoutTrust } from './profile.js';
import type { AuditSeal } from './trust.js';

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

export interface ExportOptions {
  /** Write a setting that did not qualify, with a loud warning in the file. */
  allowInsecure?: boolean;
  /** This machine's audit seal; without it no verdict is trusted (the CLI, a file). */
  seal?: AuditSeal;
}

export function exportProfile(
  input: Profile,
  format: ExportFormat,
  options: ExportOptions = {},
): ExportResult {
  const parsed = parseProfile(input);
  const trusted = options.seal?.vouch(parsed) ?? withoutTrust(parsed);
  const verified = trusted.verifiedWith;
  const insecure = verified?.qualified === false;
  if (insecure && options.allowInsecure !== true) {
    throw new UserFacingError('insecure', {
      en: 'This setting did not pass the security checks, so MailTLS will not export it. Fix the problems in the report and test again, or export it explicitly "as tested, insecure".',
      ja: 'この設定は安全性の検査に合格していないため書き出しません。レポートの問題を直して再検査するか、「検査結果のまま（安全ではない）」として明示的に書き出してください。',
    });
  }
  // The seal belongs to this machine's data folder; it is never written out.
  let profile = trusted;
  if (verified !== null) {
    const { seal: _seal, ...unsealed } = verified;
    profile = { ...trusted, verifiedWith: unsealed };
  }
  const writer = writers[format];
  const verdict =
    verified === null ? null : { date: formatDate(verified.date), qualified: verified.qualified };
  return {
    fileName: writer.fileName(profile),
    mimeType: writer.mimeType,
    content: writer.write(profile, { insecure, verdict }),
  };
}
