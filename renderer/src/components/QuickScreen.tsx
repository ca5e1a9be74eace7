/**
 * The first screen: address (and, optionally, password) in; Enter finds the
 * servers, tests them at once and shows one verdict, the setting to copy and
 * the reasons. Everything else is one click away under "Details".
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ShieldAlert, ShieldCheck, ShieldX, type LucideIcon } from 'lucide-react';
import type { Language } from '../../../electron/contract.js';
import { verdictOf, type Verdict } from '../store/verdict.js';
import type { StepId } from '../store/types.js';
import { validateEmail } from '../store/validation.js';
import { AttemptContext, useApp } from './context.js';
import { Field } from './Field.js';
import { useOutcomeText } from './LoginOutcome.js';
import { IncomingSettingCard } from './Incoming.js';
import { Progress } from './Progress.js';
import { RecipientCheckLink } from './RecipientCheck.js';
import { Reasons } from './Reasons.js';
import { RunStatus } from './RunStatus.js';
import { useSetting } from './setting.js';
import { ValueList } from './ValueList.js';

export function QuickScreen() {
  const { t } = useTranslation();
  const email = useApp((s) => s.form.email);
  const password = useApp((s) => s.form.password);
  const setField = useApp((s) => s.setField);
  const quickCheck = useApp((s) => s.quickCheck);
  const cancelAudit = useApp((s) => s.cancelAudit);
  const quick = useApp((s) => s.quick);
  const run = useApp((s) => s.runs.main);
  const loadPresets = useApp((s) => s.loadPresets);
  const presetsIdle = useApp((s) => s.presets.status === 'idle');
  const [attempted, setAttempted] = useState(false);
  useEffect(() => {
    // Loaded ahead so pressing Enter at a known provider needs no extra round trip.
    if (presetsIdle) void loadPresets();
  }, [presetsIdle, loadPresets]);

  const busy = quick.status === 'discovering' || run.status === 'running';
  const hasResult = run.report !== null && quick.status === 'done';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (validateEmail(email) === null) void quickCheck();
  };
  return (
    <main id="main" className="screen quick" aria-labelledby="quick-title">
      <section className="hero">
        <h2 id="quick-title">{t('desk.quick.title')}</h2>
        <p className="muted">{t('desk.quick.intro')}</p>
        <AttemptContext.Provider value={attempted}>
          <form className="quick__form" onSubmit={submit} noValidate>
            <Field
              label={t('account.email')}
              value={email}
              type="email"
              inputMode="email"
              autoComplete="email"
              autoFocus
              error={validateEmail(email)}
              onChange={(v) => setField('email', v)}
            />
            <Field
              label={t('desk.quick.password')}
              hint={t('desk.quick.passwordHint')}
              value={password}
              type="password"
              optional
              onChange={(v) => setField('password', v)}
            />
            <div className="quick__submit">
              {run.status === 'running' ? (
                <button type="button" className="button" onClick={() => void cancelAudit('main')}>
                  {t('test.cancel')}
                </button>
              ) : (
                <button
                  type="submit"
                  className={`button${hasResult ? '' : ' button--primary'}`}
                  aria-disabled={busy || undefined}
                >
                  {hasResult ? t('desk.quick.again') : t('desk.quick.check')}
                </button>
              )}
            </div>
          </form>
        </AttemptContext.Provider>
      </section>
      <QuickStatus />
      {hasResult ? <QuickResult /> : null}
      {run.status !== 'idle' ? <Progress run={run} /> : null}
    </main>
  );
}

/** What is happening now, in one polite live region (discovery, then the test's own status). */
function QuickStatus() {
  const { t } = useTranslation();
  const quick = useApp((s) => s.quick);
  const run = useApp((s) => s.runs.main);
  const host = useApp((s) => s.form.host.trim());
  const domain = useApp((s) => s.form.email.trim().split('@').pop() ?? '');
  if (quick.status === 'discovering')
    return (
      <p role="status" className="status-line">
        {t('account.discovering', { domain })}
      </p>
    );
  if (quick.status === 'not-found' || quick.status === 'error')
    return (
      <div role="status" className="card card--warn">
        <p>{t('desk.quick.notFound', { domain })}</p>
        {quick.error ? <p className="muted">{quick.error.message}</p> : null}
        <WizardLink step="server" label={t('desk.quick.enterServer')} />
      </div>
    );
  return run.status === 'idle' ? null : <RunStatus run={run} host={host} />;
}

