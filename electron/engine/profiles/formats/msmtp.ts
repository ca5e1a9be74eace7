/**
 * An msmtprc account block. `tls on` with `tls_starttls on` makes msmtp abort
 * when the server does not offer STARTTLS, so neither mode can fall back to
 * plaintext. The password is never written: msmtp reads it from the system
 * keyring or `passwordeval`.
 */
import type { Profile } from '../../../contract.js';
import { invalidFile } from '../../core/safe-input.js';
import { parseProfile, profileIdFor } from '../profile.js';
import { exportNotes, outgoingOnlyNote, fileStem, loginName, type WriteOptions } from './common.js';
import { hashComment, msmtpArgument } from './encode.js';

/** What msmtp itself does with an argument: one pair of surrounding double quotes is removed, nothing else. */
function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1)
    : trimmed;
}

export function accountName(profile: Profile): string {
  return `mailtls-${fileStem(profile)}`;
}

const authValue: Record<Profile['outgoing']['authentication'], string> = {
  password: 'on',
  none: 'off',
  oauth2: 'oauthbearer',
};

export function writeMsmtp(profile: Profile, options: WriteOptions): string {
  const { host, port, security, authentication } = profile.outgoing;
  const account = accountName(profile);
  const login = loginName(profile);
  const lines = [
    hashComment([...exportNotes(profile, options), ...outgoingOnlyNote]),
    `account ${account}`,
    `host ${msmtpArgument(host)}`,
    `port ${port}`,
    'tls on',
    `tls_starttls ${security === 'starttls' ? 'on' : 'off'}`,
    '# TLS 1.2 or later: msmtp built with GnuTLS (Debian, Ubuntu) accepts this line.',
    '# TLS 1.2 以上に限定する場合（GnuTLS 版 msmtp）は次の行を有効にしてください。',
    '# tls_priorities NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2',
  ];
  if (profile.pinnedFingerprint256 !== null)
    lines.push(`tls_fingerprint ${msmtpArgument(profile.pinnedFingerprint256)}`);
  lines.push(`auth ${authValue[authentication]}`);
  if (authentication !== 'none' && login !== null) lines.push(`user ${msmtpArgument(login)}`);
  if (profile.account.email !== null)
    lines.push(`from ${msmtpArgument(profile.account.email, { expanded: true })}`);
  if (authentication !== 'none') {
    lines.push(
      '# The password is not stored here. Keep it in the system keyring (msmtp finds it by host and user),',
      '# or let a command print it, for example:',
      '# パスワードはここに書きません。システムのキーリングに保存するか、次のようにコマンドで渡してください。',
      `# passwordeval "secret-tool lookup host ${host} service smtp"`,
    );
  }
  lines.push(
    '# To make this the default account, add: / 既定のアカウントにするには次の行を追加します:',
    `# account default : ${account}`,
    '',
  );
  return lines.join('\n');
}

type Settings = Map<string, string>;

/** The first account with a host, with `defaults` and `account x : y` inheritance applied. */
function firstAccount(content: string): Settings | undefined {
  const accounts = new Map<string, Settings>();
  const order: string[] = [];
  let defaults: Settings = new Map();
  let current: Settings | undefined;
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const space = line.search(/\s/);
    const key = space === -1 ? line : line.slice(0, space);
    const value = space === -1 ? '' : line.slice(space + 1).trim();
    if (key === 'defaults') {
      current = defaults = new Map(defaults);
    } else if (key === 'account') {
      const [name = '', ...parents] = value.split(':').map((s) => s.trim());
      current = new Map(defaults);
      for (const parent of parents.flatMap((p) => p.split(',')).map((p) => p.trim())) {
        for (const [k, v] of accounts.get(parent) ?? []) current.set(k, v);
      }
      accounts.set(name, current);
      order.push(name);
    } else {
      current?.set(key, unquote(value));
    }
  }
  return order.map((name) => accounts.get(name)).find((settings) => settings?.has('host'));
}

export function readMsmtp(content: string, fileName: string): Profile {
  const settings = firstAccount(content);
  if (settings === undefined) {
    throw invalidFile(
      `${fileName} has no msmtp account with a host.`,
      `${fileName} に host のある msmtp アカウントがありません。`,
    );
  }
  if (settings.get('tls') !== 'on' || settings.get('tls_certcheck') === 'off') {
    throw invalidFile(
      `${fileName} sends without TLS or without checking the certificate; MailTLS does not import such settings.`,
      `${fileName} は TLS なし、または証明書を確認せずに送信する設定です。MailTLS はこの設定を読み込みません。`,
    );
  }
  const implicit = settings.get('tls_starttls') === 'off' || settings.get('tls_nostarttls') === 'on';
  const host = settings.get('host') ?? '';
  const from = settings.get('from');
  const email = from !== undefined && /^[^\s@]+@[^\s@]+$/.test(from) ? from : null;
  const user = settings.get('user') ?? null;
  const auth = settings.get('auth') ?? 'off';
  const fingerprint = settings.get('tls_fingerprint');
  return parseProfile({
    schema: 'mailtls.profile/1',
    id: profileIdFor(host, email),
    name: email ?? host,
    account: { email, displayName: null, userName: user === email ? null : user },
    outgoing: {
      host,
      port: settings.has('port') ? Number(settings.get('port')) : implicit ? 465 : 25,
      security: implicit ? 'implicit-tls' : 'starttls',
      authentication: auth === 'off' ? 'none' : /^(oauthbearer|xoauth2)$/.test(auth) ? 'oauth2' : 'password',
    },
    // Only the SHA-256 form fits a profile; msmtp's legacy SHA-1/MD5 pins are dropped.
    pinnedFingerprint256:
      fingerprint !== undefined && fingerprint.length === 95 ? fingerprint.toUpperCase() : null,
    verifiedWith: null,
    note: '',
  });
}
