/**
 * The test message: one short mail over the verified setting, sent with nodemailer
 * (a maintained client whose STARTTLS upgrade discards anything sent in plaintext
 * after the 220). TLS is never optional here: implicit TLS, or `requireTLS` so a
 * missing or failed STARTTLS stops the send; TLS 1.2 at least; the certificate is
 * verified by the log-in test's own check first (one trust model: bundled roots,
 * NODE_EXTRA_CA_CERTS, the user's CA, the system store), and nodemailer then
 * verifies with that very store, or trusts exactly the certificate the user pinned.
 *
 * Outcomes as for the log-in test: resolves when the server judged the message
 * (accepted with its queue id, or refused with its reply); rejects with a
 * UserFacingError when the message was never offered (no verified TLS, log-in
 * refused, unreachable, timeout, cancelled).
 */
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Language, SendTestRequest, SendTestResult } from '../../contract.js';
import { cancelledError, UserFacingError } from '../core/errors.js';
import { normalizeHost } from '../core/host.js';
import { explainError } from '../tls/error-explanations.js';
import { TrustStore } from '../tls/trust.js';
import { stoppedError } from './explanations.js';
import { authFailureKey, type LoginOptions } from './login-test.js';
import { secretForms, xoauth2Exchange } from './sasl.js';
import { defaultTimeoutMs, normalizeFingerprint, openSecureSession } from './secure-session.js';
import { printable } from '../core/printable.js';
import { redactSecrets } from '../smtp/transcript.js';

const securityNames = { 'implicit-tls': 'SSL/TLS', starttls: 'STARTTLS' } as const;

/** Subject and body in the user's language, saying who sent it and why. */
export function testMessage(request: SendTestRequest): { subject: string; text: string } {
  const where = `${request.host}:${request.port} (${securityNames[request.security]})`;
  const texts: Record<Language, { subject: string; text: string }> = {
    en: {
      subject: 'MailTLS test message',
      text: `This message was sent by MailTLS to verify the outgoing mail setting ${where}.\r\nIt was sent over an encrypted, verified connection. No reply is needed.\r\n`,
    },
    ja: {
      subject: 'MailTLS テストメッセージ',
      text: `このメッセージは、送信メールサーバーの設定 ${where} を確認するために MailTLS が送信しました。\r\n暗号化され、検証された接続で送信しています。返信は不要です。\r\n`,
    },
  };
  return texts[request.language];
}

/**
 * The queue id in a final 250 reply, from the forms servers actually use:
 * Postfix "Ok: queued as 4Xyz", Exim "OK id=1abc-0002-Xy", Microsoft "<id@host>
 * [InternalId=...] Queued mail for delivery", Gmail "OK  1700000000 abc123-gsmtp".
 */
export function queueIdOf(reply: string): string | null {
  const patterns = [
    /queued as\s+<?([\w.@-]+?)>?(?:\s|$)/i,
    /\bid=([\w.-]+)/i,
    /<([^<>\s]+)>/,
    /\s(\S+)\s+-\s+gsmtp\b/i,
  ];
  for (const pattern of patterns) {
    const id = pattern.exec(reply)?.[1];
    if (id) return id;
  }
  return null;
}

interface NodemailerError extends Error {
  code?: string;
  originalCode?: string;
  response?: string;
  responseCode?: number;
}

const leads = {
  insecure: {
    en: 'The test message was not sent: there was no verified encrypted connection.',
    ja: '検証済みの暗号化された接続がなかったため、テストメッセージは送信しませんでした。',
  },
  auth: {
    en: 'The test message was not sent: the server refused the log-in.',
    ja: 'サーバーがログインを拒否したため、テストメッセージは送信できませんでした。',
  },
  noToken: {
    en: 'The test message was not sent, and neither was the access token.',
    ja: 'テストメッセージは送信せず、アクセストークンも送信しませんでした。',
  },
  failed: {
    en: 'The test message could not be sent.',
    ja: 'テストメッセージを送信できませんでした。',
  },
} satisfies Record<string, Record<Language, string>>;

/** Table rows that mean "TLS or the certificate failed": the send stopped for security. */
const tlsKeys = /^(cert-|tls-|starttls-)/;

function sendError(
  error: NodemailerError,
  reason: 'cancelled' | 'timeout' | null,
  withToken: boolean,
): UserFacingError {
  if (reason === 'cancelled') return cancelledError();
  if (reason === 'timeout') return stoppedError('timeout', leads.failed, 'port-blocked');
  if (error.code === 'EAUTH')
    return stoppedError(
      'auth-failed',
      leads.auth,
      authFailureKey(error.response ?? error.message, withToken),
    );
  const key = explainError(error.message, error.originalCode ?? error.code)?.key;
  if (error.code === 'ETLS' || error.code === 'EREQUIRETLS' || (key && tlsKeys.test(key))) {
    return stoppedError('insecure', leads.insecure, key ?? 'tls-failed');
  }
  if (error.code === 'ETIMEDOUT') return stoppedError('timeout', leads.failed, key ?? 'port-blocked');
  return stoppedError('io', leads.failed, key ?? 'connection-closed');
}

