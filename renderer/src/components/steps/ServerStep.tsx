import { useTranslation } from 'react-i18next';
import { parsePorts, validateCaPem, validateHost, validateUser } from '../../store/validation.js';
import { useApp } from '../context.js';
import { Field } from '../Field.js';

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
      <Field
        label={t('incoming.host')}
        hint={t('incoming.hostHint')}
        value={form.incomingHost}
        inputMode="url"
        optional
        error={form.incomingHost.trim() === '' ? null : validateHost(form.incomingHost)}
        onChange={(v) => setField('incomingHost', v)}
      />
      {/* Only beside an incoming server: POP3 on another name than IMAP (pop.gmail.com beside imap.gmail.com). */}
      {form.incomingHost.trim() !== '' || form.pop3Host.trim() !== '' ? (
        <Field
          label={t('incoming.pop3Host')}
          hint={t('incoming.pop3HostHint')}
          value={form.pop3Host}
          inputMode="url"
          optional
          error={form.pop3Host.trim() === '' ? null : validateHost(form.pop3Host)}
          onChange={(v) => setField('pop3Host', v)}
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
