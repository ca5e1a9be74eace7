import { useTranslation } from 'react-i18next';
import { parsePorts, validateCaPem, validateHost, validateUser } from '../../store/validation.js';
import { useApp } from '../context.js';
import { Field } from '../Field.js';

/** A server name that may stay empty; checked only once something is typed. */
function OptionalHostField(props: { field: 'incomingHost' | 'pop3Host'; label: string; hint: string }) {
  const value = useApp((s) => s.form[props.field]);
  const setField = useApp((s) => s.setField);
  return (
    <Field
      label={props.label}
      hint={props.hint}
      value={value}
      inputMode="url"
      optional
      error={value.trim() === '' ? null : validateHost(value)}
      onChange={(v) => setField(props.field, v)}
    />
  );
}

export function ServerStep() {
  const { t } = useTranslation();
  const form = useApp((s) => s.form);
  const setField = useApp((s) => s.setField);
  const ports = parsePorts(form.portsText);
  const advancedProblem = !ports.ok || validateCaPem(form.caPem) !== null;
  return (
    <>
      <p>{t('server.intro')}</p>
      <Field
        label={t('server.host')}
        hint={t('server.hostHint')}
        value={form.host}
        inputMode="url"
        error={validateHost(form.host)}
        onChange={(v) => setField('host', v)}
      />
      <OptionalHostField field="incomingHost" label={t('incoming.host')} hint={t('incoming.hostHint')} />
      {/* Only beside an incoming server: POP3 on another name than IMAP (pop.gmail.com beside imap.gmail.com). */}
      {form.incomingHost.trim() !== '' || form.pop3Host.trim() !== '' ? (
        <OptionalHostField
          field="pop3Host"
          label={t('incoming.pop3Host')}
          hint={t('incoming.pop3HostHint')}
        />
      ) : null}
      <Field
        label={t('server.user')}
        hint={t('server.userHint')}
        value={form.user}
        autoComplete="username"
        optional
        error={validateUser(form.user)}
        onChange={(v) => setField('user', v)}
      />
      {/* Opened by itself when something inside needs attention, so a problem is never hidden. */}
      <details className="advanced" open={advancedProblem || undefined}>
        <summary>{t('server.advanced')}</summary>
        <Field
          label={t('server.ports')}
          hint={t('server.portsHint')}
          value={form.portsText}
          error={ports.ok ? null : ports.error}
          onChange={(v) => setField('portsText', v)}
        />
        <Field
          label={t('server.ca')}
          hint={t('server.caHint')}
          value={form.caPem}
          multiline
          optional
          error={validateCaPem(form.caPem)}
          onChange={(v) => setField('caPem', v)}
        />
      </details>
    </>
  );
}
