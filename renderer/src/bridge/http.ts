/**
 * The HTTP twin of `window.mailtls`: the same API over the web bridge
 * (POST /api/<channel> with the per-start token in a header). Used in browser
 * mode and by the end-to-end tests.
 */
import {
  auditReportSchema,
  channelKeys,
  channels,
  progressEventSchema,
  resultSchema,
  webApiPrefix,
  webTokenFragmentKey,
  webTokenHeader,
  type BridgeError,
  type ChannelKey,
  type MailTlsApi,
  type ProgressEvent,
  type Result,
} from '../../../electron/contract.js';
import { createSseParser } from './sse.js';

export interface HttpBridgeOptions {
  token: string;
  /** Origin of the web bridge; empty for the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /**
   * Saves a file on this side. The web bridge has no save dialog (it answers
   * `savedAs: null`), so in a browser the page offers the file as a download.
   */
  saveFile?: MailTlsApi['saveFile'];
}

const ioError = (message: string): { ok: false; error: BridgeError } => ({
  ok: false,
  error: { code: 'io', message },
});
// The UI words these by their code in the person's language; an English detail would only repeat it.
const cancelled: { ok: false; error: BridgeError } = {
  ok: false,
  error: { code: 'cancelled', message: '' },
};

export function createHttpBridge(options: HttpBridgeOptions): MailTlsApi {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl ?? '';
  /** Open audit streams; aborting one closes the response, which cancels the audit. */
  const running = new Map<string, AbortController>();

  const post = (key: ChannelKey, body: unknown, init: RequestInit = {}) =>
    doFetch(`${base}${webApiPrefix}${channels[key].name}`, {
      ...init,
      method: 'POST',
      headers: { 'content-type': 'application/json', [webTokenHeader]: options.token, ...init.headers },
      body: JSON.stringify(body),
    });

  async function call<K extends ChannelKey>(key: K, request: unknown): Promise<Result<never>> {
    try {
      const response = await post(key, request);
      return parseResult(key, await response.json());
    } catch (error) {
      return ioError(error instanceof Error ? error.message : String(error));
    }
  }

  async function runAudit(
    request: Parameters<MailTlsApi['runAudit']>[0],
    onProgress?: (event: ProgressEvent) => void,
  ): ReturnType<MailTlsApi['runAudit']> {
    const controller = new AbortController();
    running.set(request.auditId, controller);
    try {
      const response = await post('runAudit', request, {
        signal: controller.signal,
        headers: { accept: 'text/event-stream' },
      });
      // Refusals (bad input, bad token) come back as a plain JSON Result.
      if (!(response.headers.get('content-type') ?? '').includes('text/event-stream') || !response.body) {
        return parseResult('runAudit', await response.json());
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = createSseParser();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return ioError('');
        for (const message of parser.push(value)) {
          if (message.event === 'progress') {
            const event = progressEventSchema.safeParse(JSON.parse(message.data));
            if (event.success) onProgress?.(event.data);
          } else if (message.event === 'result') {
            void reader.cancel();
            return parseResult('runAudit', JSON.parse(message.data));
          }
        }
      }
    } catch (error) {
      if (controller.signal.aborted) return cancelled;
      return ioError(error instanceof Error ? error.message : String(error));
    } finally {
      running.delete(request.auditId);
    }
  }

  const api: Partial<Record<ChannelKey, unknown>> = { runAudit };
  for (const key of channelKeys) {
    if (key === 'runAudit') continue;
    api[key] = (request: unknown) => call(key, request);
  }
  const cancelAudit: MailTlsApi['cancelAudit'] = async (request) => {
    running.get(request.auditId)?.abort();
    return call('cancelAudit', request);
  };
  api.cancelAudit = cancelAudit;
  if (options.saveFile) api.saveFile = options.saveFile;
  return api as MailTlsApi;
}

/** Checks an answer against the channel's schema, so the UI never renders a malformed value. */
function parseResult(key: ChannelKey, body: unknown): Result<never> {
  const schema = key === 'runAudit' ? auditReportSchema : channels[key].response;
  const parsed = resultSchema(schema).safeParse(body);
  if (parsed.success) return parsed.data as Result<never>;
  return ioError(`unexpected answer on ${channels[key].name}`);
}

const tokenKey = 'mailtls.token';

/**
 * The token arrives once in the URL fragment (#token=...). Keep it for this tab
 * only and take it out of the address bar, so it is not bookmarked or shared.
 */
export function takeToken(location: Location, history: History, storage: Storage): string | null {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get(webTokenFragmentKey);
  if (token) {
    storage.setItem(tokenKey, token);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  }
  return storage.getItem(tokenKey);
}
