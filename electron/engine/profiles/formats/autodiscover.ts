/**
 * Outlook "plain old XML" Autodiscover response: one protocol entry per
 * qualified incoming setting (IMAP, POP3), then the SMTP one. `Encryption`
 * (Outlook 2010+) says the mode: SSL = implicit TLS, TLS = STARTTLS; `SSL on`
 * stays for Outlook 2007, which reads only that element.
 */
import { incomingProtocols, type IncomingSetting, type Profile } from '../../../contract.js';
import { children, childText, invalidFile, type XmlNode } from '../../core/safe-input.js';
import { incomingSettings, parseProfile, profileIdFor } from '../profile.js';
import {
  exportNotes,
  impliedIncomingSecurity,
  incomingLoginName,
  incomingNotes,
  loginName,
  protocolNames,
  type WriteOptions,
} from './common.js';
import { element, xmlDocument, type XmlElement } from './xml.js';

const responseNs = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
const outlookNs = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';

interface ProtocolEntry {
  type: string;
  host: string;
  port: number;
  security: IncomingSetting['security'];
  login: string | null;
  authRequired: boolean;
}

function protocolElement(entry: ProtocolEntry): XmlElement {
  const text = (name: string, value: string) => element(name, {}, value);
  return element(
    'Protocol',
    {},
    text('Type', entry.type),
    text('Server', entry.host),
    text('Port', String(entry.port)),
    // Without LoginName Outlook uses the address, which is what a null user name means.
    ...(entry.login !== null && entry.authRequired ? [text('LoginName', entry.login)] : []),
    text('DomainRequired', 'off'),
    text('SPA', 'off'),
    text('SSL', 'on'),
    text('Encryption', entry.security === 'implicit-tls' ? 'SSL' : 'TLS'),
    text('AuthRequired', entry.authRequired ? 'on' : 'off'),
  );
}

export function writeAutodiscover(profile: Profile, options: WriteOptions): string {
  const { host, port, security, authentication } = profile.outgoing;
  const text = (name: string, value: string) => element(name, {}, value);
  const incoming = incomingSettings(profile).map(({ protocol, setting }) =>
    protocolElement({
      type: protocolNames[protocol],
      host: setting.host,
      port: setting.port,
      security: setting.security,
      login: incomingLoginName(profile, setting),
      authRequired: true,
    }),
  );
  const smtp = protocolElement({
    type: 'SMTP',
    host,
    port,
    security,
    login: loginName(profile),
    authRequired: authentication !== 'none',
  });
  const displayName = profile.account.displayName;
  const response = element(
    'Response',
    { xmlns: outlookNs },
    ...(displayName !== null ? [element('User', {}, text('DisplayName', displayName))] : []),
    element('Account', {}, text('AccountType', 'email'), text('Action', 'settings'), ...incoming, smtp),
  );
  return xmlDocument(element('Autodiscover', { xmlns: responseNs }, response), [
    ...exportNotes(profile, options, false),
    ...incomingNotes(profile),
  ]);
}

/** Encryption overrides SSL; without it (or with Auto) the port decides, as Thunderbird reads it. */
function securityOf(entry: XmlNode, implicitByPort: boolean): IncomingSetting['security'] | null {
  const encryption = childText(entry, 'Encryption')?.toLowerCase();
  const ssl = childText(entry, 'SSL')?.toLowerCase() ?? 'on';
  if (encryption === 'none' || (encryption === undefined && ssl === 'off')) return null;
  return encryption === 'ssl' || (encryption !== 'tls' && implicitByPort) ? 'implicit-tls' : 'starttls';
}

/**
 * The IMAP and POP3 entries that use TLS; plaintext ones are left out (a
 * profile cannot describe them). The file does not carry the address, so the
 * log-in is the account's, as for SMTP.
 */
function incomingFrom(account: XmlNode | undefined): Profile['incoming'] {
  const incoming: NonNullable<Profile['incoming']> = {};
  const entries = children(account, 'Protocol');
  for (const protocol of incomingProtocols) {
    const entry = entries.find((p) => childText(p, 'Type')?.toUpperCase() === protocolNames[protocol]);
    if (entry === undefined) continue;
    const port = Number(childText(entry, 'Port') ?? 'NaN');
    const security = securityOf(entry, impliedIncomingSecurity(port) === 'implicit-tls');
    if (security === null || !Number.isInteger(port)) continue;
    incoming[protocol] = {
      host: childText(entry, 'Server') ?? '',
      port,
      security,
      authentication: 'password',
      userName: 'account',
    };
  }
  return Object.keys(incoming).length > 0 ? incoming : undefined;
}

/** The SMTP entry of a POX response; `SSL off` / `Encryption None` is plaintext and refused. */
export function readAutodiscover(root: XmlNode, fileName: string): Profile {
  const response = children(children(root, 'Autodiscover')[0], 'Response')[0];
  const account = children(response, 'Account')[0];
  const smtp = children(account, 'Protocol').find((p) => childText(p, 'Type')?.toUpperCase() === 'SMTP');
  if (smtp === undefined) {
    throw invalidFile(`${fileName} has no SMTP settings.`, `${fileName} に SMTP の設定がありません。`);
  }
  const host = childText(smtp, 'Server') ?? '';
  const port = Number(childText(smtp, 'Port') ?? 'NaN');
  const security = securityOf(smtp, ![25, 587].includes(port));
  if (security === null) {
    throw invalidFile(
      `${fileName} sends mail without encryption; MailTLS does not import plaintext settings.`,
      `${fileName} は暗号化なしで送信する設定です。MailTLS は平文の設定を読み込みません。`,
    );
  }
  const implicit = security === 'implicit-tls';
  const login = childText(smtp, 'LoginName') ?? null;
  const incoming = incomingFrom(account);
  return parseProfile({
    schema: 'mailtls.profile/1',
    id: profileIdFor(host, null),
    name: host,
    account: {
      email: null,
      displayName: childText(children(response, 'User')[0], 'DisplayName') ?? null,
      userName: login,
    },
    outgoing: {
      host,
      port: Number.isInteger(port) ? port : implicit ? 465 : 587,
      security: implicit ? 'implicit-tls' : 'starttls',
      authentication: childText(smtp, 'AuthRequired')?.toLowerCase() === 'off' ? 'none' : 'password',
    },
    ...(incoming === undefined ? {} : { incoming }),
    pinnedFingerprint256: null,
    verifiedWith: null,
    note: '',
  });
}
