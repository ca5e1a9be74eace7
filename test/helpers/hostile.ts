/**
 * Raw TCP/TLS servers on 127.0.0.1 that misbehave on purpose, for the hostile-server
 * battery and the fuzz tests. Each starts on port 0 and returns a HostileServer
 * whose close() destroys every connection it accepted, so no test leaves a socket
 * behind.
 *
 * `smtpServer` speaks just enough SMTP to reach each stage of the audit, with every
 * reply and the STARTTLS behaviour configurable; the other servers are one behaviour
 * each (silence, garbage, endless data, slow bytes, a dropped handshake).
 */
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as tls from 'node:tls';

export interface HostileServer {
  port: number;
  /** Connections still open on the server side. */
  openConnections(): number;
  close(): Promise<void>;
}

/** What one accepted connection does. Errors on it (EPIPE, ECONNRESET) are expected and ignored. */
export type Behaviour = (socket: net.Socket) => void;

function serve(server: net.Server, behaviour: Behaviour): Promise<HostileServer> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    // Like real MTAs, answer without Nagle's delay (it adds up to 200 ms per reply on loopback).
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };
  const ready = server instanceof tls.Server ? 'secureConnection' : 'connection';
  // A TLS server hands over the TLS socket; the raw TCP socket under it is tracked too.
  if (ready === 'secureConnection') server.on('connection', track);
  server.on(ready, (socket: net.Socket) => {
    track(socket);
    behaviour(socket);
  });
  server.on('tlsClientError', () => undefined);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        openConnections: () => [...sockets].filter((socket) => !(socket instanceof tls.TLSSocket)).length,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

export function rawServer(behaviour: Behaviour): Promise<HostileServer> {
  return serve(net.createServer(), behaviour);
}

/** Implicit TLS: the behaviour runs on the TLS socket once the handshake is done. */
export function tlsServer(options: tls.TlsOptions, behaviour: Behaviour): Promise<HostileServer> {
  return serve(tls.createServer(options), behaviour);
}

/**
 * Writes chunks from `next` (null ends) with backpressure, `intervalMs` apart, until
 * the peer goes away: how the endless, huge and slow servers feed a client.
 */
function feed(socket: net.Socket, next: () => Buffer | null, intervalMs = 0): void {
  const step = () => {
    while (!socket.destroyed) {
      const chunk = next();
      if (!chunk) return;
      const more = socket.write(chunk);
      if (intervalMs > 0) {
        setTimeout(step, intervalMs).unref();
        return;
      }
      if (!more) {
        socket.once('drain', step);
        return;
      }
    }
  };
  step();
}

/** Accepts and says nothing, ever (reads and drops what the client sends). */
export const silent: Behaviour = (socket) => socket.resume();

/** Accepts and closes at once. */
export const closeAtOnce: Behaviour = (socket) => socket.destroy();

/** Sends `data` on connect, then reads and ignores everything. */
export function say(data: string | Buffer): Behaviour {
  return (socket) => {
    socket.resume();
    socket.write(data);
  };
}

/** "220-…" continuation lines for ever: a greeting that never ends. */
export const endlessGreeting: Behaviour = (socket) => {
  const line = Buffer.from(`220-${'x'.repeat(70)}\r\n`);
  const chunk = Buffer.concat(Array.from({ length: 256 }, () => line));
  feed(socket, () => chunk);
};

/** One line of `totalBytes` (default 10 MB) with no line break, sent in 64 KiB chunks. */
export function hugeLine(totalBytes = 10 * 1024 * 1024): Behaviour {
  const chunk = Buffer.alloc(64 * 1024, 'A');
  return (socket) => {
    let sent = 0;
    feed(socket, () => (sent >= totalBytes ? null : ((sent += chunk.length), chunk)));
  };
}

/** Valid one-line replies nobody asked for, without end. */
export function floodReplies(reply = '250 2.0.0 Ok'): Behaviour {
  const chunk = Buffer.from(`${reply}\r\n`.repeat(4096));
  return (socket) => {
    socket.resume();
    feed(socket, () => chunk);
  };
}

/** Deterministic pseudo-random bytes (mulberry32), so a failure can be replayed. */
function pseudoRandomBytes(length: number, seed: number): Buffer {
  let state = seed >>> 0;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

/** Garbage instead of a greeting: 4 KiB chunks of pseudo-random bytes, without end. */
export function randomBytes(seed: number): Behaviour {
  return (socket) => {
    let round = 0;
    feed(socket, () => pseudoRandomBytes(4096, seed + (round += 1)));
  };
}

/** Slowloris: `data` one byte per second. */
export function oneBytePerSecond(data: string): Behaviour {
  return (socket) => {
    socket.resume();
    let index = 0;
    feed(socket, () => (index < data.length ? Buffer.from(data[index++] ?? '') : null), 1000);
  };
}

/** Waits for the client's first bytes (its ClientHello), then drops the connection. */
export const closeOnClientHello: Behaviour = (socket) => socket.once('data', () => socket.destroy());

/** A fatal TLS alert record: internal_error (80), as OpenSMTPD 6.8 sends when its TLS setup is broken. */
const internalErrorAlert = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x50]);

