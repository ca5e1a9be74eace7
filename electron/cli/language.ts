import type { Language } from '../contract.js';

/** Japanese when the locale says so (LC_ALL, LC_MESSAGES, LANG, or Intl), else English. */
export function detectLanguage(env: NodeJS.ProcessEnv): Language {
  const locale =
    env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale || 'en';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
