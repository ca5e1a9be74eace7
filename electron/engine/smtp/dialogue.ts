/**
 * The SMTP steps every client here shares (probes, log-in test, test message,
 * recipient check): read the greeting, say EHLO, and stop on a server that throttles.
 */
import type * as net from 'node:net';
import type { Deadline } from '../core/deadline.js';
import { extensionsOf } from './capabilities.js';
import type { Reply } from './reply.js';
import type { SmtpSession } from './session.js';

/** Thrown when the server answered 421, or refused us in its greeting (4xx, 5xx): stop and back off. */
export class ThrottledError extends Error {
  constructor(readonly reply: Reply) {
    super(`server is throttling: ${reply.raw}`);
  }
}

export async function readGreeting(session: SmtpSession, deadline: Deadline): Promise<Reply> {
  const greeting = await session.read(deadline.stage(), 'greeting');
  // 4xx: come back later; 554: no service for this client (RFC 5321 §3.1). The server
  // answers nothing else after it, so nothing the session would show is about its TLS.
  if (greeting.code >= 400) throw new ThrottledError(greeting);
  return greeting;
}

/** EHLO with our own address literal as the name (RFC 5321 §4.1.3); HELO when EHLO is refused. */
export async function sayEhlo(
  session: SmtpSession,
  socket: net.Socket,
  deadline: Deadline,
  name?: string,
): Promise<{ reply: Reply; extensions: string[] }> {
  const local = socket.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
  // RFC 5321 §4.1.3: IPv6 address literals carry the "IPv6:" tag. The socket knows its
  // family; net.isIPv6 would compile its large pattern on first use (about 9 ms cold).
  const ipv6 = socket.localFamily === 'IPv6' && !socket.localAddress?.startsWith('::ffff:');
  const ehloName = name ?? (ipv6 ? `[IPv6:${local}]` : `[${local}]`);
  const reply = await session.command(`EHLO ${ehloName}`, deadline.stage());
  if (reply.code === 421) throw new ThrottledError(reply);
  if (reply.code === 250) return { reply, extensions: extensionsOf(reply) };
  const helo = await session.command(`HELO ${ehloName}`, deadline.stage());
  if (helo.code === 421) throw new ThrottledError(helo);
  return { reply: helo, extensions: [] };
}
