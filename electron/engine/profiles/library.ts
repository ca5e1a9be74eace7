/**
 * The saved-profile library: one `<id>.json` per profile in `<dataDir>/profiles`.
 * Every save writes a temporary file, fsyncs it, renames it over the old one and
 * fsyncs the folder, so a crash at any moment leaves either the old or the new
 * profile, never a torn one. The folder itself is chosen by the caller (the app,
 * the CLI and browser mode share that logic in electron/service).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile } from '../../contract.js';
import { UserFacingError } from '../core/errors.js';
import { readMailtls } from './formats/mailtls.js';
import { parseProfile, profileIdPattern, profileSummary, type ProfileSummary } from './profile.js';
import { assertImportSize, parseJsonSafely } from '../core/safe-input.js';

const tempSuffix = '.tmp';
/** Temporary files older than this belong to a writer that died; newer ones may be in flight. */
const staleTempMs = 60_000;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function ioError(action: { en: string; ja: string }): UserFacingError {
  return new UserFacingError('io', {
    en: `Could not ${action.en} the saved profile. Check that the data folder is writable.`,
    ja: `保存済みプロファイルを${action.ja}できませんでした。データフォルダーに書き込めるか確認してください。`,
  });
}

function notFound(): UserFacingError {
  return new UserFacingError('not-found', {
    en: 'This saved profile does not exist (any more).',
    ja: 'この保存済みプロファイルは見つかりません。',
  });
}

export class ProfileLibrary {
  readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'profiles');
  }

  #file(id: string): string {
    // Ids become file names: the pattern keeps them inside the folder.
    if (!profileIdPattern.test(id)) {
      throw new UserFacingError('invalid-input', {
        en: 'The profile id may only contain letters, digits, "-" and "_".',
        ja: 'プロファイル ID に使えるのは英数字、「-」、「_」だけです。',
      });
    }
    return join(this.folder, `${id}.json`);
  }

  async #read(file: string): Promise<Profile> {
    const content = await readFile(file, 'utf8');
    assertImportSize(content);
    const value = parseJsonSafely(content);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new UserFacingError('invalid-input', {
        en: 'Not a profile.',
        ja: 'プロファイルではありません。',
      });
    }
    return readMailtls(value as Record<string, unknown>);
  }

  /** Summaries sorted by name; files that are not valid profiles are left out. */
  async list(): Promise<ProfileSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if (isMissing(error)) return [];
      throw ioError({ en: 'list', ja: '一覧表示' });
    }
    const summaries: ProfileSummary[] = [];
    for (const name of names) {
      const file = join(this.folder, name);
      if (name.endsWith(tempSuffix)) {
        await this.#removeIfStale(file);
      } else if (name.endsWith('.json')) {
        try {
          summaries.push(profileSummary(await this.#read(file)));
        } catch {
          // A file edited or damaged outside MailTLS: listing the others matters more.
        }
      }
    }
    return summaries.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async #removeIfStale(file: string): Promise<void> {
    try {
      const info = await stat(file);
      if (Date.now() - info.mtimeMs > staleTempMs) await rm(file, { force: true });
    } catch {
      // Gone already, or another process is handling it.
    }
  }

  async load(id: string): Promise<Profile> {
    const file = this.#file(id);
    try {
      return await this.#read(file);
    } catch (error) {
      if (isMissing(error)) throw notFound();
      if (error instanceof UserFacingError) throw error;
      throw ioError({ en: 'read', ja: '読み込み' });
    }
  }

  async save(input: Profile): Promise<ProfileSummary> {
    const profile = parseProfile(input);
    const target = this.#file(profile.id);
    const temp = join(
      this.folder,
      `.${profile.id}.${process.pid}.${randomBytes(6).toString('hex')}${tempSuffix}`,
    );
    try {
      await mkdir(this.folder, { recursive: true, mode: 0o700 });
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(profile, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
      // The rename is only durable once the folder's entry is on disk too.
      const folder = await open(this.folder, 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    } catch {
      await rm(temp, { force: true });
      throw ioError({ en: 'save', ja: '保存' });
    }
    return profileSummary(profile);
  }

  async delete(id: string): Promise<void> {
    try {
      await unlink(this.#file(id));
    } catch (error) {
      if (isMissing(error)) throw notFound();
      if (error instanceof UserFacingError) throw error;
      throw ioError({ en: 'delete', ja: '削除' });
    }
  }
}
