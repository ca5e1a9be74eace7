/**
 * The client side of the SASL mechanisms the log-in test speaks (RFC 4616 PLAIN,
 * the LOGIN draft, RFC 2195 CRAM-MD5, and Google's and Microsoft's XOAUTH2 for an
 * OAuth2 access token). Each one is a few bytes of base64; they are written here
 * rather than borrowed so that every line sent is under our control and can be
 * redacted in the transcript.
 */
import { createHmac } from 'node:crypto';
import type { LoginTestRequest } from '../../contract.js';

export const passwordMechanisms = ['PLAIN', 'LOGIN', 'CRAM-MD5'] as const;
export type PasswordMechanism = (typeof passwordMechanisms)[number];

/** The chosen mechanism together with the secret it carries. */
export type Login =
  | { mechanism: PasswordMechanism; user: string; password: string }
  | { mechanism: 'XOAUTH2'; user: string; accessToken: string };

/**
 * A token goes to XOAUTH2 only: sent through a password mechanism it would be a
 * bearer credential handed to a password check. A password: over TLS it is
 * protected by the channel, so the most widely implemented mechanism wins,
 * CRAM-MD5 only when nothing else is offered.
 */
export function chooseMechanism(
  offered: string[],
  credentials: LoginTestRequest['credentials'],
): Login | null {
  if ('accessToken' in credentials) {
    return offered.includes('XOAUTH2') ? { mechanism: 'XOAUTH2', ...credentials } : null;
  }
  const mechanism = passwordMechanisms.find((m) => offered.includes(m));
  return mechanism ? { mechanism, ...credentials } : null;
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

/** `user=<user>^Aauth=Bearer <token>^A^A`, base64 (the format Gmail and Microsoft 365 document). */
export function xoauth2Response(user: string, accessToken: string): string {
  return base64(`user=${user}\x01auth=Bearer ${accessToken}\x01\x01`);
}

/**
 * Every form of the secret a log-in sends that does not depend on the server's
 * challenge: the secret itself, its base64, the PLAIN blob and the XOAUTH2 blob
 * (base64 without padding, so an echo that dropped the "=" still matches). A
 * server that echoes any of them back must not get it into a transcript, reply
 * or log; the CRAM-MD5 answer is added once it is computed (cramMd5Forms).
 */
export function secretForms(credentials: LoginTestRequest['credentials']): string[] {
  const unpadded = (value: string) => value.replace(/=+$/, '');
  if ('accessToken' in credentials) {
    const { user, accessToken } = credentials;
    return [accessToken, unpadded(base64(accessToken)), unpadded(xoauth2Response(user, accessToken))];
  }
  const { user, password } = credentials;
  return [password, unpadded(base64(password)), unpadded(plainResponse(user, password))];
}

/** The CRAM-MD5 answer as sent and as decoded (`user digest`), and the digest alone. */
export function cramMd5Forms(response: string): string[] {
  const decoded = Buffer.from(response, 'base64').toString('utf8');
  return [response.replace(/=+$/, ''), decoded, decoded.slice(decoded.lastIndexOf(' ') + 1)];
}

/**
 * The XOAUTH2 exchange over any line channel. A refused token is answered with a
 * 334 carrying the server's JSON error; the client then sends an empty line and
 * the server gives its final reply (535). `send` is told which line holds the token.
 */
export async function xoauth2Exchange<R extends { code: number }>(
  send: (line: string, secret: boolean) => Promise<R>,
  user: string,
  accessToken: string,
): Promise<R> {
  const reply = await send(`AUTH XOAUTH2 ${xoauth2Response(user, accessToken)}`, true);
  return reply.code === 334 ? send('', false) : reply;
}
