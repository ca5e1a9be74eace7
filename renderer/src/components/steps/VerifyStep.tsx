import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { effectiveUser } from '../../store/profile.js';
import { validateEmail } from '../../store/validation.js';
import { useApp } from '../context.js';
import { Field } from '../Field.js';
import { useOutcomeText } from '../LoginOutcome.js';
import { Findings } from '../Findings.js';
import { IncomingLogin } from '../Incoming.js';
import { Progress } from '../Progress.js';
import { RecipientCheckLink } from '../RecipientCheck.js';
import { RunStatus } from '../RunStatus.js';
import { useSetting } from '../setting.js';

export function VerifyStep() {
  const { t } = useTranslation();
  const setting = useSetting();
  const rec = useApp((s) => s.runs.main.report?.recommendation);
  const run = useApp((s) => s.runs.verify);
  const startAudit = useApp((s) => s.startAudit);
  const cancelAudit = useApp((s) => s.cancelAudit);
  if (!setting || !rec) return null;
  const verified = run.report?.recommendation;
  const qualified = verified?.port === rec.port && verified?.security === rec.security;
  return (
    <>
      <p>
        {t('verify.intro', {
          host: setting.values.host,
          port: setting.values.port,
          security: setting.values.security,
        })}
      </p>
      <div className="actions">
        {run.status === 'running' ? (
          <button type="button" className="button" onClick={() => void cancelAudit('verify')}>
            {t('test.cancel')}
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={() => void startAudit('verify')}>
            {t('verify.run')}
          </button>
        )}
      </div>
      <RunStatus run={run} host={setting.values.host} />
      {run.status !== 'idle' ? <Progress run={run} /> : null}
      {run.report ? (
        <div className={`card ${qualified ? 'card--good' : 'card--bad'}`}>
          <p>
            <strong>{qualified ? t('verify.ok') : t('verify.notOk')}</strong>
          </p>
          <Findings findings={run.report.ports.flatMap((p) => p.findings)} />
        </div>
      ) : null}
      <LoginAndSend />
      <section aria-labelledby="gmail-title" className="panel">
        <h3 id="gmail-title">{t('verify.gmail')}</h3>
        <ol>
          <li>{t('verify.gmailStep1')}</li>
          <li>{t('verify.gmailStep2')}</li>
          <li>{t('verify.gmailStep3')}</li>
        </ol>
        <RecipientCheckLink />
        <p className="muted">{t('verify.gmailNote')}</p>
      </section>
    </>
  );
}

/** Log-in test and test message: shown until the engine says it does not have them. */
function LoginAndSend() {
  const { t } = useTranslation();
  const form = useApp((s) => s.form);
  const setField = useApp((s) => s.setField);
  const loginAvailable = useApp((s) => s.availability.loginTest !== 'not-available');
  const sendAvailable = useApp((s) => s.availability.sendTest !== 'not-available');
  const loginTest = useApp((s) => s.loginTest);
  const sendTest = useApp((s) => s.sendTest);
  const runLoginTest = useApp((s) => s.runLoginTest);
  const runSendTest = useApp((s) => s.runSendTest);
  // Only the desktop app answers the recall channel; browser mode never offers to remember.
  const rememberAvailable = useApp((s) => s.availability.recallPassword === 'available');
  const remembered = useApp((s) => s.passwordRemembered);
  const checkRemembered = useApp((s) => s.checkRemembered);
  const forgetPassword = useApp((s) => s.forgetPassword);
  const rec = useApp((s) => s.runs.main.report?.recommendation);
  const outcome = useOutcomeText();
  const user = effectiveUser(form);
  useEffect(() => {
    void checkRemembered();
  }, [checkRemembered, user, rec?.host, rec?.port]);
  if (!loginAvailable && !sendAvailable) return null;
  const ready = user !== '' && (form.password !== '' || remembered);
  return (
    <section aria-labelledby="login-title" className="panel">
      <h3 id="login-title">{t('verify.login')}</h3>
      <p>{t('verify.loginIntro')}</p>
      <Field
        label={t('verify.password')}
        hint={rememberAvailable ? t('verify.passwordHintRemember') : t('verify.passwordHint')}
        type="password"
        autoComplete="off"
        value={form.password}
        onChange={(v) => setField('password', v)}
      />
      {rememberAvailable ? (
        <p>
          <label>
            <input
              type="checkbox"
              checked={form.rememberPassword}
              onChange={(e) => setField('rememberPassword', e.target.checked)}
            />{' '}
            {t('verify.remember')}
          </label>
        </p>
      ) : null}
      {remembered ? (
        <p className="muted">
          {t('verify.remembered')}{' '}
          <button type="button" className="button button--small" onClick={() => void forgetPassword()}>
            {t('verify.forget')}
          </button>
        </p>
      ) : null}
      {ready ? null : <p className="muted">{t('verify.needCredentials')}</p>}
      {loginAvailable ? (
        <>
          <button
            type="button"
            className="button"
            disabled={!ready || loginTest.status === 'running'}
            onClick={() => void runLoginTest()}
          >
            {t('verify.loginRun')}
          </button>
          <p role="status" className="status-line">
            {outcome.login(loginTest)}
          </p>
          <IncomingLogin />
        </>
      ) : null}
      {sendAvailable ? (
        <>
          <h4>{t('verify.send')}</h4>
          <Field
            label={t('verify.sendTo')}
            type="email"
            value={form.sendTo}
            error={form.sendTo === '' ? null : validateEmail(form.sendTo)}
            onChange={(v) => setField('sendTo', v)}
          />
          <button
            type="button"
            className="button"
            disabled={!ready || validateEmail(form.sendTo) !== null || sendTest.status === 'running'}
            onClick={() => void runSendTest()}
          >
            {t('verify.sendRun')}
          </button>
          <p role="status" className="status-line">
            {outcome.send(sendTest)}
          </p>
        </>
      ) : null}
    </section>
  );
}
