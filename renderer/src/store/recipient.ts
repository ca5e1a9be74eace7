/**
 * The recipient check (issue 18): will mail to a domain travel encrypted? Shown
 * instead of the wizard, like the domain-health view; the wizard stays where it was.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { Mutators } from './nav.js';
import { availabilityOf, idle } from './services.js';
import type { AppState, RecipientSlice, StoreDeps } from './types.js';
import { validateDomain } from './validation.js';

export function createRecipientSlice(deps: StoreDeps): StateCreator<AppState, Mutators, [], RecipientSlice> {
  return (set, get) => ({
    recipientOpen: false,
    recipientDomain: '',
    recipient: idle(),
    recipientSaved: idle(),
    openRecipient: (domain) =>
      set((s) => ({
        recipientOpen: true,
        healthOpen: false,
        recipientDomain: domain ?? s.recipientDomain,
      })),
    closeRecipient: () => set({ recipientOpen: false }),
    setRecipientDomain: (value) => set({ recipientDomain: value }),
    checkRecipient: async () => {
      const { recipientDomain, recipient } = get();
      if (recipient.status === 'running' || validateDomain(recipientDomain) !== null) return;
      // An earlier result could describe another domain: cleared before the new check.
      set({ recipient: { status: 'running', value: null, error: null }, recipientSaved: idle() });
      const result = await deps.api.recipientCheck({ domain: recipientDomain.trim() });
      set((s) => ({
        availability: { ...s.availability, recipientCheck: availabilityOf(result) },
        recipient: result.ok
          ? { status: 'done', value: result.value, error: null }
          : { status: 'error', value: null, error: result.error },
      }));
    },
    saveRecipientReport: async () => {
      const report = get().recipient.value;
      if (!report) return;
      set({ recipientSaved: { status: 'running', value: null, error: null } });
      const html = await deps.api.recipientHtmlReport({ report, language: get().language });
      const saved = html.ok
        ? await deps.api.saveFile({
            suggestedName: html.value.fileName,
            mimeType: html.value.mimeType,
            content: html.value.content,
          })
        : html;
      set({
        recipientSaved: saved.ok
          ? { status: 'done', value: saved.value, error: null }
          : { status: 'error', value: null, error: saved.error },
      });
    },
  });
}
