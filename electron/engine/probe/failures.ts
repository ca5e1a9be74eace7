/**
 * How a probe's failures become findings, for every protocol: OpenSSL codes that
 * mean "not TLS" or "no common version", a failure tagged with its stage, and the
 * mapping from an error at a stage to the finding that explains it.
 */
import type { FindingId } from '../../contract.js';
import { printable } from '../core/printable.js';
import { SmtpError } from '../smtp/smtp-error.js';
import { ThrottledError } from '../smtp/dialogue.js';
import { openConnection, type OpenConnection, type ProbeTarget } from './dialogue.js';
import type { VersionCheck } from './tls-facts.js';

/** OpenSSL's words for "this peer does not speak TLS". */
export const plaintextPeerCodes = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_UNKNOWN_PROTOCOL',
  'ERR_SSL_HTTP_REQUEST',
  'ERR_SSL_RECORD_LAYER_FAILURE',
]);
/** The server refused every version we offered (1.2+): maybe it only speaks legacy TLS. */
export const protocolVersionCodes = new Set([
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
]);
/** A failure tagged with the stage it happened in, so the right finding is chosen. */
export class StageFailure extends Error {
  constructor(
    override readonly cause: unknown,
    readonly stage: 'greeting' | 'dialogue',
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof SmtpError && error.kind === 'cancelled';
}

/**
 * Opens a port probe's own connection (plaintext, or implicit TLS) with its progress
 * events, for every protocol. Null when it failed: `failed.connect` gets the error of
 * a port that could not be reached, `failed.handshake` that of an implicit-TLS
 * handshake on a port that was (`reached` runs first). Cancellation escapes.
 */
export async function openProbeConnection(
  target: ProbeTarget,
  useTls: boolean,
  reached: () => void,
  failed: { connect(error: unknown): void; handshake(error: unknown): Promise<void> | void },
): Promise<OpenConnection | null> {
  target.progress('connect', 'started');
  try {
    const connection = await openConnection(target, useTls ? { tls: true, main: true } : { tls: false });
    target.progress('connect', 'passed');
    if (useTls) target.progress('tls', 'passed');
    reached();
    return connection;
  } catch (error) {
    const unreached = !useTls || (error instanceof SmtpError && error.command === 'connect');
    if (unreached) target.progress('connect', 'failed');
    if (isCancelled(error)) throw error;
    if (unreached) {
      failed.connect(error);
      return null;
    }
    reached();
    target.progress('connect', 'passed');
    target.progress('tls', 'failed');
    await failed.handshake(error);
    return null;
  }
}

/** The findings that name the protocol: the port speaks something else, or never greets. */
export interface GreetingFindings {
  wrongProtocol: FindingId;
  noGreeting: FindingId;
}

const smtpGreetingFindings: GreetingFindings = { wrongProtocol: 'not-smtp', noGreeting: 'banner-timeout' };

/** Maps a failure of the dialogue to the finding that explains it. */
export function recordFailure(
  state: { add(id: FindingId, detail?: string): void },
  error: unknown,
  stage: 'connect' | 'greeting' | 'dialogue' | 'handshake',
  greetingFindings = smtpGreetingFindings,
): void {
  if (error instanceof ThrottledError) {
    state.add('server-throttled', printable(error.reply.raw.split('\n')[0] ?? ''));
    return;
  }
  if (!(error instanceof SmtpError)) {
    state.add('connection-closed', error instanceof Error ? error.message : String(error));
    return;
  }
  if (stage === 'connect') {
    state.add(error.kind === 'timeout' ? 'port-timeout' : 'port-unreachable', error.code ?? error.message);
    return;
  }
  if (error.kind === 'reply') {
    const tooLong = error.replyError?.kind === 'too-long';
    if (stage === 'greeting' && !tooLong) state.add(greetingFindings.wrongProtocol, error.replyError?.line);
    else state.add(tooLong ? 'reply-too-long' : 'reply-malformed', error.message);
    return;
  }
  if (error.kind === 'timeout') {
    state.add(
      stage === 'greeting' ? greetingFindings.noGreeting : 'port-timeout',
      `${error.command ?? stage}: ${error.message}`,
    );
    return;
  }
  if (stage === 'handshake') {
    state.add('tls-handshake-failed', error.code ?? error.message);
    return;
  }
  state.add('connection-closed', `${error.command ?? stage}: ${error.code ?? error.message}`);
}

/**
 * The frame every port probe runs in: its steps, then the injection verdict; a failure
 * becomes findings (and the injection probe still settles); only cancellation escapes.
 */
export async function runProbeSteps(
  steps: () => Promise<void>,
  settleInjection: () => Promise<void>,
  record: (cause: unknown, stage: StageFailure['stage']) => void,
  versions: VersionCheck,
  settleCertificate: () => Promise<void>,
): Promise<void> {
  try {
    await steps();
    await settleInjection();
  } catch (error) {
    const failure = error instanceof StageFailure ? error : new StageFailure(error, 'dialogue');
    if (isCancelled(failure.cause)) throw failure.cause;
    record(failure.cause, failure.stage);
    // A dialogue that failed after its handshake still gets that handshake's certificate verdict.
    await settleCertificate();
    await versions.stop();
    await settleInjection().catch((late: unknown) => {
      if (isCancelled(late)) throw late;
    });
  }
}
