import { useTranslation } from 'react-i18next';
import type { AuditRun } from '../store/types.js';

/** One polite live region per run: announces start, end, cancel and failure. */
export function RunStatus({ run, host }: { run: AuditRun; host: string }) {
  const { t } = useTranslation();
  const seconds = run.report ? (run.report.elapsedMs / 1000).toFixed(1) : '';
  const text =
    run.status === 'running'
      ? t('test.running', { host })
      : run.status === 'done'
        ? t('test.finished', { value: seconds })
        : run.status === 'cancelled'
          ? t('test.cancelled')
          : run.status === 'error'
            ? t('test.failed')
            : '';
  return (
    <div role="status" aria-live="polite" className={`run-status run-status--${run.status}`}>
      <p>{text}</p>
      {run.status === 'error' && run.error ? (
        <p>
          {t(`errors.${run.error.code}`)} <span className="muted">{run.error.message}</span>
        </p>
      ) : null}
    </div>
  );
}
