import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../electron/contract.js';
import type { GuideStep, GuideValue } from '../../guides/index.js';
import { ClientPicker } from '../ClientPicker.js';
import { ClientPicture } from '../ClientPicture.js';
import { useApp } from '../context.js';
import { IncomingProtocolChoice } from '../Incoming.js';
import { useIncomingSetting, useSetting, type Setting } from '../setting.js';
import { incomingGuides, incomingSteps } from '../../guides/incoming.js';
import type { ClientId } from '../../store/types.js';
import { ValueList } from '../ValueList.js';

const placeholder = /\{\{(host|port|security|user|auth|protocol)\}\}/g;

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

/** A guide's numbered steps, each with its values to copy. */
function GuideSteps({ steps, setting }: { steps: GuideStep[]; setting: Setting }) {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <ol className="guide">
      {steps.map((step, i) => (
        <li key={i} className="guide__step">
          <p>
            <StepText text={step.text[language]} setting={setting} />
          </p>
          {step.values ? <ValueList setting={setting} only={step.values} /> : null}
        </li>
      ))}
    </ol>
  );
}

/** Issue 14: the incoming server (IMAP or POP3, as chosen) in the same program, with its own sketch. */
function IncomingApply({ client }: { client: ClientId }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const setting = useIncomingSetting();
  if (!setting) return null;
  const guide = incomingGuides[client];
  return (
    <section aria-labelledby="apply-incoming" className="apply-incoming">
      <h3 id="apply-incoming">
        {t('incoming.applyTitle', {
          client: setting.guide.name[language],
          protocol: setting.values.protocol,
        })}
      </h3>
      <IncomingProtocolChoice />
      <div className="apply">
        <GuideSteps steps={incomingSteps(guide, setting.guide.terms.field)} setting={setting} />
        <ClientPicture client={client} setting={setting} spec={guide.picture} />
      </div>
    </section>
  );
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
        <GuideSteps steps={stepsFor(guide.steps, setting.authOffered, noAuth)} setting={setting} />
        <ClientPicture client={client ?? guide.id} setting={setting} />
      </div>
      <IncomingApply client={client ?? guide.id} />
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
