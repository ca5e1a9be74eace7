/**
 * The `mailtls` CLI as one bundle (`npm run build:node`): out/cli/main.cjs is the
 * executable, which loads the dispatcher out/cli/cli.cjs through the code cache, and
 * each command is a chunk loaded only when it runs;
 * out/cli/start.cjs is `npm start`'s launcher, sharing those chunks. A cold start then
 * reads a handful of files instead of the hundreds the compiled tree and node_modules
 * would cost it. Dependencies are bundled too; Node's own modules stay external.
 * CommonJS, not ESM: Node 20 loads the same chunks synchronously with `require`,
 * 40-60 ms sooner than through its asynchronous ES module loader (measured on
 * `mailtls check`); the sources stay ES modules.
 */
import { chmod } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const outDir = resolve(root, 'out/cli');

export default defineConfig({
  root,
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: true,
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: {
        main: resolve(root, 'electron/cli/bin.ts'),
        cli: resolve(root, 'electron/cli/main.ts'),
        start: resolve(root, 'electron/start.ts'),
      },
      output: {
        format: 'cjs',
        // `import()` of a Node module becomes `require`: the CLI's chunk loader compiles
        // scripts that cannot import dynamically on Node 20 (electron/cli/code-cache.ts).
        dynamicImportInCjs: false,
        entryFileNames: '[name].cjs',
        chunkFileNames: 'chunks/[name]-[hash].cjs',
      },
    },
  },
  plugins: [
    {
      name: 'mailtls-executable',
      // npm links the bin on install; a direct ./out/cli/main.cjs should run as well.
      async writeBundle() {
        await chmod(resolve(outDir, 'main.cjs'), 0o755);
      },
    },
  ],
});
