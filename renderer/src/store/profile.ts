import type { PortReport, Profile } from '../../../electron/contract.js';
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

/** The recommended setting as a profile for export; null when nothing qualified. */
export function buildProfile(s: Pick<AppState, 'runs' | 'form'>, id: string): Profile | null {
  const report = s.runs.main.report;
  const rec = report?.recommendation;
  if (!report || !rec || rec.port === null || rec.security === null) return null;
  const port = recommendedPort(s);
  const email = s.form.email.trim();
  const user = effectiveUser(s.form);
  return {
    schema: 'mailtls.profile/1',
    id,
    name: (email ? `${email} (${rec.host})` : rec.host).slice(0, 200),
    account: { email: email || null, displayName: null, userName: user || null },
    outgoing: {
      host: rec.host,
      port: rec.port,
      security: rec.security,
      authentication: port && port.auth.afterTls.length > 0 ? 'password' : 'none',
    },
    pinnedFingerprint256: rec.pinnedFingerprint256 ?? null,
    verifiedWith: { date: report.startedAt, findings: port?.findings ?? [], qualified: true },
    note: '',
  };
}
