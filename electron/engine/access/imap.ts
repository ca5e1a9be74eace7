/**
 * IMAP (RFC 3501, RFC 9051, RFC 2595) as the audit speaks it: greeting states
 * (`* OK`, `* PREAUTH`, `* BYE`), CAPABILITY (also from the greeting's response
 * code), STARTTLS, LOGINDISABLED and AUTH=, and a LOGIN with a made-up user before
 * TLS only where the server did not forbid it. Tags are random per session, so an
 * answer to an injected command can be told from an answer to ours.
 */
import { randomBytes } from 'node:crypto';
import { SmtpError } from '../smtp/smtp-error.js';
import { ReplyError } from '../wire/lines.js';
import type { AccessDialect, CleartextLogin, Greeting } from './dialect.js';
import type { AccessSession } from './session.js';

const greetingLine = /^\* (OK|PREAUTH|BYE)\b/i;
const capabilityCode = /\[CAPABILITY ([^\]]*)\]/i;

function tag(): string {
  return `m${randomBytes(3).toString('hex')}`;
}

function tokens(text: string): string[] {
  return text.split(' ').filter(Boolean);
}

/** Sends `TAG command` and reads to the tagged completion; returns all lines and the completion. */
async function tagged(
  session: AccessSession,
  command: string,
  timeoutMs: number,
  redacted?: string,
): Promise<{ lines: string[]; completion: string }> {
  const id = tag();
  session.send(`${id} ${command}`, redacted === undefined ? undefined : `${id} ${redacted}`);
  const lines = await session.response(
    (line) => line.startsWith(`${id} `),
    timeoutMs,
    command.split(' ')[0] ?? command,
  );
  return { lines, completion: lines[lines.length - 1] ?? '' };
}

function status(completion: string): string {
  return (completion.split(' ')[1] ?? '').toUpperCase();
}

function has(capabilities: string[] | null, name: string): boolean {
  return capabilities?.some((c) => c.toUpperCase() === name) ?? false;
}

export const imapDialect: AccessDialect = {
  protocol: 'imap',
  goodbye: 'z LOGOUT',
  findings: {
    wrongProtocol: 'not-imap',
    starttlsMissing: 'imap-starttls-missing',
    loginBeforeTls: 'imap-login-before-tls',
    commandInjection: 'imap-starttls-command-injection',
    responseInjection: 'imap-starttls-response-injection',
  },

  async greeting(session, deadline): Promise<Greeting> {
    const line = await session.read(deadline.stage(), 'greeting');
    const match = greetingLine.exec(line);
    if (!match) {
      const message = 'not an IMAP greeting';
      throw new SmtpError('reply', message, {
        cause: new ReplyError('malformed', message, line),
        command: 'greeting',
      });
    }
    const code = capabilityCode.exec(line);
    return {
      state: (match[1] ?? 'OK').toLowerCase() as Greeting['state'],
      line,
      capabilities: code ? tokens(code[1] ?? '') : null,
    };
  },

  async capabilities(session, deadline) {
    const { lines, completion } = await tagged(session, 'CAPABILITY', deadline.stage());
    if (status(completion) !== 'OK') return null;
    return lines
      .filter((l) => /^\* CAPABILITY /i.test(l))
      .flatMap((l) => tokens(l.slice('* CAPABILITY '.length)));
  },

  loginOffers(capabilities) {
    if (!capabilities) return [];
    const mechanisms = capabilities.filter((c) => /^AUTH=/i.test(c)).map((c) => c.slice(5).toUpperCase());
    // The LOGIN command and AUTH=LOGIN both take a password: one entry.
    const offers = has(capabilities, 'LOGINDISABLED') ? mechanisms : ['LOGIN', ...mechanisms];
    return [...new Set(offers)];
  },

  starttlsOffered: (capabilities) => has(capabilities, 'STARTTLS'),

  plaintextLeftovers: (capabilities) =>
    (capabilities ?? []).filter((c) => ['STARTTLS', 'LOGINDISABLED'].includes(c.toUpperCase())),

  async starttls(session, deadline) {
    const { completion } = await tagged(session, 'STARTTLS', deadline.stage());
    return { ok: status(completion) === 'OK', answer: completion };
  },

  async cleartextLogin(session, deadline, capabilities): Promise<CleartextLogin> {
    // RFC 3501 §6.2.3: with LOGINDISABLED a client must not send LOGIN at all.
    if (has(capabilities, 'LOGINDISABLED')) return { verdict: 'not-tested', answer: '', sessionUsable: true };
    const dummy = randomBytes(6).toString('hex');
    const { lines, completion } = await tagged(
      session,
      `LOGIN mailtls-probe ${dummy}`,
      deadline.stage(),
      'LOGIN mailtls-probe ********',
    );
    const answer = lines.join(' ');
    const refusedForTls = /PRIVACYREQUIRED|ALERT/i.test(answer) || status(completion) === 'BAD';
    return {
      verdict: refusedForTls ? 'refused' : 'accepted',
      answer: completion,
      sessionUsable: status(completion) !== 'OK',
    };
  },

  injectionPayload() {
    const first = tag();
    const injected = tag();
    return {
      data: `${first} STARTTLS\r\n${injected} NOOP\r\n`,
      transcript: [`${first} STARTTLS`, `${injected} NOOP   (same write as STARTTLS)`],
      async readGoAhead(session, deadline) {
        const lines = await session.response((l) => l.startsWith(`${first} `), deadline.stage(), 'STARTTLS');
        return status(lines[lines.length - 1] ?? '') === 'OK';
      },
      answersInjected: (line) => line.startsWith(`${injected} `),
    };
  },

  async noop(session, deadline) {
    return (await tagged(session, 'NOOP', deadline.stage())).lines;
  },
};