const verdictIcons: Record<Verdict, LucideIcon> = {
  secure: ShieldCheck,
  fixable: ShieldAlert,
  insecure: ShieldX,
};

function QuickResult() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const report = useApp((s) => s.runs.main.report);
  const source = useApp((s) => s.quick.source);
  const preset = useApp((s) => s.presets.value?.find((p) => p.id === s.quick.source?.presetId) ?? null);
  const loginTest = useApp((s) => s.loginTest);
  const keepInLibrary = useApp((s) => s.keepInLibrary);
  const libraryAvailable = useApp((s) => s.availability.saveProfile !== 'not-available');
  const outcome = useOutcomeText();
  const setting = useSetting();
  if (!report) return null;
  const verdict = verdictOf(report);
  const Icon = verdictIcons[verdict];
  return (
    <section className="result" aria-labelledby="result-title">
      <div className={`verdict verdict--${verdict}`}>
        <Icon aria-hidden="true" size={28} />
        <h3 id="result-title">{t(`desk.verdict.${verdict}`)}</h3>
      </div>
      <p>{t(`desk.verdict.${verdict}Explain`, { host: report.host })}</p>
      {source ? (
        <p className="muted source-line">
          {t('common.source')}: {preset ? preset.name[language] : t(`account.sources.${source.kind}`)}
          {preset?.sourceKind === 'community' ? (
            <strong className="badge badge--warn"> {t('desk.quick.community')}</strong>
          ) : null}
        </p>
      ) : null}
      {setting ? (
        <div className="card card--good setting-card">
          <ValueList setting={setting} />
          {setting.authOffered ? null : <p>{t('recommend.authNone')}</p>}
        </div>
      ) : null}
      <IncomingSettingCard />
      {loginTest.status !== 'idle' ? (
        <p role="status" className="status-line">
          {loginTest.status === 'running' ? t('desk.quick.loggingIn') : outcome.login(loginTest)}
        </p>
      ) : null}
      <h4>{t('recommend.why')}</h4>
      <Reasons reasons={report.recommendation.reasons} />
      <RecipientCheckLink />
      <div className="actions">
        {setting ? <WizardLink step="apply" label={t('desk.quick.apply')} primary /> : null}
        {setting && libraryAvailable ? (
          <button type="button" className="button" onClick={() => void keepInLibrary()}>
            {t('desk.quick.keep')}
          </button>
        ) : null}
      </div>
      <details className="details">
        <summary>{t('desk.quick.details')}</summary>
        <ul className="details__links">
          <li>
            <WizardLink step="compare" label={t('desk.quick.compare')} />
          </li>
          <li>
            <WizardLink step="test" label={t('desk.quick.transcripts')} />
          </li>
          <li>
            <WizardLink step="server" label={t('desk.quick.advanced')} />
          </li>
          <li>
            <WizardLink step="verify" label={t('desk.quick.verify')} />
          </li>
        </ul>
      </details>
    </section>
  );
}

/** Opens the step-by-step wizard at a step (if it can be entered now). */
function WizardLink({ step, label, primary }: { step: StepId; label: string; primary?: boolean }) {
  const goTo = useApp((s) => s.goTo);
  const showScreen = useApp((s) => s.showScreen);
  return (
    <button
      type="button"
      className={primary ? 'button button--primary' : 'link-button'}
      onClick={() => {
        goTo(step);
        showScreen('wizard');
      }}
    >
      {label}
    </button>
  );
}
