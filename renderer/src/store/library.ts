/**
 * The Profiles screen: the saved-profile library with re-test, export, rename,
 * delete and import, all through the contract's profile channels (the engine's
 * importers and library do the validation; nothing here parses a file).
 */
import type { StateCreator } from 'zustand/vanilla';
import type { BridgeError, Result } from '../../../electron/contract.js';
import { importRequestSchema } from '../../../electron/contract.js';
import type { Mutators } from './nav.js';
import { quickPorts } from './quick.js';
import { idle } from './services.js';
import type { AppState, LibraryEntry, LibrarySlice, StoreDeps } from './types.js';

/** What the import channel accepts at most; bigger files are refused before they are read. */
export const importMaxChars = importRequestSchema.shape.content.maxLength ?? 2_000_000;

export function createLibrarySlice(deps: StoreDeps): StateCreator<AppState, Mutators, [], LibrarySlice> {
  return (set, get) => {
    const failed = (error: BridgeError) => set({ libraryNotice: { kind: 'failed', error } });
    const entry = (id: string): LibraryEntry | undefined => get().library.value?.find((e) => e.id === id);
    /** Runs a call; on failure says why and returns null. */
    const call = async <T>(result: Promise<Result<T>>): Promise<T | null> => {
      const answer = await result;
      if (answer.ok) return answer.value;
      failed(answer.error);
      return null;
    };

    return {
      library: idle(),
      libraryNotice: null,
      loadLibrary: async () => {
        set((s) => ({ library: { ...s.library, status: 'running', error: null } }));
        const listed = await deps.api.listProfiles({});
        if (!listed.ok) {
          set({ library: { status: 'error', value: null, error: listed.error } });
          return;
        }
        // The list has no verdict or date: each profile is loaded (a library is small).
        const loaded = await Promise.all(
          listed.value.map((summary) => deps.api.loadProfile({ id: summary.id })),
        );
        const entries = loaded.flatMap((r) => (r.ok ? [{ id: r.value.id, profile: r.value }] : []));
        set({ library: { status: 'done', value: entries, error: null } });
      },
      renameProfile: async (id, name) => {
        const found = entry(id);
        const trimmed = name.trim();
        if (!found || trimmed === '' || trimmed === found.profile.name) return;
        if (await call(deps.api.saveProfile({ ...found.profile, name: trimmed }))) {
          set({ libraryNotice: { kind: 'renamed', name: trimmed } });
          await get().loadLibrary();
        }
      },
      deleteProfile: async (id) => {
        const found = entry(id);
        if (!found) return;
        const done = await deps.api.deleteProfile({ id });
        if (!done.ok) {
          failed(done.error);
          return;
        }
        set({ libraryNotice: { kind: 'deleted', name: found.profile.name } });
        await get().loadLibrary();
      },
      exportSaved: async (id, format) => {
        const found = entry(id);
        if (!found) return;
        const file = await call(deps.api.exportProfile({ profile: found.profile, format }));
        if (!file) return;
        const saved = await call(
          deps.api.saveFile({ suggestedName: file.fileName, mimeType: file.mimeType, content: file.content }),
        );
        if (saved) set({ libraryNotice: { kind: 'exported', savedAs: saved.savedAs } });
      },
      importFiles: async (files) => {
        for (const file of files) {
          const fileName = file.name.slice(0, 255);
          if (file.size > importMaxChars) {
            set({ libraryNotice: { kind: 'too-big', fileName } });
            continue;
          }
          const content = await file.text();
          const imported = await deps.api.importProfile({ fileName, content });
          if (!imported.ok) {
            set({ libraryNotice: { kind: 'import-failed', fileName, error: imported.error } });
            continue;
          }
          // A fresh id: an imported file never replaces a profile already kept.
          const saved = await deps.api.saveProfile({ ...imported.value, id: deps.newId() });
          if (!saved.ok) {
            set({ libraryNotice: { kind: 'import-failed', fileName, error: saved.error } });
            continue;
          }
          set({ libraryNotice: { kind: 'imported', name: saved.value.name } });
        }
        await get().loadLibrary();
      },
      retestProfile: async (id) => {
        const found = entry(id);
        if (!found) return;
        const { account, outgoing } = found.profile;
        const s = get();
        if (account.email) s.setField('email', account.email);
        s.setField('user', account.userName ?? '');
        s.setField('host', outgoing.host);
        s.setField('portsText', quickPorts([outgoing]));
        s.showScreen('quick');
        await s.testForm(null);
      },
      keepInLibrary: async () => {
        await get().saveToLibrary();
        if (get().exported.status === 'done') {
          get().showScreen('profiles');
          await get().loadLibrary();
        }
      },
    };
  };
}