/** Answers the client's ClientHello with a fatal alert 80 and closes. */
export const alertOnClientHello: Behaviour = (socket) =>
  socket.once('data', () => socket.end(internalErrorAlert));

export interface SmtpScript {
  /** Sent on connect. */
  greeting?: string;
  /** EHLO keywords before TLS. */
  extensions?: string[];
  /** EHLO keywords inside TLS. */
  extensionsTls?: string[];
  /** Reply line(s) to STARTTLS; the handshake follows only when it starts with 220. */
  starttls?: string;
  /** Sent in the same write as the STARTTLS reply, before the handshake (response injection). */
  afterStarttls?: string;
  /**
   * Keep commands pipelined behind STARTTLS and answer them inside TLS (CVE-2011-0411
   * buffering): at once, or only when the client's next command arrives.
   */
  bufferAcrossTls?: 'at-once' | 'with-next-command';
  /** Reply to MAIL FROM before TLS. */
  mailBeforeTls?: string;
  /** Server side of STARTTLS; without it STARTTLS gets 454. */
  tls?: tls.SecureContextOptions;
  /** What the server does inside TLS after STARTTLS, instead of answering commands. */
  afterHandshake?: Behaviour;
  /** Answer the ClientHello after STARTTLS with a fatal alert 80 (OpenSMTPD 6.8 on Debian 12). */
  alertHandshake?: boolean;
  /** Drop the connection when the ClientHello after STARTTLS arrives. */
  dropHandshake?: boolean;
  /** Never answer the ClientHello when STARTTLS came with more commands in the same write. */
  stallPipelinedHandshake?: boolean;
  /** One-line reply to EHLO before TLS, instead of the list of `extensions`. */
  ehlo?: string;
  /** Connections after this many are greeted with 421 and closed (a server that throttles). */
  connectionLimit?: number;
  /** Tarpit: the greeting and every reply but STARTTLS's come this late. */
  replyDelayMs?: number;
  /** Send the first line of a multi-line greeting, and the rest this much later (Postfix postscreen). */
  greetingPauseMs?: number;
  /** The first connection's greeting comes this late; the others' at once. */
  firstGreetingDelayMs?: number;
  /** Told of every connection (numbered from 1), greeting sent and command line received, in order. */
  observe?: (event: ServerEvent) => void;
}

/** What `SmtpScript.observe` is told. */
export interface ServerEvent {
  connection: number;
  kind: 'accepted' | 'greeting' | 'command';
  /** The command line, for `command`. */
  line?: string;
}

const defaults = {
  greeting: '220 hostile.test ESMTP',
  extensions: ['PIPELINING', '8BITMIME', 'STARTTLS'],
  extensionsTls: ['PIPELINING', '8BITMIME', 'AUTH PLAIN LOGIN'],
  starttls: '220 2.0.0 Ready to start TLS',
  mailBeforeTls: '530 5.7.0 Must issue a STARTTLS command first',
};

function ehloReply(keywords: string[]): string {
  const lines = ['hostile.test', ...keywords];
  return lines.map((text, i) => `250${i === lines.length - 1 ? ' ' : '-'}${text}\r\n`).join('');
}

/**
 * A line-driven SMTP server whose every reply comes from `script` (defaults: a
 * well-behaved submission server that requires TLS). `implicitTls` makes it speak
 * TLS from the first byte, like port 465.
 */
