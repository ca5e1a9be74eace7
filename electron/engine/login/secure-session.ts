/**
 * An SMTP session that is safe to send credentials over: TLS from the first byte
 * (implicit TLS) or a required STARTTLS (never a plaintext fallback), then a
 * certificate that verifies for the host name — or matches the fingerprint the user
 * pinned — and a fresh EHLO over TLS. The audit's TrustStore accepts any
 * certificate so it can report on it; a log-in must not, so the check happens here,
 * before a single credential byte is written. The verdict is the audit's own
 * (inspectCertificate with the same TrustStore), so the two never disagree; a chain
 * only the operating system's store anchors is tried again with that store.
 * The opening itself (connectVerified) serves the IMAP/POP3 log-in too
 * (access/login.ts), which brings its own session, greeting and STARTTLS/STLS.
 */
import type { X509Certificate } from 'node:crypto';
import type * as net from 'node:net';
import type * as tls from 'node:tls';
import type { Language, LoginTestRequest } from '../../contract.js';
import { Deadline } from '../core/deadline.js';
import { cancelledError, UserFacingError } from '../core/errors.js';
import { normalizeHost } from '../core/host.js';
import { ThrottledError, readGreeting, sayEhlo } from '../smtp/dialogue.js';
import { hasExtension } from '../smtp/capabilities.js';
import { SmtpSession } from '../smtp/session.js';
import { SmtpError } from '../smtp/smtp-error.js';
import { Transcript } from '../smtp/transcript.js';
import { connectTcp, handshake } from '../smtp/transport.js';
import { inspectCertificate } from '../tls/certificate.js';
import { explainError } from '../tls/error-explanations.js';
import { TrustStore } from '../tls/trust.js';
import type { FramedSession } from '../wire/session.js';
import { stoppedError } from './explanations.js';

/** Like Thunderbird: each step gets 10 s, the whole test 30 s unless the caller says otherwise. */
export const defaultTimeoutMs = 30_000;
export const stageMs = 10_000;

export type Target = Pick<LoginTestRequest, 'host' | 'port' | 'security' | 'caPem' | 'pinnedFingerprint256'>;

export interface SecureSession {
  session: SmtpSession;
  socket: tls.TLSSocket;
  /** EHLO keywords received over TLS (the only ones that count). */
  extensions: string[];
  /** The certificate the server presented (PEM), verified or pinned. */
  certificatePem: string;
  transcript: Transcript;
  deadline: Deadline;
  /** The trust store that verified it (with the system store if that was needed). */
  trust: TrustStore;
}

/** Everything a secure session's opening needs, shared by the SMTP and IMAP/POP3 log-ins. */
export interface SessionContext {
  trust: TrustStore;
  deadline: Deadline;
  transcript: Transcript;
  signal: AbortSignal | undefined;
}

/** What differs between protocols in opening a verified session: the session and its dialogue. */
export interface Opening<S extends FramedSession<unknown>, R> {
  /** Wraps the socket (plain, or TLS from the first byte) in the protocol's session. */
  open(socket: net.Socket): S;
  /** Reads the server's greeting; throws when it is not one to go on with. */
  greet(session: S): Promise<unknown>;
  /** Before TLS: whether the server offers STARTTLS (or STLS). `plain` is the cleartext socket. */
  offersStarttls(session: S, plain: net.Socket): Promise<boolean>;
  /** Sends STARTTLS (or STLS); true when the server said go ahead. */
  startTls(session: S): Promise<boolean>;
  /** After the certificate verified: the protocol's first step inside TLS (EHLO, CAPABILITY). */
  secured(session: S, socket: tls.TLSSocket, certificatePem: string): Promise<R>;
}

/** `AB:CD:...`, `abcd...` and `sha256/AB CD` all name the same fingerprint. */
export function normalizeFingerprint(value: string): string {
  return value
    .replace(/^sha-?256[/:]?/i, '')
    .replace(/[^0-9a-f]/gi, '')
    .toUpperCase();
}

/**
 * Trusted when the chain verifies (the TrustStore's stores) and the name matches;
 * or when the leaf is exactly the certificate the user pinned. Returns the Node
 * code of what is wrong (null when trusted), the leaf as PEM and the chain.
 */
