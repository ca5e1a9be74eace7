import { useTranslation } from 'react-i18next';

/**
 * Words MailTLS did not write (a server's reply, a TLS library's message, a
 * protocol command), shown as they were said and marked so: never translated.
 */
export function Verbatim({ text }: { text: string }) {
  return (
    <code className="verbatim" translate="no">
      {text}
    </code>
  );
}

/** A server's reply in running text, introduced as the server's own words. */
export function ServerWords({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <span className="server-words">
      {t('common.serverWords')} <Verbatim text={text} />
    </span>
  );
}
