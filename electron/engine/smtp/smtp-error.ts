import { ReplyError } from './reply.js';

/** Why a dialogue step failed, with Node's code and the command it was waiting on. */
export type SmtpErrorKind = 'timeout' | 'closed' | 'socket' | 'reply' | 'cancelled' | 'tls';

export class SmtpError extends Error {
  readonly kind: SmtpErrorKind;
  /** Node's error code (ECONNRESET, ERR_SSL_WRONG_VERSION_NUMBER, ...) when there is one. */
  readonly code: string | undefined;
  /** The command whose reply we were waiting for ('greeting' for the banner). */
  readonly command: string | undefined;
  readonly replyError: ReplyError | undefined;

  constructor(
    kind: SmtpErrorKind,
    message: string,
    options: { code?: string; command?: string; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'SmtpError';
    this.kind = kind;
    this.code = options.code;
    this.command = options.command;
    this.replyError = options.cause instanceof ReplyError ? options.cause : undefined;
  }
}
