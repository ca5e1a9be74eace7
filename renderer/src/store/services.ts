/** The optional channels: presets, discovery, log-in test, test message, remembered passwords and export. */
import type { StateCreator } from 'zustand/vanilla';
import type { ChannelKey, ExportResult, Profile, Result } from '../../../electron/contract.js';
import type { Mutators } from './nav.js';
import type { AppState, Availability, CallState, ServicesSlice, StoreDeps } from './types.js';
import { incomingChoice } from './incoming.js';
import { effectiveUser } from './profile.js';
import { emailDomain, validateEmail } from './validation.js';

type CallKey = 'presets' | 'discovery' | 'loginTest' | 'incomingLoginTest' | 'sendTest' | 'exported';

export const idle = <T>(): CallState<T> => ({ status: 'idle', value: null, error: null });

/** Whether a channel exists, from its answer. */
export function availabilityOf(result: Result<unknown>): Availability {
  return !result.ok && result.error.code === 'not-available' ? 'not-available' : 'available';
}

export function createServicesSlice(deps: StoreDeps): StateCreator<AppState, Mutators, [], ServicesSlice> {
  return (set, get) => {
    /** Records whether the channel exists, from its answer. */
    const note = <T>(channel: ChannelKey, result: Result<T>): Result<T> => {
      set((s) => ({ availability: { ...s.availability, [channel]: availabilityOf(result) } }));
      return result;
    };

    /** The engine builds the profile (stable id, audit summary); null when nothing qualified. */
    const recommendedProfile = async (): Promise<Result<Profile> | null> => {
      const report = get().runs.main.report;
      if (!report || report.recommendation.security === null) return null;
      const email = get().form.email.trim();
      const userName = effectiveUser(get().form);
      return note(
        'profileFromReport',
        await deps.api.profileFromReport({
          report,
          account: { email: email || null, userName: userName || null },
        }),
      );
    };

    /** Runs a call and keeps its state under `key`. */
    const track = async <K extends CallKey>(
      key: K,
      run: () => Promise<Result<NonNullable<AppState[K]['value']>> | null>,
    ) => {
      set({ [key]: { status: 'running', value: null, error: null } } as Partial<AppState>);
      const result = await run();
      if (result === null) {
        set({ [key]: idle() } as Partial<AppState>);
        return;
      }
      set({
        [key]: result.ok
          ? { status: 'done', value: result.value, error: null }
          : { status: 'error', value: null, error: result.error },
      } as Partial<AppState>);
    };

    const save = async (exported: Result<ExportResult>) => {
      if (!exported.ok) return exported;
      const { fileName, mimeType, content } = exported.value;
      return note('saveFile', await deps.api.saveFile({ suggestedName: fileName, mimeType, content }));
    };

    /** The recommended server and the user name: what the tests log in to, and what a password is kept for. */
    const account = () => {
      const s = get();
      const rec = s.runs.main.report?.recommendation;
      const user = effectiveUser(s.form);
      if (!rec || rec.port === null || rec.security === null || user === '') return null;
      return {
        rec: { ...rec, port: rec.port, security: rec.security },
        target: { user, host: rec.host, port: rec.port },
      };
    };

    /** The typed password, or else the remembered one, which the renderer never sees. */
    const credentials = () => {
      const s = get();
      const found = account();
      if (!found || (s.form.password === '' && !s.passwordRemembered)) return null;
      const { rec, target } = found;
      const typed = s.form.password !== '';
      return {
        host: rec.host,
        port: rec.port,
        security: rec.security,
        credentials: typed
          ? { user: target.user, password: s.form.password }
          : { user: target.user, useRememberedPassword: true as const },
        ...(typed && s.form.rememberPassword ? { remember: true } : {}),
        caPem: s.form.caPem.trim() || undefined,
        pinnedFingerprint256: rec.pinnedFingerprint256 ?? undefined,
      };
    };

    /** A test that succeeded with "remember" ticked has stored the password: ask again. */
    const afterTest = async () => {
      if (get().form.rememberPassword) await get().checkRemembered();
    };

    return {
      presets: idle(),
      discovery: idle(),
      loginTest: idle(),
      incomingLoginTest: idle(),
      incomingFound: [],
      sendTest: idle(),
      exported: idle(),
      passwordRemembered: false,
      loadPresets: () => track('presets', async () => note('listPresets', await deps.api.listPresets({}))),
      discover: () =>
        track('discovery', async () => {
          const email = get().form.email.trim();
          if (validateEmail(email) !== null || emailDomain(email) === null) return null;
          const result = note('discover', await deps.api.discover({ email }));
          set({ incomingFound: result.ok ? (result.value.incoming ?? []) : [] });
          return result.ok ? { ok: true, value: result.value.candidates } : result;
        }),
      runLoginTest: async () => {
        await track('loginTest', async () => {
          const request = credentials();
          return request ? note('loginTest', await deps.api.loginTest(request)) : null;
        });
        await afterTest();
      },
      runIncomingLoginTest: () =>
        // Only the typed password: a remembered one belongs to the outgoing server it was accepted by.
        track('incomingLoginTest', async () => {
          const s = get();
          const choice = incomingChoice(s.runs.main.report, s.form.incomingProtocol);
          const user = effectiveUser(s.form);
          if (!choice || user === '' || s.form.password === '') return null;
          const { rec, protocol } = choice;
          return note(
            'loginTest',
            await deps.api.loginTest({
              host: rec.host,
              port: rec.port,
              security: rec.security,
              protocol,
              credentials: { user, password: s.form.password },
              caPem: s.form.caPem.trim() || undefined,
            }),
          );
        }),
      runSendTest: async () => {
        await track('sendTest', async () => {
          const request = credentials();
          const { email, sendTo } = get().form;
          if (!request || validateEmail(email) !== null || validateEmail(sendTo) !== null) return null;
          return note(
            'sendTest',
            await deps.api.sendTest({
              ...request,
              from: email.trim(),
              to: sendTo.trim(),
              language: get().language,
            }),
          );
        });
        await afterTest();
      },
      checkRemembered: async () => {
        const target = account()?.target;
        if (!target) {
          set({ passwordRemembered: false });
          return;
        }
        // Browser mode and a system without a keychain answer not-available: the UI then offers nothing.
        const result = note('recallPassword', await deps.api.recallPassword(target));
        set({ passwordRemembered: result.ok && result.value.remembered });
      },
      forgetPassword: async () => {
        const target = account()?.target;
        if (target) await deps.api.forgetPassword(target);
        await get().checkRemembered();
      },
      exportProfile: (format) =>
        track('exported', async () => {
          const profile = await recommendedProfile();
          if (!profile?.ok) return profile;
          const saved = await save(
            note('exportProfile', await deps.api.exportProfile({ profile: profile.value, format })),
          );
          return saved.ok ? { ok: true, value: { format, savedAs: saved.value.savedAs } } : saved;
        }),
      exportHtmlReport: () =>
        track('exported', async () => {
          const report = get().runs.main.report;
          if (!report) return null;
          const html = note('htmlReport', await deps.api.htmlReport({ report, language: get().language }));
          const saved = await save(html);
          return saved.ok
            ? { ok: true, value: { format: 'html-report', savedAs: saved.value.savedAs } }
            : saved;
        }),
      exportAuditJson: () =>
        track('exported', async () => {
          const report = get().runs.main.report;
          if (!report) return null;
          const saved = await save({
            ok: true,
            value: {
              fileName: `mailtls-audit-${report.host}-${report.startedAt.slice(0, 10)}.json`,
              mimeType: 'application/json',
              content: `${JSON.stringify(report, null, 2)}\n`,
            },
          });
          return saved.ok
            ? { ok: true, value: { format: 'audit-json', savedAs: saved.value.savedAs } }
            : saved;
        }),
      saveToLibrary: () =>
        track('exported', async () => {
          const profile = await recommendedProfile();
          if (!profile?.ok) return profile;
          const saved = note('saveProfile', await deps.api.saveProfile(profile.value));
          return saved.ok ? { ok: true, value: { format: 'library', savedAs: saved.value.name } } : saved;
        }),
    };
  };
}
