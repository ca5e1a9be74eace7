import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract.js';
import { guides } from '../guides/index.js';
import { clientIds, type ClientId } from '../store/types.js';
import { useApp } from './context.js';
import { Select } from './Select.js';

/** The mail-program picker of the account step. */
export function ClientSelect({ label, hint }: { label: string; hint?: string }) {
  const { t, i18n } = useTranslation();
  const client = useApp((s) => s.form.client);
  const setField = useApp((s) => s.setField);
  const language = i18n.language as Language;
  return (
    <Select<ClientId | ''>
      label={label}
      hint={hint}
      value={client ?? ''}
      options={[
        { value: '', label: t('account.clientNone') },
        ...clientIds.map((cid) => ({ value: cid, label: guides[cid].name[language] })),
      ]}
      onChange={(value) => setField('client', value === '' ? null : value)}
    />
  );
}
