import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { stepIds } from '../store/types.js';
import { canEnter } from '../store/steps.js';
import { useApp } from './context.js';

/** The visible list of steps; every step that can be entered is a button. */
export function StepList() {
  const { t } = useTranslation();
  const step = useApp((s) => s.step);
  const goTo = useApp((s) => s.goTo);
  // Two flat arrays: useShallow compares items with Object.is, so objects would never compare equal.
  const enabled = useApp(useShallow((s) => stepIds.map((id) => canEnter(s, id))));
  const steps = stepIds.map((id, i) => ({ id, enabled: enabled[i] ?? false }));
  const currentIndex = steps.findIndex((s) => s.id === step);
  return (
    <nav aria-label={t('steps.label')} className="steplist">
      <ol>
        {steps.map(({ id, enabled }, i) => {
          const current = id === step;
          const state = current ? 'current' : i < currentIndex ? 'done' : enabled ? 'open' : 'locked';
          return (
            <li key={id} className={`steplist__item steplist__item--${state}`}>
              <button
                type="button"
                aria-current={current ? 'step' : undefined}
                aria-disabled={!enabled || undefined}
                // Locked steps are announced in the list but are not tab stops.
                tabIndex={enabled ? undefined : -1}
                onClick={() => enabled && goTo(id)}
              >
                <span className="steplist__number" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="steplist__label">{t(`steps.${id}`)}</span>
                <span className="visually-hidden">
                  {current
                    ? t('steps.current')
                    : i < currentIndex
                      ? t('steps.done')
                      : enabled
                        ? ''
                        : t('steps.locked')}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
