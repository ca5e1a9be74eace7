import { useTranslation } from 'react-i18next';
import { findingIds, type FindingId } from '../../../electron/contract.js';

const isFindingId = (value: string): value is FindingId => (findingIds as readonly string[]).includes(value);

/** Reason keys from the engine ("name:value") in the person's language. */
export function Reasons({ reasons }: { reasons: string[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="reasons">
      {reasons.map((reason) => {
        const colon = reason.indexOf(':');
        const name = colon === -1 ? reason : reason.slice(0, colon);
        const value = colon === -1 ? '' : reason.slice(colon + 1);
        let text: string;
        if (name === 'fix-to-qualify' && isFindingId(value)) {
          text = t('reasons.fix-to-qualify', { value: t(`findings.${value}.fix`) });
        } else if (name !== 'other' && i18n.exists(`reasons.${name}`)) {
          text = t(`reasons.${name}` as 'reasons.other', { value });
        } else {
          text = t('reasons.other', { value: reason });
        }
        return <li key={reason}>{text}</li>;
      })}
    </ul>
  );
}
