/**
 * POP3 (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS) as the audit speaks it: the `+OK`
 * greeting, the multi-line CAPA answer, STLS, and a USER with a made-up name before
 * TLS (never PASS): a server that requires TLS refuses it.
 */
import { SmtpError } from '../smtp/smtp-error.js';
import { ReplyError } from '../wire/lines.js';
import type { AccessDialect, Greeting } from './dialect.js';
import type { AccessSession } from './session.js';

const ok = (line: string) => /^\+OK\b/i.test(line);
const err = (line: string) => /^-ERR\b/i.test(line);

async function single(session: AccessSession, command: string, timeoutMs: number): Promise<string> {
  return (await session.response(() => true, timeoutMs, command.split(' ')[0] ?? command))[0] ?? '';
}

/** Lines only a CAPA answer contains: the injected CAPA answered inside TLS. */
const capaLines = /^(TOP|USER|UIDL|SASL|PIPELINING|RESP-CODES|AUTH-RESP-CODE|STLS|EXPIRE|IMPLEMENTATION)\b/i;

export const pop3Dialect: AccessDialect = {
  protocol: 'pop3',
  goodbye: 'QUIT',
  findings: {
    wrongProtocol: 'not-pop3',
    starttlsMissing: 'pop3-stls-missing',
    loginBeforeTls: 'pop3-user-before-tls',
    commandInjection: 'pop3-stls-command-injection',
    responseInjection: 'pop3-stls-response-injection',
  },

  async greeting(session, deadline): Promise<Greeting> {
    const line = await session.read(deadline.stage(), 'greeting');
    if (ok(line)) return { state: 'ok', line, capabilities: null };
    if (err(line)) return { state: 'bye', line, capabilities: null };
    const message = 'not a POP3 greeting';
    throw new SmtpError('reply', message, {
      cause: new ReplyError('malformed', message, line),
      command: 'greeting',
    });
  },

  async capabilities(session, deadline) {
    session.send('CAPA');
    const until = performance.now() + deadline.stage();
    const first = await single(session, 'CAPA', deadline.stage());
    if (!ok(first)) return null;
    const lines = await session.response((l) => l === '.', Math.max(1, until - performance.now()), 'CAPA');
    return lines.slice(0, -1).map((l) => (l.startsWith('..') ? l.slice(1) : l));
  },

  loginOffers(capabilities) {
    if (!capabilities) return [];
    const offers: string[] = [];
    for (const line of capabilities) {
      const [name = '', ...rest] = line.split(' ').filter(Boolean);
      if (name.toUpperCase() === 'USER') offers.push('USER');
      if (name.toUpperCase() === 'SASL') offers.push(...rest.map((m) => m.toUpperCase()));
    }
    return offers;
  },

  starttlsOffered: (capabilities) => capabilities?.some((c) => c.toUpperCase() === 'STLS') ?? false,

  plaintextLeftovers: (capabilities) => (capabilities ?? []).filter((c) => c.toUpperCase() === 'STLS'),

  async starttls(session, deadline) {
    session.send('STLS');
    const answer = await single(session, 'STLS', deadline.stage());
    return { ok: ok(answer), answer };
  },

  async cleartextLogin(session, deadline) {
    session.send('USER mailtls-probe');
    const answer = await single(session, 'USER', deadline.stage());
    // +OK: the server waits for PASS now, which we never send; STLS needs a fresh session.
    return ok(answer)
      ? { verdict: 'accepted', answer, sessionUsable: false }
      : { verdict: 'refused', answer, sessionUsable: true };
  },

  injectionPayload() {
    return {
      data: 'STLS\r\nCAPA\r\n',
      transcript: ['STLS', 'CAPA   (same write as STLS)'],
      async readGoAhead(session, deadline) {
        return ok(await single(session, 'STLS', deadline.stage()));
      },
      answersInjected: (line) => capaLines.test(line),
    };
  },

  async noop(session, deadline) {
    session.send('NOOP');
    return [await single(session, 'NOOP', deadline.stage())];
  },
};
