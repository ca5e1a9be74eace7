/**
 * The client side of the SASL mechanisms the log-in test speaks (RFC 4616 PLAIN,
 * the LOGIN draft, RFC 2195 CRAM-MD5). Each one is a few bytes of base64; they are
 * written here rather than borrowed so that every line sent is under our control
 * and can be redacted in the transcript.
 */
import { createHmac } from 'node:crypto';

export const mechanismPreference = ['PLAIN', 'LOGIN', 'CRAM-MD5'] as const;
export type Mechanism = (typeof mechanismPreference)[number];

/**
 * Over TLS the password is protected by the channel, so the most widely
 * implemented mechanism wins; CRAM-MD5 only when nothing else is offered.
 */
export function chooseMechanism(offered: string[]): Mechanism | null {
  return mechanismPreference.find((mechanism) => offered.includes(mechanism)) ?? null;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** `\0user\0password`, base64 (no authorization identity). */
export function plainResponse(user: string, password: string): string {
  return base64(`\0${user}\0${password}`);
}

/** LOGIN sends the user name and the password as two separate base64 answers. */
export function loginResponses(user: string, password: string): [string, string] {
  return [base64(user), base64(password)];
}

/** `user HMAC-MD5(password, challenge)` in lower-case hex, base64; the challenge arrives base64-encoded. */
export function cramMd5Response(user: string, password: string, challengeBase64: string): string {
  const challenge = Buffer.from(challengeBase64.trim(), 'base64');
  const digest = createHmac('md5', password).update(challenge).digest('hex');
  return base64(`${user} ${digest}`);
}
