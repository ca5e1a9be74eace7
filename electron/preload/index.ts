/**
 * Preload (sandboxed, emitted as CommonJS out/preload/index.cjs): exposes
 * exactly the contract's API as `window.mailtls`, one function per channel.
 * No raw ipcRenderer, no generic invoke, no npm packages (a sandboxed preload
 * can only require `electron`): the contract is imported for its types only,
 * and the channel names below are checked against it by the compiler.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ChannelKey, Channels, eventChannels, MailTlsApi, ProgressEvent, Result } from '../contract.js';

const names = {
  runAudit: 'audit:run',
  cancelAudit: 'audit:cancel',
  discover: 'discover:run',
  listPresets: 'discover:presets',
  dnsPosture: 'dns:posture',
  loginTest: 'smtp:login-test',
  sendTest: 'smtp:send-test',
  recallPassword: 'secrets:recall',
  forgetPassword: 'secrets:forget',
  exportProfile: 'profile:export',
  importProfile: 'profile:import',
  profileFromReport: 'profile:from-report',
  htmlReport: 'report:html',
  listProfiles: 'profiles:list',
  loadProfile: 'profiles:load',
  saveProfile: 'profiles:save',
  deleteProfile: 'profiles:delete',
  saveFile: 'file:save',
  getLanguage: 'settings:get-language',
  setLanguage: 'settings:set-language',
  recipientCheck: 'recipient:check',
  recipientHtmlReport: 'report:recipient-html',
} as const satisfies { [K in ChannelKey]: Channels[K]['name'] };

const progressChannel: (typeof eventChannels)['auditProgress'] = 'audit:progress';

/** Not exposed: each API function below names its one channel. */
async function invoke<T>(channel: string, request: unknown): Promise<Result<T>> {
  try {
    return (await ipcRenderer.invoke(channel, request)) as Result<T>;
  } catch {
    // Only reached when IPC itself fails (e.g. a payload that cannot be cloned).
    return { ok: false, error: { code: 'internal', message: 'IPC failed / 内部通信に失敗しました' } };
  }
}

const api: MailTlsApi = {
  runAudit: async (request, onProgress) => {
    const listener = (_event: IpcRendererEvent, progress: ProgressEvent) => {
      if (progress && progress.auditId === request.auditId) onProgress?.(progress);
    };
    if (onProgress) ipcRenderer.on(progressChannel, listener);
    try {
      return await invoke(names.runAudit, request);
    } finally {
      if (onProgress) ipcRenderer.removeListener(progressChannel, listener);
    }
  },
  cancelAudit: (request) => invoke(names.cancelAudit, request),
  discover: (request) => invoke(names.discover, request),
  listPresets: (request) => invoke(names.listPresets, request),
  dnsPosture: (request) => invoke(names.dnsPosture, request),
  loginTest: (request) => invoke(names.loginTest, request),
  sendTest: (request) => invoke(names.sendTest, request),
  recallPassword: (request) => invoke(names.recallPassword, request),
  forgetPassword: (request) => invoke(names.forgetPassword, request),
  exportProfile: (request) => invoke(names.exportProfile, request),
  importProfile: (request) => invoke(names.importProfile, request),
  profileFromReport: (request) => invoke(names.profileFromReport, request),
  htmlReport: (request) => invoke(names.htmlReport, request),
  listProfiles: (request) => invoke(names.listProfiles, request),
  loadProfile: (request) => invoke(names.loadProfile, request),
  saveProfile: (request) => invoke(names.saveProfile, request),
  deleteProfile: (request) => invoke(names.deleteProfile, request),
  saveFile: (request) => invoke(names.saveFile, request),
  getLanguage: (request) => invoke(names.getLanguage, request),
  setLanguage: (request) => invoke(names.setLanguage, request),
  recipientCheck: (request) => invoke(names.recipientCheck, request),
  recipientHtmlReport: (request) => invoke(names.recipientHtmlReport, request),
};

contextBridge.exposeInMainWorld('mailtls', api);
