/**
 * An IMAP or POP3 dialogue over one socket: the protocol-neutral session framed into
 * capped lines, and reading a whole response (up to its last line) under the shared
 * caps of one response (64 KiB, 1,000 lines) and one stage timeout. An IMAP literal
 * announcement (`{N}`) larger than the cap fails at once: nothing is ever allocated
 * for the size a server announces.
 */
import { SmtpError } from '../smtp/smtp-error.js';
import type { Transcript } from '../smtp/transcript.js';
import type { Socket } from 'node:net';
import { LineSplitter, ReplyError, responseLimits, type ReceivedLine } from '../wire/lines.js';
import { FramedSession, type Framer } from '../wire/session.js';

const literal = /\{(\d+)\+?\}$/;

/** Lines; with `literals` (IMAP), a line announcing a literal over the cap breaks the stream at once. */
class LineFramer implements Framer<string> {
  private readonly splitter = new LineSplitter();

  constructor(private readonly literals: boolean) {}

  push(chunk: Buffer): string[] {
    const inspect = this.literals ? (line: ReceivedLine) => this.refuseHugeLiteral(line.text) : undefined;
    return this.splitter.push(chunk, inspect).map((line) => line.text);
  }

  private refuseHugeLiteral(text: string): void {
    const announced = literal.exec(text);
    if (announced && Number(announced[1]) > responseLimits.replyBytes) {
      this.splitter.fail(
        'too-long',
        `literal of ${announced[1]} bytes announced; the cap is 64 KiB`,
        Buffer.from(text, 'latin1'),
      );
    }
  }

  takeUnread(): Buffer {
    return this.splitter.takeUnread();
  }
}

function tooLong(message: string, line: string, command: string): SmtpError {
  return new SmtpError('reply', message, { cause: new ReplyError('too-long', message, line), command });
}

export class AccessSession extends FramedSession<string> {
  constructor(
    socket: Socket,
    transcript: Transcript,
    signal: AbortSignal | undefined,
    protected readonly goodbye: string,
  ) {
    super(socket, transcript, signal);
  }

  protected newFramer(): Framer<string> {
    // IMAP's goodbye is a tagged LOGOUT; only IMAP has literals.
    return new LineFramer(this.goodbye.endsWith('LOGOUT'));
  }

  protected textOf(line: string): string {
    return line;
  }

  /**
   * Reads lines until `isLast` accepts one; returns them all (the last included).
   * `timeoutMs` bounds the whole response, not each line, so a server trickling lines
   * cannot stretch a stage.
   */
  async response(isLast: (line: string) => boolean, timeoutMs: number, command: string): Promise<string[]> {
    const until = performance.now() + timeoutMs;
    const lines: string[] = [];
    let bytes = 0;
    for (;;) {
      const line = await this.read(Math.max(1, until - performance.now()), command);
      lines.push(line);
      bytes += line.length + 2;
      if (bytes > responseLimits.replyBytes) throw tooLong('response longer than 64 KiB', line, command);
      if (lines.length > responseLimits.replyLines) {
        throw tooLong('response with more than 1,000 lines', line, command);
      }
      if (isLast(line)) return lines;
    }
  }
}
