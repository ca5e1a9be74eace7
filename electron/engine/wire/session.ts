/**
 * One dialogue over one socket, whatever the protocol: send a command, wait for the
 * next framed unit (an SMTP reply, an IMAP or POP3 line) with a timeout, upgrade to
 * TLS after a STARTTLS go-ahead. At most one unit is awaited at a time; units that
 * arrive unasked are kept in order, up to a cap (injection probes look for exactly
 * those). Protocols subclass it with their framer and their polite goodbye.
 */
import type { Socket } from 'node:net';
import * as tls from 'node:tls';
import { SmtpError } from '../smtp/smtp-error.js';
import type { Transcript } from '../smtp/transcript.js';
import { handshake, readyForFirstCommand } from '../smtp/transport.js';
import { ReplyError } from './lines.js';

/** Unasked-for units kept for later: pipelining needs a few; more is a flood to refuse. */
const maxUnsolicited = 100;

/** Turns bytes into units; throws ReplyError when the stream breaks a cap or the grammar. */
export interface Framer<T> {
  push(chunk: Buffer): T[];
  takeUnread(): Buffer;
}

interface Waiter<T> {
  resolve(unit: T): void;
  reject(error: SmtpError): void;
  timer: NodeJS.Timeout;
  command: string;
}

export interface UpgradeResult {
  socket: tls.TLSSocket;
  /** Bytes the server sent after its go-ahead and before our handshake; discarded. */
  discarded: Buffer;
}

export abstract class FramedSession<T> {
  private socket: Socket;
  /** Made on first use: a subclass's own fields are not set yet while this constructor runs. */
  private currentFramer: Framer<T> | null = null;
  private queue: T[] = [];
  private waiter: Waiter<T> | null = null;
  private failure: SmtpError | null = null;
  /** Set after a TLS 1.3 handshake: the first command waits for the server's session ticket. */
  private ticketWait: Promise<void> | null = null;
  private readonly onAbort = () => this.fail(new SmtpError('cancelled', 'cancelled'));

  constructor(
    socket: Socket,
    protected readonly transcript: Transcript,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.socket = socket;
    signal?.addEventListener('abort', this.onAbort, { once: true });
    this.attach(socket);
  }

  private get framer(): Framer<T> {
    this.currentFramer ??= this.newFramer();
    return this.currentFramer;
  }

  /** A fresh framer (a new one starts after the TLS upgrade). */
  protected abstract newFramer(): Framer<T>;
  /** A unit as text, for the transcript and for discarded bytes. */
  protected abstract textOf(unit: T): string;
  /** The command that ends the session politely (QUIT, LOGOUT). */
  protected abstract readonly goodbye: string;

  get isSecure(): boolean {
    return this.socket instanceof tls.TLSSocket;
  }

  /** Units received without being asked for (pipelined or injected). */
  takeUnsolicited(): T[] {
    const units = this.queue;
    this.queue = [];
    return units;
  }

  /** Waits for the next unit. `command` names what we wait for, for errors and transcripts. */
  read(timeoutMs: number, command = 'greeting'): Promise<T> {
    // Units that arrived before the server closed are still answers.
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift() as T);
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

  /** Sends raw bytes in a single write (injection probes need one TCP segment). */
  sendRaw(data: string, transcriptLines: string[]): void {
    if (this.failure) throw this.failure;
    for (const line of transcriptLines) this.transcript.client(line);
    this.socket.write(data);
  }

  /** Sends a line and waits for the next unit. */
  command(line: string, timeoutMs: number, redacted?: string): Promise<T> {
    const ticketWait = this.ticketWait;
    if (ticketWait) {
      this.ticketWait = null;
      // The wait counts against this command's time limit, so a step never outlasts it.
      const waitStarted = performance.now();
      return ticketWait.then(() =>
        this.command(line, Math.max(1, timeoutMs - (performance.now() - waitStarted)), redacted),
      );
    }
    try {
      this.send(line, redacted);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.read(timeoutMs, (redacted ?? line).split(' ')[0] ?? line);
  }

  /**
   * Hands the socket to TLS after the server's go-ahead. Anything the server sent
   * after it is discarded (RFC 3207 §6, RFC 2595 §3.1/§4): it arrived unprotected and
   * must never be read as if it came through TLS.
   */
  async upgrade(options: tls.ConnectionOptions, timeoutMs: number): Promise<UpgradeResult> {
    const plain = this.socket;
    this.detach(plain);
    const discarded = Buffer.concat([
      this.framer.takeUnread(),
      ...this.queue.map((unit) => Buffer.from(`${this.textOf(unit)}\r\n`, 'latin1')),
    ]);
    this.queue = [];
    this.currentFramer = null;
    const secure = await handshake({ ...options, socket: plain }, timeoutMs, this.signal);
    this.socket = secure;
    this.attach(secure);
    return { socket: secure, discarded };
  }

  /** Polite end: the goodbye command, a short wait for its answer, then the socket is destroyed. */
  async quit(timeoutMs: number): Promise<void> {
    if (!this.failure && !this.socket.destroyed) {
      try {
        await this.command(this.goodbye, Math.min(timeoutMs, 2000));
      } catch {
        // A server that does not answer the goodbye changes nothing in the report.
      }
    }
    this.destroy();
  }

  /**
   * Says goodbye without waiting for the answer, for extra connections whose answer
   * changes nothing: their slot is free a round trip sooner. Resolves once the goodbye
   * has left (a local write, no round trip), with the socket destroyed.
   */
  leave(): Promise<void> {
    const socket = this.socket;
    const open = !this.failure && !socket.destroyed;
    this.signal?.removeEventListener('abort', this.onAbort);
    this.failure ??= new SmtpError('closed', 'session closed');
    if (!open) {
      socket.destroy();
      return Promise.resolve();
    }
    this.transcript.client(this.goodbye);
    return new Promise((resolve) => {
      const done = () => {
        socket.destroy();
        resolve();
      };
      socket.once('close', done);
      socket.end(`${this.goodbye}\r\n`, done);
    });
  }

  destroy(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.socket.destroy();
    if (!this.failure) this.failure = new SmtpError('closed', 'session closed');
  }

  private attach(socket: Socket): void {
    if (socket instanceof tls.TLSSocket) this.ticketWait = readyForFirstCommand(socket);
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
    let units: T[];
    try {
      units = this.framer.push(chunk);
    } catch (error) {
      const replyError = error as ReplyError;
      this.transcript.server(replyError.line);
      this.transcript.note({ key: 'reply-rejected', detail: replyError.message });
      this.fail(
        new SmtpError('reply', replyError.message, { cause: replyError, command: this.waiter?.command }),
      );
      return;
    }
    for (const unit of units) {
      this.transcript.server(this.textOf(unit));
      if (this.waiter) {
        const { resolve, timer } = this.waiter;
        clearTimeout(timer);
        this.waiter = null;
        resolve(unit);
      } else if (this.queue.length < maxUnsolicited) {
        this.queue.push(unit);
      } else {
        const flood = new ReplyError(
          'too-long',
          `more than ${maxUnsolicited} replies nobody asked for`,
          this.textOf(unit),
        );
        this.transcript.note({ key: 'reply-rejected', detail: flood.message });
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
