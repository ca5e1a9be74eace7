/**
 * Runs once before all test files: makes the test PKI (shared through an
 * environment variable) and a cache folder for the CLI processes the tests start, so
 * that they keep their code cache there and never in the user's own.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { createTestPki } from './pki.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'mailtls-pki-'));
  createTestPki(dir);
  process.env.MAILTLS_TEST_PKI = dir;
  const cache = mkdtempSync(join(tmpdir(), 'mailtls-cache-'));
  process.env.XDG_CACHE_HOME = cache;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  };
}