export function smtpServer(script: SmtpScript, implicitTls?: tls.TlsOptions): Promise<HostileServer> {
  const s = { ...defaults, ...script };
  const context = script.tls ? tls.createSecureContext(script.tls) : null;
  const later = (socket: net.Socket, data: string) => {
    if (!s.replyDelayMs) return void socket.write(data);
    setTimeout(() => socket.destroyed || socket.write(data), s.replyDelayMs).unref();
  };
  const converse = (
    socket: net.Socket,
    secure: boolean,
    connection: number,
    pipelined = '',
    answerNow = false,
  ) => {
    let buffer = answerNow ? '' : pipelined;
    const onData = (chunk: Buffer | string) => {
      buffer += chunk.toString('latin1');
      for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n')) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        s.observe?.({ connection, kind: 'command', line });
        const verb = (line.split(' ')[0] ?? '').toUpperCase();
        if (verb === 'STARTTLS' && !secure && context) {
          socket.write(`${s.starttls}\r\n${s.afterStarttls ?? ''}`);
          if (!s.starttls.startsWith('220')) continue;
          socket.off('data', onData);
          if (s.dropHandshake) return void socket.once('data', () => socket.destroy());
          if (s.alertHandshake) return void alertOnClientHello(socket);
          if (s.stallPipelinedHandshake && buffer.length > 0) return void socket.resume();
          const secureSocket = new tls.TLSSocket(socket, { isServer: true, secureContext: context });
          secureSocket.on('error', () => socket.destroy());
          const kept = s.bufferAcrossTls ? buffer : '';
          secureSocket.once('secure', () =>
            s.afterHandshake
              ? s.afterHandshake(secureSocket)
              : converse(secureSocket, true, connection, kept, s.bufferAcrossTls === 'at-once'),
          );
          return;
        }
        const reply: Record<string, string> = {
          EHLO: secure ? ehloReply(s.extensionsTls) : s.ehlo ? `${s.ehlo}\r\n` : ehloReply(s.extensions),
          HELO: '250 hostile.test\r\n',
          MAIL: `${secure ? '250 2.1.0 Ok' : s.mailBeforeTls}\r\n`,
          RSET: '250 2.0.0 Ok\r\n',
          NOOP: '250 2.0.0 Ok\r\n',
          STARTTLS: secure ? '503 5.5.1 TLS already active\r\n' : '454 4.7.0 TLS not available\r\n',
          QUIT: '221 2.0.0 Bye\r\n',
        };
        later(socket, reply[verb] ?? '502 5.5.2 Command not recognized\r\n');
        if (verb === 'QUIT') return void socket.end();
      }
    };
    socket.on('data', onData);
    if (answerNow) onData(pipelined);
  };
  let connections = 0;
  const behaviour: Behaviour = (socket) => {
    connections += 1;
    const connection = connections;
    s.observe?.({ connection, kind: 'accepted' });
    if (connection > (s.connectionLimit ?? Infinity)) {
      return void socket.end('421 4.7.0 hostile.test Too many connections, try again later\r\n');
    }
    const [first = '', ...rest] = s.greeting.split('\n');
    if (s.greetingPauseMs && rest.length > 0) {
      s.observe?.({ connection, kind: 'greeting' });
      socket.write(`${first}\n`);
      setTimeout(() => socket.destroyed || socket.write(`${rest.join('\n')}\r\n`), s.greetingPauseMs).unref();
    } else if (connection === 1 && s.firstGreetingDelayMs) {
      setTimeout(() => {
        if (socket.destroyed) return;
        s.observe?.({ connection, kind: 'greeting' });
        socket.write(`${s.greeting}\r\n`);
      }, s.firstGreetingDelayMs).unref();
    } else {
      s.observe?.({ connection, kind: 'greeting' });
      later(socket, `${s.greeting}\r\n`);
    }
    converse(socket, implicitTls !== undefined, connection);
  };
  return implicitTls ? tlsServer(implicitTls, behaviour) : rawServer(behaviour);
}

/**
 * What a scripted server sends: `null` as the line asks for the greeting; the
 * answer `null` closes the connection. One Answer per connection (it may count).
 */
export type Answer = (line: string | null, secure: boolean) => Buffer | null;

/**
 * The server side of a dialogue decided by `answer` line by line, for the fuzzer.
 * It closes when the answer is null or the client has been quiet for `idleMs` (so a
 * fuzzed dialogue that stalls ends quickly). With `upgrade`, a STARTTLS answered
 * with something starting with 220 is followed by a real TLS handshake.
 */
export function scripted(newAnswer: () => Answer, upgrade?: tls.SecureContext, idleMs = 500): Behaviour {
  return (socket) => {
    const answer = newAnswer();
    const idle = setTimeout(() => socket.destroy(), idleMs).unref();
    const send = (target: net.Socket, line: string | null, secure: boolean) => {
      const bytes = answer(line, secure);
      if (bytes === null) target.destroy();
      else target.write(bytes);
      return bytes;
    };
    const listen = (target: net.Socket, secure: boolean) => {
      const onData = (chunk: Buffer) => {
        idle.refresh();
        for (const line of chunk.toString('latin1').split('\n').slice(0, -1)) {
          const sent = send(target, line.replace(/\r$/, ''), secure);
          if (upgrade && !secure && /^STARTTLS/i.test(line) && sent?.subarray(0, 3).toString() === '220') {
            target.off('data', onData);
            const tlsSocket = new tls.TLSSocket(target, { isServer: true, secureContext: upgrade });
            tlsSocket.on('error', () => target.destroy());
            tlsSocket.once('secure', () => listen(tlsSocket, true));
            return;
          }
        }
      };
      target.on('data', onData);
      target.once('close', () => clearTimeout(idle));
    };
    const secure = socket instanceof tls.TLSSocket;
    send(socket, null, secure);
    listen(socket, secure);
  };
}

/**
 * A port whose connection attempts are never answered, as behind a firewall that
 * drops SYNs (OP25B): a listener that never accepts, its one-slot queue already
 * full, so the kernel drops every further SYN. Python does what Node cannot
 * (listen without accepting); the child ends with close().
 */
export async function unansweredPort(): Promise<{ port: number; close(): void }> {
  const script = `
import socket, sys
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)
port = s.getsockname()[1]
fillers = []
for _ in range(3):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(('127.0.0.1', port))
    except BlockingIOError: pass
    fillers.append(c)
print(port, flush=True)
sys.stdin.read()
`;
  const child = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  // The queue fills once the fillers' handshakes complete.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { port, close: () => void child.kill() };
}
