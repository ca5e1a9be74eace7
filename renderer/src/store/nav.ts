import type { StateCreator } from 'zustand/vanilla';
import type { AppState, NavSlice } from './types.js';
import { canEnter, neighbour } from './steps.js';

export type Mutators = [['zustand/persist', unknown]];

export const createNavSlice: StateCreator<AppState, Mutators, [], NavSlice> = (set, get) => ({
  step: 'account',
  goTo: (step) => {
    if (!canEnter(get(), step)) return false;
    set({ step });
    return true;
  },
  next: () => {
    const target = neighbour(get(), get().step, 1);
    if (target) get().goTo(target);
  },
  back: () => {
    const target = neighbour(get(), get().step, -1);
    if (target) get().goTo(target);
  },
});
