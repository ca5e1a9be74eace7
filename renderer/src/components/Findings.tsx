import { useTranslation } from 'react-i18next';
import { severities, type Finding, type Severity } from '../../../electron/contract.js';

/** Most serious first; the order among equals is kept. */
export const bySeverity = (a: { severity: Severity }, b: { severity: Severity }) =>
  severities.indexOf(a.severity) - severities.indexOf(b.severity);

/** A finding in the person's language, whoever worded it (the UI's texts or the engine's). */
export interface FindingText {
  key: string;
  severity: Severity;
  title: string;
  explanation: string;
  fix?: string;
  detail?: string;
}

/** Findings in plain words: severity, title, what it means and, when given, what to do. */
export function FindingList({ items, emptyText }: { items: FindingText[]; emptyText?: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return emptyText ? <p className="muted">{emptyText}</p> : null;
  return (
    <ul className="findings">
      {items.map((f) => (
        <li key={f.key} className={`finding finding--${f.severity}`}>
          <span className="finding__severity">
            {t('test.severity', { value: t(`severities.${f.severity}`) })}
          </span>
          <strong className="finding__title">{f.title}</strong>
          <span className="finding__explain">{f.explanation}</span>
          {f.fix ? <span className="finding__fix">{t('health.fix', { value: f.fix })}</span> : null}
          {f.detail ? (
            <span className="finding__detail mono">{t('health.detail', { value: f.detail })}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The audit's findings, worded by the UI's own texts. */
export function Findings({ findings, emptyText }: { findings: Finding[]; emptyText?: string }) {
  const { t } = useTranslation();
  return (
    <FindingList
      emptyText={emptyText}
      items={findings.map((f, i) => ({
        key: `${f.id}-${f.port ?? ''}-${i}`,
        severity: f.severity,
        title: t(`findings.${f.id}.title`),
        explanation: t(`findings.${f.id}.explain`),
      }))}
    />
  );
}
