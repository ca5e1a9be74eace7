/** The domain-health view: the domain's SPF, DKIM, DMARC and friends, through the dnsPosture channel. */
import type { StateCreator } from 'zustand/vanilla';
import type { Mutators } from './nav.js';
import { availabilityOf, idle } from './services.js';
import type { AppState, HealthSlice, StoreDeps } from './types.js';
import {
  emailDomain,
  validateDomain,
  validateEmail,
  validateHost,
  validateIp,
  validateSelector,
} from './validation.js';

export function createHealthSlice(deps: StoreDeps): StateCreator<AppState, Mutators, [], HealthSlice> {
  return (set, get) => ({
    healthOpen: false,
    healthForm: { domain: '', selector: '', ip: '' },
    posture: idle(),
    openHealth: (domain) => {
      const { email } = get().form;
      const fromEmail = validateEmail(email) === null ? emailDomain(email) : null;
      set((s) => ({
        healthOpen: true,
        recipientOpen: false,
        healthForm: { ...s.healthForm, domain: domain ?? (s.healthForm.domain || fromEmail || '') },
      }));
    },
    closeHealth: () => set({ healthOpen: false }),
    setHealthField: (key, value) => set((s) => ({ healthForm: { ...s.healthForm, [key]: value } })),
    checkDomain: async () => {
      const { healthForm, posture, form } = get();
      if (
        posture.status === 'running' ||
        validateDomain(healthForm.domain) !== null ||
        validateSelector(healthForm.selector) !== null ||
        validateIp(healthForm.ip) !== null
      ) {
        return;
      }
      // Earlier results are cleared: they could describe another domain or selector.
      set({ posture: { status: 'running', value: null, error: null } });
      const selector = healthForm.selector.trim();
      const ip = healthForm.ip.trim();
      // Without an address, the submission server the wizard knows is the first guess.
      const submissionHost = validateHost(form.host) === null ? form.host.trim() : '';
      const result = await deps.api.dnsPosture({
        domain: healthForm.domain.trim(),
        ...(selector ? { dkimSelector: selector } : {}),
        ...(ip ? { ip } : submissionHost ? { submissionHost } : {}),
      });
      set((s) => ({
        availability: { ...s.availability, dnsPosture: availabilityOf(result) },
        posture: result.ok
          ? { status: 'done', value: result.value, error: null }
          : { status: 'error', value: null, error: result.error },
      }));
    },
  });
}
