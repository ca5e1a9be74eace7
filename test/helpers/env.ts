/** Shared test environment: the PKI made by global-setup, and peer availability. */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki, type TestPki } from './pki.js';

let pki: TestPki | undefined;

export function testPki(): TestPki {
  pki ??= createTestPki(process.env.MAILTLS_TEST_PKI ?? join(tmpdir(), 'mailtls-pki-standalone'));
  return pki;
}

/**
 * Whether a suite that needs a real peer runs. Missing peer: skip with a printed
 * reason, unless REQUIRE_<NAME>=1 (CI), where a missing peer must fail loudly.
 */
export function peerAvailable(name: 'POSTFIX' | 'BROWSER' | 'DOVECOT' | 'EXIM', paths: string[]): boolean {
  const found = paths.some((p) => existsSync(p));
  if (found) return true;
  if (process.env[`REQUIRE_${name}`] === '1') {
    throw new Error(`REQUIRE_${name}=1 but none of ${paths.join(', ')} exists`);
  }
  console.warn(`skipping ${name.toLowerCase()} tests: none of ${paths.join(', ')} exists`);
  return false;
}
