import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The heading of a step. It takes the focus when the step is shown after a move,
 * so keyboard and screen-reader users land on the new content.
 */
export function StepHeading({ children, focus }: { children: ReactNode; focus: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h2 ref={ref} tabIndex={-1} id="step-heading" className="step__title">
      {children}
    </h2>
  );
}
