/**
 * Thunderbird autoconfig (`clientConfig` version 1.1). The incoming servers are
 * the profile's qualified IMAP and POP3 settings (document order is Thunderbird's
 * preference: IMAP first). Thunderbird refuses a file without an incoming
 * server: when incoming mail was not tested, the file names IMAP over implicit
 * TLS (993) on the outgoing host and says in a comment that it was not tested.
 */
import type { IncomingProtocol, IncomingSetting, Profile } from '../../../contract.js';
import {
  attribute,
  children,
  childText,
  childTexts,
  invalidFile,
  type XmlNode,
} from '../../core/safe-input.js';
import { parseProfile, profileIdFor } from '../profile.js';
import {
  exportNotes,
  incomingNotes,
  mailDomain,
  requiredIncoming,
  standardIncomingPort,
  type WriteOptions,
} from './common.js';
import { element, xmlDocument, type XmlElement } from './xml.js';

const placeholderNote = [
  'The incoming server below (IMAP, 993, SSL) is a placeholder MailTLS did not test; correct it if needed.',
  '下の受信サーバー（IMAP、993、SSL）は MailTLS が検査していない仮の値です。必要なら直してください。',
];
/** The incoming server Thunderbird requires when none was tested: IMAP over implicit TLS on the outgoing host. */
function placeholder(host: string): { protocol: IncomingProtocol; setting: IncomingSetting } {
  return {
    protocol: 'imap',
    setting: { host, port: 993, security: 'implicit-tls', authentication: 'password', userName: 'account' },
  };
}

const authValues: Record<Profile['outgoing']['authentication'], string[]> = {
  password: ['password-cleartext'],
  none: ['none'],
  // Thunderbird accepts OAuth2 only for providers it knows: the password stays as the fallback.
  oauth2: ['OAuth2', 'password-cleartext'],
};

export function writeAutoconfig(profile: Profile, options: WriteOptions): string {
  const { host, port, security, authentication } = profile.outgoing;
  const domain = mailDomain(profile);
  const tested = requiredIncoming(profile, 'Thunderbird');
  const incoming = tested.length > 0 ? tested : [placeholder(host)];
  // A null user name means "the address"; Thunderbird fills it in from the placeholder.
  const user = profile.account.userName ?? '%EMAILADDRESS%';
  const text = (name: string, value: string) => element(name, {}, value);
  const socketType = (mode: IncomingSetting['security']) => (mode === 'implicit-tls' ? 'SSL' : 'STARTTLS');
  const server = (name: string, type: string, hostname: string, ...children: XmlElement[]) =>
    element(name, { type }, text('hostname', hostname), ...children);
  const incomingServer = ({ protocol, setting }: (typeof incoming)[number]) =>
    server(
      'incomingServer',
      protocol,
      setting.host,
      text('port', String(setting.port)),
      text('socketType', socketType(setting.security)),
      text('username', setting.userName === 'local-part' ? '%EMAILLOCALPART%' : user),
      ...authValues[setting.authentication].map((a) => text('authentication', a)),
    );
  const provider = element(
    'emailProvider',
    { id: domain },
    text('domain', domain),
    text('displayName', profile.account.displayName ?? profile.name),
    text('displayShortName', domain),
    ...incoming.map(incomingServer),
    server(
      'outgoingServer',
      'smtp',
      host,
      text('port', String(port)),
      text('socketType', socketType(security)),
      text('username', user),
      ...authValues[authentication].map((a) => text('authentication', a)),
    ),
  );
  return xmlDocument(element('clientConfig', { version: '1.1' }, provider), [
    ...exportNotes(profile, options, false),
    ...(tested.length > 0 ? incomingNotes(profile) : placeholderNote),
  ]);
}

/**
 * The first IMAP and the first POP3 server that use TLS, as the file lists them;
 * plaintext ones are left out (a profile cannot describe them). Not tested by
 * MailTLS, like everything imported.
 */
function incomingFrom(provider: XmlNode | undefined): Profile['incoming'] {
  const incoming: NonNullable<Profile['incoming']> = {};
  for (const server of children(provider, 'incomingServer')) {
    const protocol = attribute(server, 'type');
    const socketType = childText(server, 'socketType');
    if ((protocol !== 'imap' && protocol !== 'pop3') || incoming[protocol]) continue;
    if (socketType !== 'SSL' && socketType !== 'STARTTLS') continue;
    const port = Number(childText(server, 'port'));
    const security = socketType === 'SSL' ? 'implicit-tls' : 'starttls';
    incoming[protocol] = {
      host: childText(server, 'hostname') ?? '',
      port: Number.isInteger(port) ? port : standardIncomingPort(protocol, security),
      security,
      authentication:
        authenticationFrom(childTexts(server, 'authentication')) === 'oauth2' ? 'oauth2' : 'password',
      userName: childText(server, 'username') === '%EMAILLOCALPART%' ? 'local-part' : 'account',
    };
  }
  return Object.keys(incoming).length > 0 ? incoming : undefined;
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
  const incoming = incomingFrom(provider);
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
    ...(incoming === undefined ? {} : { incoming }),
    pinnedFingerprint256: null,
    verifiedWith: null,
    note: '',
  });
}
