/**
 * STARTTLS command-injection probe (CVE-2011-0411 class; the EAST procedure of the
 * NO STARTTLS study). In one write we send `STARTTLS` and a harmless EHLO; a server
 * that keeps the plaintext EHLO in its buffer answers it *inside* TLS, which an
 * attacker could use to run commands in the victim's encrypted session.
 *
 * After the handshake we send nothing for a short window: an unsolicited 250 is
 * proof. Then our own NOOP: one plain reply to it means the buffer was discarded;
 * an extra or multi-line reply means the injected EHLO was answered late; no reply
 * at all proves nothing (inconclusive, never "safe").
 */
import type * as tls from 'node:tls';
import type { FindingId, ReportMode, TlsInfo } from '../../contract.js';
import type { Reply } from '../smtp/reply.js';
import { SmtpError } from '../smtp/smtp-error.js';
import { Transcript } from '../smtp/transcript.js';
import { hasExtension } from '../smtp/capabilities.js';
import { ThrottledError } from '../smtp/dialogue.js';
import { plaintextSession, type ProbeTarget } from './dialogue.js';
import type { PlaintextGate } from './gate.js';
import { protocolVersionCodes } from './failures.js';

export type InjectionVerdict = 'safe' | 'vulnerable' | 'inconclusive' | 'not-tested';

export interface InjectionResult {
  verdict: InjectionVerdict;
  throttled: boolean;
  detail?: string;
  /** Whether the server took TLS 1.2, when the probe's handshake was pinned to it. */
  tls12?: PinnedOutcome;
}

/** TLS 1.2 as an injection connection's pinned handshake saw it, for the versions matrix. */
export type PinnedOutcome = 'accepted' | 'rejected' | 'untested';

/** A handshake pinned to TLS 1.2 failed: nothing is proven about injection yet. */
export interface PinnedFailure {
  pinnedFailed: unknown;
}

const probeName = 'mailtls-injection-probe';
/**
 * How long to listen after the handshake, and for a late extra reply after our own
 * command, in round trips of this very connection (measured on the upgrade command
 * and its go-ahead). A server answering its buffer as the handshake ends is heard
 * one round trip after our Finished left; the extra reply after our command's comes
 * in the same turn of the server, so half a round trip covers its trip. A later
 * answer is still caught: it arrives ahead of our command's own reply. The floors
 * cover a loopback server's own scheduling on a loaded machine;
 * test/integration/latency.test.ts checks the verdicts through a relay that adds
 * real round trips.
 */
const silenceRoundTrips = 1;
const minimumSilenceMs = 10;
const lateRoundTrips = 0.5;
const minimumLateMs = 5;

function answersInjectedEhlo(reply: Reply): boolean {
  return reply.code === 250 && (reply.lines.length > 1 || reply.raw.includes(probeName));
}

function waitForUnsolicited<T>(
  session: { takeUnsolicited(): T[] },
  ms: number,
  signal: AbortSignal,
): Promise<T[]> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve(session.takeUnsolicited());
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** What the server said inside TLS after the injected command: `early` before we spoke. */
export type Heard<Unit, Answer> =
  PinnedFailure | { settled: InjectionResult } | { early: Unit } | { answer: Answer; late: Unit[] };

/**
 * The part every injection probe shares, once the server gave its go-ahead to the
 * upgrade command that carried the injected one: the handshake, a silent window,
 * our own harmless command (`ask`), and a short window for a late extra answer.
 * `roundTripMs` is the upgrade command's own round trip, so the windows suit far
 * servers too. A handshake failure or no answer to `ask` settles the verdict, except
 * that a failed handshake `pinned` to TLS 1.2 only says so (see alsoTestingTls12).
 */
