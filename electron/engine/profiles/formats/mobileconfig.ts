/**
 * Apple configuration profile (`.mobileconfig`) with one `com.apple.mail.managed`
 * payload. One payload is one account of one type: the profile's qualified IMAP
 * setting, or its POP3 one when only that qualified. Apple requires an incoming
 * server: when incoming mail was not tested, the profile names IMAP over
 * implicit TLS (993) on the outgoing host and says so in its description.
 * `*MailServerUseSSL` is one bit for both TLS modes, so the ports are always
 * written (without them devices try port 25 and 143 first). The profile is not
 * signed; devices show it as unverified, and the description says so.
 */
import { build, parse, type PlistValue } from 'plist';
import { z } from 'zod';
import type { IncomingProtocol, Profile } from '../../../contract.js';
import { defaultMode } from '../../../ports.js';
import { UserFacingError } from '../../core/errors.js';
import { checkXml, invalidFile } from '../../core/safe-input.js';
import { parseProfile, profileIdFor } from '../profile.js';
import {
  exportNotes,
  impliedIncomingSecurity,
  incomingLoginName,
  incomingNotes,
  insecureWarning,
  loginName,
  protocolNames,
  requiredIncoming,
  stableUuid,
  standardIncomingPort,
  type WriteOptions,
} from './common.js';
import { xmlComment } from './xml.js';

const unsignedNote = [
  'This profile is not signed: the device will call it unverified. Check the values before installing it.',
  'このプロファイルには署名がないため、端末には「未検証」と表示されます。インストール前に内容を確認してください。',
];
const placeholderNote = [
  'The incoming server (IMAP, 993, SSL) is a placeholder MailTLS did not test; Apple requires one.',
  '受信サーバー（IMAP、993、SSL）は Apple が必須とするための仮の値で、MailTLS は検査していません。',
];

const accountTypes: Record<IncomingProtocol, string> = { imap: 'EmailTypeIMAP', pop3: 'EmailTypePOP' };

export function writeMobileconfig(profile: Profile, options: WriteOptions): string {
  const { host, port, authentication } = profile.outgoing;
  const tested = requiredIncoming(profile, 'Apple Mail');
  const [chosen, passedOver] = tested;
  if (authentication === 'oauth2' || chosen?.setting.authentication === 'oauth2') {
    throw new UserFacingError('invalid-input', {
      en: 'Apple mail profiles cannot describe OAuth2 sign-in. Choose another format.',
      ja: 'Apple のメールプロファイルでは OAuth2 のサインインを表せません。別の形式を選んでください。',
    });
  }
  const incomingLines =
    chosen === undefined
      ? placeholderNote
      : [
          ...incomingNotes(profile),
          ...(passedOver === undefined
            ? []
            : [
                `One Apple mail account has one type: this profile sets up ${protocolNames[chosen.protocol]}; ${protocolNames[passedOver.protocol]} also qualified.`,
                `Apple のメールアカウントは種類を 1 つしか持てないため、${protocolNames[chosen.protocol]} を設定します（${protocolNames[passedOver.protocol]} も合格しています）。`,
              ]),
        ];
  const notes = [...exportNotes(profile, options), ...incomingLines, ...unsignedNote];
  const identifier = `mailtls.profile.${profile.id}`;
  const login = loginName(profile);
  const optional = (key: string, value: string | null): Record<string, PlistValue> =>
    value === null ? {} : { [key]: value };
  const auth = authentication === 'none' ? 'EmailAuthNone' : 'EmailAuthPassword';
  const mail: Record<string, PlistValue> = {
    PayloadType: 'com.apple.mail.managed',
    PayloadVersion: 1,
    PayloadIdentifier: `${identifier}.mail`,
    PayloadUUID: stableUuid(`mailtls:${profile.id}:mail`),
    PayloadDisplayName: profile.name || host,
    EmailAccountType: accountTypes[chosen?.protocol ?? 'imap'],
    EmailAccountDescription: profile.name || host,
    ...optional('EmailAccountName', profile.account.displayName),
    ...optional('EmailAddress', profile.account.email),
    IncomingMailServerHostName: chosen?.setting.host ?? host,
    IncomingMailServerPortNumber: chosen?.setting.port ?? 993,
    IncomingMailServerUseSSL: true,
    IncomingMailServerAuthentication: 'EmailAuthPassword',
    ...optional('IncomingMailServerUsername', chosen ? incomingLoginName(profile, chosen.setting) : login),
    OutgoingMailServerHostName: host,
    OutgoingMailServerPortNumber: port,
    OutgoingMailServerUseSSL: true,
    OutgoingMailServerAuthentication: auth,
    ...optional('OutgoingMailServerUsername', authentication === 'none' ? null : login),
  };
  const top: Record<string, PlistValue> = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: stableUuid(`mailtls:${profile.id}:configuration`),
    PayloadDisplayName: `MailTLS: ${profile.name || host}`,
    PayloadDescription: notes.join('\n'),
    PayloadContent: [mail],
  };
  if (options.insecure) {
    // Shown before installation, so the warning cannot be missed on the device either.
    top.ConsentText = { default: insecureWarning.en, en: insecureWarning.en, ja: insecureWarning.ja };
  }
  const xml = build(top);
  // The comment goes after the DOCTYPE line, before <plist>; plist readers ignore comments.
  const comment = xmlComment([...exportNotes(profile, options, false), ...incomingLines, ...unsignedNote]);
  const at = xml.indexOf('<plist');
  return `${xml.slice(0, at)}${comment}\n${xml.slice(at)}\n`;
}

