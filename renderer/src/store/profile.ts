import type { PortReport } from '../../../electron/contract.js';
import type { AppState, FormState } from './types.js';

/** The log-in name: what was typed, else the address (what most providers expect). */
export function effectiveUser(form: Pick<FormState, 'user' | 'email'>): string {
  return form.user.trim() || form.email.trim();
}

/** The port report behind the recommendation, if any. */
export function recommendedPort(s: Pick<AppState, 'runs'>): PortReport | null {
  const report = s.runs.main.report;
  const port = report?.recommendation.port;
  return report?.ports.find((p) => p.port === port) ?? null;
}
