import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../electron/contract.js';
import { en } from './en.js';
import { ja } from './ja.js';

export const resources = { en: { translation: en }, ja: { translation: ja } } as const;

/** The system locale decides the first language: Japanese for ja*, English otherwise. */
export function languageFromLocales(locales: readonly string[]): Language {
  return locales[0]?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
