import type { StateCreator } from 'zustand/vanilla';
import type { Candidate, IncomingProtocol, IncomingServer } from '../../../electron/contract.js';
import { smtpPortEntry } from '../../../electron/ports.js';
import type { Mutators } from './nav.js';
import type { AppState, FormSlice, FormState, StoreDeps } from './types.js';
import { defaultPortsText, parsePorts } from './validation.js';
import { idleRun } from './audit.js';

export const initialForm: FormState = {
  email: '',
  client: null,
  host: '',
  user: '',
  portsText: defaultPortsText,
  caPem: '',
  presetId: null,
  incomingHost: '',
  incomingProtocol: 'imap',
  password: '',
  rememberPassword: false,
  sendTo: '',
};

/** Changing any of these makes earlier test results describe another server. */
const serverKeys: ReadonlySet<keyof FormState> = new Set(['host', 'incomingHost', 'portsText', 'caPem']);

/** The incoming host for the chosen protocol, else the first one listed (IMAP and POP3 often share it). */
export function incomingHostOf(
  servers: readonly Pick<IncomingServer, 'protocol' | 'host'>[],
  protocol: IncomingProtocol,
): string {
  return (servers.find((s) => s.protocol === protocol) ?? servers[0])?.host ?? '';
}

/** Adds a port the provider documents to the ports to test, unless it is already there. */
function withPort(portsText: string, port: number, security: Candidate['security']): string {
  const parsed = parsePorts(portsText);
  if (!parsed.ok || parsed.ports.some((p) => p.port === port)) return portsText;
  return security === 'plain' ? `${portsText}, ${port}` : `${portsText}, ${smtpPortEntry(port, security)}`;
}

export function createFormSlice(deps: StoreDeps): StateCreator<AppState, Mutators, [], FormSlice> {
  return (set, get) => {
    const invalidateRuns = () => {
      for (const run of Object.values(get().runs)) {
        if (run.status === 'running' && run.auditId) void deps.api.cancelAudit({ auditId: run.auditId });
      }
      set({
        runs: { main: idleRun(), verify: idleRun() },
        loginTest: { status: 'idle', value: null, error: null },
        incomingLoginTest: { status: 'idle', value: null, error: null },
        sendTest: { status: 'idle', value: null, error: null },
      });
    };
    return {
      form: initialForm,
      setField: (key, value) => {
        if (get().form[key] === value) return;
        set((s) => ({ form: { ...s.form, [key]: value } }));
        if (serverKeys.has(key)) invalidateRuns();
      },
      applyPreset: (preset) => {
        const { email } = get().form;
        const local = email.trim().slice(0, Math.max(email.trim().lastIndexOf('@'), 0));
        const user =
          preset.userName === 'email'
            ? email.trim()
            : preset.userName === 'local-part'
              ? local
              : get().form.user;
        set((s) => ({
          form: {
            ...s.form,
            host: preset.host,
            incomingHost: incomingHostOf(preset.incoming, s.form.incomingProtocol),
            user,
            presetId: preset.id,
            portsText: withPort(s.form.portsText, preset.port, preset.security),
          },
        }));
        invalidateRuns();
      },
      applyCandidate: (candidate) => {
        set((s) => ({
          form: {
            ...s.form,
            host: candidate.host,
            incomingHost: incomingHostOf(s.incomingFound, s.form.incomingProtocol),
            user: s.form.user || s.form.email.trim(),
            presetId: null,
            portsText: withPort(s.form.portsText, candidate.port, candidate.security),
          },
        }));
        invalidateRuns();
      },
    };
  };
}
