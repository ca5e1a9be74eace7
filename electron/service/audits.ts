/** The running audits, so that `cancelAudit` (or a caller going away) can stop one. */
import { UserFacingError } from '../engine/core/errors.js';

export class AuditRegistry {
  readonly #running = new Map<string, AbortController>();

  /** Registers an audit; the returned signal aborts on cancel(id) or when `parent` aborts. */
  start(auditId: string, parent?: AbortSignal): { signal: AbortSignal; done: () => void } {
    if (this.#running.has(auditId)) {
      throw new UserFacingError('invalid-input', {
        en: 'An audit with this id is already running.',
        ja: '同じ ID の検査がすでに実行中です。',
      });
    }
    const controller = new AbortController();
    const onParentAbort = () => controller.abort();
    if (parent?.aborted) controller.abort();
    parent?.addEventListener('abort', onParentAbort, { once: true });
    this.#running.set(auditId, controller);
    return {
      signal: controller.signal,
      done: () => {
        parent?.removeEventListener('abort', onParentAbort);
        if (this.#running.get(auditId) === controller) this.#running.delete(auditId);
      },
    };
  }

  /** Cancels one audit; unknown or finished ids are fine (cancel is idempotent). */
  cancel(auditId: string): boolean {
    const controller = this.#running.get(auditId);
    controller?.abort();
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const controller of this.#running.values()) controller.abort();
  }

  get size(): number {
    return this.#running.size;
  }
}
