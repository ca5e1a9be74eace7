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

await import('./main.js');
