/** The renderer store's persistence in memory: what is stored now, and every value ever written. */
import type { StateStorage } from 'zustand/middleware';

export function memoryStorage(): StateStorage & { data: Map<string, string>; writes: string[] } {
  const data = new Map<string, string>();
  const writes: string[] = [];
  return {
    data,
    writes,
    getItem: (name) => data.get(name) ?? null,
    setItem: (name, value) => {
      writes.push(value);
      data.set(name, value);
    },
    removeItem: (name) => void data.delete(name),
  };
}
