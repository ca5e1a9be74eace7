/**
 * The one way into the service: `dispatch` parses the raw payload with the
 * channel's zod schema before anything touches the engine, checks the answer
 * against the response schema, and turns every failure into a contract
 * `BridgeError` in the current UI language (never a stack trace).
 *
 * No `electron` import here: this module runs in plain Node.
 */
import type { z } from 'zod';
import {
  channels,
  type BridgeError,
  type ChannelKey,
  type Channels,
  type Language,
  type ProgressEvent,
  type Result,
} from '../contract.js';
import { cancelledError, toBridgeError, UserFacingError } from '../engine/core/errors.js';

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

function invalidInputError(error: z.ZodError, language: Language): BridgeError {
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

function unknownChannelError(language: Language): BridgeError {
  return bridgeError('not-found', { en: 'Unknown request.', ja: '不明な要求です。' }, language);
}

function isChannelKey(key: string): key is ChannelKey {
  return Object.hasOwn(channels, key);
}

const keysByName = new Map<string, ChannelKey>(
  (Object.keys(channels) as ChannelKey[]).map((key) => [channels[key].name, key]),
);

/** The contract key for a channel name (`audit:run` -> `runAudit`), if there is one. */
export function channelKeyForName(name: string): ChannelKey | undefined {
  return keysByName.get(name);
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
