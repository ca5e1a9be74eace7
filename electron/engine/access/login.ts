/**
 * The log-in test for the incoming server (issue 14): the same credential rules as
 * the SMTP one (engine/login/login-test.ts). Credentials cross only a TLS session
 * of version 1.2 or newer whose certificate verifies for the host (or is the pinned
 * one): implicit TLS (993, 995) or a STARTTLS/STLS the server accepted, never a
 * plaintext fallback. IMAP logs in with AUTHENTICATE PLAIN (or LOGIN), POP3 with
 * AUTH PLAIN (or USER/PASS); every form of the secret is redacted from the
 * transcript and the reply. Nothing but the log-in and the goodbye is sent.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingProtocol, LoginTestRequest, LoginTestResult } from '../../contract.js';
import { Deadline } from '../core/deadline.js';
import { authFailureKey, loginResult, noUsableMechanism, type LoginOptions } from '../login/login-test.js';
import { plainResponse, secretForms } from '../login/sasl.js';
import {
  connectVerified,
  defaultTimeoutMs,
  stageMs,
  userError,
  withSystemStoreRetry,
  type SessionContext,
} from '../login/secure-session.js';
import { hidden, Transcript } from '../smtp/transcript.js';
import { TrustStore } from '../tls/trust.js';
import type { AccessDialect } from './dialect.js';
import { imapDialect } from './imap.js';
import { pop3Dialect } from './pop3.js';
import { AccessSession } from './session.js';

export type IncomingLoginRequest = LoginTestRequest & { protocol: IncomingProtocol };

const dialects: Record<IncomingProtocol, AccessDialect> = { imap: imapDialect, pop3: pop3Dialect };

interface Secure {
  session: AccessSession;
  /** The capabilities announced inside TLS (the only ones that count). */
  capabilities: string[] | null;
}

/** The IMAP/POP3 opening: the dialect's greeting and STARTTLS/STLS; capabilities asked again inside TLS. */
function connectAccessVerified(
  request: IncomingLoginRequest,
  dialect: AccessDialect,
  context: SessionContext,
): Promise<Secure> {
  const { deadline, transcript, signal } = context;
  return connectVerified(
    request,
    {
      open: (socket) => new AccessSession(socket, transcript, signal, dialect.goodbye),
      greet: (session) => dialect.greeting(session, deadline),
      offersStarttls: async (session) =>
        dialect.starttlsOffered(await dialect.capabilities(session, deadline)),
      startTls: async (session) => (await dialect.starttls(session, deadline)).ok,
      secured: async (session) => ({
        session,
        capabilities: await dialect.capabilities(session, deadline),
      }),
    },
    context,
  );
}

/** The server's verdict on the credentials: accepted or not, and its last line. */
interface Verdict {
  accepted: boolean;
  reply: string;
}

