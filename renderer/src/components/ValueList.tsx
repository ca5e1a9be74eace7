import { useTranslation } from 'react-i18next';
import type { GuideValue } from '../guides/index.js';
import { CopyButton } from './CopyButton.js';
import type { Setting } from './setting.js';

/** The values to enter, each with a copy button. */
export function ValueList({ setting, only }: { setting: Setting; only?: GuideValue[] }) {
  const { t } = useTranslation();
  const keys = only ?? (['host', 'port', 'security', 'auth', 'user'] as GuideValue[]);
  return (
    <dl className="values">
      {keys
        .filter((k) => setting.values[k] !== '')
        .map((k) => {
          const label = t(`recommend.${k}`);
          return (
            <div key={k} className="values__row">
              <dt>{label}</dt>
              <dd>
                <mark className="value">{setting.values[k]}</mark>
                <CopyButton value={setting.values[k]} what={label} />
              </dd>
            </div>
          );
        })}
    </dl>
  );
}
