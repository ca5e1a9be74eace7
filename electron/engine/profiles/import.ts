/**
 * `importProfile`: a file the user picked, in any format that carries enough to
 * rebuild a profile (MailTLS profile or audit report JSON, Nodemailer options, Thunderbird
 * autoconfig, Outlook autodiscover, Apple mobileconfig, msmtprc). The format is
 * recognised from the content, not the name. Everything is size-capped and
 * parsed defensively (safe-input.ts); a failure is a clear error and changes
 * nothing.
 */
import { auditReportSchema, auditSchemaVersion, type Profile } from '../../contract.js';
import { readAutoconfig } from './formats/autoconfig.js';
import { readAutodiscover } from './formats/autodiscover.js';
import { readMailtls } from './formats/mailtls.js';
import { readMobileconfig } from './formats/mobileconfig.js';
import { readMsmtp } from './formats/msmtp.js';
import { readNodemailer } from './formats/nodemailer.js';
import { profileFromReport, withoutTrust } from './profile.js';
import { assertImportSize, children, invalidFile, parseJsonSafely, parseXml } from '../core/safe-input.js';

function unknownFormat(fileName: string): never {
  throw invalidFile(
    `MailTLS cannot read ${fileName}. It reads MailTLS profiles and audit reports (JSON), Nodemailer options (JSON), Thunderbird autoconfig and Outlook autodiscover XML, Apple .mobileconfig files and msmtprc.`,
    `${fileName} は読み込めません。読み込めるのは MailTLS のプロファイルと検査結果（JSON）、Nodemailer の設定（JSON）、Thunderbird の autoconfig、Outlook の autodiscover（XML）、Apple の .mobileconfig、msmtprc です。`,
  );
}

function importJson(value: unknown, fileName: string): Profile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) unknownFormat(fileName);
  const record = value as Record<string, unknown>;
  const schema = typeof record.schema === 'string' ? record.schema : '';
  if (schema.startsWith('mailtls.profile/')) return readMailtls(record);
  if (schema === auditSchemaVersion) {
    const report = auditReportSchema.safeParse(record);
    if (!report.success) {
      throw invalidFile(
        `${fileName} is not a complete MailTLS audit report.`,
        `${fileName} は MailTLS の検査結果として不完全です。`,
      );
    }
    return profileFromReport(report.data);
  }
  if (schema.startsWith('mailtls.')) {
    throw invalidFile(
      `${fileName} has version "${schema}", which this MailTLS cannot read.`,
      `${fileName} の版 "${schema}" はこの MailTLS では読めません。`,
    );
  }
  if (typeof record.host === 'string' && ('secure' in record || 'requireTLS' in record)) {
    return readNodemailer(record, fileName);
  }
  return unknownFormat(fileName);
}

/** A profile read from a file: every field checked by the reader's parseProfile, no trust carried over. */
export function importProfile(fileName: string, content: string): Profile {
  return withoutTrust(readProfileFile(fileName, content));
}

function readProfileFile(fileName: string, content: string): Profile {
  assertImportSize(content);
  const text = content.replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith('{')) return importJson(parseJsonSafely(text), fileName);
  if (start.startsWith('<')) {
    if (/<plist[\s>]/.test(text)) return readMobileconfig(text, fileName);
    const root = parseXml(text);
    if (children(root, 'clientConfig').length > 0) return readAutoconfig(root, fileName);
    if (children(root, 'Autodiscover').length > 0) return readAutodiscover(root, fileName);
    return unknownFormat(fileName);
  }
  if (/^\s*(account|defaults|host)\s/m.test(text)) return readMsmtp(text, fileName);
  return unknownFormat(fileName);
}
