#!/usr/bin/env node
/**
 * The `mailtls` executable. Turns on V8's code cache before the rest of the
 * command loads (a static import would load it first), so a second run skips
 * compiling the bundle. Node 22.1+ only; elsewhere, or where the cache folder
 * cannot be written (Node then reports a failed status and runs on), it is skipped.
 */
import * as nodeModule from 'node:module';

const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
if (typeof enableCompileCache === 'function') {
  try {
    enableCompileCache();
  } catch {
    // No cache: only slower.
  }
}

// A chunk that cannot be loaded (a damaged install) is one line and exit code 3, as in main.ts.
import('./main.js').catch((error: unknown) => {
  process.stderr.write(`mailtls: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
});