export function checkCertificate(
  socket: tls.TLSSocket,
  host: string,
  pinned: string | undefined,
  trust: TrustStore,
): { problem: string | null; pem: string; chain: X509Certificate[] } {
  // Read once: this Node hands the peer certificate out only on the first call.
  const inspection = inspectCertificate(socket, host, () => trust.anchors());
  const leaf = inspection?.chain[0];
  if (!inspection || !leaf) return { problem: 'NO_CERTIFICATE', pem: '', chain: [] };
  const { report, chain } = inspection;
  const pem = leaf.toString();
  if (pinned && normalizeFingerprint(pinned) === normalizeFingerprint(report.fingerprint256))
    return { problem: null, pem, chain };
  if (report.errorCode) return { problem: report.errorCode, pem, chain };
  if (!report.hostnameMatch) return { problem: 'ERR_TLS_CERT_ALTNAME_INVALID', pem, chain };
  return { problem: null, pem, chain };
}

/** The certificate was refused; `chain` lets the caller try the system store once. */
class CertificateRefused extends Error {
  constructor(
    readonly failure: UserFacingError,
    readonly chain: X509Certificate[],
  ) {
    super(failure.message);
  }
}

export const leads = {
  insecure: {
    en: 'MailTLS did not send your password or token: there was no verified encrypted connection.',
    ja: '検証済みの暗号化された接続がなかったため、パスワード（またはトークン）は送信しませんでした。',
  },
  certificate: {
    en: "MailTLS did not send your password or token: the server's certificate could not be verified.",
    ja: 'サーバーの証明書を検証できなかったため、パスワード（またはトークン）は送信しませんでした。',
  },
  failed: {
    en: 'The test could not be completed.',
    ja: 'テストを完了できませんでした。',
  },
} satisfies Record<string, Record<Language, string>>;

/** Turns a failure of the dialogue into the error the user sees. */
export function userError(error: unknown): unknown {
  if (error instanceof UserFacingError) return error;
  if (error instanceof ThrottledError) return stoppedError('io', leads.failed, 'server-throttled');
  if (!(error instanceof SmtpError)) return error;
  const key = explainError(error.message, error.code)?.key;
  switch (error.kind) {
    case 'cancelled':
      return cancelledError();
    case 'timeout':
      return stoppedError('timeout', leads.failed, key ?? 'port-blocked');
    case 'tls':
      return stoppedError('insecure', leads.insecure, key ?? 'tls-failed');
    case 'reply':
      return stoppedError('io', leads.failed, 'unexpected-reply');
    default:
      return stoppedError('io', leads.failed, key ?? 'connection-closed');
  }
}

/** Ends a session (of any protocol) that will carry no credentials; then stops with `failure`. */
export async function refuse(
  session: Pick<SmtpSession, 'quit'>,
  deadline: Deadline,
  failure: UserFacingError,
): Promise<never> {
  await session.quit(deadline.stage());
  throw failure;
}

/**
 * Opens the verified TLS session, or throws a UserFacingError saying why not
 * (`insecure` for anything short of verified TLS). The caller owns the session.
 */
export async function openSecureSession(
  target: Target,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<SecureSession> {
  const context: SessionContext = {
    trust: new TrustStore(target.caPem),
    deadline: new Deadline(timeoutMs, stageMs),
    transcript: new Transcript(),
    signal,
  };
  return withSystemStoreRetry(context.trust, context.transcript, () => connectSmtpVerified(target, context));
}

/**
 * Runs `attempt`; when it refused a certificate that only the operating system's
 * store anchors, runs it once more with that store. Any protocol's secure session.
 */
export async function withSystemStoreRetry<T>(
  trust: TrustStore,
  transcript: Transcript,
  attempt: () => Promise<T>,
): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof CertificateRefused)) throw error;
    if (!(await trust.systemCanAnchor(error.chain))) throw error.failure;
    transcript.note({ key: 'system-trust-retry' });
    try {
      return await attempt();
    } catch (again) {
      throw again instanceof CertificateRefused ? again.failure : again;
    }
  }
}

/**
 * After the handshake, before any credential: TLS 1.2 or newer and a certificate
 * that verifies (or is the pinned one). Refuses politely, throwing the reason
 * (CertificateRefused for the certificate, so the system store can be tried);
 * returns the leaf as PEM.
 */
