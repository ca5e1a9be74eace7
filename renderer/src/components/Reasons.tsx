import { useTranslation } from 'react-i18next';
import { renderReason } from '../../../electron/catalogue/index.js';
import type { Language, Reason } from '../../../electron/contract.js';

/** The recommendation's reasons in the person's language, worded by the finding catalogue. */
export function Reasons({ reasons }: { reasons: Reason[] }) {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <ul className="reasons">
      {reasons.map((reason) => {
        const text = renderReason(reason, language);
        return <li key={text}>{text}</li>;
      })}
    </ul>
  );
}
