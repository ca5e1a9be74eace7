/**
 * The wizard's store: one zustand store made of slices, built by a factory so
 * tests create it in Node with their own bridge and storage, without React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createNavSlice } from './nav.js';
import { createFormSlice, initialForm } from './form.js';
import { createAuditSlice } from './audit.js';
import { createUiSlice } from './ui.js';
import { createServicesSlice } from './services.js';
import { createHealthSlice } from './health.js';
import { createRecipientSlice } from './recipient.js';
import { createScreenSlice } from './screen.js';
import { createQuickSlice } from './quick.js';
import { createLibrarySlice } from './library.js';
import { clampStep } from './steps.js';
import type { AppState, FormState, StoreDeps } from './types.js';

export const storageKey = 'mailtls.wizard';

/** What survives a reload. The password (and whether to remember it) is deliberately not in this list. */
type PersistedForm = Omit<FormState, 'password' | 'rememberPassword'>;
export interface PersistedState {
  step: AppState['step'];
  screen?: AppState['screen'];
  language?: AppState['language'];
  theme: AppState['theme'];
  form: PersistedForm;
}

function persistedForm(form: FormState): PersistedForm {
  // Every field but the password and the choice to remember it (kept, if at all, by the secret store).
  const { password: _password, rememberPassword: _rememberPassword, ...kept } = form;
  return kept;
}

export function createAppStore(deps: StoreDeps) {
  return createStore<AppState>()(
    persist(
      (...a) => ({
        ...createNavSlice(...a),
        ...createFormSlice(deps)(...a),
        ...createAuditSlice(deps)(...a),
        ...createUiSlice(deps)(...a),
        ...createServicesSlice(deps)(...a),
        ...createHealthSlice(deps)(...a),
        ...createRecipientSlice(deps)(...a),
        ...createScreenSlice(...a),
        ...createQuickSlice(...a),
        ...createLibrarySlice(deps)(...a),
      }),
      {
        name: storageKey,
        version: 1,
        storage: createJSONStorage(() => deps.storage),
        partialize: (s): PersistedState => ({
          step: s.step,
          screen: s.screen,
          // Only a language the person chose is kept; otherwise the system locale keeps deciding.
          ...(s.languageSource === 'user' ? { language: s.language } : {}),
          theme: s.theme,
          form: persistedForm(s.form),
        }),
        merge: (persisted, current) => {
          const p = (persisted ?? {}) as Partial<PersistedState>;
          const form: FormState = { ...initialForm, ...p.form, password: '', rememberPassword: false };
          const merged: AppState = {
            ...current,
            form,
            theme: p.theme ?? current.theme,
            screen: p.screen ?? current.screen,
            ...(p.language ? { language: p.language, languageSource: 'user' as const } : {}),
          };
          // Test results are not kept, so a step that needs them falls back to the last one it can show.
          return { ...merged, step: clampStep(merged, p.step ?? 'account') };
        },
      },
    ),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;
export type { StoreApi };
