/**
 * The channel table: one function per contract channel, shared by Electron's
 * IPC (electron/main/ipc.ts) and the web bridge (electron/web/server.ts), and
 * the service that puts it behind `dispatch` (electron/service/dispatch.ts).
 *
 * No `electron` import here: this module runs in plain Node.
 */
import {
  channels,
  type AuditReport,
  type AuditRequest,
  type DiscoverResult,
  type DnsPosture,
  type ExportFormat,
  type ExportResult,
  type Language,
  type LoginTestRequest,
  type LoginTestResult,
  type Preset,
  type Profile,
  type ProgressEvent,
  type Result,
  type SendTestRequest,
  type SendTestResult,
} from '../contract.js';
import { cancelledError, UserFacingError } from '../engine/core/errors.js';
import { AuditRegistry } from './audits.js';
import {
  dispatch,
  notAvailableError,
  type CallContext,
  type HandlerResponse,
  type HandlerTable,
  type ParsedRequest,
} from './dispatch.js';
import { createPasswords, type PasswordStore } from './passwords.js';
import type { SettingsStore } from './settings.js';

type ProfileSummary = HandlerResponse<'saveProfile'>;

/** The saved-profile library, whatever stores it. */
export interface ProfileStore {
  list(): Promise<ProfileSummary[]>;
  load(id: string): Promise<Profile>;
  save(profile: Profile): Promise<ProfileSummary>;
  delete(id: string): Promise<void>;
}

/** The engine as the handlers see it; electron/service/engine.ts fills it from electron/engine/**. */
export interface Engine {
  runAudit(
    request: AuditRequest,
    options: { onProgress?: (event: ProgressEvent) => void; signal?: AbortSignal },
  ): Promise<AuditReport>;
  discover(email: string, options: { signal?: AbortSignal }): Promise<DiscoverResult>;
  listPresets(): Promise<Preset[]>;
  dnsPosture(
    request: { domain: string; dkimSelector?: string; ip?: string; submissionHost?: string },
    options: { signal?: AbortSignal },
  ): Promise<DnsPosture>;
  loginTest(request: LoginTestRequest, options: { signal?: AbortSignal }): Promise<LoginTestResult>;
  sendTest(request: SendTestRequest, options: { signal?: AbortSignal }): Promise<SendTestResult>;
  exportProfile(
    profile: Profile,
    format: ExportFormat,
    options: { allowInsecure: boolean },
  ): Promise<ExportResult>;
  importProfile(fileName: string, content: string): Promise<Profile>;
  profileFromReport(report: AuditReport, account: Partial<Profile['account']>): Promise<Profile>;
  htmlReport(report: AuditReport, language: Language): Promise<ExportResult>;
  profiles: ProfileStore;
  recipientCheck(
    domain: string,
    options: { signal?: AbortSignal },
  ): Promise<HandlerResponse<'recipientCheck'>>;
  recipientHtmlReport(report: HandlerResponse<'recipientCheck'>, language: Language): Promise<ExportResult>;
}

export interface ServiceDeps {
  engine: Engine;
  settings: SettingsStore;
  /**
   * Only the desktop app has one (backed by safeStorage). Without it the secrets
   * channels answer `not-available` and `remember` is ignored: browser mode and
   * the CLI never store a password.
   */
  secrets?: PasswordStore;
  /**
   * Writes an exported file where the user chooses. The desktop app shows a save
   * dialog; the web bridge has none and answers `{ savedAs: null }` (the browser
   * downloads the file itself). Without one, `saveFile` answers `not-available`.
   */
  saveFile?: (
    request: ParsedRequest<'saveFile'>,
    context: CallContext,
  ) => Promise<{ savedAs: string | null }>;
  /** Called after the user switched language (the desktop app rebuilds its menu). */
  onLanguageChanged?: (language: Language) => void;
  /** Where unexpected errors are reported; defaults to stderr. Never receives payloads. */
  log?: (message: string) => void;
}

export function createHandlers(deps: ServiceDeps, audits: AuditRegistry = new AuditRegistry()): HandlerTable {
  const { engine, settings } = deps;
  const passwords = createPasswords(deps.secrets);
  return {
    async runAudit(request, context) {
      const audit = audits.start(request.auditId, context.signal);
      try {
        return await engine.runAudit(request, { onProgress: context.onProgress, signal: audit.signal });
      } catch (error) {
        // An engine that rejects on abort (instead of reporting audit-cancelled) still means "cancelled".
        if (audit.signal.aborted && !(error instanceof UserFacingError)) throw cancelledError();
        throw error;
      } finally {
        audit.done();
      }
    },
    async cancelAudit(request) {
      audits.cancel(request.auditId);
      return null;
    },
    discover: (request, context) => engine.discover(request.email, { signal: context.signal }),
    listPresets: () => engine.listPresets(),
    dnsPosture: (request, context) => engine.dnsPosture(request, { signal: context.signal }),
    loginTest: (request, context) =>
      passwords.withPassword(
        request,
        (resolved) => engine.loginTest(resolved, { signal: context.signal }),
        (result) => result.success,
      ),
    sendTest: (request, context) =>
      passwords.withPassword(
        request,
        (resolved) => engine.sendTest(resolved, { signal: context.signal }),
        (result) => result.accepted,
      ),
    async recallPassword(request) {
      return { remembered: await passwords.isRemembered(request) };
    },
    async forgetPassword(request) {
      await passwords.forget(request);
      return null;
    },
    exportProfile: (request) =>
      engine.exportProfile(request.profile, request.format, {
        allowInsecure: request.allowInsecure ?? false,
      }),
    importProfile: (request) => engine.importProfile(request.fileName, request.content),
    profileFromReport: (request) => engine.profileFromReport(request.report, request.account ?? {}),
    htmlReport: (request) => engine.htmlReport(request.report, request.language),
    listProfiles: () => engine.profiles.list(),
    loadProfile: (request) => engine.profiles.load(request.id),
    saveProfile: (request) => engine.profiles.save(request),
    async deleteProfile(request) {
      await engine.profiles.delete(request.id);
      return null;
    },
    async saveFile(request, context) {
      if (!deps.saveFile) throw notAvailableError(channels.saveFile.name);
      return deps.saveFile(request, context);
    },
    async getLanguage() {
      return settings.getLanguage();
    },
    async setLanguage(request) {
      const language = await settings.setLanguage(request.language);
      deps.onLanguageChanged?.(language);
      return language;
    },
    recipientCheck: (request, context) => engine.recipientCheck(request.domain, { signal: context.signal }),
    recipientHtmlReport: (request) => engine.recipientHtmlReport(request.report, request.language),
  };
}

export interface Service {
  readonly handlers: HandlerTable;
  readonly audits: AuditRegistry;
  /** The language errors are written in: the user's current choice. */
  language(): Language;
  dispatch(key: string, rawPayload: unknown, context?: CallContext): Promise<Result<unknown>>;
}

export function createService(deps: ServiceDeps): Service {
  const audits = new AuditRegistry();
  const handlers = createHandlers(deps, audits);
  const log = deps.log ?? ((message: string) => process.stderr.write(`mailtls: ${message}\n`));
  const language = () => deps.settings.getLanguage();
  return {
    handlers,
    audits,
    language,
    dispatch: (key, rawPayload, context = {}) => dispatch(handlers, key, rawPayload, context, language, log),
  };
}
