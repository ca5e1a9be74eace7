/**
 * A Postfix main.cf snippet that relays all mail through the server. The
 * security level is `secure` (TLS required and the certificate verified against
 * the relay's name) rather than `encrypt`, which would accept any certificate
 * and so let an attacker in the middle collect the SASL password. A pinned
 * certificate uses the `fingerprint` level instead.
 */
import { isIP } from 'node:net';
import type { Profile } from '../../../contract.js';
import { exportNotes, outgoingOnlyNote, loginName, type WriteOptions } from './common.js';
import { hashComment, postfixValue } from './encode.js';

export const saslPasswordFile = '/etc/postfix/sasl_passwd';

/** `[host]:port`, the form that skips MX lookup; IPv6 needs the `ipv6:` prefix. */
export function relayTarget(profile: Profile): string {
  const { host, port } = profile.outgoing;
  return postfixValue(`[${isIP(host) === 6 ? `ipv6:${host}` : host}]:${port}`);
}

/**
 * The login name for the sasl_passwd example line: that file splits at blanks and
 * the value at ":", so a name holding either (or "#") is left as a placeholder.
 */
function saslUser(profile: Profile): string {
  const login = loginName(profile);
  return login !== null && /^[^\s:#]+$/.test(login) ? login : 'USER';
}

export function writePostfix(profile: Profile, options: WriteOptions): string {
  const { security, authentication } = profile.outgoing;
  const target = relayTarget(profile);
  const lines = [
    hashComment([...exportNotes(profile, options), ...outgoingOnlyNote]),
    '# Add to /etc/postfix/main.cf, then run: postfix reload',
    '# /etc/postfix/main.cf に追加してから postfix reload を実行してください。',
    `relayhost = ${target}`,
  ];
  if (profile.pinnedFingerprint256 === null) {
    lines.push('smtp_tls_security_level = secure', 'smtp_tls_CAfile = /etc/ssl/certs/ca-certificates.crt');
  } else {
    lines.push(
      'smtp_tls_security_level = fingerprint',
      'smtp_tls_fingerprint_digest = sha256',
      `smtp_tls_fingerprint_cert_match = ${postfixValue(profile.pinnedFingerprint256)}`,
    );
  }
  lines.push(
    // Port 465 speaks TLS from the first byte; Postfix calls that wrapper mode.
    `smtp_tls_wrappermode = ${security === 'implicit-tls' ? 'yes' : 'no'}`,
    'smtp_tls_mandatory_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1',
  );
  if (authentication !== 'none') {
    lines.push(
      'smtp_sasl_auth_enable = yes',
      `smtp_sasl_password_maps = hash:${saslPasswordFile}`,
      'smtp_sasl_security_options = noanonymous',
      'smtp_sasl_tls_security_options = noanonymous',
      `# Create ${saslPasswordFile} with this line (your real password instead of the placeholder),`,
      `# then run: chmod 600 ${saslPasswordFile} && postmap ${saslPasswordFile}`,
      `# ${saslPasswordFile} に次の行を（仮の値を本当のパスワードに替えて）書き、上のコマンドを実行してください。`,
      `#   ${target} ${saslUser(profile)}:YOUR_PASSWORD`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
