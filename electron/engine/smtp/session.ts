/**
 * One SMTP dialogue over one socket: send a command, wait for its reply with a
 * timeout, upgrade to TLS with STARTTLS. Modelled on a queue of expected replies:
 * at most one reply is awaited at a time, and replies that arrive unasked are kept
 * in order (the injection probe looks for exactly those).
 */
import type { Socket } from 'node:net';
import * as tls from 'node:tls';
import { ReplyError, ReplyReader, type Reply } from './reply.js';
import { SmtpError } from './smtp-error.js';
import type { Transcript } from './transcript.js';
import { handshake } from './transport.js';

/** Unasked-for replies kept for later: pipelining needs a few; more is a flood to refuse. */
const maxUnsolicited = 100;

interface Waiter {
  resolve(reply: Reply): void;
  reject(error: SmtpError): void;
  timer: NodeJS.Timeout;
  command: string;
}

export interface UpgradeResult {
  socket: tls.TLSSocket;
  /** Bytes the server sent after its 220 and before our handshake; discarded. */
  discarded: Buffer;
}

export class SmtpSession {
  private socket: Socket;
  private reader = new ReplyReader();
  private queue: Reply[] = [];
  private waiter: Waiter | null = null;
  private failure: SmtpError | null = null;
  private readonly transcript: Transcript;
  private readonly signal: AbortSignal | undefined;
  private readonly onAbort = () => this.fail(new SmtpError('cancelled', 'cancelled'));

  constructor(socket: Socket, transcript: Transcript, signal?: AbortSignal) {
    this.socket = socket;
    this.transcript = transcript;
    this.signal = signal;
    signal?.addEventListener('abort', this.onAbort, { once: true });
    this.attach(socket);
  }

  /** Replies received without being asked for (pipelined or injected). */
  takeUnsolicited(): Reply[] {
    const replies = this.queue;
    this.queue = [];
    return replies;
  }

  /** Waits for the next reply. `command` names what we wait for, for errors and transcripts. */
  read(timeoutMs: number, command = 'greeting'): Promise<Reply> {
    // Replies that arrived before the server closed are still answers.
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.waiter = null;
          reject(new SmtpError('timeout', `no reply to ${command} within ${timeoutMs} ms`, { command }));
        },
        Math.max(1, timeoutMs),
      );
      this.waiter = { resolve, reject, timer, command };
    });
  }

  /** Sends one line. `redacted` is what the transcript keeps instead (for secrets). */
  send(line: string, redacted?: string): void {
    if (this.failure) throw this.failure;
    this.transcript.client(line, redacted);
    this.socket.write(`${line}\r\n`);
  }

  /** Sends raw bytes in a single write (the injection probe needs one TCP segment). */
  sendRaw(data: string, transcriptLines: string[]): void {
    if (this.failure) throw this.failure;
    for (const line of transcriptLines) this.transcript.client(line);
    this.socket.write(data);
  }

  command(line: string, timeoutMs: number, redacted?: string): Promise<Reply> {
    try {
      this.send(line, redacted);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.read(timeoutMs, (redacted ?? line).split(' ')[0] ?? line);
  }

  /**
   * Hands the socket to TLS after a 220 to STARTTLS. Anything the server sent after
   * that 220 is discarded (RFC 3207 §6): it arrived unprotected and must never be
   * read as if it came through TLS.
   */
  async upgrade(options: tls.ConnectionOptions, timeoutMs: number): Promise<UpgradeResult> {
    const plain = this.socket;
    this.detach(plain);
    const discarded = Buffer.concat([
      this.reader.takeUnread(),
      ...this.queue.map((r) => Buffer.from(`${r.raw}\r\n`)),
    ]);
    this.queue = [];
    this.reader = new ReplyReader();
    const secure = await handshake({ ...options, socket: plain }, timeoutMs, this.signal);
    this.socket = secure;
    this.attach(secure);
    return { socket: secure, discarded };
  }

  /** Polite end: QUIT, a short wait for its reply, then the socket is destroyed. */
  async quit(timeoutMs: number): Promise<void> {
    if (!this.failure && !this.socket.destroyed) {
      try {
        await this.command('QUIT', Math.min(timeoutMs, 2000));
      } catch {
        // A server that does not answer QUIT changes nothing in the report.
      }
    }
    this.destroy();
  }

  destroy(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.socket.destroy();
    if (!this.failure) this.failure = new SmtpError('closed', 'session closed');
  }

  private attach(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  private detach(socket: Socket): void {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
  }

  private readonly onData = (chunk: Buffer) => {
    let replies: Reply[];
    try {
      replies = this.reader.push(chunk);
    } catch (error) {
      const replyError = error as ReplyError;
      this.transcript.server(replyError.line);
      this.transcript.note(`reply rejected: ${replyError.message}`);
      this.fail(
        new SmtpError('reply', replyError.message, { cause: replyError, command: this.waiter?.command }),
      );
      return;
    }
    for (const reply of replies) {
      this.transcript.server(reply.raw);
      if (this.waiter) {
        const { resolve, timer } = this.waiter;
        clearTimeout(timer);
        this.waiter = null;
        resolve(reply);
      } else if (this.queue.length < maxUnsolicited) {
        this.queue.push(reply);
      } else {
        const flood = new ReplyError(
          'too-long',
          `more than ${maxUnsolicited} replies nobody asked for`,
          reply.raw,
        );
        this.transcript.note(`reply rejected: ${flood.message}`);
        this.fail(new SmtpError('reply', flood.message, { cause: flood }));
        return;
      }
    }
  };

  private readonly onError = (error: NodeJS.ErrnoException) => {
    this.fail(new SmtpError('socket', error.message, { code: error.code, command: this.waiter?.command }));
  };

  private readonly onClose = () => {
    this.fail(new SmtpError('closed', 'the server closed the connection', { command: this.waiter?.command }));
  };

  private fail(error: SmtpError): void {
    if (this.failure && this.failure.kind !== 'closed') return;
    if (!this.failure) this.failure = error;
    this.socket.destroy();
    if (this.waiter) {
      const { reject, timer } = this.waiter;
      clearTimeout(timer);
      this.waiter = null;
      reject(error);
    }
  }
}
