import type { BridgeError, Language } from '../../contract.js';

/**
 * An error meant for the person using MailTLS: a contract error code and the
 * message in both languages. Anything else that escapes the engine is a bug and
 * is reported as `internal` without its stack.
 */
export class UserFacingError extends Error {
  readonly code: BridgeError['code'];
  readonly text: Record<Language, string>;

  constructor(code: BridgeError['code'], text: Record<Language, string>) {
    super(text.en);
    this.name = 'UserFacingError';
    this.code = code;
    this.text = text;
  }

  toBridgeError(language: Language): BridgeError {
    return { code: this.code, message: this.text[language] };
  }
}

/** The one error for a call the person cancelled, whatever was running. */
export function cancelledError(): UserFacingError {
  return new UserFacingError('cancelled', { en: 'Cancelled.', ja: 'キャンセルしました。' });
}

export function toBridgeError(error: unknown, language: Language): BridgeError {
  if (error instanceof UserFacingError) return error.toBridgeError(language);
  return {
    code: 'internal',
    message:
      language === 'ja'
        ? '内部エラーが発生しました。もう一度お試しください。'
        : 'An internal error occurred. Please try again.',
  };
}
