import { useTranslation } from 'react-i18next';
import { findingWords } from '../../../electron/catalogue/index.js';
import type { Finding, Language, Severity } from '../../../electron/contract.js';
import { Verbatim } from './Verbatim.js';

export { bySeverity } from '../../../electron/catalogue/index.js';

/** A finding in the person's language, as the list shows it. */
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
            <span className="finding__detail mono">
              {t('health.detail')} <Verbatim text={f.detail} />
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The audit's findings, worded by the finding catalogue. */
export function Findings({ findings, emptyText }: { findings: Finding[]; emptyText?: string }) {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <FindingList
      emptyText={emptyText}
      items={findings.map((f, i) => ({
        key: `${f.id}-${f.port ?? ''}-${i}`,
        severity: f.severity,
        title: findingWords(f.id, language).title,
        explanation: findingWords(f.id, language).explanation,
      }))}
    />
  );
}
