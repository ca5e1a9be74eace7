import type { StateCreator } from 'zustand/vanilla';
import type { Mutators } from './nav.js';
import type { AppState, ScreenSlice } from './types.js';

/** Which screen the frame shows; leaving a side view (domain health, recipient check) for one of them closes it. */
export const createScreenSlice: StateCreator<AppState, Mutators, [], ScreenSlice> = (set) => ({
  screen: 'quick',
  showScreen: (screen) => set({ screen, healthOpen: false, recipientOpen: false }),
});
