import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationKey } from '../store/validation.js';
import { useAttempted } from './context.js';

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: ValidationKey | null;
  type?: 'text' | 'email' | 'password';
  multiline?: boolean;
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'url' | 'numeric';
  optional?: boolean;
  /** Takes the focus when the screen opens (the first field of a screen only). */
  autoFocus?: boolean;
}

/** A labelled input whose hint and problem are tied to it for screen readers. */
export function Field(props: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const attempted = useAttempted();
  const [edited, setEdited] = useState(false);
  // Problems show while typing once the field was edited, or after trying to go on.
  const showError = Boolean(props.error) && (edited || attempted);
  const describedBy = [props.hint ? `${id}-hint` : null, showError ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    value: props.value,
    'aria-invalid': showError || undefined,
    'aria-describedby': describedBy || undefined,
    autoComplete: props.autoComplete ?? 'off',
    autoFocus: props.autoFocus,
    spellCheck: false,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setEdited(true);
      props.onChange(e.target.value);
    },
  };
  return (
    <div className={`field${showError ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {props.label}
        {props.optional ? <span className="field__optional"> ({t('common.optional')})</span> : null}
      </label>
      {props.multiline ? (
        <textarea {...common} rows={5} />
      ) : (
        <input {...common} type={props.type ?? 'text'} inputMode={props.inputMode} />
      )}
      {props.hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {showError && props.error ? (
        <p className="field__error" id={`${id}-error`}>
          {t(`validation.${props.error}`)}
        </p>
      ) : null}
    </div>
  );
}
