/**
 * The service as browser mode and `mailtls serve` run it: the real engine,
 * the settings file in the shared data folder, and no save dialog.
 */
import { homedir } from 'node:os';
import type { Language } from '../contract.js';
import { createEngine } from './engine.js';
import { createService, type Service } from './handlers.js';
import { defaultDataDir } from './paths.js';
import { createSettingsStore } from './settings.js';

export interface NodeServiceOptions {
  /** Used until the user picks a language in the UI. */
  defaultLanguage: Language;
  dataDir?: string;
  /** `IP:PORT` of the resolver the engine asks instead of the system's. */
  dnsServer?: string;
  /** For tests only (`serve --smtp-port`): the port that stands in for 25 in recipient checks. */
  recipientSmtpPort?: number;
  env?: NodeJS.ProcessEnv;
}

export async function createNodeService(options: NodeServiceOptions): Promise<Service> {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? defaultDataDir({ env, platform: process.platform, homedir: homedir() });
  const settings = await createSettingsStore({ dataDir, defaultLanguage: options.defaultLanguage });
  const engine = await createEngine({
    dataDir,
    ...(options.dnsServer ? { dnsServer: options.dnsServer } : {}),
    ...(options.recipientSmtpPort ? { recipientSmtpPort: options.recipientSmtpPort } : {}),
  });
  return createService({
    engine,
    settings,
    // A browser has no save dialog we could drive: the renderer downloads the file itself.
    saveFile: async () => ({ savedAs: null }),
  });
}