/** The server offered no XOAUTH2: the handler below stopped before the token left. */
class XOAuth2NotOffered extends Error {}

/**
 * nodemailer's log-in options. A token goes through our own XOAUTH2 handler
 * rather than nodemailer's, which sends the token even to a server that does not
 * offer XOAUTH2 and, after a refusal, sends it a second time.
 */
function authOptions(
  credentials: SendTestRequest['credentials'],
): Pick<SMTPTransport.Options, 'auth' | 'customAuth'> {
  if ('password' in credentials) return { auth: { user: credentials.user, pass: credentials.password } };
  const { user, accessToken } = credentials;
  return {
    auth: { type: 'OAuth2', user, accessToken },
    customAuth: {
      async XOAUTH2(context) {
        if (!context.authMethods.includes('XOAUTH2')) return context.reject(new XOAuth2NotOffered());
        const send = async (line: string) => {
          const reply = await context.sendCommand(line);
          return { code: reply.status, raw: reply.response };
        };
        // nodemailer masks AUTH lines itself (and its logger is off), so `send` need not.
        const final = await xoauth2Exchange(send, user, accessToken);
        if (final.code === 235) context.resolve();
        else context.reject(final.raw);
      },
    },
  };
}

/**
 * TLS options for nodemailer. The certificate is checked first over our own
 * connection, with the same TrustStore as the log-in test (so a chain only the
 * system store anchors, or a pinned certificate, is judged exactly as there);
 * nodemailer then verifies against that store. A pinned certificate is trusted for
 * exactly this send: the chain may end at it (self-signed) and the name check
 * passes only for that fingerprint.
 */
async function tlsOptions(request: SendTestRequest, host: string, timeoutMs: number, signal?: AbortSignal) {
  const checked = await openSecureSession(request, timeoutMs, signal);
  await checked.session.quit(checked.deadline.stage());
  // The store's context also holds the TLS 1.2 minimum.
  const options: tls.ConnectionOptions = { secureContext: checked.trust.context() };
  // SNI carries names only, never an address literal (RFC 6066 §3).
  if (isIP(host) === 0) options.servername = host;
  const pinned = request.pinnedFingerprint256;
  if (pinned) {
    options.secureContext = new TrustStore(`${request.caPem ?? ''}\n${checked.certificatePem}`).context();
    options.checkServerIdentity = (name, cert) =>
      normalizeFingerprint(cert.fingerprint256) === normalizeFingerprint(pinned)
        ? undefined
        : tls.checkServerIdentity(name, cert);
  }
  return options;
}

export async function sendTestMessage(
  request: SendTestRequest,
  options: LoginOptions = {},
): Promise<SendTestResult> {
  const host = normalizeHost(request.host).ascii;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const transport = createTransport({
    host,
    port: request.port,
    secure: request.security === 'implicit-tls',
    requireTLS: request.security === 'starttls',
    ...authOptions(request.credentials),
    tls: await tlsOptions(request, host, timeoutMs, options.signal),
    connectionTimeout: Math.min(timeoutMs, 10_000),
    greetingTimeout: Math.min(timeoutMs, 10_000),
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  // A server may echo what the log-in sent; no form of the secret reaches the reply field.
  const secrets = secretForms(request.credentials);
  const redacted = (text: string) => redactSecrets(text, secrets);
  try {
    const info = await transport.sendMail({
      from: request.from,
      to: request.to,
      ...testMessage(request),
      signal,
    });
    return {
      accepted: info.accepted.length > 0,
      queueId: queueIdOf(redacted(info.response)),
      serverReply: printable(redacted(info.response)),
    };
  } catch (raw) {
    const error = raw as NodemailerError;
    const reason = options.signal?.aborted ? 'cancelled' : timeout.aborted ? 'timeout' : null;
    // The server refused the envelope or the message itself: that is its verdict.
    if (!reason && (error.code === 'EENVELOPE' || error.code === 'EMESSAGE') && error.response) {
      return { accepted: false, queueId: null, serverReply: printable(redacted(error.response)) };
    }
    if (error instanceof XOAuth2NotOffered)
      throw stoppedError('auth-failed', leads.noToken, 'xoauth2-not-offered');
    throw sendError(error, reason, 'accessToken' in request.credentials);
  } finally {
    transport.close();
  }
}
