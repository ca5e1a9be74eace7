/**
 * Issue 14: the incoming direction (IMAP, POP3) beside the outgoing one. Every
 * verdict shown is the engine's (one recommendation per protocol, with its typed
 * reasons); IMAP and POP3 are the person's choice and never ranked.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomingProtocol, Recommendation } from '../../../electron/contract.js';
import { secureProtocols } from '../store/incoming.js';
import { useApp } from './context.js';
import { useOutcomeText } from './LoginOutcome.js';
import { Reasons } from './Reasons.js';
import { useIncomingSetting } from './setting.js';
import { ValueList } from './ValueList.js';

/** IMAP or POP3, among the protocols with a secure setting; the choice is kept in the form. */
export function IncomingProtocolChoice() {
  const { t } = useTranslation();
  const name = useId();
  const report = useApp((s) => s.runs.main.report);
  const setField = useApp((s) => s.setField);
  const setting = useIncomingSetting();
  const offered = secureProtocols(report);
  if (!setting || offered.length < 2) return null;
  return (
    <fieldset className="protocol-choice">
      <legend>{t('incoming.choose')}</legend>
      {offered.map((protocol) => (
        <label key={protocol} className="protocol-choice__option">
          <input
            type="radio"
            name={name}
            value={protocol}
            checked={setting.protocol === protocol}
            onChange={() => setField('incomingProtocol', protocol)}
          />{' '}
          {t(`incoming.protocols.${protocol}`)}{' '}
          <span className="muted">{t(`incoming.about.${protocol}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The incoming setting to enter (the chosen protocol), or why there is none; nothing when not tested. */
export function IncomingSettingCard({ reasons = false }: { reasons?: boolean }) {
  const { t } = useTranslation();
  const incoming = useApp((s) => s.runs.main.report?.incoming);
  const incomingError = useApp((s) => s.runs.main.incomingError);
  const setting = useIncomingSetting();
  if (!incoming)
    return incomingError ? (
      <p className="card card--warn">
        {t('incoming.notTested')} {incomingError.message}
      </p>
    ) : null;
  const tested = (['imap', 'pop3'] as const).filter((p) => incoming.recommendations[p] !== null);
  // Both servers when IMAP and POP3 have their own (imap.gmail.com, pop.gmail.com).
  const hosts = [...new Set(tested.map((p) => incoming.recommendations[p]?.host ?? incoming.host))];
  return (
    <section className="incoming" aria-labelledby="incoming-title">
      <h3 id="incoming-title">{t('incoming.title', { host: hosts.join(', ') || incoming.host })}</h3>
      {setting ? (
        <div className="card card--good incoming-card">
          <IncomingProtocolChoice />
          <ValueList setting={setting} only={['protocol', 'host', 'port', 'security', 'user']} />
        </div>
      ) : (
        <div className="card card--bad">
          <p>
            <strong>{t('incoming.nothing')}</strong>
          </p>
        </div>
      )}
      {reasons
        ? tested.map((protocol) => (
            <ProtocolReasons
              key={protocol}
              protocol={protocol}
              recommendation={incoming.recommendations[protocol]}
            />
          ))
        : null}
    </section>
  );
}

function ProtocolReasons({
  protocol,
  recommendation,
}: {
  protocol: IncomingProtocol;
  recommendation: Recommendation | null;
}) {
  const { t } = useTranslation();
  if (!recommendation) return null;
  const name = t(`incoming.protocols.${protocol}`);
  return (
    <div className="incoming__protocol">
      <h4>
        {recommendation.security
          ? t('incoming.recommended', {
              protocol: name,
              port: recommendation.port,
              security: t(`test.modes.${recommendation.security}`),
            })
          : t('incoming.noneFor', { protocol: name })}
      </h4>
      <Reasons reasons={recommendation.reasons} />
    </div>
  );
}

/** The log-in to the incoming server: TLS only, the typed password only. */
export function IncomingLogin() {
  const { t } = useTranslation();
  const setting = useIncomingSetting();
  const password = useApp((s) => s.form.password);
  const available = useApp((s) => s.availability.loginTest !== 'not-available');
  const state = useApp((s) => s.incomingLoginTest);
  const run = useApp((s) => s.runIncomingLoginTest);
  const outcome = useOutcomeText();
  if (!setting || !available) return null;
  const protocol = t(`incoming.protocols.${setting.protocol}`);
  return (
    <div className="incoming-login">
      <button
        type="button"
        className="button"
        disabled={password === '' || state.status === 'running'}
        onClick={() => void run()}
      >
        {t('incoming.loginRun', { protocol, host: setting.values.host })}
      </button>
      {password === '' ? <p className="muted">{t('incoming.needPassword')}</p> : null}
      <p role="status" className="status-line">
        {outcome.login(state)}
      </p>
    </div>
  );
}
