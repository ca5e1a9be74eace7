/**
 * One encoder per line-based target syntax. Each writes a value so that the
 * consumer's own parser reads back exactly that value and nothing else, or
 * refuses it when the syntax cannot carry it: injection is impossible by
 * construction, not filtered afterwards. XML and plist go through serializers
 * (xml.ts, the plist package), JSON through JSON.stringify.
 */
import { UserFacingError } from '../../core/errors.js';

/**
 * Characters that end a line in at least one consumer (C0/C1 controls, NEL,
 * the Unicode line and paragraph separators) or that XML cannot carry at all
 * (U+FFFE, U+FFFF, lone surrogates).
 */
const notSingleLine =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True for text every export syntax can carry on one line. */
export function isSingleLineText(value: string): boolean {
  return !notSingleLine.test(value);
}

function unwritable(syntax: string): UserFacingError {
  return new UserFacingError('invalid-input', {
    en: `A value of this profile cannot be written safely into ${syntax}; change it or choose another format.`,
    ja: `このプロファイルの値を ${syntax} に安全に書き込めません。値を変えるか、別の形式を選んでください。`,
  });
}

/**
 * msmtp strips exactly one pair of surrounding double quotes and reads
 * everything between them literally (no escapes, `#` is only a comment at the
 * start of a line), so quoting any single-line value is lossless. The one
 * exception: in `from` (`expanded`) it replaces %U, %H, %C and %M and has no
 * escape for them, so such a value cannot be written.
 */
export function msmtpArgument(value: string, { expanded = false } = {}): string {
  if (!isSingleLineText(value) || (expanded && /%[UHCM]/.test(value))) throw unwritable('msmtprc');
  return `"${value}"`;
}

/**
 * Postfix main.cf values are unquoted, expand `$name` and split lists at
 * commas and blanks: only host names, `[host]:port` and fingerprints are
 * written there, and anything outside their characters is refused.
 */
export function postfixValue(value: string): string {
  if (!/^[A-Za-z0-9._:[\]-]+$/.test(value)) throw unwritable('Postfix main.cf');
  return value;
}

/**
 * A value both a POSIX shell sourcing the file (`set -a; . ./file`) and
 * dotenv read literally. Single quotes stop every expansion in the shell and
 * dotenv keeps their content verbatim, but neither can hold a single quote, and
 * dotenv reads a backslash before the closing quote as an escape (its quoted
 * value would then run into the next lines). Such a value is double-quoted
 * instead, which both read literally only while no `$`, backquote, backslash
 * or double quote is present. A value needing both cannot be written.
 */
export function shellValue(value: string): string {
  if (!isSingleLineText(value)) throw unwritable('.env');
  if (!value.includes("'") && !value.endsWith('\\')) return `'${value}'`;
  if (!/[$`\\"]/.test(value)) return `"${value}"`;
  throw unwritable('.env');
}

/** Comment lines for msmtprc, main.cf and .env: one `#` line per text line, never more. */
export function hashComment(lines: string[]): string {
  return lines
    .map((line) => {
      if (!isSingleLineText(line)) throw new Error('comment text must be a single line');
      return `# ${line}`;
    })
    .join('\n');
}

/** `2026-12-02 06:40 UTC`, formatted from a parsed date so no stored text reaches a file. */
export function formatDate(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw unwritable('the file');
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