export async function verifyTls(
  session: Pick<SmtpSession, 'quit'>,
  socket: tls.TLSSocket,
  host: string,
  pinned: string | undefined,
  context: { trust: TrustStore; deadline: Deadline; transcript: Transcript },
): Promise<string> {
  const { trust, deadline, transcript } = context;
  const protocol = socket.getProtocol();
  transcript.note({ key: 'tls-established', version: protocol ?? '—', cipher: socket.getCipher().name });
  // Node's default minimum is TLS 1.2, but NODE_OPTIONS can lower it; a log-in never goes below.
  if (protocol !== 'TLSv1.2' && protocol !== 'TLSv1.3') {
    return await refuse(session, deadline, stoppedError('insecure', leads.insecure, 'tls-version-mismatch'));
  }
  const checked = checkCertificate(socket, host, pinned, trust);
  if (checked.problem) {
    transcript.note({ key: 'certificate-not-verified-stop', detail: checked.problem });
    const key = explainError('', checked.problem)?.key ?? 'cert-not-verified';
    const failure = stoppedError('insecure', leads.certificate, key);
    await session.quit(deadline.stage()).catch(() => undefined);
    throw new CertificateRefused(failure, checked.chain);
  }
  transcript.note({ key: 'certificate-verified' });
  return checked.pem;
}

/**
 * Connects, secures (implicit TLS, or a STARTTLS the server offered and accepted;
 * never a plaintext fallback) and verifies, then runs `opening.secured`. On any
 * failure the session is destroyed and the error rethrown as it came.
 */
export async function connectVerified<S extends FramedSession<unknown>, R>(
  target: Target,
  opening: Opening<S, R>,
  context: SessionContext,
): Promise<R> {
  const { trust, deadline, transcript, signal } = context;
  const host = normalizeHost(target.host).ascii;
  let session: S | undefined;
  try {
    const options = trust.options(host);
    if (!options) throw new SmtpError('tls', 'no TLS context available');
    const plain = await connectTcp(host, target.port, deadline.stage(), signal);
    transcript.note({ key: 'connected', host, port: target.port });
    let socket: tls.TLSSocket;
    if (target.security === 'implicit-tls') {
      socket = await handshake({ ...options, socket: plain }, deadline.stage(), signal);
      session = opening.open(socket);
      await opening.greet(session);
    } else {
      session = opening.open(plain);
      await opening.greet(session);
      if (!(await opening.offersStarttls(session, plain))) {
        transcript.note({ key: 'starttls-not-offered-stop' });
        return await refuse(
          session,
          deadline,
          stoppedError('insecure', leads.insecure, 'starttls-not-offered'),
        );
      }
      if (!(await opening.startTls(session))) {
        transcript.note({ key: 'starttls-refused-stop' });
        return await refuse(session, deadline, stoppedError('insecure', leads.insecure, 'starttls-rejected'));
      }
      const upgraded = await session.upgrade(options, deadline.stage());
      if (upgraded.discarded.length > 0) {
        transcript.note({ key: 'discarded-before-handshake', bytes: upgraded.discarded.length });
      }
      socket = upgraded.socket;
    }
    const certificatePem = await verifyTls(session, socket, host, target.pinnedFingerprint256, context);
    return await opening.secured(session, socket, certificatePem);
  } catch (error) {
    session?.destroy();
    throw error;
  }
}

/** The SMTP opening: greeting, EHLO in the clear for STARTTLS, and a fresh EHLO over TLS. */
async function connectSmtpVerified(target: Target, context: SessionContext): Promise<SecureSession> {
  const { trust, deadline, transcript, signal } = context;
  try {
    return await connectVerified(
      target,
      {
        open: (socket) => new SmtpSession(socket, transcript, signal),
        greet: (session) => readGreeting(session, deadline),
        offersStarttls: async (session, plain) =>
          hasExtension((await sayEhlo(session, plain, deadline)).extensions, 'STARTTLS'),
        startTls: async (session) => (await session.command('STARTTLS', deadline.stage())).code === 220,
        secured: async (session, socket, certificatePem) => {
          const { extensions } = await sayEhlo(session, socket, deadline);
          return { session, socket, extensions, certificatePem, transcript, deadline, trust };
        },
      },
      context,
    );
  } catch (error) {
    throw error instanceof CertificateRefused ? error : userError(error);
  }
}
