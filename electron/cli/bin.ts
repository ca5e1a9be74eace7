#!/usr/bin/env node
/**
 * The `mailtls` executable. It loads the command line (out/cli/cli.cjs) and its chunks
 * through V8's code cache in the user's own cache folder (code-cache.ts), and imports
 * nothing else of ours: a chunk required here by Node and again by that loader would
 * run twice.
 */
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { codeCacheFolder, loadWithCodeCache } from './code-cache.js';

try {
  loadWithCodeCache(
    fileURLToPath(new URL('cli.cjs', import.meta.url)),
    codeCacheFolder(process.env, process.platform, homedir()),
  );
} catch (error) {
  // A chunk that cannot be loaded (a damaged install) is one line and exit code 3, as in main.ts.
  process.stderr.write(`mailtls: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
}
