import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract.js';
import { guides } from '../guides/index.js';
import { clientIds } from '../store/types.js';
import { useApp } from './context.js';

/**
 * The mail-program choice as a row of cards (native radio buttons underneath, so
 * arrow keys and screen readers work as usual); a native select squeezed the steps.
 */
export function ClientPicker({ label }: { label: string }) {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  const name = useId();
  const client = useApp((s) => s.form.client);
  const setField = useApp((s) => s.setField);
  return (
    <fieldset className="client-picker">
      <legend>{label}</legend>
      {clientIds.map((id) => (
        <label key={id} className={`client-card${client === id ? ' client-card--chosen' : ''}`}>
          <input
            type="radio"
            name={name}
            value={id}
            checked={client === id}
            onChange={() => setField('client', id)}
          />
          <span>{guides[id].name[language]}</span>
        </label>
      ))}
    </fieldset>
  );
}
