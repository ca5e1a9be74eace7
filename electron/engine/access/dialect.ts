/**
 * What differs between IMAP and POP3 for the audit, behind one interface: the
 * greeting, the capability list, the STARTTLS/STLS command, the made-up log-in
 * before TLS, the injection payload and its tell-tale answer, and the goodbye.
 * The probe (probe.ts) runs the same steps for both.
 */
import type { FindingId, IncomingProtocol } from '../../contract.js';
import type { Deadline } from '../core/deadline.js';
import type { AccessSession } from './session.js';

export type GreetingState = 'ok' | 'preauth' | 'bye';

export interface Greeting {
  state: GreetingState;
  line: string;
  /** Capabilities carried in the greeting (IMAP `[CAPABILITY …]`), if any. */
  capabilities: string[] | null;
}

export interface CleartextLogin {
  verdict: 'refused' | 'accepted' | 'not-tested';
  /** The server's answer, for the finding's detail. */
  answer: string;
  /** False when the session left the not-authenticated state (a new connection is needed for STARTTLS). */
  sessionUsable: boolean;
}

export interface InjectionPayload {
  /** Sent in one write: the upgrade command and, right behind it, a harmless command. */
  data: string;
  transcript: string[];
  /** Reads the answer to the upgrade command: true when the server said go ahead. */
  readGoAhead(session: AccessSession, deadline: Deadline): Promise<boolean>;
  /** True for a line that answers the injected command. */
  answersInjected(line: string): boolean;
}

export interface AccessDialect {
  protocol: IncomingProtocol;
  findings: {
    wrongProtocol: FindingId;
    starttlsMissing: FindingId;
    loginBeforeTls: FindingId;
    commandInjection: FindingId;
    responseInjection: FindingId;
  };
  /** The polite end: `LOGOUT` (IMAP) or `QUIT` (POP3). */
  goodbye: string;
  /** Reads the greeting; throws a `reply` SmtpError when the line is not this protocol's. */
  greeting(session: AccessSession, deadline: Deadline): Promise<Greeting>;
  /** The capability list, or null when the server has no capability command. */
  capabilities(session: AccessSession, deadline: Deadline): Promise<string[] | null>;
  /** Log-in mechanisms the capabilities offer. */
  loginOffers(capabilities: string[] | null, secure: boolean): string[];
  starttlsOffered(capabilities: string[] | null): boolean;
  /** After TLS: capabilities that belong only to the plaintext phase and should be gone. */
  plaintextLeftovers(capabilities: string[] | null): string[];
  /** Sends the upgrade command; true when the server said go ahead. */
  starttls(session: AccessSession, deadline: Deadline): Promise<{ ok: boolean; answer: string }>;
  /** A made-up user name before TLS: refused for lack of TLS, or processed. Never a real credential. */
  cleartextLogin(
    session: AccessSession,
    deadline: Deadline,
    capabilities: string[] | null,
  ): Promise<CleartextLogin>;
  injectionPayload(): InjectionPayload;
  /** A harmless command inside TLS; resolves with its response lines. */
  noop(session: AccessSession, deadline: Deadline): Promise<string[]>;
}
