import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findingWords } from '../../../electron/catalogue/index.js';
import type { DnsPosture, Language } from '../../../electron/contract.js';
import {
  emailDomain,
  validateDomain,
  validateEmail,
  validateHost,
  validateIp,
  validateSelector,
} from '../store/validation.js';
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
  const submissionHost = useApp((s) => (validateHost(s.form.host) === null ? s.form.host.trim() : null));
  const [attempted, setAttempted] = useState(false);

  useCloseOnEscape(onClose);

  const domainError = validateDomain(form.domain);
  const selectorError = validateSelector(form.selector);
  const ipError = validateIp(form.ip);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (domainError || selectorError || ipError) setAttempted(true);
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
          <Field
            label={t('health.ip')}
            hint={submissionHost ? t('health.ipHintGuess', { host: submissionHost }) : t('health.ipHint')}
            value={form.ip}
            optional
            error={ipError}
            onChange={(v) => setField('ip', v)}
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
  const findings = [...posture.findings].sort(bySeverity).map((f, i) => {
    const words = findingWords(f.id, language);
    return {
      key: `${f.id}-${i}`,
      severity: f.severity,
      title: words.title,
      explanation: words.explanation,
      fix: words.fixAdmin,
      detail: f.detail,
    };
  });
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
      {posture.spf.check ? <SpfCheck check={posture.spf.check} /> : null}
      <Records posture={posture} />
    </>
  );
}

/** check_host() for one address; a guessed address says so before the verdict. */
function SpfCheck({ check }: { check: NonNullable<DnsPosture['spf']['check']> }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-spf`} className="spf-check">
      <h3 id={`${id}-spf`}>{t('health.spfCheck')}</h3>
      <p className={check.guessedFrom ? 'spf-check__guess' : undefined}>
        {check.guessedFrom
          ? t('health.spfGuess', { ip: check.ip, host: check.guessedFrom })
          : t('health.spfAddress', { ip: check.ip })}
      </p>
      <p className={`spf-check__result spf-check__result--${check.result}`}>
        <strong>{t(`health.spfResults.${check.result}`)}</strong>
      </p>
      <p className="muted">
        {check.matched
          ? t('health.spfDecidedBy', { term: check.matched.term, domain: check.matched.domain })
          : t('health.spfNoMatch')}
      </p>
      {check.explanation ? <p>{t('health.spfExplanation', { value: check.explanation })}</p> : null}
    </section>
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
          notes={[
            spf.lookups === null ? null : t('health.lookups', { value: spf.lookups }),
            spf.voidLookups === null ? null : t('health.voidLookups', { value: spf.voidLookups }),
          ]}
        />
        <RecordRow
          name="DMARC"
          values={dmarc.record === null ? [] : [dmarc.record]}
          notes={[
            dmarc.policy === null ? null : t('health.policy', { value: dmarc.policy }),
            dmarc.policy === null
              ? null
              : t('health.subdomainPolicy', { value: dmarc.subdomainPolicy ?? dmarc.policy }),
            dmarc.pct === null ? null : t('health.pct', { value: dmarc.pct }),
            dmarc.adkim === null
              ? null
              : t('health.alignment', { adkim: dmarc.adkim, aspf: dmarc.aspf ?? 'r' }),
            dmarc.rua.length === 0 ? null : t('health.reports', { value: list(dmarc.rua) }),
            ...dmarc.externalRua.map((r) =>
              r.authorized === null
                ? null
                : t(r.authorized ? 'health.reportAuthorized' : 'health.reportUnauthorized', {
                    domain: r.domain,
                  }),
            ),
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
