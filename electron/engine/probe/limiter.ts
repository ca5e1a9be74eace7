/**
 * Never more than three connections at once to the same host and port, across every
 * audit in this process (a batch may list a host twice): a scan that opens many at
 * once looks like an attack, and servers may cap concurrent connections per client
 * (Postfix: smtpd_client_connection_count_limit, 50 by default). Three is what a
 * port's checks need to run side by side.
 *
 * These connections are each port's critical path. Round trips (RTT) to a Postfix
 * with TLS 1.3, counted from the start; a TCP connection costs one, a server-first
 * greeting one more (test/bench/relay.ts simulates exactly this). Connections the
 * report needs no answer from say goodbye without waiting (`leave`).
 *
 * | Port | Connection    | Starts at         | Steps (RTT each)                                   | Ends |
 * |------|---------------|-------------------|----------------------------------------------------|-----:|
 * | 465  | main          | 0                 | TCP, TLS, ticket + greeting, EHLO, QUIT (no wait)  |    4 |
 * | 465  | TLS 1.2       | main handshake, 2 | TCP, TLS 1.2 (2), close_notify                     |    5 |
 * | 465  | TLS 1.0-1.1   | main handshake, 2 | TCP, refused ClientHello                           |    4 |
 * | 587  | main          | 0                 | TCP, greeting, EHLO, MAIL FROM + RSET + STARTTLS   |    7 |
 * |      |               |                   | (one group), TLS, ticket, EHLO, QUIT (no wait)     |      |
 * | 587  | injection and | 0; its EHLO after | TCP, greeting, EHLO, STARTTLS + EHLO, TLS 1.2 (2), |  8.5 |
 * |      | TLS 1.2       | main greeting, 2  | silence (1), NOOP, late (0.5)                      |      |
 * | 587  | TLS 1.0-1.1   | as injection      | TCP, greeting, EHLO, STARTTLS, refused ClientHello |    5 |
 * | 25   | as 587        |                   | STARTTLS alone (a relay port has no MAIL FROM)     |  8.5 |
 *
 * Removed: a second round trip of the TLS 1.3 handshake waiting out the delayed ACK
 * of the session ticket (the first command waits for the ticket: transport.ts);
 * the version checks waiting for the whole dialogue (they start at the main
 * handshake); injection windows of three and two round trips with 60/20 ms floors
 * (now one and a half, measured on STARTTLS's own reply); a handshake for TLS 1.0
 * and another for 1.1 (one offering both: a refusal settles both, a server choosing
 * 1.0 refuses 1.1, only one choosing 1.1 costs a second for 1.0); a connection for
 * TLS 1.2 on STARTTLS ports (the injection probe's handshake is pinned to 1.2; a
 * refusal reruns the probe unpinned); MAIL FROM and STARTTLS a round trip apart
 * where PIPELINING is offered; waiting for the goodbye's answer on every
 * connection; an implicit-TLS version check waiting for the greeting (it ends with
 * close_notify after the handshake: behind the server's last flight that greeting
 * can wait out our delayed ACK, 40 ms); the TLS 1.0-1.1 check queueing behind the
 * main dialogue for a slot (with two slots STARTTLS ports needed 12); on STARTTLS
 * ports, the injection probe connecting only after the main greeting, and the TLS
 * 1.0-1.1 check only after the main handshake (both connect with the main
 * connection now, and only their EHLO waits for its greeting: gate.ts). Was 21 on
 * 587 and 25, then 10.5; 10 on 465.
 * Kept, and why: EHLO and QUIT end a pipelining group (RFC 2920 §3.1), STARTTLS must
 * be answered before the handshake, every version the main handshake did not settle
 * needs a handshake of its own (TLS 1.2 too when 1.3 was negotiated: the report lists
 * accepted versions), the injection probe's silence window, and the early checks'
 * EHLO waiting for the main greeting (only a port that speaks SMTP in plaintext
 * hears a command from them).
 */
import { SmtpError } from '../smtp/smtp-error.js';

/** The cap on connections to one host and port at once. */
export const connectionsPerPort = 3;

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
  limit = connectionsPerPort,
): Promise<() => void> {
  const key = `${host}|${port}`;
  let slot = slots.get(key);
  if (!slot) {
    slot = { active: 0, waiting: [] };
    slots.set(key, slot);
  }
  const target = slot;
  if (target.active < Math.min(limit, connectionsPerPort)) {
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
