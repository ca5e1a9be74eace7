/**
 * Protocol-neutral framing of a server's byte stream into lines, with the caps every
 * protocol shares so a hostile server cannot make us buffer without bound: a line may
 * be 8 KiB, one response (an SMTP multi-line reply, an IMAP command's untagged data, a
 * POP3 multi-line answer) 64 KiB and 1,000 lines. Breaking the grammar or a cap is a
 * ReplyError, which sessions turn into findings, never an exception that escapes.
 */

export const responseLimits = {
  lineBytes: 8 * 1024,
  replyBytes: 64 * 1024,
  replyLines: 1000,
} as const;

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

/** A line as received (latin1, without CR LF) and the bytes it took on the wire. */
export interface ReceivedLine {
  text: string;
  bytes: number;
}

/**
 * Splits bytes into lines. After an error it stays failed: the stream can no longer
 * be trusted to be in sync.
 */
export class LineSplitter {
  private pending: Buffer = Buffer.alloc(0);
  private failed: ReplyError | null = null;

  /** `inspect` sees each line as it is split, before the rest of the chunk is looked at; it may call fail(). */
  push(chunk: Buffer, inspect?: (line: ReceivedLine) => void): ReceivedLine[] {
    if (this.failed) throw this.failed;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const lines: ReceivedLine[] = [];
    for (;;) {
      const newline = this.pending.indexOf(0x0a);
      if (newline === -1) break;
      const lineEnd = newline > 0 && this.pending[newline - 1] === 0x0d ? newline - 1 : newline;
      if (lineEnd > responseLimits.lineBytes) this.fail('too-long', 'line longer than 8 KiB', this.pending);
      const line = { text: this.pending.subarray(0, lineEnd).toString('latin1'), bytes: newline + 1 };
      this.pending = this.pending.subarray(newline + 1);
      inspect?.(line);
      lines.push(line);
    }
    if (this.pending.length > responseLimits.lineBytes) {
      this.fail('too-long', 'line longer than 8 KiB without a line break', this.pending);
    }
    return lines;
  }

  /** Bytes received after the last complete line (e.g. data injected after a STARTTLS go-ahead). */
  takeUnread(): Buffer {
    const unread = this.pending;
    this.pending = Buffer.alloc(0);
    return unread;
  }

  /** Marks the stream broken from outside (a parser above found a line it cannot accept). */
  fail(kind: ReplyErrorKind, message: string, data: Buffer): never {
    this.failed = new ReplyError(kind, message, data.subarray(0, 200).toString('latin1'));
    this.pending = Buffer.alloc(0);
    throw this.failed;
  }
}
