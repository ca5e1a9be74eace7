/**
 * Outlook "plain old XML" Autodiscover response with one SMTP protocol entry.
 * `Encryption` (Outlook 2010+) says the mode: SSL = implicit TLS, TLS = STARTTLS;
 * `SSL on` stays for Outlook 2007, which reads only that element.
 */
import type { Profile } from '../../../contract.js';
import { children, childText, invalidFile, type XmlNode } from '../../core/safe-input.js';
import { parseProfile, profileIdFor } from '../profile.js';
import { exportNotes, loginName, type WriteOptions } from './common.js';
import { element, xmlDocument } from './xml.js';

const responseNs = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
const outlookNs = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';

export function writeAutodiscover(profile: Profile, options: WriteOptions): string {
  const { host, port, security, authentication } = profile.outgoing;
  const login = loginName(profile);
  const text = (name: string, value: string) => element(name, {}, value);
  const protocol = element(
    'Protocol',
    {},
    text('Type', 'SMTP'),
    text('Server', host),
    text('Port', String(port)),
    // Without LoginName Outlook uses the address, which is what a null user name means.
    ...(login !== null && authentication !== 'none' ? [text('LoginName', login)] : []),
    text('DomainRequired', 'off'),
    text('SPA', 'off'),
    text('SSL', 'on'),
    text('Encryption', security === 'implicit-tls' ? 'SSL' : 'TLS'),
    text('AuthRequired', authentication === 'none' ? 'off' : 'on'),
  );
  const displayName = profile.account.displayName;
  const response = element(
    'Response',
    { xmlns: outlookNs },
    ...(displayName !== null ? [element('User', {}, text('DisplayName', displayName))] : []),
    element('Account', {}, text('AccountType', 'email'), text('Action', 'settings'), protocol),
  );
  return xmlDocument(
    element('Autodiscover', { xmlns: responseNs }, response),
    exportNotes(profile, options, false),
  );
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
  const encryption = childText(smtp, 'Encryption')?.toLowerCase();
  const ssl = childText(smtp, 'SSL')?.toLowerCase() ?? 'on';
  if (encryption === 'none' || (encryption === undefined && ssl === 'off')) {
    throw invalidFile(
      `${fileName} sends mail without encryption; MailTLS does not import plaintext settings.`,
      `${fileName} は暗号化なしで送信する設定です。MailTLS は平文の設定を読み込みません。`,
    );
  }
  // Encryption overrides SSL; without it (or with Auto) the port decides, as Thunderbird reads it.
  const implicit = encryption === 'ssl' || (encryption !== 'tls' && ![25, 587].includes(port));
  const login = childText(smtp, 'LoginName') ?? null;
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
    pinnedFingerprint256: null,
    verifiedWith: null,
    note: '',
  });
}
