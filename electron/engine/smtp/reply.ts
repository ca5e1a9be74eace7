/**
 * Turns the server's byte stream into SMTP replies (RFC 5321 §4.2), with hard caps
 * so a hostile server cannot make us buffer without bound: a line may be 8 KiB,
 * a reply 64 KiB and 1,000 lines. Anything that breaks the grammar or a cap is a
 * ReplyError the session turns into a finding, never an exception that escapes.
 */

export const replyLimits = {
  lineBytes: 8 * 1024,
  replyBytes: 64 * 1024,
  replyLines: 1000,
} as const;

export interface Reply {
  code: number;
  /** Text of each line without the code and separator. */
  lines: string[];
  /** The reply as received, lines joined with \n (for transcripts and error messages). */
  raw: string;
}

export type ReplyErrorKind = 'too-long' | 'malformed';

export class ReplyError extends Error {
  readonly kind: ReplyErrorKind;
  /** The offending line, shortened. */
  readonly line: string;
  constructor(kind: ReplyErrorKind, message: string, line: string) {
    super(message);
    this.name = 'ReplyError';
    this.kind = kind;
    this.line = line.length > 200 ? `${line.slice(0, 200)}…` : line;
  }
}

const replyLine = /^(\d{3})([ -]|$)(.*)$/s;

export class ReplyReader {
  private pending: Buffer = Buffer.alloc(0);
  private lines: string[] = [];
  private rawLines: string[] = [];
  private code: number | null = null;
  private replyBytes = 0;
  private failed: ReplyError | null = null;

  /**
   * Feeds received bytes; returns the replies completed by them. After an error the
   * reader stays failed: the stream can no longer be trusted to be in sync.
   */
  push(chunk: Buffer): Reply[] {
    if (this.failed) throw this.failed;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const replies: Reply[] = [];
    for (;;) {
      const newline = this.pending.indexOf(0x0a);
      if (newline === -1) break;
      const lineEnd = newline > 0 && this.pending[newline - 1] === 0x0d ? newline - 1 : newline;
      if (lineEnd > replyLimits.lineBytes) this.fail('too-long', 'line longer than 8 KiB', this.pending);
      const line = this.pending.subarray(0, lineEnd).toString('latin1');
      this.pending = this.pending.subarray(newline + 1);
      const reply = this.acceptLine(line, newline + 1);
      if (reply) replies.push(reply);
    }
    if (this.pending.length > replyLimits.lineBytes) {
      this.fail('too-long', 'line longer than 8 KiB without a line break', this.pending);
    }
    return replies;
  }

  /** Bytes received after the last complete line (e.g. data injected after a 220 to STARTTLS). */
  takeUnread(): Buffer {
    const unread = this.pending;
    this.pending = Buffer.alloc(0);
    return unread;
  }

  /** True while a multi-line reply has started but not finished. */
  get midReply(): boolean {
    return this.code !== null;
  }

  private acceptLine(line: string, bytes: number): Reply | null {
    const match = replyLine.exec(line);
    if (!match)
      this.fail('malformed', 'reply line does not start with a three-digit code', Buffer.from(line));
    const code = Number(match[1]);
    if (code < 200 || code > 599)
      this.fail('malformed', `reply code ${code} is outside 2xx-5xx`, Buffer.from(line));
    if (this.code !== null && code !== this.code) {
      this.fail('malformed', 'continuation line with a different code', Buffer.from(line));
    }
    this.code = code;
    this.replyBytes += bytes;
    this.lines.push(match[3] ?? '');
    this.rawLines.push(line);
    if (this.replyBytes > replyLimits.replyBytes)
      this.fail('too-long', 'reply longer than 64 KiB', Buffer.from(line));
    if (this.lines.length > replyLimits.replyLines) {
      this.fail('too-long', 'reply with more than 1,000 lines', Buffer.from(line));
    }
    if (match[2] === '-') return null;
    const reply: Reply = { code, lines: this.lines, raw: this.rawLines.join('\n') };
    this.code = null;
    this.lines = [];
    this.rawLines = [];
    this.replyBytes = 0;
    return reply;
  }

  private fail(kind: ReplyErrorKind, message: string, data: Buffer): never {
    this.failed = new ReplyError(kind, message, data.subarray(0, 200).toString('latin1'));
    this.pending = Buffer.alloc(0);
    throw this.failed;
  }
}
