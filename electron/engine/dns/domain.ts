/** Turning what a person typed into a DNS name we can query (IDN → punycode). */
import { domainToASCII } from 'node:url';
import { UserFacingError } from '../core/errors.js';

const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const underscoreLabel = /^_[a-z0-9-]{1,62}$/;

/** A syntactically valid host name: labels of letters, digits and hyphens, at least two labels. */
export function isHostName(name: string, allowUnderscore = false): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  return (
    labels.length >= 2 &&
    labels.every((part) => label.test(part) || (allowUnderscore && underscoreLabel.test(part)))
  );
}

/** Lower-cased ASCII form of a domain, or `invalid-input` in both languages. */
export function normaliseDomain(input: string): string {
  const trimmed = input.trim().replace(/\.$/, '');
  const ascii = trimmed === '' ? '' : domainToASCII(trimmed.toLowerCase());
  if (!isHostName(ascii)) {
    throw new UserFacingError('invalid-input', {
      en: `"${input}" is not a domain name, such as example.com.`,
      ja: `"${input}" はドメイン名ではありません。example.com のように入力してください。`,
    });
  }
  return ascii;
}

/** Splits an address at its last "@" and normalises the domain part. */
export function parseEmail(input: string): { localPart: string; domain: string } {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf('@');
  const localPart = at > 0 ? trimmed.slice(0, at) : '';
  if (localPart === '' || /\s/.test(localPart) || at === trimmed.length - 1) {
    throw new UserFacingError('invalid-input', {
      en: `"${input}" is not an email address, such as taro@example.com.`,
      ja: `"${input}" はメールアドレスではありません。taro@example.com のように入力してください。`,
    });
  }
  return { localPart, domain: normaliseDomain(trimmed.slice(at + 1)) };
}

/** Whether `host` is `domain` or inside it. */
export function isWithin(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** Second-level labels under which country registries hand out names (example.co.jp, example.ne.jp). */
const registrySecondLevels = new Set([
  'ac',
  'ad',
  'co',
  'com',
  'ed',
  'edu',
  'go',
  'gov',
  'gr',
  'lg',
  'ne',
  'net',
  'or',
  'org',
]);

/**
 * The registered domain a name belongs to, for DMARC's "same organisation" test. An
 * approximation of the Public Suffix List: two labels, or three under a country's
 * registry label such as co.jp or co.uk. A name it misjudges as another organisation's
 * costs a lookup and, at worst, a finding whose detail names the record looked for.
 */
export function organizationalDomain(name: string): string {
  const labels = name.split('.');
  const [secondLevel = '', topLevel = ''] = labels.slice(-2);
  const keep = topLevel.length === 2 && registrySecondLevels.has(secondLevel) ? 3 : 2;
  return labels.slice(-keep).join('.');
}
