import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from '../store/index.js';
import type { AppState } from '../store/types.js';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Subscribes to one value of the wizard's store (return stable values, or wrap with useShallow). */
export function useApp<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp outside StoreProvider');
  return useStore(store, selector);
}

/** Whether the person tried to go on from the current step: then every problem is shown. */
export const AttemptContext = createContext(false);
export const useAttempted = () => useContext(AttemptContext);
