import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies a value to the clipboard and says so in a polite live region. */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  };
  return (
    <span className="copy">
      <button
        type="button"
        className="button button--small"
        onClick={() => void copy()}
        aria-label={t('common.copyLabel', { what })}
      >
        {t('common.copy')}
      </button>
      <span className="copy__status" role="status">
        {status === 'copied'
          ? t('common.copied', { what })
          : status === 'failed'
            ? t('common.copyFailed')
            : ''}
      </span>
    </span>
  );
}
