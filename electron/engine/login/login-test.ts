/**
 * The log-in test: over a verified TLS session only, AUTH with the best mechanism
 * the server offers after TLS (XOAUTH2 and nothing else for an access token), then
 * QUIT. Nothing is sent but the credentials.
 *
 * Outcomes: the promise resolves when the server judged the credentials (success,
 * or success false with an explanation key and the server's reply) or offered no
 * usable log-in; it rejects with a UserFacingError when the test could not get that
 * far (invalid host, unreachable, timeout, cancelled, or `insecure`: no verified TLS).
 */
import type { Language, LoginTestRequest, LoginTestResult } from '../../contract.js';
import { authMechanisms } from '../smtp/capabilities.js';
import type { Reply } from '../smtp/reply.js';
import type { SmtpSession } from '../smtp/session.js';
import type { Deadline } from '../core/deadline.js';
import { explainReply, explanationFor } from './explanations.js';
import {
  chooseMechanism,
  cramMd5Forms,
  cramMd5Response,
  loginResponses,
  plainResponse,
  secretForms,
  xoauth2Exchange,
  type Login,
} from './sasl.js';
import { hidden, type Transcript } from '../smtp/transcript.js';
import { defaultTimeoutMs, openSecureSession, userError } from './secure-session.js';
import { printable } from '../core/printable.js';

export interface LoginOptions {
  signal?: AbortSignal;
  /** Deadline for the whole test (default 30 s). */
  timeoutMs?: number;
}

/** Runs the SASL exchange; resolves with the server's final reply (235 on success). */
async function authenticate(
  session: SmtpSession,
  login: Login,
  deadline: Deadline,
  transcript: Transcript,
): Promise<Reply> {
  const step = (line: string, redacted?: string) => session.command(line, deadline.stage(), redacted);
  switch (login.mechanism) {
    case 'XOAUTH2':
      return xoauth2Exchange(
        (line, secret) => step(line, secret ? `AUTH XOAUTH2 ${hidden}` : undefined),
        login.user,
        login.accessToken,
      );
    case 'PLAIN': {
      const response = plainResponse(login.user, login.password);
      const reply = await step(`AUTH PLAIN ${response}`, `AUTH PLAIN ${hidden}`);
      // A server that does not take an initial response asks for it with an empty 334.
      return reply.code === 334 ? step(response, hidden) : reply;
    }
    case 'LOGIN': {
      const [userAnswer, passwordAnswer] = loginResponses(login.user, login.password);
      const started = await step('AUTH LOGIN');
      if (started.code !== 334) return started;
      const asked = await step(userAnswer);
      return asked.code === 334 ? step(passwordAnswer, hidden) : asked;
    }
    case 'CRAM-MD5': {
      const challenge = await step('AUTH CRAM-MD5');
      if (challenge.code !== 334) return challenge;
      const response = cramMd5Response(login.user, login.password, challenge.lines[0] ?? '');
      transcript.hide(...cramMd5Forms(response));
      return step(response, hidden);
    }
  }
}

/** Error-table rows that can explain a refused AUTH; anything else is a plain "refused". */
const authExplanations = new Set([
  'gmail-app-password',
  'gmail-signin-blocked',
  'm365-smtp-auth-disabled',
  'server-throttled',
  'tls-required',
  'auth-failed',
]);

/**
 * With a token the password advice would mislead (Gmail refuses a bad token with
 * its "Username and Password not accepted"), so only the rows that hold for any
 * log-in stay.
 */
const tokenExplanations = new Set(['m365-smtp-auth-disabled', 'server-throttled', 'tls-required']);

export function authFailureKey(reply: string, withToken: boolean): string {
  const key = explainReply(reply, 'auth-failed');
  if (withToken) return tokenExplanations.has(key) ? key : 'xoauth2-token-refused';
  return authExplanations.has(key) ? key : 'auth-failed';
}

/** The result as every front end reads it: advice for the explanation, the reply and transcript redacted. */
/**
 * No mechanism to log in with: notes why, says goodbye and gives the explanation's key
 * (nothing offered over TLS, no XOAUTH2 for a token, or none we support).
 */
export async function noUsableMechanism(
  offered: string[],
  withToken: boolean,
  transcript: Transcript,
  goodbye: () => Promise<unknown>,
): Promise<string> {
  transcript.note(
    offered.length
      ? { key: 'no-supported-mechanism', offered: offered.join(' ') }
      : { key: 'auth-not-offered' },
  );
  await goodbye();
  if (!offered.length) return 'auth-not-offered';
  return withToken ? 'xoauth2-not-offered' : 'auth-mechanism-unsupported';
}

export function loginResult(
  fields: Omit<LoginTestResult, 'advice' | 'transcript'>,
  transcript: Transcript,
): LoginTestResult {
  const explanation = fields.explanation ? explanationFor(fields.explanation) : null;
  const advice = explanation ? (explanation.text as Record<Language, { cause: string; fix: string }>) : null;
  const serverReply = fields.serverReply === null ? null : printable(transcript.redacted(fields.serverReply));
  return { ...fields, serverReply, advice, transcript: transcript.toJSON() };
}

export async function loginTest(
  request: LoginTestRequest,
  options: LoginOptions = {},
): Promise<LoginTestResult> {
  const secure = await openSecureSession(request, options.timeoutMs ?? defaultTimeoutMs, options.signal);
  const { session, extensions, transcript, deadline } = secure;
  try {
    const offered = authMechanisms(extensions);
    const withToken = 'accessToken' in request.credentials;
    const login = chooseMechanism(offered, request.credentials);
    if (!login) {
      const explanation = await noUsableMechanism(offered, withToken, transcript, () =>
        session.quit(deadline.stage()),
      );
      return loginResult({ success: false, mechanism: null, explanation, serverReply: null }, transcript);
    }
    const { mechanism } = login;
    transcript.hide(...secretForms(request.credentials));
    const reply = await authenticate(session, login, deadline, transcript);
    if (reply.code !== 235) {
      await session.quit(deadline.stage());
      const explanation = authFailureKey(reply.raw, withToken);
      return loginResult({ success: false, mechanism, explanation, serverReply: reply.raw }, transcript);
    }
    let explanation: string | null = null;
    if (request.checkSessionFixation) {
      // RFC 3207: once TLS is active a second STARTTLS must be refused.
      const again = await session.command('STARTTLS', deadline.stage());
      if (again.code === 220) {
        explanation = 'session-fixation-risk';
        transcript.note({ key: 'starttls-after-login-accepted' });
        // It now waits for a handshake inside TLS; there is nothing polite left to say.
        session.destroy();
        return loginResult({ success: true, mechanism, explanation, serverReply: reply.raw }, transcript);
      }
      transcript.note({ key: 'starttls-after-login-refused' });
    }
    await session.quit(deadline.stage());
    return loginResult({ success: true, mechanism, explanation, serverReply: reply.raw }, transcript);
  } catch (error) {
    session.destroy();
    throw userError(error);
  }
}