export async function listenAfterHandshake<Unit, Answer>(
  session: {
    upgrade(options: tls.ConnectionOptions, timeoutMs: number): Promise<unknown>;
    takeUnsolicited(): Unit[];
  },
  target: ProbeTarget,
  roundTripMs: number,
  ask: () => Promise<Answer>,
  pinned = false,
): Promise<Heard<Unit, Answer>> {
  const tlsOptions = target.trust.options(target.host, pinned ? 'TLSv1.2' : undefined);
  if (!tlsOptions)
    return pinned ? { pinnedFailed: null } : { settled: { verdict: 'not-tested', throttled: false } };
  try {
    await session.upgrade(tlsOptions, target.deadline.stage());
  } catch (error) {
    if (pinned && !(error instanceof SmtpError && error.kind === 'cancelled')) return { pinnedFailed: error };
    return { settled: handshakeFailureVerdict(error) };
  }
  const window = (roundTrips: number, floorMs: number) =>
    Math.min(Math.max(floorMs, roundTripMs * roundTrips), target.deadline.stage());
  const early = await waitForUnsolicited(session, window(silenceRoundTrips, minimumSilenceMs), target.signal);
  // We have not said anything inside TLS yet: anything at all answers the injected command.
  if (early[0] !== undefined) return { early: early[0] };
  let answer: Answer;
  try {
    answer = await ask();
  } catch (error) {
    if (error instanceof SmtpError && error.kind === 'cancelled') throw error;
    // Replies that arrived while our command waited for the TLS 1.3 ticket (and then
    // broke the session, as a flood does) were still sent before we said anything.
    const unasked = session.takeUnsolicited();
    if (unasked[0] !== undefined) return { early: unasked[0] };
    return { settled: { verdict: 'inconclusive', throttled: false, detail: 'no answer inside TLS' } };
  }
  const late = await waitForUnsolicited(session, window(lateRoundTrips, minimumLateMs), target.signal);
  return { answer, late };
}

/**
 * Runs an injection probe whose handshake is pinned to TLS 1.2, so that its connection
 * also tells the versions matrix whether the server takes 1.2: one connection fewer
 * per port. A pinned handshake that fails proves nothing about injection (the server
 * may speak only 1.3), so the probe then runs once more, unpinned, as it always did;
 * only a version refusal counts as 1.2 rejected.
 */
export async function alsoTestingTls12(
  probe: (pinned: boolean) => Promise<InjectionResult | PinnedFailure>,
): Promise<InjectionResult> {
  const first = await probe(true);
  if (!('pinnedFailed' in first)) return first;
  const failure = first.pinnedFailed;
  const refused = failure instanceof SmtpError && protocolVersionCodes.has(failure.code ?? '');
  const again = await probe(false);
  // Unpinned, a probe never reports a pinned failure.
  if ('pinnedFailed' in again) return { verdict: 'not-tested', throttled: false };
  return { ...again, tls12: refused ? 'rejected' : 'untested' };
}

/** The injection probe's word on TLS 1.2, for VersionCheck.provide. */
export function tls12Of(injection: Promise<InjectionResult>): Promise<PinnedOutcome> {
  return injection.then(
    (result) => result.tls12 ?? 'untested',
    () => 'untested',
  );
}

/** What a probe that got past its handshake adds to its result about TLS 1.2. */
export function handshakeTook(pinned: boolean): Pick<InjectionResult, 'tls12'> {
  return pinned ? { tls12: 'accepted' } : {};
}

/**
 * The STARTTLS injection probe; `alsoTls12` pins its handshake (alsoTestingTls12). With
 * a `gate` it starts beside the main connection: a gate that closes makes it not tested.
 */
export async function probeInjection(
  target: ProbeTarget,
  transcript = new Transcript(),
  alsoTls12 = false,
  gate?: PlaintextGate,
): Promise<InjectionResult> {
  const probed = gate ? gate.gated(target) : target;
  try {
    return alsoTls12
      ? await alsoTestingTls12((pinned) => smtpInjection(probed, transcript, pinned, gate))
      : ((await smtpInjection(probed, transcript, false, gate)) as InjectionResult);
  } catch (error) {
    if (gate?.closed && !target.signal.aborted) return { verdict: 'not-tested', throttled: false };
    throw error;
  }
}

