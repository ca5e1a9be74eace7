/**
 * Validates what the user typed as a server and turns internationalised names into
 * the ASCII form DNS and TLS use. Each rejection says exactly what is wrong.
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { UserFacingError } from './errors.js';

export interface HostName {
  /** What DNS, SNI and certificate checks use (punycode for IDN). */
  ascii: string;
  /** As the user typed it (trimmed). */
  display: string;
}

function invalid(en: string, ja: string): never {
  throw new UserFacingError('invalid-input', { en, ja });
}

export function normalizeHost(input: string): HostName {
  const display = input.trim();
  if (display === '') invalid('The server name is empty.', 'サーバー名が空です。');
  if (display.length > 253) {
    invalid(
      `The server name is ${display.length} characters long; a host name has at most 253.`,
      `サーバー名が ${display.length} 文字あります。ホスト名は 253 文字以内です。`,
    );
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(display) || display.includes('/')) {
    invalid(
      'Enter only the server name (like smtp.example.com), not a URL.',
      'URL ではなくサーバー名だけ（例: smtp.example.com）を入力してください。',
    );
  }
  if (display.includes('@')) {
    invalid(
      'This looks like an email address. Enter the outgoing server name (like smtp.example.com).',
      'メールアドレスのようです。送信サーバー名（例: smtp.example.com）を入力してください。',
    );
  }
  const bracketed = /^\[(.+)\]$/.exec(display);
  const literal = bracketed?.[1] ?? display;
  if (isIP(literal)) return { ascii: literal, display };
  if (/:\d*$/.test(display)) {
    invalid(
      'Give the port separately (with --ports), not after the server name.',
      'ポート番号はサーバー名に付けず、別に（--ports で）指定してください。',
    );
  }
  const ascii = domainToASCII(display.replace(/\.$/, '').toLowerCase());
  const labels = ascii.split('.');
  if (
    ascii === '' ||
    ascii.length > 253 ||
    labels.some(
      (label) => label.length === 0 || label.length > 63 || !/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/.test(label),
    )
  ) {
    invalid(`"${display}" is not a valid server name.`, `「${display}」はサーバー名として正しくありません。`);
  }
  return { ascii, display };
}
