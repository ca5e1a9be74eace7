import type { StateCreator } from 'zustand/vanilla';
import type { Candidate, IncomingServer } from '../../../electron/contract.js';
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
  pop3Host: '',
  incomingProtocol: 'imap',
  password: '',
  rememberPassword: false,
  sendTo: '',
};

/** Changing any of these makes earlier test results describe another server. */
const serverKeys: ReadonlySet<keyof FormState> = new Set([
  'host',
  'incomingHost',
  'pop3Host',
  'portsText',
  'caPem',
]);

/**
 * The incoming servers a provider lists, as the form holds them: IMAP's (else the
 * first listed) for both protocols, and POP3's own when it is another server
 * (Gmail: imap.gmail.com and pop.gmail.com), so each is tested on its own host.
 */
export function incomingHostsOf(
  servers: readonly Pick<IncomingServer, 'protocol' | 'host'>[],
): Pick<FormState, 'incomingHost' | 'pop3Host'> {
  const incomingHost = (servers.find((s) => s.protocol === 'imap') ?? servers[0])?.host ?? '';
  const pop3 = servers.find((s) => s.protocol === 'pop3')?.host;
  return { incomingHost, pop3Host: pop3 !== undefined && pop3 !== incomingHost ? pop3 : '' };
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
            ...incomingHostsOf(preset.incoming),
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
            ...incomingHostsOf(s.incomingFound),
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
