/**
 * Runs once before all test files: makes the test PKI (shared through an
 * environment variable) and says which real peers are present.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { createTestPki } from './pki.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'mailtls-pki-'));
  createTestPki(dir);
  process.env.MAILTLS_TEST_PKI = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
