import { ChevronDown } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

/** How long typed letters add up to one type-ahead search. */
const typeAheadMs = 600;

/**
 * A select-only combobox with a listbox (WAI-ARIA APG pattern), styled like the
 * rest of the app where a native <select> would not be: arrows, Home/End, Enter
 * or Space to choose, Escape to close, and type-ahead on the option labels.
 */
export function Select<T extends string>({
  label,
  hint,
  value,
  options,
  onChange,
}: {
  label: string;
  hint?: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const selectedIndex = Math.max(
    0,
    options.findIndex((option) => option.value === value),
  );
  const [active, setActive] = useState(selectedIndex);
  const typed = useRef({ text: '', at: 0 });
  const list = useRef<HTMLUListElement>(null);
  const optionId = (index: number) => `${id}-option-${index}`;

  useEffect(() => {
    if (!open) return;
    list.current?.children[active]?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  const show = (index: number) => {
    setActive(index);
    setOpen(true);
  };
  const choose = (index: number) => {
    const option = options[index];
    if (option) onChange(option.value);
    setOpen(false);
  };
  /** The next option whose label starts with what was typed, from the active one on. */
  const typeAhead = (key: string) => {
    const now = Date.now();
    const text = (now - typed.current.at > typeAheadMs ? key : typed.current.text + key).toLocaleLowerCase();
    typed.current = { text, at: now };
    const from = open ? active : selectedIndex;
    // A fresh search starts after the current option, so pressing one letter again moves on.
    const start = text.length === 1 ? from + 1 : from;
    for (let step = 0; step < options.length; step++) {
      const index = (start + step) % options.length;
      if (options[index]?.label.toLocaleLowerCase().startsWith(text)) return show(index);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = options.length - 1;
    const current = open ? active : selectedIndex;
    const moves: Partial<Record<string, number>> = {
      ArrowDown: open ? Math.min(last, current + 1) : current,
      ArrowUp: open ? Math.max(0, current - 1) : current,
      Home: 0,
      End: last,
      PageDown: Math.min(last, current + 10),
      PageUp: Math.max(0, current - 10),
    };
    const move = moves[event.key];
    if (move !== undefined && !event.altKey) {
      event.preventDefault();
      show(move);
    } else if (event.key === 'ArrowDown' && event.altKey) {
      event.preventDefault();
      show(current);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      // Space while typing a label with spaces belongs to the search.
      if (event.key === ' ' && Date.now() - typed.current.at < typeAheadMs) typeAhead(' ');
      else if (open) choose(active);
      else show(current);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    } else if (event.key === 'Tab' && open) {
      choose(active);
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      typeAhead(event.key);
    }
  };

  return (
    <div className="field select">
      <span className="select__label" id={`${id}-label`}>
        {label}
      </span>
      <div className="select__anchor">
        <div
          role="combobox"
          tabIndex={0}
          className="select__button"
          aria-labelledby={`${id}-label`}
          aria-describedby={hint ? `${id}-hint` : undefined}
          aria-haspopup="listbox"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-activedescendant={open ? optionId(active) : undefined}
          onClick={() => (open ? setOpen(false) : show(selectedIndex))}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        >
          <span className="select__value">{options[selectedIndex]?.label}</span>
          <ChevronDown aria-hidden="true" size={16} />
        </div>
        <ul
          role="listbox"
          id={`${id}-list`}
          ref={list}
          className="select__list"
          aria-labelledby={`${id}-label`}
          hidden={!open}
          // Keeps the focus on the combobox (an option or the scroll bar pressed), so its blur does not close the list first.
          onMouseDown={(event) => event.preventDefault()}
        >
          {options.map((option, index) => (
            <li
              key={option.value}
              id={optionId(index)}
              role="option"
              aria-selected={option.value === value}
              className={index === active ? 'select__option select__option--active' : 'select__option'}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(index)}
            >
              {option.label}
            </li>
          ))}
        </ul>
      </div>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
