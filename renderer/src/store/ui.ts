import type { StateCreator } from 'zustand/vanilla';
import type { Mutators } from './nav.js';
import type { AppState, StoreDeps, UiSlice } from './types.js';

export function createUiSlice(deps: StoreDeps): StateCreator<AppState, Mutators, [], UiSlice> {
  return (set) => ({
    language: deps.systemLanguage,
    languageSource: 'system',
    theme: 'system',
    availability: {},
    setLanguage: (language) => {
      set({ language, languageSource: 'user' });
      // The engine words its own messages in this language; a bridge without the setting is fine.
      void deps.api.setLanguage({ language });
    },
    setTheme: (theme) => set({ theme }),
  });
}
