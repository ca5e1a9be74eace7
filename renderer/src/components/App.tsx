import { useCallback, useEffect, useRef, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract.js';
import { stepIds } from '../store/types.js';
import { canEnter, neighbour } from '../store/steps.js';
import { Monitor, Moon, Sun } from 'lucide-react';
import { screenIds, type StepId, type Theme } from '../store/types.js';
import { AttemptContext, useApp } from './context.js';
import { DomainHealth, DomainHealthButton } from './DomainHealth.js';
import { Mark } from './Mark.js';
import { ProfilesScreen } from './ProfilesScreen.js';
import { QuickScreen } from './QuickScreen.js';
import { RecipientCheck, RecipientCheckButton } from './RecipientCheck.js';
import { StepHeading } from './StepHeading.js';
import { StepList } from './StepList.js';
import { AccountStep } from './steps/AccountStep.js';
import { ServerStep } from './steps/ServerStep.js';
import { TestStep } from './steps/TestStep.js';
import { CompareStep } from './steps/CompareStep.js';
import { RecommendStep } from './steps/RecommendStep.js';
import { ApplyStep } from './steps/ApplyStep.js';
import { VerifyStep } from './steps/VerifyStep.js';
import { ExportStep } from './steps/ExportStep.js';

const stepViews: Record<StepId, ComponentType> = {
  account: AccountStep,
  server: ServerStep,
  test: TestStep,
  compare: CompareStep,
  recommend: RecommendStep,
  apply: ApplyStep,
  verify: VerifyStep,
  export: ExportStep,
};

const titles: Record<StepId, `${StepId}.title`> = {
  account: 'account.title',
  server: 'server.title',
  test: 'test.title',
  compare: 'compare.title',
  recommend: 'recommend.title',
  apply: 'apply.title',
  verify: 'verify.title',
  export: 'export.title',
};

export function App() {
  const { t } = useTranslation();
  const step = useApp((s) => s.step);
  const screen = useApp((s) => s.screen);
  const language = useApp((s) => s.language);
  const theme = useApp((s) => s.theme);
  const healthOpen = useApp((s) => s.healthOpen);
  const closeHealth = useApp((s) => s.closeHealth);
  const recipientOpen = useApp((s) => s.recipientOpen);
  const closeRecipient = useApp((s) => s.closeRecipient);

  useEffect(() => {
    document.documentElement.lang = language;
    const place = recipientOpen
      ? t('recipient.title')
      : healthOpen
        ? t('health.title')
        : screen === 'wizard'
          ? t(`steps.${step}`)
          : t(`desk.screens.${screen}`);
    document.title = `${t('app.title')} · ${place}`;
  }, [language, step, screen, healthOpen, recipientOpen, t]);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  // Back from the domain-health view, the step's heading takes the focus as after a move.
  const [returned, setReturned] = useState(false);
  const leaveHealth = useCallback(() => {
    setReturned(true);
    closeHealth();
  }, [closeHealth]);
  const leaveRecipient = useCallback(() => {
    setReturned(true);
    closeRecipient();
  }, [closeRecipient]);

  return (
    <div className="app">
      <a
        className="skip"
        href={recipientOpen ? '#recipient' : healthOpen ? '#health' : screen === 'wizard' ? '#step' : '#main'}
      >
        {recipientOpen ? t('recipient.skip') : healthOpen ? t('health.skip') : t('app.skip')}
      </a>
      <Header />
      <div className="app__body">
        {recipientOpen ? (
          <RecipientCheck onClose={leaveRecipient} />
        ) : healthOpen ? (
          <DomainHealth onClose={leaveHealth} />
        ) : screen === 'quick' ? (
          <QuickScreen />
        ) : screen === 'profiles' ? (
          <ProfilesScreen />
        ) : (
          <Wizard returned={returned} />
        )}
      </div>
    </div>
  );
}

/** The step-by-step wizard, for those who want every step. */
function Wizard({ returned }: { returned: boolean }) {
  const { t } = useTranslation();
  const step = useApp((s) => s.step);
  const total = stepIds.length;
  const index = useApp((s) => stepIds.indexOf(s.step));
  // The heading takes the focus after a move between steps, not on the first paint.
  const firstStep = useRef(step);
  const moved = step !== firstStep.current;
  const [attempted, setAttempted] = useState<StepId | null>(null);
  const View = stepViews[step];
  return (
    <>
      <StepList />
      <main id="step" className="step" aria-labelledby="step-heading">
        <p className="step__position">{t('steps.position', { n: index + 1, total })}</p>
        <StepHeading key={step} focus={moved || returned}>
          {t(titles[step])}
        </StepHeading>
        <AttemptContext.Provider value={attempted === step}>
          <View />
        </AttemptContext.Provider>
        <StepNav onBlocked={() => setAttempted(step)} />
      </main>
    </>
  );
}

const themeIcons = { system: Monitor, light: Sun, dark: Moon } as const;

function Header() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const setLanguage = useApp((s) => s.setLanguage);
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  const screen = useApp((s) => s.screen);
  const sideViewOpen = useApp((s) => s.healthOpen || s.recipientOpen);
  const showScreen = useApp((s) => s.showScreen);
  const languages: { id: Language; label: string }[] = [
    { id: 'ja', label: '日本語' },
    { id: 'en', label: 'English' },
  ];
  return (
    <header className="header">
      <div className="header__brand">
        <Mark size={36} />
        <h1>{t('app.title')}</h1>
      </div>
      <nav className="tabs" aria-label={t('desk.screens.label')}>
        {screenIds.map((id) => (
          <button
            key={id}
            type="button"
            className="tab"
            aria-current={!sideViewOpen && screen === id ? 'page' : undefined}
            onClick={() => showScreen(id)}
          >
            {t(`desk.screens.${id}`)}
          </button>
        ))}
        <DomainHealthButton />
        <RecipientCheckButton />
      </nav>
      <div className="header__controls">
        <div role="group" aria-label={t('app.language')} className="segmented">
          {languages.map((l) => (
            <button
              key={l.id}
              type="button"
              lang={l.id}
              aria-pressed={language === l.id}
              onClick={() => setLanguage(l.id)}
            >
              {l.label}
            </button>
          ))}
        </div>
        <div role="group" aria-label={t('app.theme')} className="segmented">
          {(['system', 'light', 'dark'] as const).map((id) => {
            const Icon = themeIcons[id];
            return (
              <button
                key={id}
                type="button"
                aria-pressed={theme === id}
                aria-label={t(`app.themes.${id}`)}
                title={t(`app.themes.${id}`)}
                onClick={() => setTheme(id satisfies Theme)}
              >
                <Icon aria-hidden="true" size={16} />
              </button>
            );
          })}
        </div>
      </div>
    </header>
  );
}