async function smtpInjection(
  target: ProbeTarget,
  transcript: Transcript,
  pinned: boolean,
  gate: PlaintextGate | undefined,
): Promise<InjectionResult | PinnedFailure> {
  let opened: Awaited<ReturnType<typeof plaintextSession>> | undefined;
  try {
    opened = await plaintextSession(target, transcript, gate);
    const { session, extensions } = opened;
    if (!hasExtension(extensions, 'STARTTLS')) {
      await session.quit(target.deadline.stage());
      return { verdict: 'not-tested', throttled: false };
    }
    const sent = performance.now();
    session.sendRaw(`STARTTLS\r\nEHLO ${probeName}\r\n`, [
      'STARTTLS',
      `EHLO ${probeName}   (same write as STARTTLS)`,
    ]);
    const reply = await session.read(target.deadline.stage(), 'STARTTLS');
    // One command, one reply: this connection's round trip.
    const roundTripMs = performance.now() - sent;
    if (reply.code !== 220) {
      await session.quit(target.deadline.stage());
      return { verdict: 'not-tested', throttled: false, detail: reply.raw };
    }
    const heard = await listenAfterHandshake(
      session,
      target,
      roundTripMs,
      () => session.command('NOOP', target.deadline.stage()),
      pinned,
    );
    if ('pinnedFailed' in heard) return heard;
    const tls12 = handshakeTook(pinned);
    if ('settled' in heard) return { ...heard.settled, ...tls12 };
    if ('early' in heard) {
      const detail = heard.early.raw.split('\n')[0] ?? '';
      return { verdict: 'vulnerable', throttled: false, detail, ...tls12 };
    }
    const noop = heard.answer;
    if (answersInjectedEhlo(noop) || heard.late.length > 0) {
      return { verdict: 'vulnerable', throttled: false, detail: noop.raw.split('\n')[0] ?? '', ...tls12 };
    }
    // The verdict is in: the goodbye's answer would only hold the slot a round trip longer.
    await session.leave();
    const verdict = noop.code >= 200 && noop.code < 400 ? 'safe' : 'inconclusive';
    return { verdict, throttled: false, ...tls12 };
  } catch (error) {
    if (error instanceof ThrottledError) return { verdict: 'not-tested', throttled: true };
    return inconclusive(error);
  } finally {
    opened?.session.destroy();
    opened?.connection.close();
  }
}

/** The part of a port's state the injection verdict goes into. */
export interface InjectionFacts {
  mode: ReportMode;
  tls: TlsInfo | null;
  injection: InjectionVerdict;
  add(id: FindingId, detail?: string): void;
}

/** Only a port that really upgraded with STARTTLS gets an injection verdict. */
export async function recordInjection(
  state: InjectionFacts,
  target: ProbeTarget,
  injection: Promise<InjectionResult> | null,
  vulnerable: FindingId,
): Promise<void> {
  if (!injection) return;
  target.progress('injection', 'started');
  const result = await injection;
  if (state.mode !== 'starttls' || !state.tls?.version) return;
  state.injection = result.verdict;
  if (result.throttled) state.add('server-throttled', 'during the injection probe');
  if (result.verdict === 'vulnerable') state.add(vulnerable, result.detail);
  if (result.verdict === 'inconclusive') state.add('starttls-injection-inconclusive', result.detail);
  target.progress('injection', result.verdict === 'vulnerable' ? 'failed' : 'passed');
}

/**
 * The verdict when the handshake after the injected command failed: only a definite
 * refusal (alert, reset, close) means the server dropped the session rather than run
 * our command; a timeout or anything else proves nothing.
 */
export function handshakeFailureVerdict(error: unknown): InjectionResult {
  const refused = error instanceof SmtpError && error.kind === 'tls' && error.code !== undefined;
  return refused
    ? { verdict: 'safe', throttled: false, detail: 'handshake refused after the injected command' }
    : inconclusive(error);
}

/** What an error during the probe proves: nothing (cancellation still escapes). */
export function inconclusive(error: unknown): InjectionResult {
  if (error instanceof SmtpError && error.kind === 'cancelled') throw error;
  return {
    verdict: 'inconclusive',
    throttled: false,
    detail: error instanceof Error ? error.message : String(error),
  };
}
