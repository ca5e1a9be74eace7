/**
 * Never more than two connections at once to the same host and port, across every
 * audit in this process (a batch may list a host twice): mail servers count
 * concurrent connections per client and start refusing, or throttling, beyond that.
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
