import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../electron/contract.js';
import type { GuideValue } from '../../guides/index.js';
import { ClientSelect } from '../ClientSelect.js';
import { useSetting, type Setting } from '../setting.js';
import { ValueList } from '../ValueList.js';

const placeholder = /\{\{(host|port|security|user|auth)\}\}/g;

/** A guide sentence with its {{value}} placeholders replaced by highlighted values. */
function StepText({ text, setting }: { text: string; setting: Setting }) {
  const parts = text.split(placeholder);
  // split() with a capture group alternates text and value names.
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="value">
            {setting.values[part as GuideValue]}
          </mark>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export function ApplyStep() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const setting = useSetting();
  if (!setting) return null;
  const { guide } = setting;
  return (
    <>
      <p>{t('apply.intro')}</p>
      <ClientSelect label={t('apply.chooseClient')} />
      <h3>{t('apply.values')}</h3>
      <ValueList setting={setting} />
      <h3>{t('apply.stepsFor', { client: guide.name[language] })}</h3>
      <ol className="guide">
        {guide.steps.map((step, i) => (
          <li key={i} className="guide__step">
            <p>
              <StepText text={step.text[language]} setting={setting} />
            </p>
            {step.values ? <ValueList setting={setting} only={step.values} /> : null}
          </li>
        ))}
      </ol>
      {guide.notes.length > 0 ? (
        <>
          <h3>{t('apply.notes')}</h3>
          <ul className="notes">
            {guide.notes.map((note, i) => (
              <li key={i}>{note[language]}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
