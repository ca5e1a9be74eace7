import type { Language } from '../contract.js';

/**
 * Japanese when the locale says so (LC_ALL, LC_MESSAGES, LANG, or else the operating
 * system's locale as ICU reports it), else English. ICU is asked through PluralRules:
 * every Intl service resolves the same default locale, and this one is ready in under
 * a millisecond, where DateTimeFormat first loads calendar data (15–35 ms measured),
 * a cost every start paid where no variable is set, as on Windows.
 */
export function detectLanguage(env: NodeJS.ProcessEnv): Language {
  const locale =
    env.LC_ALL || env.LC_MESSAGES || env.LANG || new Intl.PluralRules().resolvedOptions().locale || 'en';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
