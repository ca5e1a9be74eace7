/** `.env` lines most mail-sending apps and libraries read. The password line stays empty. */
import type { Profile } from '../../../contract.js';
import { exportNotes, outgoingOnlyNote, loginName, type WriteOptions } from './common.js';
import { hashComment, shellValue } from './encode.js';

export function writeEnv(profile: Profile, options: WriteOptions): string {
  const { host, port, security, authentication } = profile.outgoing;
  const lines = [
    hashComment([...exportNotes(profile, options), ...outgoingOnlyNote]),
    `SMTP_HOST=${shellValue(host)}`,
    `SMTP_PORT=${port}`,
    '# true = implicit TLS from the first byte; false + SMTP_REQUIRE_TLS=true = STARTTLS that must succeed.',
    '# true は接続直後から TLS、false と SMTP_REQUIRE_TLS=true の組み合わせは失敗を許さない STARTTLS です。',
    `SMTP_SECURE=${security === 'implicit-tls'}`,
    `SMTP_REQUIRE_TLS=${security === 'starttls'}`,
    'SMTP_TLS_MIN_VERSION=TLSv1.2',
  ];
  const login = loginName(profile);
  if (authentication !== 'none' && login !== null) {
    lines.push(
      `SMTP_USER=${shellValue(login)}`,
      '# Fill in from your secret store; MailTLS never writes passwords. / パスワードは各自の秘密情報の保管場所から設定してください。',
      'SMTP_PASSWORD=',
    );
  }
  if (profile.account.email !== null) lines.push(`SMTP_FROM=${shellValue(profile.account.email)}`);
  if (profile.pinnedFingerprint256 !== null) {
    lines.push(`SMTP_TLS_PINNED_SHA256=${shellValue(profile.pinnedFingerprint256)}`);
  }
  lines.push('');
  return lines.join('\n');
}
