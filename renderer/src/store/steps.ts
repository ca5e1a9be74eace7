/** Which wizard steps exist and which can be entered, derived from the state (never stored). */
import { stepIds, type AppState, type StepId } from './types.js';
import { parsePorts, validateCaPem, validateEmail, validateHost, validateUser } from './validation.js';

type StepInputs = Pick<AppState, 'form' | 'runs' | 'availability'>;

export function accountValid(s: StepInputs): boolean {
  return validateEmail(s.form.email) === null;
}

export function serverValid(s: StepInputs): boolean {
  return (
    validateHost(s.form.host) === null &&
    (s.form.incomingHost.trim() === '' || validateHost(s.form.incomingHost) === null) &&
    (s.form.pop3Host.trim() === '' || validateHost(s.form.pop3Host) === null) &&
    validateUser(s.form.user) === null &&
    validateCaPem(s.form.caPem) === null &&
    parsePorts(s.form.portsText).ok
  );
}

export function canEnter(s: StepInputs, step: StepId): boolean {
  const report = s.runs.main.report;
  switch (step) {
    case 'account':
      return true;
    case 'server':
      return accountValid(s);
    case 'test':
      return accountValid(s) && serverValid(s);
    case 'compare':
    case 'recommend':
    // The report is for the provider too: most needed when nothing qualified (only a profile stays gated).
    case 'export':
      return report !== null;
    case 'apply':
    case 'verify':
      return report?.recommendation.security != null;
  }
}

/** The furthest step at or before `step` that can be entered (used after a reload). */
export function clampStep(s: StepInputs, step: StepId): StepId {
  const order = stepIds.indexOf(step);
  for (let i = order; i > 0; i--) {
    const id = stepIds[i];
    if (id !== undefined && canEnter(s, id)) return id;
  }
  return 'account';
}

export function neighbour(s: StepInputs, step: StepId, direction: 1 | -1): StepId | null {
  return stepIds[stepIds.indexOf(step) + direction] ?? null;
}
