/**
 * Whether a plaintext-first port speaks SMTP in plaintext, as its main connection's
 * greeting tells. The checks that need the plaintext dialogue on connections of their
 * own (the injection probe, the TLS 1.0-1.1 check) connect and read their own greeting
 * beside the main connection, which saves them two round trips, but say nothing until
 * the gate opens: a port that turns out to speak TLS, or nothing, never gets a command
 * from them. A gate that closes instead aborts them, which frees their connection
 * slots (the silent-greeting TLS attempt needs one).
 */
import { SmtpError } from '../smtp/smtp-error.js';
import type { ProbeTarget } from './dialogue.js';

export class PlaintextGate {
  private readonly closing = new AbortController();
  private readonly opening = new AbortController();

  private get decided(): boolean {
    return this.opening.signal.aborted || this.closing.signal.aborted;
  }

  /** The main connection was greeted in plaintext: the early checks may speak. */
  open(): void {
    if (!this.decided) this.opening.abort();
  }

  /** The port did not greet in plaintext (or the probe ended first): the early checks stop. */
  close(): void {
    if (!this.decided) this.closing.abort();
  }

  /** True once the gate closed without opening: an early check that stopped proves nothing. */
  get closed(): boolean {
    return this.closing.signal.aborted;
  }

  /** `target` for an early check: cancelled with the probe, or when the gate closes. */
  gated(target: ProbeTarget): ProbeTarget {
    return { ...target, signal: AbortSignal.any([target.signal, this.closing.signal]) };
  }

  /** Resolves once the gate is open; rejects as cancelled when `signal` (a gated one) aborts first. */
  passed(signal: AbortSignal): Promise<void> {
    if (this.opening.signal.aborted) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onOpen = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.opening.signal.removeEventListener('abort', onOpen);
        reject(new SmtpError('cancelled', 'cancelled'));
      };
      if (signal.aborted) return onAbort();
      this.opening.signal.addEventListener('abort', onOpen, { once: true });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
