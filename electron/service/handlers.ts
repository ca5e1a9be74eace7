/**
 * The handler table: one function per contract channel, shared by Electron's
 * IPC (electron/main/ipc.ts) and the web bridge (electron/web/server.ts).
 *
 * `dispatch` is the only way in: it parses the raw payload with the channel's
 * zod schema before anything touches the engine, checks the engine's answer
 * against the response schema, and turns every failure into a contract
 * `BridgeError` in the current UI language (never a stack trace).
 *
 * No `electron` import here: this module runs in plain Node.
 */
import { z } from 'zod';
import {
  channels,
  type AuditReport,
  type AuditRequest,
  type BridgeError,
  type ChannelKey,
  type Channels,
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
import { cancelledError, toBridgeError, UserFacingError } from '../engine/errors.js';
import { noKeychainError, secretKey } from '../engine/login/secret-store.js';
import type { SettingsStore } from './settings.js';

export type ParsedRequest<K extends ChannelKey> = z.output<Channels[K]['request']>;
export type HandlerResponse<K extends ChannelKey> = z.output<Channels[K]['response']>;

/** What a transport knows about one call. */
export interface CallContext {
  /** Receives the audit's progress events (runAudit only). */
  onProgress?: (event: ProgressEvent) => void;
  /** Aborted when the caller goes away: window closed, HTTP client disconnected. */
  signal?: AbortSignal;
}

export type Handler<K extends ChannelKey> = (
  request: ParsedRequest<K>,
  context: CallContext,
) => Promise<HandlerResponse<K>>;
export type HandlerTable = { [K in ChannelKey]: Handler<K> };

export type ProfileSummary = HandlerResponse<'saveProfile'>;

/** The saved-profile library, whatever stores it. */
export interface ProfileStore {
  list(): Promise<ProfileSummary[]>;
  load(id: string): Promise<Profile>;
  save(profile: Profile): Promise<ProfileSummary>;
  delete(id: string): Promise<void>;
}

/**
 * The engine as the handlers see it. Each member is optional: a missing one
 * makes its channel answer `not-available` instead of crashing. The adapter in
 * electron/service/engine.ts fills it from electron/engine/**.
 */
export interface Engine {
  runAudit?(
    request: AuditRequest,
    options: { onProgress?: (event: ProgressEvent) => void; signal?: AbortSignal },
  ): Promise<AuditReport>;
  discover?(email: string, options: { signal?: AbortSignal }): Promise<DiscoverResult>;
  listPresets?(): Promise<Preset[]>;
  dnsPosture?(
    request: { domain: string; dkimSelector?: string; ip?: string; submissionHost?: string },
    options: { signal?: AbortSignal },
  ): Promise<DnsPosture>;
  loginTest?(request: LoginTestRequest, options: { signal?: AbortSignal }): Promise<LoginTestResult>;
  sendTest?(request: SendTestRequest, options: { signal?: AbortSignal }): Promise<SendTestResult>;
  exportProfile?(
    profile: Profile,
    format: ExportFormat,
    options: { allowInsecure: boolean },
  ): Promise<ExportResult>;
  importProfile?(fileName: string, content: string): Promise<Profile>;
  profileFromReport?(report: AuditReport, account: Partial<Profile['account']>): Promise<Profile>;
  htmlReport?(report: AuditReport, language: Language): Promise<ExportResult>;
  profiles?: ProfileStore;
  // Issue 18: the recipient check.
  recipientCheck?(domain: string, options: { signal?: AbortSignal }): Promise<ResponseOfRecipient>;
  recipientHtmlReport?(report: ResponseOfRecipient, language: Language): Promise<ExportResult>;
}

type ResponseOfRecipient = HandlerResponse<'recipientCheck'>;

/** Remembered passwords, encrypted by the system keychain (electron/engine/login/secret-store.ts). */
export interface PasswordStore {
  readonly available: boolean;
  remember(key: string, password: string): Promise<void>;
  recall(key: string): Promise<string | null>;
  forget(key: string): Promise<void>;
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
   * downloads the file itself).
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

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

export function notAvailableError(channel: string): UserFacingError {
  return new UserFacingError('not-available', {
    en: `This feature is not available yet (${channel}).`,
    ja: `この機能はまだ使えません（${channel}）。`,
  });
}

function bridgeError(
  code: BridgeError['code'],
  text: Record<Language, string>,
  language: Language,
): BridgeError {
  return { code, message: text[language] };
}

/** The field paths of a failed parse, never the values (they may hold a password). */
function issuePaths(error: z.ZodError): string {
  const paths = error.issues.map((issue) => (issue.path.length ? issue.path.join('.') : '(request)'));
  return [...new Set(paths)].slice(0, 5).join(', ');
}

function noRememberedPasswordError(): UserFacingError {
  return new UserFacingError('not-found', {
    en: 'No password is remembered for this account on this computer. Enter the password.',
    ja: 'このコンピューターには、このアカウントのパスワードが記憶されていません。パスワードを入力してください。',
  });
}

export function invalidInputError(error: z.ZodError, language: Language): BridgeError {
  const fields = issuePaths(error);
  return bridgeError(
    'invalid-input',
    {
      en: `The request is not valid (check: ${fields}).`,
      ja: `入力内容が正しくありません（確認する項目: ${fields}）。`,
    },
    language,
  );
}

export function unknownChannelError(language: Language): BridgeError {
  return bridgeError('not-found', { en: 'Unknown request.', ja: '不明な要求です。' }, language);
}

// ---------------------------------------------------------------------------
// Running audits (for cancel)
// ---------------------------------------------------------------------------

export class AuditRegistry {
  readonly #running = new Map<string, AbortController>();

  /** Registers an audit; the returned signal aborts on cancel(id) or when `parent` aborts. */
  start(auditId: string, parent?: AbortSignal): { signal: AbortSignal; done: () => void } {
    if (this.#running.has(auditId)) {
      throw new UserFacingError('invalid-input', {
        en: 'An audit with this id is already running.',
        ja: '同じ ID の検査がすでに実行中です。',
      });
    }
    const controller = new AbortController();
    const onParentAbort = () => controller.abort();
    if (parent?.aborted) controller.abort();
    parent?.addEventListener('abort', onParentAbort, { once: true });
    this.#running.set(auditId, controller);
    return {
      signal: controller.signal,
      done: () => {
        parent?.removeEventListener('abort', onParentAbort);
        if (this.#running.get(auditId) === controller) this.#running.delete(auditId);
      },
    };
  }

  /** Cancels one audit; unknown or finished ids are fine (cancel is idempotent). */
  cancel(auditId: string): boolean {
    const controller = this.#running.get(auditId);
    controller?.abort();
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const controller of this.#running.values()) controller.abort();
  }

  get size(): number {
    return this.#running.size;
  }
}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

function need<T>(value: T | undefined, channel: ChannelKey): T {
  if (value === undefined) throw notAvailableError(channels[channel].name);
  return value;
}

type CallRequest = ParsedRequest<'loginTest'> | ParsedRequest<'sendTest'>;

/** What is kept in the keychain: the password and the trust it was accepted under. */
const rememberedSchema = z
  .object({
    password: z.string().min(1),
    caPem: z.string().nullable(),
    pinnedFingerprint256: z.string().nullable(),
  })
  .strict();
type Remembered = z.infer<typeof rememberedSchema>;

function parseRemembered(stored: string | null): Remembered | null {
  if (stored === null) return null;
  try {
    const parsed = rememberedSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Issue 18: the recipient check and its HTML report, kept apart from the other channels. */
function recipientHandlers(engine: Engine): Pick<HandlerTable, 'recipientCheck' | 'recipientHtmlReport'> {
  return {
    async recipientCheck(request, context) {
      return need(engine.recipientCheck, 'recipientCheck').call(engine, request.domain, {
        signal: context.signal,
      });
    },
    async recipientHtmlReport(request) {
      return need(engine.recipientHtmlReport, 'recipientHtmlReport').call(
        engine,
        request.report,
        request.language,
      );
    },
  };
}

export function createHandlers(deps: ServiceDeps, audits: AuditRegistry = new AuditRegistry()): HandlerTable {
  const { engine, settings } = deps;
  const profiles = () => need(engine.profiles, 'listProfiles');
  const secrets = (): PasswordStore => {
    const store = need(deps.secrets, 'recallPassword');
    if (!store.available) throw noKeychainError();
    return store;
  };

  /**
   * Runs a log-in or send test with the typed or the remembered password, or an
   * access token. A typed password is kept only when asked, only after the server
   * accepted it, and only where there is a store (the keychain is checked first, so
   * a refusal costs no test).
   */
  async function withPassword<R extends CallRequest, T>(
    { credentials, remember, ...target }: R,
    run: (request: Omit<R, 'credentials' | 'remember'> & LoginTestRequest) => Promise<T>,
    accepted: (result: T) => boolean,
  ): Promise<T> {
    const key = secretKey(credentials.user, target.host, target.port);
    if ('useRememberedPassword' in credentials) {
      const saved = parseRemembered(await secrets().recall(key));
      if (saved === null) throw noRememberedPasswordError();
      // The trust it was remembered under, never the request's: a compromised page must not
      // be able to send the keychain's password to a server it vouches for with its own CA or pin.
      return run({
        ...target,
        caPem: saved.caPem ?? undefined,
        pinnedFingerprint256: saved.pinnedFingerprint256 ?? undefined,
        credentials: { user: credentials.user, password: saved.password },
      });
    }
    // A token is never kept: it expires within hours, and a remembered secret is sent as a password.
    const typed = 'password' in credentials ? credentials.password : null;
    const store = remember && typed !== null && deps.secrets ? secrets() : null;
    const result = await run({ ...target, credentials });
    if (store && typed !== null && accepted(result)) {
      const saved: Remembered = {
        password: typed,
        caPem: target.caPem ?? null,
        pinnedFingerprint256: target.pinnedFingerprint256 ?? null,
      };
      await store.remember(key, JSON.stringify(saved));
    }
    return result;
  }

  return {
    async runAudit(request, context) {
      const run = need(engine.runAudit, 'runAudit');
      const audit = audits.start(request.auditId, context.signal);
      try {
        return await run.call(engine, request, { onProgress: context.onProgress, signal: audit.signal });
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
    async discover(request, context) {
      return need(engine.discover, 'discover').call(engine, request.email, { signal: context.signal });
    },
    async listPresets() {
      return need(engine.listPresets, 'listPresets').call(engine);
    },
    async dnsPosture(request, context) {
      return need(engine.dnsPosture, 'dnsPosture').call(engine, request, { signal: context.signal });
    },
    async loginTest(request, context) {
      const run = need(engine.loginTest, 'loginTest');
      return withPassword(
        request,
        (resolved) => run.call(engine, resolved, { signal: context.signal }),
        (result) => result.success,
      );
    },
    async sendTest(request, context) {
      const run = need(engine.sendTest, 'sendTest');
      return withPassword(
        request,
        (resolved) => run.call(engine, resolved, { signal: context.signal }),
        (result) => result.accepted,
      );
    },
    async recallPassword(request) {
      const password = await secrets().recall(secretKey(request.user, request.host, request.port));
      return { remembered: password !== null };
    },
    async forgetPassword(request) {
      await need(deps.secrets, 'forgetPassword').forget(secretKey(request.user, request.host, request.port));
      return null;
    },
    async exportProfile(request) {
      return need(engine.exportProfile, 'exportProfile').call(engine, request.profile, request.format, {
        allowInsecure: request.allowInsecure ?? false,
      });
    },
    async importProfile(request) {
      return need(engine.importProfile, 'importProfile').call(engine, request.fileName, request.content);
    },
    async profileFromReport(request) {
      return need(engine.profileFromReport, 'profileFromReport').call(
        engine,
        request.report,
        request.account ?? {},
      );
    },
    async htmlReport(request) {
      return need(engine.htmlReport, 'htmlReport').call(engine, request.report, request.language);
    },
    async listProfiles() {
      return profiles().list();
    },
    async loadProfile(request) {
      return profiles().load(request.id);
    },
    async saveProfile(request) {
      return profiles().save(request);
    },
    async deleteProfile(request) {
      await profiles().delete(request.id);
      return null;
    },
    async saveFile(request, context) {
      return need(deps.saveFile, 'saveFile')(request, context);
    },
    async getLanguage() {
      return settings.getLanguage();
    },
    async setLanguage(request) {
      const language = await settings.setLanguage(request.language);
      deps.onLanguageChanged?.(language);
      return language;
    },
    ...recipientHandlers(engine),
  };
}

export function isChannelKey(key: string): key is ChannelKey {
  return Object.hasOwn(channels, key);
}

const keysByName = new Map<string, ChannelKey>(
  (Object.keys(channels) as ChannelKey[]).map((key) => [channels[key].name, key]),
);

/** The contract key for a channel name (`audit:run` -> `runAudit`), if there is one. */
export function channelKeyForName(name: string): ChannelKey | undefined {
  return keysByName.get(name);
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

/**
 * Parses, runs and wraps one call. Always resolves to a contract Result.
 */
export async function dispatch(
  handlers: HandlerTable,
  key: string,
  rawPayload: unknown,
  context: CallContext,
  language: () => Language,
  log: (message: string) => void = () => {},
): Promise<Result<unknown>> {
  if (!isChannelKey(key)) return { ok: false, error: unknownChannelError(language()) };
  const channel = channels[key];
  const request = channel.request.safeParse(rawPayload);
  if (!request.success) return { ok: false, error: invalidInputError(request.error, language()) };
  try {
    const handler = handlers[key] as (request: unknown, context: CallContext) => Promise<unknown>;
    const value = await handler(request.data, context);
    const response = channel.response.safeParse(value);
    if (!response.success) {
      log(`${channel.name}: the engine's answer does not match the contract (${issuePaths(response.error)})`);
      return { ok: false, error: toBridgeError(new Error('contract'), language()) };
    }
    // Validated, but passed on as the engine built it: fields beyond the contract
    // (e.g. the texts the DNS catalogue adds to its findings) are not stripped.
    return { ok: true, value };
  } catch (error) {
    if (context.signal?.aborted && !(error instanceof UserFacingError)) {
      return { ok: false, error: toBridgeError(cancelledError(), language()) };
    }
    if (!(error instanceof UserFacingError)) {
      log(
        `${channel.name}: ${error instanceof Error ? `${error.name}: ${error.message}` : 'non-Error thrown'}`,
      );
    }
    return { ok: false, error: toBridgeError(error, language()) };
  }
}
