/** What the views shown instead of the wizard share (domain health, recipient check). */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallState } from '../store/types.js';

/** Escape leaves the view, unless something inside already handled the key. */
export function useCloseOnEscape(onClose: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
}

/** The polite live region under a view's form: what is happening, and the error if the call failed. */
export function CallStatus({ call, text }: { call: CallState<unknown>; text: string }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" className={`run-status run-status--${call.status}`}>
      {text ? <p>{text}</p> : null}
      {call.error ? (
        <p>
          {t(`errors.${call.error.code}`)} <span className="muted">{call.error.message}</span>
        </p>
      ) : null}
    </div>
  );
}
