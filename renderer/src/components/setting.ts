import { useTranslation } from 'react-i18next';
import type { IncomingProtocol, Language } from '../../../electron/contract.js';
import { fallbackGuide, guides, type ClientGuide, type GuideValue } from '../guides/index.js';
import { incomingChoice } from '../store/incoming.js';
import { effectiveUser, recommendedPort } from '../store/profile.js';
import { useApp } from './context.js';

export interface Setting {
  guide: ClientGuide;
  /** Whether the person named their program (otherwise the generic guide is used). */
  chosen: boolean;
  /** Whether the server offered a log-in (AUTH) over TLS on the recommended port. */
  authOffered: boolean;
  values: Record<GuideValue, string>;
}

/** The recommended setting in the words of the chosen mail program; null if nothing qualified. */
export function useSetting(): Setting | null {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const client = useApp((s) => s.form.client);
  const user = useApp((s) => effectiveUser(s.form));
  const rec = useApp((s) => s.runs.main.report?.recommendation);
  const port = useApp(recommendedPort);
  if (!rec || rec.port === null || rec.security === null) return null;
  const guide = client ? guides[client] : fallbackGuide;
  const hasAuth = (port?.auth.afterTls.length ?? 0) > 0;
  return {
    guide,
    chosen: client !== null,
    authOffered: hasAuth,
    values: {
      host: rec.host,
      port: String(rec.port),
      security: (rec.security === 'implicit-tls' ? guide.terms.implicitTls : guide.terms.starttls)[language],
      user,
      auth: hasAuth ? guide.terms.password[language] : t('desk.apply.authNotOffered'),
      protocol: 'SMTP',
    },
  };
}

export interface IncomingSetting extends Setting {
  protocol: IncomingProtocol;
}

/**
 * Issue 14: the recommended incoming setting (IMAP or POP3, as the person chose) in
 * the words of the chosen program; null when incoming mail was not tested or
 * nothing qualified.
 */
export function useIncomingSetting(): IncomingSetting | null {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const client = useApp((s) => s.form.client);
  const user = useApp((s) => effectiveUser(s.form));
  const report = useApp((s) => s.runs.main.report);
  const preferred = useApp((s) => s.form.incomingProtocol);
  const choice = incomingChoice(report, preferred);
  if (!choice) return null;
  const { rec, protocol } = choice;
  const guide = client ? guides[client] : fallbackGuide;
  const port = report?.incoming?.ports.find((p) => p.port === rec.port && p.protocol === protocol);
  const hasAuth = (port?.auth.afterTls.length ?? 0) > 0;
  return {
    guide,
    protocol,
    chosen: client !== null,
    authOffered: hasAuth,
    values: {
      host: rec.host,
      port: String(rec.port),
      security: (rec.security === 'implicit-tls' ? guide.terms.implicitTls : guide.terms.starttls)[language],
      user,
      auth: hasAuth ? guide.terms.password[language] : t('desk.apply.authNotOffered'),
      protocol: t(`incoming.protocols.${protocol}`),
    },
  };
}
