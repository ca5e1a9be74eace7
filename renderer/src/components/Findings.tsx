import { useTranslation } from 'react-i18next';
import type { Finding } from '../../../electron/contract.js';

/** Findings in plain words: title, what it means, and the severity. */
export function Findings({ findings, emptyText }: { findings: Finding[]; emptyText?: string }) {
  const { t } = useTranslation();
  if (findings.length === 0) return emptyText ? <p className="muted">{emptyText}</p> : null;
  return (
    <ul className="findings">
      {findings.map((f, i) => (
        <li key={`${f.id}-${f.port ?? ''}-${i}`} className={`finding finding--${f.severity}`}>
          <span className="finding__severity">
            {t('test.severity', { value: t(`severities.${f.severity}`) })}
          </span>
          <strong className="finding__title">{t(`findings.${f.id}.title`)}</strong>
          <span className="finding__explain">{t(`findings.${f.id}.explain`)}</span>
        </li>
      ))}
    </ul>
  );
}
