/** The profile itself as JSON (`mailtls.profile/1`): the lossless format. */
import type { Profile } from '../../../contract.js';
import { invalidFile } from '../../core/safe-input.js';
import { parseProfile } from '../profile.js';
import { exportNotes, type WriteOptions } from './common.js';

export const profileSchemaName = 'mailtls.profile/1';

export function writeMailtls(profile: Profile, options: WriteOptions): string {
  // JSON has no comments: an insecure export carries its warning as the first key.
  const body = options.insecure ? { warning: exportNotes(profile, options), ...profile } : profile;
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** A parsed JSON value claiming to be a profile: the version is checked before the fields. */
export function readMailtls(value: Record<string, unknown>): Profile {
  if (value.schema !== profileSchemaName) {
    throw invalidFile(
      `This profile has version "${String(value.schema)}"; this MailTLS reads only ${profileSchemaName}.`,
      `このプロファイルの版は "${String(value.schema)}" です。この MailTLS が読めるのは ${profileSchemaName} だけです。`,
    );
  }
  // The warning of an insecure export is not part of the profile (verifiedWith keeps the verdict).
  const { warning: _warning, ...rest } = value;
  return parseProfile(rest);
}
