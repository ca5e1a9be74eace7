/**
 * Thunderbird autoconfig (`clientConfig` version 1.1). Thunderbird refuses a
 * file without an incoming server, and MailTLS only tests the outgoing side: the
 * file names IMAP over implicit TLS (993) on the same host and says in a comment
 * that it was not tested.
 */
import type { Profile } from '../../../contract.js';
import {
  attribute,
  children,
  childText,
  childTexts,
  invalidFile,
  type XmlNode,
} from '../../core/safe-input.js';
import { parseProfile, profileIdFor } from '../profile.js';
import { exportNotes, mailDomain, type WriteOptions } from './common.js';
import { element, xmlDocument, type XmlElement } from './xml.js';

const authValues: Record<Profile['outgoing']['authentication'], string[]> = {
  password: ['password-cleartext'],
  none: ['none'],
  // Thunderbird accepts OAuth2 only for providers it knows: the password stays as the fallback.
  oauth2: ['OAuth2', 'password-cleartext'],
};

export function writeAutoconfig(profile: Profile, options: WriteOptions): string {
  const { host, port, security, authentication } = profile.outgoing;
  const domain = mailDomain(profile);
  // A null user name means "the address"; Thunderbird fills it in from the placeholder.
  const user = profile.account.userName ?? '%EMAILADDRESS%';
  const text = (name: string, value: string) => element(name, {}, value);
  const server = (name: string, type: string, ...children: XmlElement[]) =>
    element(name, { type }, text('hostname', host), ...children);
  const provider = element(
    'emailProvider',
    { id: domain },
    text('domain', domain),
    text('displayName', profile.account.displayName ?? profile.name),
    text('displayShortName', domain),
    server(
      'incomingServer',
      'imap',
      text('port', '993'),
      text('socketType', 'SSL'),
      text('username', user),
      text('authentication', 'password-cleartext'),
    ),
    server(
      'outgoingServer',
      'smtp',
      text('port', String(port)),
      text('socketType', security === 'implicit-tls' ? 'SSL' : 'STARTTLS'),
      text('username', user),
      ...authValues[authentication].map((a) => text('authentication', a)),
    ),
  );
  return xmlDocument(element('clientConfig', { version: '1.1' }, provider), [
    ...exportNotes(profile, options, false),
    'The incoming server below (IMAP, 993, SSL) is a placeholder MailTLS did not test; correct it if needed.',
    '下の受信サーバー（IMAP、993、SSL）は MailTLS が検査していない仮の値です。必要なら直してください。',
  ]);
}

function authenticationFrom(values: string[]): Profile['outgoing']['authentication'] {
  // The first value the client supports wins, as in Thunderbird.
  for (const value of values) {
    if (/^(password-cleartext|plain|password-encrypted|secure|NTLM|GSSAPI)$/i.test(value)) return 'password';
    if (/^OAuth2$/i.test(value)) return 'oauth2';
    if (/^(none|client-IP-address|smtp-after-pop)$/i.test(value)) return 'none';
  }
  return 'password';
}

/** The first outgoing server that uses TLS; a file offering only plaintext is refused. */
export function readAutoconfig(root: XmlNode, fileName: string): Profile {
  const provider = children(children(root, 'clientConfig')[0], 'emailProvider')[0];
  const servers = children(provider, 'outgoingServer').filter((s) => attribute(s, 'type') === 'smtp');
  if (servers.length === 0) {
    throw invalidFile(
      `${fileName} has no SMTP outgoing server.`,
      `${fileName} に SMTP の送信サーバーがありません。`,
    );
  }
  const server = servers.find((s) =>
    childTexts(s, 'socketType').some((t) => t === 'SSL' || t === 'STARTTLS'),
  );
  if (server === undefined) {
    throw invalidFile(
      `${fileName} only offers sending without encryption; MailTLS does not import plaintext settings.`,
      `${fileName} には暗号化なしの送信設定しかありません。MailTLS は平文の設定を読み込みません。`,
    );
  }
  const socketType = childTexts(server, 'socketType').find((t) => t === 'SSL' || t === 'STARTTLS');
  const host = childText(server, 'hostname') ?? '';
  const port = Number(childText(server, 'port'));
  const username = childText(server, 'username');
  const domain = childText(provider, 'domain') ?? host;
  return parseProfile({
    schema: 'mailtls.profile/1',
    id: profileIdFor(host, null),
    name: childText(provider, 'displayName') || domain,
    account: {
      email: null,
      displayName: null,
      userName: username === undefined || username === '%EMAILADDRESS%' ? null : username,
    },
    outgoing: {
      host,
      port: Number.isInteger(port) ? port : socketType === 'SSL' ? 465 : 587,
      security: socketType === 'SSL' ? 'implicit-tls' : 'starttls',
      authentication: authenticationFrom(childTexts(server, 'authentication')),
    },
    pinnedFingerprint256: null,
    verifiedWith: null,
    note: '',
  });
}