const stepsWithOwnAction: ReadonlySet<StepId> = new Set(['test', 'verify']);

/** Back and Next. Next says why it cannot go on instead of silently doing nothing. */
function StepNav({ onBlocked }: { onBlocked: () => void }) {
  const { t } = useTranslation();
  const step = useApp((s) => s.step);
  const back = useApp((s) => s.back);
  const next = useApp((s) => s.next);
  const previous = useApp((s) => neighbour(s, s.step, -1));
  const following = useApp((s) => neighbour(s, s.step, 1));
  const canGoOn = useApp((s) => (following ? canEnter(s, following) : false));
  const noSecure = useApp((s) => s.runs.main.report?.recommendation.security === null);
  const [blocked, setBlocked] = useState(false);
  useEffect(() => setBlocked(false), [step]);
  const reason =
    step === 'test'
      ? t('nav.lockedTest')
      : noSecure && step === 'recommend'
        ? t('nav.lockedNoSecure')
        : t('nav.locked');
  return (
    <div className="stepnav">
      {previous ? (
        <button type="button" className="button" onClick={back}>
          {t('nav.back')}
        </button>
      ) : (
        <span />
      )}
      <p className="stepnav__reason" role="alert">
        {blocked && !canGoOn ? reason : ''}
      </p>
      {following ? (
        <button
          type="button"
          // One primary button per screen: on steps with their own main action, Next is secondary.
          className={stepsWithOwnAction.has(step) ? 'button' : 'button button--primary'}
          aria-disabled={!canGoOn || undefined}
          onClick={() => {
            if (canGoOn) next();
            else {
              setBlocked(true);
              onBlocked();
            }
          }}
        >
          {t('nav.next')}
        </button>
      ) : null}
    </div>
  );
}
