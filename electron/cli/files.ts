/**
 * Files the user names on the command line, read the same way by every command.
 * Synchronously: they are small local files read once at start, and node:fs/promises
 * would load a dozen more of Node's modules on every cold `mailtls check --ca`.
 */
import { readFileSync, statSync } from 'node:fs';
import type { BridgeError, Language } from '../contract.js';
import { UserFacingError } from '../engine/core/errors.js';
import { maxImportBytes } from '../engine/core/limits.js';

/** What the user reads about a named file that is too large or cannot be read. */
export interface BoundedFileWords {
  /** The file is over its limit (`size` bytes); it was not read. */
  tooLarge: (size: number) => Record<Language, string>;
  /** Node's error code (ENOENT, EACCES, EISDIR…); by default "Cannot read FILE (CODE)." */
  unreadable?: (code: string) => Record<Language, string>;
}

/**
 * Refuses a file over `limit` bytes before it is read, as `kind`: each caller says
 * whether a huge file is an input mistake or an I/O problem.
 */
export function refuseOversized(
  size: number,
  limit: number,
  words: BoundedFileWords,
  kind: BridgeError['code'],
): void {
  if (size > limit) throw new UserFacingError(kind, words.tooLarge(size));
}

/** A failed bounded read as the user sees it: our own refusal as it is, an I/O failure as `io`. */
export function unreadableFile(file: string, error: unknown, words: BoundedFileWords): UserFacingError {
  if (error instanceof UserFacingError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new UserFacingError(
    'io',
    words.unreadable?.(code) ?? {
      en: `Cannot read ${file} (${code}).`,
      ja: `${file} を読めません（${code}）。`,
    },
  );
}

/** Reads a named file of at most `limit` bytes as text, or throws one clear error. */
export function readBoundedFile(
  file: string,
  limit: number,
  words: BoundedFileWords,
  tooLargeKind: BridgeError['code'],
): string {
  try {
    refuseOversized(statSync(file).size, limit, words, tooLargeKind);
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw unreadableFile(file, error, words);
  }
}

/** Far above any real CA bundle; a larger file is not one and is not read into memory. */
const maxCaBytes = 1_000_000;

/** The CA certificate(s) of `--ca FILE`: a readable PEM file of at most 1 MB, or one clear error. */
export function readCa(file: string): string {
  const pem = readBoundedFile(
    file,
    maxCaBytes,
    {
      tooLarge: (size) => ({
        en: `The CA file ${file} is too large (${size} bytes; at most 1 MB).`,
        ja: `CA ファイル ${file} は大きすぎます（${size} バイト。1 MB まで）。`,
      }),
      unreadable: (code) => ({
        en: `Cannot read the CA file ${file} (${code}).`,
        ja: `CA ファイル ${file} を読めません（${code}）。`,
      }),
    },
    'io',
  );
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new UserFacingError('io', {
      en: `${file} contains no PEM certificate (-----BEGIN CERTIFICATE-----).`,
      ja: `${file} に PEM 形式の証明書（-----BEGIN CERTIFICATE-----）が含まれていません。`,
    });
  }
  return pem;
}

/** Reads a report or profile the user named, refusing huge ones before reading them. */
export function readInputFile(file: string): string {
  return readBoundedFile(
    file,
    maxImportBytes,
    {
      tooLarge: () => ({
        en: `${file} is too large to be a report or profile (at most 1 MiB).`,
        ja: `${file} は大きすぎるため、検査結果やプロファイルではありません（1 MiB まで）。`,
      }),
    },
    'invalid-input',
  );
}
