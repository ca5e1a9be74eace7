/**
 * The small settings file (`settings.json` in the data folder). Today it holds
 * the UI language only. Reads never throw: a missing or damaged file falls back
 * to the default, and the next write replaces it.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { languageSchema, type Language } from '../contract.js';

const settingsFileSchema = z.looseObject({ language: languageSchema.optional() });
type SettingsFile = z.infer<typeof settingsFileSchema>;

export interface SettingsStore {
  /** The language chosen by the user, else the default (system locale). */
  getLanguage(): Language;
  setLanguage(language: Language): Promise<Language>;
}

export interface SettingsOptions {
  /** Data folder; without it the settings live in memory only (tests, throw-away runs). */
  dataDir?: string;
  /** Used until the user chooses a language. */
  defaultLanguage: Language;
}

export const settingsFileName = 'settings.json';

export async function createSettingsStore(options: SettingsOptions): Promise<SettingsStore> {
  const file = options.dataDir ? join(options.dataDir, settingsFileName) : undefined;
  let current: SettingsFile = {};
  if (file) current = await readSettings(file);

  return {
    getLanguage: () => current.language ?? options.defaultLanguage,
    async setLanguage(language) {
      const next: SettingsFile = { ...current, language };
      if (file && options.dataDir) await writeSettings(options.dataDir, file, next);
      current = next;
      return language;
    },
  };
}

async function readSettings(file: string): Promise<SettingsFile> {
  try {
    const text = await readFile(file, 'utf8');
    if (text.length > 64 * 1024) return {};
    const parsed = settingsFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

async function writeSettings(dir: string, file: string, settings: SettingsFile): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Write then rename, so a crash never leaves half a file behind.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}
