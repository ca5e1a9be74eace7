#!/usr/bin/env node
/**
 * The `mailtls` executable. Turns on V8's code cache before the rest of the
 * command loads (a static import would load it first), so a second run skips
 * compiling the bundle: Node 22.1+ only, and only in the user's own cache folder
 * (compile-cache.ts says why not Node's default in the shared temporary folder).
 */
import * as nodeModule from 'node:module';
import { enablePrivateCompileCache } from './compile-cache.js';

enablePrivateCompileCache(
  (nodeModule as { enableCompileCache?: (directory: string) => unknown }).enableCompileCache,
);

// A chunk that cannot be loaded (a damaged install) is one line and exit code 3, as in main.ts.
import('./main.js').catch((error: unknown) => {
  process.stderr.write(`mailtls: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
});
