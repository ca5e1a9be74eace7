/**
 * The marker password and every form it could leak in: as typed, base64 alone
 * (AUTH LOGIN), inside the PLAIN response, and URL-encoded. A test passes an
 * output through `expectNoSecret` to prove none of these forms is in it.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { plainResponse } from '../../electron/engine/login/sasl.js';

export const user = 'alice@example.test';
export const password = `Mk-${randomBytes(8).toString('hex')}-pw`;

const forms = [
  password,
  Buffer.from(password).toString('base64'),
  plainResponse(user, password),
  encodeURIComponent(password),
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
