/**
 * Files the user names on the command line, read the same way by every command.
 * Synchronously: they are small local files read once at start, and node:fs/promises
 * would load a dozen more of Node's modules on every cold `mailtls check --ca`.
 */
import { readFileSync, statSync } from 'node:fs';
import { UserFacingError } from '../engine/core/errors.js';
import { maxImportBytes } from '../engine/core/limits.js';

/** Far above any real CA bundle; a larger file is not one and is not read into memory. */
const maxCaBytes = 1_000_000;

/** The CA certificate(s) of `--ca FILE`: a readable PEM file of at most 1 MB, or one clear error. */
export function readCa(file: string): string {
  let pem: string;
  try {
    const { size } = statSync(file);
    if (size > maxCaBytes) {
      throw new UserFacingError('io', {
        en: `The CA file ${file} is too large (${size} bytes; at most 1 MB).`,
        ja: `CA ファイル ${file} は大きすぎます（${size} バイト。1 MB まで）。`,
      });
    }
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UserFacingError('io', {
      en: `Cannot read the CA file ${file} (${code}).`,
      ja: `CA ファイル ${file} を読めません（${code}）。`,
    });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new UserFacingError('io', {
      en: `${file} contains no PEM certificate (-----BEGIN CERTIFICATE-----).`,
      ja: `${file} に PEM 形式の証明書（-----BEGIN CERTIFICATE-----）が含まれていません。`,
    });
  }
  return pem;
}

/** Reads a file the user named, refusing huge ones before reading them. */
export function readInputFile(file: string): string {
  try {
    const info = statSync(file);
    if (info.size > maxImportBytes) {
      throw new UserFacingError('invalid-input', {
        en: `${file} is too large to be a report or profile (at most 1 MiB).`,
        ja: `${file} は大きすぎるため、検査結果やプロファイルではありません（1 MiB まで）。`,
      });
    }
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UserFacingError('io', {
      en: `Cannot read ${file} (${code}).`,
      ja: `${file} を読めません（${code}）。`,
    });
  }
}
