/**
 * The recipient check (issue 18): will mail to a domain travel encrypted? One
 * verdict with its reasons, each MX, the findings, and a note for the recipient's
 * administrator that one click copies.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findingWords } from '../../../electron/catalogue/index.js';
import type { Language, RecipientReport } from '../../../electron/contract.js';
import { emailDomain, validateDomain, validateEmail } from '../store/validation.js';
import { AttemptContext, useApp } from './context.js';
import { CopyButton } from './CopyButton.js';
import { Field } from './Field.js';
import { bySeverity, FindingList } from './Findings.js';
import { CallStatus, useCloseOnEscape } from './SideView.js';
import { StepHeading } from './StepHeading.js';

/** Only an answer of `not-available` says the engine cannot check recipients. */
const useRecipientAvailable = () => useApp((s) => s.availability.recipientCheck !== 'not-available');

/** The header's way in. */
export function RecipientCheckButton() {
  const { t } = useTranslation();
  const open = useApp((s) => s.recipientOpen);
  const openRecipient = useApp((s) => s.openRecipient);
  if (!useRecipientAvailable()) return null;
  return (
    <button
      type="button"
      className="button"
      aria-current={open ? 'page' : undefined}
      onClick={() => openRecipient()}
    >
      {t('recipient.open')}
    </button>
  );
}

/** The Verify step's way in: the domain of the test message's recipient, when there is one. */
export function RecipientCheckLink() {
  const { t } = useTranslation();
  const sendTo = useApp((s) => s.form.sendTo);
  const openRecipient = useApp((s) => s.openRecipient);
  const available = useRecipientAvailable();
  if (!available) return null;
  const domain = validateEmail(sendTo) === null ? emailDomain(sendTo) : null;
  return (
    <p>
      <button type="button" className="link-button" onClick={() => openRecipient(domain ?? undefined)}>
        {domain ? t('recipient.fromVerify', { domain }) : t('recipient.fromVerifyAny')}
      </button>
    </p>
  );
}

/** The view. Escape or the back button returns to the wizard where it was. */
export function RecipientCheck({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const domain = useApp((s) => s.recipientDomain);
  const setDomain = useApp((s) => s.setRecipientDomain);
  const call = useApp((s) => s.recipient);
  const check = useApp((s) => s.checkRecipient);
  const [attempted, setAttempted] = useState(false);

  useCloseOnEscape(onClose);

  const domainError = validateDomain(domain);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (domainError) setAttempted(true);
    else void check();
  };
  const running = call.status === 'running';
  const status = running
    ? t('recipient.checking', { domain: domain.trim() })
    : call.status === 'done' && call.value
      ? t('recipient.checked', { domain: call.value.domain })
      : call.status === 'error'
        ? t('recipient.failed')
        : '';

  return (
    <main id="recipient" className="step" aria-labelledby="step-heading">
      <StepHeading focus>{t('recipient.title')}</StepHeading>
      <p>{t('recipient.intro')}</p>
      <form noValidate onSubmit={submit}>
        <AttemptContext.Provider value={attempted}>
          <Field
            label={t('recipient.domain')}
            hint={t('recipient.domainHint')}
            value={domain}
            inputMode="url"
            error={domainError}
            onChange={setDomain}
          />
        </AttemptContext.Provider>
        <button type="submit" className="button button--primary" disabled={running}>
          {t('recipient.check')}
        </button>
      </form>
      <CallStatus call={call} text={status} />
      {call.value ? <RecipientResult report={call.value} /> : null}
      <div className="stepnav">
        <button type="button" className="button" onClick={onClose}>
          {t('recipient.back')}
        </button>
      </div>
    </main>
  );
}

function RecipientResult({ report }: { report: RecipientReport }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const good = report.verdict === 'enforced';
  const findings = [...report.findings].sort(bySeverity).map((f, i) => {
    const words = findingWords(f.id, language);
    return {
      key: `${f.id}-${f.host ?? ''}-${i}`,
      severity: f.severity,
      title: f.host ? `${words.title} (${f.host})` : words.title,
      explanation: words.explanation,
      fix: words.fixAdmin,
      detail: f.detail,
    };
  });
  return (
    <>
      <section
        aria-labelledby={`${id}-verdict`}
        className={`recipient-verdict recipient-verdict--${report.verdict} ${good ? 'recipient-verdict--good' : ''}`}
        data-verdict={report.verdict}
      >
        <h3 id={`${id}-verdict`}>
          {t('recipient.verdict')}: {t(`recipient.verdicts.${report.verdict}`)}
        </h3>
        <p className="muted">{t('recipient.why')}</p>
        <ul>
          {report.reasons.map((reason, i) => (
            <li key={i}>{reason[language]}</li>
          ))}
        </ul>
      </section>
      {report.hosts.length > 0 ? <Hosts report={report} /> : null}
      <section aria-labelledby={`${id}-findings`}>
        <h3 id={`${id}-findings`}>{t('recipient.findings')}</h3>
        <FindingList items={findings} emptyText={t('recipient.noFindings')} />
      </section>
      <AdminMessage report={report} />
    </>
  );
}

function Hosts({ report }: { report: RecipientReport }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-hosts`}>
      <h3 id={`${id}-hosts`}>{t('recipient.hosts')}</h3>
      <div className="table-scroll">
        <table className="recipient-hosts">
          <thead>
            <tr>
              <th scope="col">{t('recipient.host')}</th>
              <th scope="col">{t('recipient.port25')}</th>
              <th scope="col">{t('recipient.tls')}</th>
              <th scope="col">{t('recipient.certificate')}</th>
              <th scope="col">{t('recipient.protection')}</th>
            </tr>
          </thead>
          <tbody>
            {report.hosts.map((h) => (
              <tr key={h.host}>
                <th scope="row" className="mono">
                  {h.host}
                </th>
                <td>{t(`recipient.transports.${h.transport}`)}</td>
                <td>{h.tls?.version ?? '—'}</td>
                <td>
                  {h.certificate === null
                    ? '—'
                    : h.certificateValid
                      ? t('recipient.certValid')
                      : t('recipient.certInvalid')}
                </td>
                <td>{t(`recipient.protectedBy.${h.protectedBy ?? 'none'}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The note for the recipient's administrator, in either language, copied with one click. */
function AdminMessage({ report }: { report: RecipientReport }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [language, setLanguage] = useState<Language>(i18n.language as Language);
  const saved = useApp((s) => s.recipientSaved);
  const save = useApp((s) => s.saveRecipientReport);
  const text = report.adminMessage[language] ?? '';
  return (
    <section aria-labelledby={`${id}-message`}>
      <h3 id={`${id}-message`}>{t('recipient.message')}</h3>
      <p className="muted">{t('recipient.messageIntro')}</p>
      <label className="theme">
        <span>{t('recipient.messageLanguage')}</span>
        <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          <option value="ja" lang="ja">
            日本語
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
      </label>
      <pre className="recipient-message" lang={language} tabIndex={0} aria-label={t('recipient.message')}>
        {text}
      </pre>
      <CopyButton value={text} what={t('recipient.messageWhat')} />
      <p>
        <button
          type="button"
          className="button"
          disabled={saved.status === 'running'}
          onClick={() => void save()}
        >
          {t('recipient.saveReport')}
        </button>
      </p>
      <p role="status" className="muted">
        {saved.status === 'done' && saved.value
          ? saved.value.savedAs
            ? t('recipient.saved', { value: saved.value.savedAs })
            : t('recipient.downloaded')
          : saved.error
            ? `${t(`errors.${saved.error.code}`)} ${saved.error.message}`
            : ''}
      </p>
    </section>
  );
}
