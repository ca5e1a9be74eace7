/**
 * Never more than two connections at once to the same host and port, across every
 * audit in this process (a batch may list a host twice): mail servers count
 * concurrent connections per client and start refusing, or throttling, beyond that.
 *
 * With two slots, these connections are each port's critical path. Round trips
 * (RTT) to a Postfix with TLS 1.3, counted from the start; a TCP connection costs
 * one, a server-first greeting one more (test/bench/relay.ts simulates exactly this):
 *
 * | Port | Slot | Connection    | Steps (RTT each)                                        | Ends |
 * |------|------|---------------|---------------------------------------------------------|-----:|
 * | 465  | 1    | main          | TCP, TLS, ticket + greeting, EHLO, QUIT                 |    5 |
 * | 465  | 2    | TLS 1.0, 1.1  | from the main handshake (2): TCP, refused ClientHello   | 4, 6 |
 * | 465  | 1    | TLS 1.2       | TCP, TLS 1.2 (2), greeting, QUIT                        |   10 |
 * | 587  | 1    | main          | TCP, greeting, EHLO, MAIL FROM, STARTTLS, TLS, ticket,  |    9 |
 * |      |      |               | EHLO, QUIT                                              |      |
 * | 587  | 2    | injection     | from the main greeting (2): TCP, greeting, EHLO,        | 10.5 |
 * |      |      |               | STARTTLS + EHLO, TLS, silence (1), NOOP, late (0.5),    |      |
 * |      |      |               | QUIT                                                    |      |
 * | 587  | 1, 2 | TLS 1.0-1.2   | each: TCP, greeting, EHLO, STARTTLS, TLS (refused: 1,   |   21 |
 * |      |      |               | 1.2: 2 and QUIT); queued behind main and injection      |      |
 * | 25   |      | as 587        | without MAIL FROM (a relay port)                        |   20 |
 *
 * Removed: a second round trip of the TLS 1.3 handshake waiting out the delayed ACK
 * of the session ticket (the first command now waits for the ticket: transport.ts);
 * the version checks waiting for the whole dialogue (they start at the main
 * handshake); injection windows of three and two round trips with 60/20 ms floors
 * (now one and a half, measured on STARTTLS's own reply).
 * Kept, and why: EHLO and QUIT end a pipelining group (RFC 2920 §3.1), STARTTLS must
 * be answered before the handshake, and every version needs its own handshake.
 * Not yet done: one handshake offering TLS 1.0-1.1 together (a refusal settles both),
 * MAIL FROM, RSET and STARTTLS as one group where PIPELINING is offered, and version
 * checks that free their slot before QUIT's reply; with them 587 would end near 14.
 */
import { SmtpError } from '../smtp/smtp-error.js';

const perTarget = 2;

interface Slot {
  active: number;
  waiting: Array<() => void>;
}

const slots = new Map<string, Slot>();

/**
 * Resolves with a release function once a connection to host:port may be opened.
 * `limit` lowers the cap for callers that must be gentler (someone else's MX: one at a time).
 */
export async function acquireConnection(
  host: string,
  port: number,
  signal?: AbortSignal,
  limit = perTarget,
): Promise<() => void> {
  const key = `${host}|${port}`;
  let slot = slots.get(key);
  if (!slot) {
    slot = { active: 0, waiting: [] };
    slots.set(key, slot);
  }
  const target = slot;
  if (target.active < Math.min(limit, perTarget)) {
    target.active += 1;
  } else {
    // A releasing holder hands its slot straight to us (`active` stays the same), so a
    // newcomer in the same tick cannot slip in between.
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = target.waiting.indexOf(wake);
        if (index !== -1) target.waiting.splice(index, 1);
        reject(new SmtpError('cancelled', 'cancelled'));
      };
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      target.waiting.push(wake);
    });
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = target.waiting.shift();
    if (next) {
      next();
      return;
    }
    target.active -= 1;
    if (target.active === 0) slots.delete(key);
  };
}

/** For tests and diagnostics: connections open now to host:port through this limiter. */
export function activeConnections(host: string, port: number): number {
  return slots.get(`${host}|${port}`)?.active ?? 0;
}
