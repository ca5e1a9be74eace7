/**
 * The one-screen path: the address decides the servers (a preset for its domain,
 * else the engine's discovery: autoconfig, SRV, MX, resolving guesses), they are
 * put into the form and the test starts at once, with no step in between.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { Candidate, PortMode, Preset } from '../../../electron/contract.js';
import { smtpPortEntry } from '../../../electron/ports.js';
import type { Mutators } from './nav.js';
import type { AppState, QuickSlice, QuickSource } from './types.js';
import { emailDomain, validateEmail } from './validation.js';

/** The ports to test: the discovered ones of the chosen host, each with its mode unless it is the standard one. */
export function quickPorts(settings: Pick<Candidate, 'port' | 'security'>[]): string {
  const seen = new Set<number>();
  return settings
    .filter((s): s is { port: number; security: PortMode } => s.security !== 'plain')
    .filter((s) => !seen.has(s.port) && seen.add(s.port))
    .map((s) => smtpPortEntry(s.port, s.security))
    .join(', ');
}

/** The preset a discovered candidate stands for (a preset or an MX naming a provider). */
function presetOf(candidate: Candidate, presets: Preset[]): Preset | null {
  if (candidate.source !== 'preset' && candidate.source !== 'mx') return null;
  return (
    presets.find(
      (p) => p.host === candidate.host && p.port === candidate.port && candidate.origin.includes(p.sourceUrl),
    ) ?? null
  );
}

export const createQuickSlice: StateCreator<AppState, Mutators, [], QuickSlice> = (set, get) => {
  const fail = (status: 'not-found' | 'error', error: AppState['quick']['error'] = null) =>
    set({ quick: { status, source: null, error } });

  /** The best secure candidates of one host: the preset's own host first, never plaintext. */
  const choose = async (domain: string): Promise<{ host: Candidate[]; source: QuickSource } | null> => {
    if (get().presets.status === 'idle') await get().loadPresets();
    const presets = get().presets.value ?? [];
    const own = presets.filter((p) => p.domains.includes(domain));
    if (own[0]) {
      const first = own[0];
      return {
        host: own
          .filter((p) => p.host === first.host)
          .map((p) => ({ ...p, source: 'preset', trusted: true, origin: p.sourceUrl })),
        source: { kind: 'preset', presetId: first.id, origin: first.sourceUrl },
      };
    }
    await get().discover();
    const found = (get().discovery.value ?? []).filter((c) => c.security !== 'plain');
    const best = found[0];
    if (!best) return null;
    return {
      host: found.filter((c) => c.host === best.host),
      source: { kind: best.source, presetId: presetOf(best, presets)?.id ?? null, origin: best.origin },
    };
  };

  return {
    quick: { status: 'idle', source: null, error: null },
    quickCheck: async () => {
      const { quick, form } = get();
      const email = form.email.trim();
      if (quick.status === 'discovering' || get().runs.main.status === 'running') return;
      const domain = validateEmail(email) === null ? emailDomain(email) : null;
      if (!domain) return;
      set({ quick: { status: 'discovering', source: null, error: null } });
      const chosen = await choose(domain);
      if (!chosen) {
        const error = get().discovery.error;
        fail(error ? 'error' : 'not-found', error);
        return;
      }
      const [first] = chosen.host;
      // A new address: the user name of an earlier one must not carry over.
      get().setField('user', '');
      const preset = (get().presets.value ?? []).find((p) => p.id === chosen.source.presetId);
      if (preset) get().applyPreset(preset);
      else if (first) get().applyCandidate(first);
      get().setField('portsText', quickPorts(chosen.host));
      await get().testForm(chosen.source);
    },
    testForm: async (source) => {
      set({ quick: { status: 'testing', source, error: null } });
      await get().startAudit('main');
      set((s) => ({ quick: { ...s.quick, status: 'done' } }));
    },
  };
};
