#!/usr/bin/env node
/**
 * The `mailtls` executable. It keeps no V8 code cache: Node 22's compile cache saved
 * nothing measurable for this bundle (README, Speed), and its default folder,
 * `os.tmpdir()/node-compile-cache`, is the shared /tmp on Linux, where another local
 * user can leave compiled code that Node then runs in our process.
 */
// A chunk that cannot be loaded (a damaged install) is one line and exit code 3, as in main.ts.
import('./main.js').catch((error: unknown) => {
  process.stderr.write(`mailtls: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
});
