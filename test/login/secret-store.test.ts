/**
 * The remembered-password file, with a real cipher standing in for Electron's
 * safeStorage (AES-256-GCM under a key only the "keychain" holds): ciphertext
 * only on disk, owner-only permissions, nothing stored without a cipher.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../electron/engine/core/errors.js';
import { SecretStore, secretKey } from '../../electron/engine/login/index.js';
import { expectNoSecret, keychainCipher, password, user } from './secrets.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailtls-secrets-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const key = secretKey(user, 'SMTP.Example.com', 465);

describe('secret store', () => {
  it('remembers through the cipher: only ciphertext on disk, owner-only, recalled and forgotten', async () => {
    const file = join(dir, 'a', 'secrets.json');
    const store = new SecretStore(file, keychainCipher());
    await store.remember(key, password);
    const content = await readFile(file, 'utf8');
    expectNoSecret(content);
    expect(JSON.parse(content)).toMatchObject({ schema: 'mailtls.secrets/1' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.recall(key)).toBe(password);
    expect(await store.recall(secretKey(user, 'smtp.example.com', 465))).toBe(password);
    expect(await store.recall(secretKey(user, 'smtp.example.com', 587))).toBeNull();
    await store.forget(key);
    expect(await store.recall(key)).toBeNull();
    expectNoSecret(await readFile(file, 'utf8'));
  });

  it('without secure storage nothing is written and nothing recalled', async () => {
    const file = join(dir, 'b', 'secrets.json');
    const store = new SecretStore(file, keychainCipher(false));
    expect(store.available).toBe(false);
    const error = await store.remember(key, password).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('not-available');
    expect((error as UserFacingError).text.ja).toContain('記憶できません');
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.recall(key)).toBeNull();
  });

  it('a changed keychain or a damaged file only means asking again', async () => {
    const file = join(dir, 'c', 'secrets.json');
    await new SecretStore(file, keychainCipher()).remember(key, password);
    expect(await new SecretStore(file, keychainCipher()).recall(key)).toBeNull();
    await writeFile(file, '{"schema": "mailtls.secrets/1", "entries": ');
    const store = new SecretStore(file, keychainCipher());
    expect(await store.recall(key)).toBeNull();
    await store.remember(key, password);
    expect(await store.recall(key)).toBe(password);
  });
});
