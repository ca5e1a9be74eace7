import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract.js';
import { guides } from '../guides/index.js';
import { clientIds, type ClientId } from '../store/types.js';
import { useApp } from './context.js';

function isClientId(value: string): value is ClientId {
  return (clientIds as readonly string[]).includes(value);
}

/** The mail-program picker, shared by the account and apply steps. */
export function ClientSelect({ label, hint }: { label: string; hint?: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const client = useApp((s) => s.form.client);
  const setField = useApp((s) => s.setField);
  const language = i18n.language as Language;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={client ?? ''}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => setField('client', isClientId(e.target.value) ? e.target.value : null)}
      >
        <option value="">{t('account.clientNone')}</option>
        {clientIds.map((cid) => (
          <option key={cid} value={cid}>
            {guides[cid].name[language]}
          </option>
        ))}
      </select>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