const mailPayloadSchema = z.object({
  PayloadType: z.literal('com.apple.mail.managed'),
  EmailAccountDescription: z.string().optional(),
  EmailAccountName: z.string().optional(),
  EmailAddress: z.string().optional(),
  OutgoingMailServerHostName: z.string().min(1),
  OutgoingMailServerPortNumber: z.number().int().min(1).max(65535).optional(),
  OutgoingMailServerUseSSL: z.boolean().optional(),
  OutgoingMailServerAuthentication: z.enum([
    'EmailAuthNone',
    'EmailAuthPassword',
    'EmailAuthCRAMMD5',
    'EmailAuthNTLM',
    'EmailAuthHTTPMD5',
  ]),
  OutgoingMailServerUsername: z.string().optional(),
  EmailAccountType: z.enum(['EmailTypeIMAP', 'EmailTypePOP']).optional(),
  IncomingMailServerHostName: z.string().optional(),
  IncomingMailServerPortNumber: z.number().int().min(1).max(65535).optional(),
  IncomingMailServerUseSSL: z.boolean().optional(),
  IncomingMailServerUsername: z.string().optional(),
});

/**
 * The incoming server when it uses SSL/TLS (a profile cannot describe a
 * plaintext one). The port decides the mode, as for outgoing; without a port the
 * device uses the implicit-TLS one (993, 995).
 */
function incomingFrom(m: z.infer<typeof mailPayloadSchema>, email: string | null): Profile['incoming'] {
  if (m.IncomingMailServerHostName === undefined || m.IncomingMailServerUseSSL !== true) return undefined;
  const protocol = m.EmailAccountType === 'EmailTypePOP' ? 'pop3' : 'imap';
  const port = m.IncomingMailServerPortNumber ?? standardIncomingPort(protocol, 'implicit-tls');
  const localPart = email?.includes('@') ? email.slice(0, email.lastIndexOf('@')) : null;
  return {
    [protocol]: {
      host: m.IncomingMailServerHostName,
      port,
      security: impliedIncomingSecurity(port),
      authentication: 'password',
      userName:
        localPart && m.IncomingMailServerUsername === localPart && m.OutgoingMailServerUsername !== localPart
          ? 'local-part'
          : 'account',
    },
  };
}

const topSchema = z.object({
  PayloadType: z.literal('Configuration'),
  PayloadContent: z.array(z.unknown()),
});

function wrongShape(fileName: string, error: z.ZodError): UserFacingError {
  const keys = [...new Set(error.issues.map((issue) => issue.path.join('.') || '(root)'))]
    .slice(0, 5)
    .join(', ');
  return invalidFile(
    `${fileName} is not a usable Apple mail profile (wrong or missing: ${keys}).`,
    `${fileName} は使える Apple のメールプロファイルではありません（誤りまたは不足: ${keys}）。`,
  );
}

export function readMobileconfig(content: string, fileName: string): Profile {
  const xml = checkXml(content, true);
  let value: PlistValue;
  try {
    value = parse(xml);
  } catch {
    throw invalidFile(
      `${fileName} is not a valid property list.`,
      `${fileName} は正しいプロパティリストではありません。`,
    );
  }
  const top = topSchema.safeParse(value);
  if (!top.success) throw wrongShape(fileName, top.error);
  const raw = top.data.PayloadContent.find(
    (p) =>
      typeof p === 'object' &&
      p !== null &&
      (p as Record<string, unknown>).PayloadType === 'com.apple.mail.managed',
  );
  if (raw === undefined) {
    throw invalidFile(
      `${fileName} has no mail account payload.`,
      `${fileName} にメールアカウントの設定がありません。`,
    );
  }
  const mail = mailPayloadSchema.safeParse(raw);
  if (!mail.success) throw wrongShape(fileName, mail.error);
  const m = mail.data;
  if (m.OutgoingMailServerUseSSL !== true) {
    throw invalidFile(
      `${fileName} sends mail without SSL/TLS; MailTLS does not import plaintext settings.`,
      `${fileName} は SSL/TLS なしで送信する設定です。MailTLS は平文の設定を読み込みません。`,
    );
  }
  const port = m.OutgoingMailServerPortNumber;
  if (port === undefined) {
    throw invalidFile(
      `${fileName} has no outgoing port, so the device would try port 25 first. Add OutgoingMailServerPortNumber.`,
      `${fileName} に送信ポートがないため、端末はまずポート 25 を試します。OutgoingMailServerPortNumber を追加してください。`,
    );
  }
  const email = m.EmailAddress ?? null;
  const host = m.OutgoingMailServerHostName;
  const user = m.OutgoingMailServerUsername ?? null;
  const incoming = incomingFrom(m, email);
  return parseProfile({
    schema: 'mailtls.profile/1',
    id: profileIdFor(host, email),
    name: m.EmailAccountDescription ?? email ?? host,
    account: { email, displayName: m.EmailAccountName ?? null, userName: user === email ? null : user },
    outgoing: {
      host,
      port,
      // One bit for both modes: the port decides, as Apple's own clients do.
      security: defaultMode(port),
      authentication: m.OutgoingMailServerAuthentication === 'EmailAuthNone' ? 'none' : 'password',
    },
    ...(incoming === undefined ? {} : { incoming }),
    pinnedFingerprint256: null,
    verifiedWith: null,
    note: '',
  });
}
