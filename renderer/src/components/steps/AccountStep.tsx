import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Preset } from '../../../../electron/contract.js';
import { emailDomain, validateEmail } from '../../store/validation.js';
import { ClientSelect } from '../ClientSelect.js';
import { Select } from '../Select.js';
import { useApp } from '../context.js';
import { DomainHealthLink } from '../DomainHealth.js';
import { Field } from '../Field.js';

export function AccountStep() {
  const { t } = useTranslation();
  const email = useApp((s) => s.form.email);
  const setField = useApp((s) => s.setField);
  const presets = useApp((s) => s.presets);
  const loadPresets = useApp((s) => s.loadPresets);

  useEffect(() => {
    if (presets.status === 'idle') void loadPresets();
  }, [presets.status, loadPresets]);

  const domain = validateEmail(email) === null ? emailDomain(email) : null;
  return (
    <>
      <p>{t('account.intro')}</p>
      <Field
        label={t('account.email')}
        hint={t('account.emailHint')}
        value={email}
        type="email"
        inputMode="email"
        autoComplete="email"
        error={validateEmail(email)}
        onChange={(v) => setField('email', v)}
      />
      <DomainHealthLink />
      <ClientSelect label={t('account.client')} hint={t('account.clientHint')} />
      <Providers domain={domain} />
    </>
  );
}

/** Provider presets and discovery; both are optional engine features. */
function Providers({ domain }: { domain: string | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const presets = useApp((s) => s.presets);
  const presetId = useApp((s) => s.form.presetId);
  const applyPreset = useApp((s) => s.applyPreset);
  const selectId = useId();
  const [chosen, setChosen] = useState('');

  if (presets.status === 'running' || presets.status === 'idle') {
    return <p className="muted">{t('account.presetsLoading')}</p>;
  }
  const list = presets.value ?? [];
  // A provider may document more than one setting (e.g. SSL/TLS and STARTTLS): show them all.
  const matched = domain ? list.filter((p) => p.domains.includes(domain)) : [];
  const used = list.find((p) => p.id === presetId);
  return (
    <section className="panel" aria-labelledby={`${selectId}-title`}>
      <h3 id={`${selectId}-title`}>{t('account.presets')}</h3>
      {list.length === 0 ? <p className="muted">{t('account.presetsNone')}</p> : null}
      {matched.map((preset) => (
        <PresetCard key={preset.id} preset={preset} language={language} onUse={() => applyPreset(preset)} />
      ))}
      {list.length > 0 ? (
        <div className="inline-form">
          <Select
            label={t('account.presetChoose')}
            value={chosen}
            options={[
              { value: '', label: t('account.presetNone') },
              ...list.map((p) => ({ value: p.id, label: p.name[language] })),
            ]}
            onChange={setChosen}
          />
          <button
            type="button"
            className="button"
            disabled={!list.some((p) => p.id === chosen)}
            onClick={() => {
              const preset = list.find((p) => p.id === chosen);
              if (preset) applyPreset(preset);
            }}
          >
            {t('account.presetUse')}
          </button>
        </div>
      ) : null}
      <p role="status" className="status-line">
        {used ? t('account.presetUsed', { name: used.name[language] }) : ''}
      </p>
      {domain && matched.length === 0 ? <Discovery domain={domain} /> : null}
    </section>
  );
}

function PresetCard({ preset, language, onUse }: { preset: Preset; language: Language; onUse: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <div className="card">
      <p>
        <strong id={titleId}>{t('account.presetFor', { name: preset.name[language] })}</strong>
      </p>
      <p className="mono">
        {preset.host} : {preset.port} · {t(`account.securities.${preset.security}`)}
      </p>
      {preset.sourceKind === 'community' ? (
        <p className="badge badge--warn">{t('desk.quick.community')}</p>
      ) : null}
      {preset.note ? <p>{preset.note[language]}</p> : null}
      <p className="muted">
        {t('common.source')}:{' '}
        <a href={preset.sourceUrl} target="_blank" rel="noreferrer noopener">
          {preset.sourceUrl}
        </a>
      </p>
      {/* Several cards may be shown: the title tells their buttons apart. */}
      <button type="button" className="button" aria-describedby={titleId} onClick={onUse}>
        {t('account.presetUse')}
      </button>
    </div>
  );
}

function Discovery({ domain }: { domain: string }) {
  const { t } = useTranslation();
  const discovery = useApp((s) => s.discovery);
  const available = useApp((s) => s.availability.discover);
  const discover = useApp((s) => s.discover);
  const applyCandidate = useApp((s) => s.applyCandidate);
  if (available === 'not-available') return <p className="muted">{t('account.discoverNone')}</p>;
  return (
    <div>
      <button
        type="button"
        className="button"
        onClick={() => void discover()}
        disabled={discovery.status === 'running'}
      >
        {t('account.discover', { domain })}
      </button>
      <p role="status" className="status-line">
        {discovery.status === 'running' ? t('account.discovering', { domain }) : ''}
        {discovery.status === 'done' && discovery.value?.length === 0 ? t('account.candidatesNone') : ''}
        {discovery.status === 'error' && discovery.error?.code !== 'not-available'
          ? `${t(`errors.${discovery.error?.code ?? 'internal'}`)} ${discovery.error?.message ?? ''}`
          : ''}
      </p>
      {discovery.value && discovery.value.length > 0 ? (
        <>
          <h4>{t('account.candidates')}</h4>
          <ul className="candidates">
            {discovery.value.map((c) => (
              <li key={`${c.host}:${c.port}:${c.security}`} className="card">
                <p className="mono">
                  {c.host} : {c.port} · {t(`account.securities.${c.security}`)}
                </p>
                <p className="muted">
                  {t('common.source')}: {t(`account.sources.${c.source}`)} ({c.origin})
                </p>
                {c.trusted ? null : <p className="warning">{t('account.candidateUntrusted')}</p>}
                <button type="button" className="button" onClick={() => applyCandidate(c)}>
                  {t('account.candidateUse', { host: c.host })}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
