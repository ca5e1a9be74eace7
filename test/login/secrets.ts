/**
 * The marker password and access token and every form they could leak in: as
 * typed, base64 alone (AUTH LOGIN), inside the PLAIN or XOAUTH2 response, and
 * URL-encoded. A test passes an output through `expectNoSecret` to prove none of
 * these forms is in it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { UserFacingError } from '../../electron/engine/core/errors.js';
import type { SecretCipher } from '../../electron/engine/login/index.js';
import { plainResponse, xoauth2Response } from '../../electron/engine/login/sasl.js';

export const user = 'alice@example.test';
export const password = `Mk-${randomBytes(8).toString('hex')}-pw`;
export const accessToken = `ya29.Mk-${randomBytes(12).toString('hex')}-tok`;

const forms = [
  password,
  Buffer.from(password).toString('base64'),
  plainResponse(user, password),
  encodeURIComponent(password),
  accessToken,
  Buffer.from(accessToken).toString('base64'),
  xoauth2Response(user, accessToken),
  encodeURIComponent(accessToken),
];

/** Every output examined by the suite, for the closing sweep. */
export const examined: string[] = [];

export function expectNoSecret(value: unknown): void {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  examined.push(text);
  for (const form of forms) expect(text).not.toContain(form);
}

/** The text of an error as every front end would show it (message, both languages, code). */
export function errorText(error: unknown): string {
  if (error && typeof error === 'object') {
    return JSON.stringify({ ...error, message: (error as Error).message, stack: (error as Error).stack });
  }
  return String(error);
}

/** The UserFacingError a refused test rejects with, after checking no secret is in it. */
export async function rejection(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  expectNoSecret(errorText(error));
  return error as UserFacingError;
}

/** What safeStorage does, in miniature: authenticated encryption under a key the OS keeps. */
export function keychainCipher(available = true, key = randomBytes(32)): SecretCipher {
  return {
    isAvailable: () => available,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