/** An IMAP quoted string; null when the text cannot be one (line breaks, NUL, non-ASCII). */
function imapQuoted(text: string): string | null {
  return /^[\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(text) ? `"${text.replace(/[\\"]/g, '\\$&')}"` : null;
}

async function imapLogin(
  session: AccessSession,
  mechanism: 'PLAIN' | 'LOGIN',
  user: string,
  password: string,
  context: SessionContext,
): Promise<Verdict> {
  const tag = `m${randomBytes(3).toString('hex')}`;
  const completed = (line: string) => line.startsWith(`${tag} `);
  const finish = (lines: string[]): Verdict => {
    const reply = lines[lines.length - 1] ?? '';
    return { accepted: /^\S+ OK\b/i.test(reply), reply };
  };
  if (mechanism === 'LOGIN') {
    const quotedUser = imapQuoted(user) ?? '';
    const quotedPassword = imapQuoted(password) ?? '';
    context.transcript.hide(quotedPassword);
    session.send(`${tag} LOGIN ${quotedUser} ${quotedPassword}`, `${tag} LOGIN ${quotedUser} ${hidden}`);
    return finish(await session.response(completed, context.deadline.stage(), 'LOGIN'));
  }
  session.send(`${tag} AUTHENTICATE PLAIN`);
  const asked = await session.response(
    (line) => line.startsWith('+') || completed(line),
    context.deadline.stage(),
    'AUTHENTICATE',
  );
  if (!(asked[asked.length - 1] ?? '').startsWith('+')) return finish(asked);
  session.send(plainResponse(user, password), hidden);
  return finish(await session.response(completed, context.deadline.stage(), 'AUTHENTICATE'));
}

async function pop3Login(
  session: AccessSession,
  mechanism: 'PLAIN' | 'USER',
  user: string,
  password: string,
  context: SessionContext,
): Promise<Verdict> {
  const line = async (command: string, text: string, redacted?: string) => {
    session.send(text, redacted);
    const [answer = ''] = await session.response(() => true, context.deadline.stage(), command);
    return answer;
  };
  const verdict = (reply: string): Verdict => ({ accepted: /^\+OK\b/i.test(reply), reply });
  if (mechanism === 'USER') {
    const named = await line('USER', `USER ${user}`);
    if (!/^\+OK\b/i.test(named)) return verdict(named);
    return verdict(await line('PASS', `PASS ${password}`, `PASS ${hidden}`));
  }
  const response = plainResponse(user, password);
  const answer = await line('AUTH', `AUTH PLAIN ${response}`, `AUTH PLAIN ${hidden}`);
  // A server that takes no initial response asks for it with "+ ".
  return answer.startsWith('+ ') || answer === '+'
    ? verdict(await line('AUTH', response, hidden))
    : verdict(answer);
}

/** The password mechanism to use, PLAIN first (it carries any character); null when none fits. */
function passwordMechanism(
  protocol: IncomingProtocol,
  offered: string[],
  user: string,
  password: string,
): 'PLAIN' | 'LOGIN' | 'USER' | null {
  if (offered.includes('PLAIN')) return 'PLAIN';
  if (protocol === 'pop3') return offered.includes('USER') && !/[\r\n]/.test(user + password) ? 'USER' : null;
  return offered.includes('LOGIN') && imapQuoted(user) !== null && imapQuoted(password) !== null
    ? 'LOGIN'
    : null;
}

export async function incomingLoginTest(
  request: IncomingLoginRequest,
  options: LoginOptions = {},
): Promise<LoginTestResult> {
  const dialect = dialects[request.protocol];
  const context: SessionContext = {
    trust: new TrustStore(request.caPem),
    deadline: new Deadline(options.timeoutMs ?? defaultTimeoutMs, stageMs),
    transcript: new Transcript(),
    signal: options.signal,
  };
  const { transcript, deadline } = context;
  let secure: Secure;
  try {
    secure = await withSystemStoreRetry(context.trust, transcript, () =>
      connectAccessVerified(request, dialect, context),
    );
  } catch (error) {
    throw userError(error);
  }
  const { session, capabilities } = secure;
  try {
    const offered = dialect.loginOffers(capabilities, true);
    const { credentials } = request;
    const mechanism =
      'password' in credentials
        ? passwordMechanism(request.protocol, offered, credentials.user, credentials.password)
        : null;
    if (!mechanism || !('password' in credentials)) {
      const explanation = await noUsableMechanism(offered, 'accessToken' in credentials, transcript, () =>
        session.quit(deadline.stage()),
      );
      return loginResult({ success: false, mechanism: null, explanation, serverReply: null }, transcript);
    }
    transcript.hide(...secretForms(credentials));
    const { user, password } = credentials;
    const verdict =
      request.protocol === 'imap'
        ? await imapLogin(session, mechanism === 'LOGIN' ? 'LOGIN' : 'PLAIN', user, password, context)
        : await pop3Login(session, mechanism === 'USER' ? 'USER' : 'PLAIN', user, password, context);
    await session.quit(deadline.stage());
    return loginResult(
      {
        success: verdict.accepted,
        mechanism,
        explanation: verdict.accepted ? null : authFailureKey(verdict.reply, false),
        serverReply: verdict.reply,
      },
      transcript,
    );
  } catch (error) {
    session.destroy();
    throw userError(error);
  }
}
