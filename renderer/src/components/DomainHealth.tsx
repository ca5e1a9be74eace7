import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DnsPosture, Language } from '../../../electron/contract.js';
import { emailDomain, validateDomain, validateEmail, validateSelector } from '../store/validation.js';
import { AttemptContext, useApp } from './context.js';
import { Field } from './Field.js';
import { bySeverity, FindingList } from './Findings.js';
import { CallStatus, useCloseOnEscape } from './SideView.js';
import { StepHeading } from './StepHeading.js';

/** Whether the engine can check domains: only an answer of `not-available` says it cannot. */
const useHealthAvailable = () => useApp((s) => s.availability.dnsPosture !== 'not-available');

/** The header's way in, on its own. */
export function DomainHealthButton() {
  const { t } = useTranslation();
  const open = useApp((s) => s.healthOpen);
  const openHealth = useApp((s) => s.openHealth);
  if (!useHealthAvailable()) return null;
  return (
    <button
      type="button"
      className="button"
      aria-current={open ? 'page' : undefined}
      onClick={() => openHealth()}
    >
      {t('health.open')}
    </button>
  );
}

/** The wizard's way in, for the domain of the address entered. */
export function DomainHealthLink() {
  const { t } = useTranslation();
  const email = useApp((s) => s.form.email);
  const openHealth = useApp((s) => s.openHealth);
  const available = useHealthAvailable();
  const domain = validateEmail(email) === null ? emailDomain(email) : null;
  if (!domain || !available) return null;
  return (
    <p>
      <button type="button" className="link-button" onClick={() => openHealth(domain)}>
        {t('health.fromWizard', { domain })}
      </button>
    </p>
  );
}

/** The domain-health view. Escape or the back button returns to the wizard where it was. */
export function DomainHealth({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const form = useApp((s) => s.healthForm);
  const setField = useApp((s) => s.setHealthField);
  const posture = useApp((s) => s.posture);
  const checkDomain = useApp((s) => s.checkDomain);
  const [attempted, setAttempted] = useState(false);

  useCloseOnEscape(onClose);

  const domainError = validateDomain(form.domain);
  const selectorError = validateSelector(form.selector);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (domainError || selectorError) setAttempted(true);
    else void checkDomain();
  };
  const running = posture.status === 'running';
  const status = running
    ? t('health.checking', { domain: form.domain.trim() })
    : posture.status === 'done' && posture.value
      ? t('health.checked', { domain: posture.value.domain })
      : posture.status === 'error'
        ? t('health.failed')
        : '';

  return (
    <main id="health" className="step" aria-labelledby="step-heading">
      <StepHeading focus>{t('health.title')}</StepHeading>
      <p>{t('health.intro')}</p>
      <form noValidate onSubmit={submit}>
        <AttemptContext.Provider value={attempted}>
          <Field
            label={t('health.domain')}
            hint={t('health.domainHint')}
            value={form.domain}
            inputMode="url"
            error={domainError}
            onChange={(v) => setField('domain', v)}
          />
          <Field
            label={t('health.selector')}
            hint={t('health.selectorHint')}
            value={form.selector}
            optional
            error={selectorError}
            onChange={(v) => setField('selector', v)}
          />
        </AttemptContext.Provider>
        <button type="submit" className="button button--primary" disabled={running}>
          {t('health.check')}
        </button>
      </form>
      <CallStatus call={posture} text={status} />
      {posture.value ? <PostureReport posture={posture.value} /> : null}
      <div className="stepnav">
        <button type="button" className="button" onClick={onClose}>
          {t('health.back')}
        </button>
      </div>
    </main>
  );
}

function PostureReport({ posture }: { posture: DnsPosture }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const findings = [...posture.findings].sort(bySeverity).map((f, i) => ({
    key: `${f.id}-${i}`,
    severity: f.severity,
    title: f.title[language],
    explanation: f.explanation[language],
    fix: f.fix[language],
    detail: f.detail,
  }));
  return (
    <>
      <section aria-labelledby={`${id}-requirements`}>
        <h3 id={`${id}-requirements`}>{t('health.requirements')}</h3>
        <p className="muted">{t('health.requirementsIntro')}</p>
        <ul className="requirements">
          {posture.senderRequirements.map((r) => (
            <li key={r.requirement} className={`requirement requirement--${r.status}`}>
              <span className="requirement__status">{t(`health.statuses.${r.status}`)}</span>
              <span>{r.label[language]}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={`${id}-findings`}>
        <h3 id={`${id}-findings`}>{t('health.findings')}</h3>
        <FindingList items={findings} emptyText={t('health.noFindings')} />
      </section>
      <Records posture={posture} />
    </>
  );
}

/** The records as the engine read them, for whoever edits the zone. */
function Records({ posture }: { posture: DnsPosture }) {
  const { t } = useTranslation();
  const { spf, dmarc, mtaSts, tlsRpt } = posture;
  const mx = [...posture.mx].sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange));
  const list = (values: string[]) => values.join(', ');
  return (
    <details className="records">
      <summary>{t('health.records')}</summary>
      <dl>
        <RecordRow name="MX" values={mx.map((m) => `${m.priority} ${m.exchange}`)} />
        <RecordRow
          name="SPF"
          values={spf.records}
          notes={spf.lookups === null ? [] : [t('health.lookups', { value: spf.lookups })]}
        />
        <RecordRow
          name="DMARC"
          values={dmarc.record === null ? [] : [dmarc.record]}
          notes={[
            dmarc.policy === null ? null : t('health.policy', { value: dmarc.policy }),
            dmarc.pct === null ? null : t('health.pct', { value: dmarc.pct }),
            dmarc.rua.length === 0 ? null : t('health.reports', { value: list(dmarc.rua) }),
          ]}
        />
        <RecordRow
          name="DKIM"
          values={posture.dkim.map(
            (k) =>
              `${k.selector}: ${k.keyBits === null ? t('health.revoked') : t('health.bits', { value: k.keyBits })}`,
          )}
        />
        <RecordRow
          name="MTA-STS"
          values={mtaSts.txt === null ? [] : [mtaSts.txt]}
          notes={[
            mtaSts.mode === null ? null : t('health.mode', { value: mtaSts.mode }),
            mtaSts.mx.length === 0 ? null : t('health.covers', { value: list(mtaSts.mx) }),
            mtaSts.maxAge === null ? null : t('health.maxAge', { value: mtaSts.maxAge }),
          ]}
        />
        <RecordRow
          name="TLS-RPT"
          values={tlsRpt.record === null ? [] : [tlsRpt.record]}
          notes={[tlsRpt.rua.length === 0 ? null : t('health.reports', { value: list(tlsRpt.rua) })]}
        />
      </dl>
    </details>
  );
}

function RecordRow({
  name,
  values,
  notes = [],
}: {
  name: string;
  values: string[];
  notes?: (string | null)[];
}) {
  const { t } = useTranslation();
  return (
    <div className="records__row">
      <dt>{name}</dt>
      <dd>
        {values.length === 0 ? <span className="muted">{t('health.none')}</span> : null}
        {values.map((v, i) => (
          <code key={i}>{v}</code>
        ))}
        {notes
          .filter((n) => n !== null)
          .map((n) => (
            <span key={n} className="muted">
              {n}
            </span>
          ))}
      </dd>
    </div>
  );
}
