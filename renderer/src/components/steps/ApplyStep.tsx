import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../electron/contract.js';
import type { GuideStep, GuideValue } from '../../guides/index.js';
import { ClientPicker } from '../ClientPicker.js';
import { ClientPicture } from '../ClientPicture.js';
import { useApp } from '../context.js';
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

/**
 * Without a log-in over TLS, a step about the log-in would contradict the notes
 * ("choose None" beside "never choose None"): it becomes one plain instruction, or
 * its own wording without the log-in when it also sets something else (port, TLS).
 */
function stepsFor(steps: GuideStep[], authOffered: boolean, noAuth: GuideStep['text']): GuideStep[] {
  if (authOffered) return steps;
  return steps.map((step) => {
    if (!step.values?.includes('auth')) return step;
    if (!step.withoutAuth) return { text: noAuth };
    const values = step.values.filter((value) => value !== 'auth');
    return { text: step.withoutAuth, ...(values.length > 0 ? { values } : {}) };
  });
}

export function ApplyStep() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const setting = useSetting();
  const client = useApp((s) => s.form.client);
  if (!setting) return null;
  const { guide } = setting;
  const noAuth = {
    en: t('desk.apply.noAuthStep', { lng: 'en' }),
    ja: t('desk.apply.noAuthStep', { lng: 'ja' }),
  };
  const values = (['host', 'port', 'security', 'user', 'auth'] as GuideValue[]).filter(
    (k) => setting.authOffered || k !== 'auth',
  );
  return (
    <>
      <p>{t('apply.intro')}</p>
      <ClientPicker label={t('apply.chooseClient')} />
      <h3>{t('apply.values')}</h3>
      <ValueList setting={setting} only={values} />
      <h3>{t('apply.stepsFor', { client: guide.name[language] })}</h3>
      <div className="apply">
        <ol className="guide">
          {stepsFor(guide.steps, setting.authOffered, noAuth).map((step, i) => (
            <li key={i} className="guide__step">
              <p>
                <StepText text={step.text[language]} setting={setting} />
              </p>
              {step.values ? <ValueList setting={setting} only={step.values} /> : null}
            </li>
          ))}
        </ol>
        <ClientPicture client={client ?? guide.id} setting={setting} />
      </div>
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
