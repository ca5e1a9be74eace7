/** The saved-profile library: CRUD, refusals, and atomic writes under SIGKILL. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../electron/engine/core/errors.js';
import { ProfileLibrary } from '../../electron/engine/profiles/index.js';
import { bigProfile, sampleProfile } from './fixtures.js';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailtls-library-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

describe('ProfileLibrary', () => {
  it('saves, lists, loads, replaces and deletes', async () => {
    const library = new ProfileLibrary(dataDir());
    expect(await library.list()).toEqual([]);
    const a = sampleProfile({ profile: { id: 'p-a', name: 'Zeta' } });
    const b = sampleProfile({
      profile: { id: 'p-b', name: 'Alpha' },
      outgoing: { port: 587, security: 'starttls' },
    });
    expect(await library.save(a)).toEqual({
      id: 'p-a',
      name: 'Zeta',
      host: 'smtp.example.com',
      port: 465,
      security: 'implicit-tls',
    });
    await library.save(b);
    expect((await library.list()).map((s) => s.name)).toEqual(['Alpha', 'Zeta']);
    expect(await library.load('p-b')).toEqual(b);
    await library.save({ ...a, note: 'changed' });
    expect((await library.load('p-a')).note).toBe('changed');
    expect(await library.list()).toHaveLength(2);
    await library.delete('p-a');
    expect((await library.list()).map((s) => s.id)).toEqual(['p-b']);
    expect((await rejection(library.load('p-a'))).code).toBe('not-found');
    expect((await rejection(library.delete('p-a'))).code).toBe('not-found');
  });

  it('refuses ids that could leave the folder and invalid profiles, changing nothing', async () => {
    const dir = dataDir();
    const library = new ProfileLibrary(dir);
    await library.save(sampleProfile());
    const before = readdirSync(library.folder);
    expect((await rejection(library.load('../secret'))).code).toBe('invalid-input');
    expect((await rejection(library.delete('..'))).code).toBe('invalid-input');
    expect((await rejection(library.save({ ...sampleProfile(), id: '../../x' }))).code).toBe('invalid-input');
    const broken = { ...sampleProfile(), outgoing: { ...sampleProfile().outgoing, port: 0 } };
    expect((await rejection(library.save(broken))).code).toBe('invalid-input');
    expect(readdirSync(library.folder)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['profiles']);
  });

  it('lists the valid profiles when another file in the folder is damaged', async () => {
    const library = new ProfileLibrary(dataDir());
    await library.save(sampleProfile());
    writeFileSync(join(library.folder, 'p-broken.json'), '{"schema":"mailtls.profile/1", "id": ');
    expect((await library.list()).map((s) => s.id)).toEqual(['p-test']);
    expect((await rejection(library.load('p-broken'))).code).toBe('invalid-input');
  });

  it('never loses or tears a profile when the writer is killed mid-save (SIGKILL)', async () => {
    const dir = dataDir();
    const library = new ProfileLibrary(dir);
    const writer = join(import.meta.dirname, 'library-writer.ts');
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, dir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('writer did not start')), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', () => reject(new Error('writer exited early')));
      });
      // Somewhere inside the save loop: write, fsync, rename, folder fsync.
      await new Promise((resolve) => setTimeout(resolve, 20 + attempt * 37));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;

      const profile = await library.load('p-big');
      expect([bigProfile('A'), bigProfile('B')]).toContainEqual(profile);
      expect((await library.list()).map((s) => s.id)).toEqual(['p-big']);
      const raw = readFileSync(join(library.folder, 'p-big.json'), 'utf8');
      expect(JSON.parse(raw).note).toMatch(/^(A{2000}|B{2000})$/);
    }
  }, 120_000);
});
