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
import { Transcript } from '../smtp/transcript.js';
import { openConnection, type ProbeTarget } from '../probe/dialogue.js';
import {
  alsoTestingTls12,
  handshakeTook,
  inconclusive,
  listenAfterHandshake,
  type InjectionResult,
  type PinnedFailure,
} from '../probe/injection.js';
import type { AccessDialect } from './dialect.js';
import { AccessSession } from './session.js';

/** The STARTTLS/STLS injection probe; `alsoTls12` pins its handshake (alsoTestingTls12). */
export function probeAccessInjection(
  target: ProbeTarget,
  dialect: AccessDialect,
  transcript = new Transcript(),
  alsoTls12 = false,
): Promise<InjectionResult> {
  return alsoTls12
    ? alsoTestingTls12((pinned) => accessInjection(target, dialect, transcript, pinned))
    : (accessInjection(target, dialect, transcript, false) as Promise<InjectionResult>);
}

async function accessInjection(
  target: ProbeTarget,
  dialect: AccessDialect,
  transcript: Transcript,
  pinned: boolean,
): Promise<InjectionResult | PinnedFailure> {
  let session: AccessSession | undefined;
  let close = () => undefined as void;
  try {
    const connection = await openConnection(target, { tls: false });
    close = connection.close;
    const opened = new AccessSession(connection.socket, transcript, target.signal, dialect.goodbye);
    session = opened;
    const greeting = await dialect.greeting(opened, target.deadline);
    if (greeting.state !== 'ok') return { verdict: 'not-tested', throttled: greeting.state === 'bye' };
    const payload = dialect.injectionPayload();
    const sent = performance.now();
    opened.sendRaw(payload.data, payload.transcript);
    if (!(await payload.readGoAhead(opened, target.deadline))) {
      await opened.quit(target.deadline.stage());
      return { verdict: 'not-tested', throttled: false };
    }
    // One command, one reply: this connection's round trip.
    const roundTripMs = performance.now() - sent;
    const heard = await listenAfterHandshake(
      opened,
      target,
      roundTripMs,
      () => dialect.noop(opened, target.deadline),
      pinned,
    );
    if ('pinnedFailed' in heard) return heard;
    const tls12 = handshakeTook(pinned);
    if ('settled' in heard) return { ...heard.settled, ...tls12 };
    // Nothing was said inside TLS yet: any line at all answers the injected command.
    if ('early' in heard) return { verdict: 'vulnerable', throttled: false, detail: heard.early, ...tls12 };
    const injected = [...heard.answer, ...heard.late].find((line) => payload.answersInjected(line));
    if (injected !== undefined)
      return { verdict: 'vulnerable', throttled: false, detail: injected, ...tls12 };
    // The verdict is in: the goodbye's answer would only hold the slot a round trip longer.
    await opened.leave();
    return { verdict: 'safe', throttled: false, ...tls12 };
  } catch (error) {
    return inconclusive(error);
  } finally {
    session?.destroy();
    close();
  }
}
