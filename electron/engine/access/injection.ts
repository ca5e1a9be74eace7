/**
 * STARTTLS/STLS command-injection probe for IMAP and POP3 (the EAST procedure of the
 * NO STARTTLS study, with testssl.sh's tell-tales). In one write we send the upgrade
 * command and a harmless one (IMAP: a NOOP with its own random tag; POP3: CAPA). A
 * server that keeps the plaintext command answers it inside TLS.
 *
 * Verdicts: any line before we say anything inside TLS, or a line answering the
 * injected command after our own harmless command: vulnerable. The server refusing
 * the handshake (it fed our extra bytes to TLS and closed, as Dovecot does): safe.
 * An ordinary answer to our command: safe. Silence: inconclusive, never "safe".
 */
import { SmtpError } from '../smtp/smtp-error.js';
import { Transcript } from '../smtp/transcript.js';
import { openConnection, type ProbeTarget } from '../probe/dialogue.js';
import { handshakeFailureVerdict, inconclusive, type InjectionResult } from '../probe/injection.js';
import type { AccessDialect } from './dialect.js';
import { AccessSession } from './session.js';

/** Listening windows after the handshake and after our command, as in the SMTP probe. */
const silenceRoundTrips = 3;
const minimumSilenceMs = 60;
const lateRoundTrips = 2;
const minimumLateMs = 20;

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export async function probeAccessInjection(
  target: ProbeTarget,
  dialect: AccessDialect,
  transcript = new Transcript(),
): Promise<InjectionResult> {
  let session: AccessSession | undefined;
  let close = () => undefined as void;
  try {
    const started = performance.now();
    const connection = await openConnection(target, { tls: false });
    close = connection.close;
    session = new AccessSession(connection.socket, transcript, target.signal, dialect.goodbye);
    const greeting = await dialect.greeting(session, target.deadline);
    if (greeting.state !== 'ok') return { verdict: 'not-tested', throttled: greeting.state === 'bye' };
    const roundTripMs = performance.now() - started;
    const payload = dialect.injectionPayload();
    session.sendRaw(payload.data, payload.transcript);
    if (!(await payload.readGoAhead(session, target.deadline))) {
      await session.quit(target.deadline.stage());
      return { verdict: 'not-tested', throttled: false };
    }
    const tlsOptions = target.trust.options(target.host);
    if (!tlsOptions) return { verdict: 'not-tested', throttled: false };
    try {
      await session.upgrade(tlsOptions, target.deadline.stage());
    } catch (error) {
      return handshakeFailureVerdict(error);
    }
    await wait(
      Math.min(Math.max(minimumSilenceMs, roundTripMs * silenceRoundTrips), target.deadline.stage()),
      target.signal,
    );
    const early = session.takeUnsolicited();
    // Nothing was said inside TLS yet: any line at all answers the injected command.
    if (early.length > 0) return { verdict: 'vulnerable', throttled: false, detail: early[0] ?? '' };
    let answer: string[];
    try {
      answer = await dialect.noop(session, target.deadline);
    } catch (error) {
      if (error instanceof SmtpError && error.kind === 'cancelled') throw error;
      return { verdict: 'inconclusive', throttled: false, detail: 'no answer inside TLS' };
    }
    await wait(
      Math.min(Math.max(minimumLateMs, roundTripMs * lateRoundTrips), target.deadline.stage()),
      target.signal,
    );
    const injected = [...answer, ...session.takeUnsolicited()].find((line) => payload.answersInjected(line));
    if (injected !== undefined) return { verdict: 'vulnerable', throttled: false, detail: injected };
    await session.quit(target.deadline.stage());
    return { verdict: 'safe', throttled: false };
  } catch (error) {
    return inconclusive(error);
  } finally {
    session?.destroy();
    close();
  }
}
