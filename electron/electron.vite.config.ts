/**
 * electron-vite build (`npm run build:app`): main, preload and renderer into
 * out/main, out/preload and out/renderer. Run with `-c electron/electron.vite.config.ts`
 * from the project root; every path here is resolved from this file.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const at = (path: string) => resolve(root, path);

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: at('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      emptyOutDir: true,
      // A sandboxed preload can require nothing but `electron`: bundle everything else (there is nothing else).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: at('renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: at('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: at('renderer/index.html') } },
    },
  },
});
