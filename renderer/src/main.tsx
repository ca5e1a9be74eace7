// First: configures zod before any schema exists (see zod-config.ts).
import './zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { selectBridge } from './bridge/index.js';
import { App } from './components/App.js';
import { StoreProvider } from './components/context.js';
import { createI18n, languageFromLocales } from './i18n/index.js';
import { createAppStore } from './store/index.js';
import './styles.css';

const systemLanguage = languageFromLocales(navigator.languages);
const root = createRoot(document.getElementById('root') as HTMLElement);
const api = selectBridge();

if (!api) {
  const i18n = createI18n(systemLanguage);
  document.documentElement.lang = systemLanguage;
  root.render(
    <main className="app">
      <h1>{i18n.t('app.title')}</h1>
      <p role="alert">{i18n.t('app.noBridge')}</p>
      <p>{i18n.t('desk.noToken')}</p>
    </main>,
  );
} else {
  const store = createAppStore({
    api,
    storage: window.localStorage,
    systemLanguage,
    newId: () => crypto.randomUUID(),
    now: () => Date.now(),
  });
  const i18n = createI18n(store.getState().language);
  store.subscribe((state, previous) => {
    if (state.language !== previous.language) void i18n.changeLanguage(state.language);
  });
  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        <I18nextProvider i18n={i18n}>
          <App />
        </I18nextProvider>
      </StoreProvider>
    </StrictMode>,
  );
}
