/** The optional channels: presets, discovery, log-in test, test message and export. */
import type { StateCreator } from 'zustand/vanilla';
import type { ChannelKey, ExportResult, Profile, Result } from '../../../electron/contract.js';
import type { Mutators } from './nav.js';
import type { AppState, CallState, ServicesSlice, StoreDeps } from './types.js';
import { effectiveUser } from './profile.js';
import { emailDomain, validateEmail } from './validation.js';

type CallKey = 'presets' | 'discovery' | 'loginTest' | 'sendTest' | 'exported';

const idle = <T>(): CallState<T> => ({ status: 'idle', value: null, error: null });

/** A harmless, valid profile: exporting it tells whether the engine can export at all. */
const probeProfile: Profile = {
  schema: 'mailtls.profile/1',
  id: 'availability-probe',
  name: 'probe',
  account: { email: null, displayName: null, userName: null },
  outgoing: { host: 'localhost', port: 465, security: 'implicit-tls', authentication: 'none' },
  pinnedFingerprint256: null,
  verifiedWith: null,
  note: '',
};

export function createServicesSlice(deps: StoreDeps): StateCreator<AppState, Mutators, [], ServicesSlice> {
  return (set, get) => {
    /** Records whether the channel exists, from its answer. */
    const note = <T>(channel: ChannelKey, result: Result<T>): Result<T> => {
      const availability =
        !result.ok && result.error.code === 'not-available' ? 'not-available' : 'available';
      set((s) => ({ availability: { ...s.availability, [channel]: availability } }));
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

    const credentials = () => {
      const s = get();
      const rec = s.runs.main.report?.recommendation;
      if (!rec || rec.port === null || rec.security === null) return null;
      const user = effectiveUser(s.form);
      if (user === '' || s.form.password === '') return null;
      return {
        host: rec.host,
        port: rec.port,
        security: rec.security,
        credentials: { user, password: s.form.password },
        caPem: s.form.caPem.trim() || undefined,
        pinnedFingerprint256: rec.pinnedFingerprint256 ?? undefined,
      };
    };

    return {
      presets: idle(),
      discovery: idle(),
      loginTest: idle(),
      sendTest: idle(),
      exported: idle(),
      loadPresets: () => track('presets', async () => note('listPresets', await deps.api.listPresets({}))),
      discover: () =>
        track('discovery', async () => {
          const email = get().form.email.trim();
          if (validateEmail(email) !== null || emailDomain(email) === null) return null;
          const result = note('discover', await deps.api.discover({ email }));
          return result.ok ? { ok: true, value: result.value.candidates } : result;
        }),
      probeExport: async () => {
        note('exportProfile', await deps.api.exportProfile({ profile: probeProfile, format: 'mailtls' }));
      },
      runLoginTest: () =>
        track('loginTest', async () => {
          const request = credentials();
          return request ? note('loginTest', await deps.api.loginTest(request)) : null;
        }),
      runSendTest: () =>
        track('sendTest', async () => {
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
        }),
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
