/**
 * Turns the server's byte stream into SMTP replies (RFC 5321 §4.2), with hard caps
 * so a hostile server cannot make us buffer without bound: a line may be 8 KiB,
 * a reply 64 KiB and 1,000 lines. Anything that breaks the grammar or a cap is a
 * ReplyError the session turns into a finding, never an exception that escapes.
 */

import { LineSplitter, responseLimits } from '../wire/lines.js';

export { ReplyError, type ReplyErrorKind } from '../wire/lines.js';
export const replyLimits = responseLimits;

export interface Reply {
  code: number;
  /** Text of each line without the code and separator. */
  lines: string[];
  /** The reply as received, lines joined with \n (for transcripts and error messages). */
  raw: string;
}

const replyLine = /^(\d{3})([ -]|$)(.*)$/s;

export class ReplyReader {
  private readonly splitter = new LineSplitter();
  private lines: string[] = [];
  private rawLines: string[] = [];
  private code: number | null = null;
  private replyBytes = 0;

  /**
   * Feeds received bytes; returns the replies completed by them. After an error the
   * reader stays failed: the stream can no longer be trusted to be in sync.
   */
  push(chunk: Buffer): Reply[] {
    const replies: Reply[] = [];
    for (const { text, bytes } of this.splitter.push(chunk)) {
      const reply = this.acceptLine(text, bytes);
      if (reply) replies.push(reply);
    }
    return replies;
  }

  /** Bytes received after the last complete line (e.g. data injected after a 220 to STARTTLS). */
  takeUnread(): Buffer {
    return this.splitter.takeUnread();
  }

  /** True while a multi-line reply has started but not finished. */
  get midReply(): boolean {
    return this.code !== null;
  }

  private acceptLine(line: string, bytes: number): Reply | null {
    const match = replyLine.exec(line);
    if (!match) this.fail('malformed', 'reply line does not start with a three-digit code', line);
    const code = Number(match[1]);
    if (code < 200 || code > 599) this.fail('malformed', `reply code ${code} is outside 2xx-5xx`, line);
    if (this.code !== null && code !== this.code) {
      this.fail('malformed', 'continuation line with a different code', line);
    }
    this.code = code;
    this.replyBytes += bytes;
    this.lines.push(match[3] ?? '');
    this.rawLines.push(line);
    if (this.replyBytes > replyLimits.replyBytes) this.fail('too-long', 'reply longer than 64 KiB', line);
    if (this.lines.length > replyLimits.replyLines) {
      this.fail('too-long', 'reply with more than 1,000 lines', line);
    }
    if (match[2] === '-') return null;
    const reply: Reply = { code, lines: this.lines, raw: this.rawLines.join('\n') };
    this.code = null;
    this.lines = [];
    this.rawLines = [];
    this.replyBytes = 0;
    return reply;
  }

  private fail(kind: 'too-long' | 'malformed', message: string, line: string): never {
    return this.splitter.fail(kind, message, Buffer.from(line, 'latin1'));
  }
}
