/**
 * One IMAP or POP3 port, one verdict. Implicit TLS (993, 995): handshake first,
 * then greeting, capabilities, goodbye. STARTTLS (143, 110): greeting, capabilities
 * before TLS, a made-up log-in before TLS, STARTTLS/STLS, handshake, capabilities
 * again (the ones before TLS are never trusted), goodbye. Alongside: the injection
 * probe and the TLS versions matrix. Every failure becomes a finding; only
 * cancellation escapes.
 */
import type * as tls from 'node:tls';
import type { Finding, FindingId, IncomingPortReport, PortMode, TlsVersionName } from '../../contract.js';
import { makeFinding } from '../audit/findings.js';
import { printable } from '../core/printable.js';
import { Transcript } from '../smtp/transcript.js';
import { openConnection, type OpenConnection, type ProbeTarget } from '../probe/dialogue.js';
import {
  StageFailure,
  openProbeConnection,
  plaintextPeerCodes,
  protocolVersionCodes,
  recordFailure,
  runProbeSteps,
} from '../probe/failures.js';
import { recordInjection, tls12Of, type InjectionResult } from '../probe/injection.js';
import {
  recheckWithSystemStore,
  recordMainTls,
  settledCertificate,
  upgradeAfterGoAhead,
  VersionCheck,
} from '../probe/tls-facts.js';
import type { CertificateInspection } from '../tls/certificate.js';
import { upgradeForUse, type ExtraHandshakeDialect } from '../probe/versions.js';
import { SmtpError } from '../smtp/smtp-error.js';
import type { AccessDialect } from './dialect.js';
import { probeAccessInjection } from './injection.js';
import { AccessSession } from './session.js';

class AccessState {
  readonly transcript = new Transcript();
  readonly started = performance.now();
  mode: IncomingPortReport['mode'] = 'unreachable';
  reachable = false;
  banner: string | null = null;
  greeting: IncomingPortReport['greeting'] = null;
  capabilitiesBefore: string[] | null = null;
  capabilitiesAfter: string[] | null = null;
  authBefore: string[] = [];
  authAfter: string[] = [];
  cleartextLogin: IncomingPortReport['cleartextLogin'] = 'not-tested';
  tls: IncomingPortReport['tls'] = null;
  certificate: IncomingPortReport['certificate'] = null;
  injection: IncomingPortReport['injection'] = 'not-tested';
  findings: Finding[] = [];
  chain: CertificateInspection['chain'] = [];
  pendingCertificate: Promise<void> | null = null;
  known: { accepted: TlsVersionName[]; rejected: TlsVersionName[] } | null = null;

  constructor(
    readonly port: number,
    readonly protocol: IncomingPortReport['protocol'],
  ) {}

  add(id: FindingId, detail?: string): void {
    if (!this.findings.some((f) => f.id === id))
      this.findings.push(makeFinding(id, { port: this.port, detail }));
  }

  report(): IncomingPortReport {
    return {
      port: this.port,
      protocol: this.protocol,
      mode: this.mode,
      reachable: this.reachable,
      elapsedMs: Math.round(performance.now() - this.started),
      banner: this.banner,
      greeting: this.greeting,
      capabilities: { beforeTls: this.capabilitiesBefore, afterTls: this.capabilitiesAfter },
      auth: { beforeTls: this.authBefore, afterTls: this.authAfter },
      cleartextLogin: this.cleartextLogin,
      tls: this.tls,
      certificate: this.certificate,
      injection: this.injection,
      findings: this.findings,
      transcript: this.transcript.toJSON(),
    };
  }
}

/** Extra handshakes on a STARTTLS port (versions, a second look): the same dialogue, as far as the handshake. */
function handshakeDialect(dialect: AccessDialect): ExtraHandshakeDialect {
  return {
    async starttls(target, transcript, tlsOptions, use) {
      const connection = await openConnection(target, { tls: false });
      const session = new AccessSession(connection.socket, transcript, target.signal, dialect.goodbye);
      const agreed = async () =>
        (await dialect.greeting(session, target.deadline)).state === 'ok' &&
        (await dialect.starttls(session, target.deadline)).ok;
      return upgradeForUse(target, connection, session, tlsOptions, agreed, use);
    },
  };
}

export class AccessProbe {
  private readonly state: AccessState;
  private injection: Promise<InjectionResult> | null = null;
  private readonly versionCheck: VersionCheck;
  private readonly extraHandshakes: ExtraHandshakeDialect;

  constructor(
    private readonly target: ProbeTarget,
    private readonly dialect: AccessDialect,
    private readonly requestedMode: PortMode,
  ) {
    this.state = new AccessState(target.port, dialect.protocol);
    this.extraHandshakes = handshakeDialect(dialect);
    this.versionCheck = new VersionCheck(this.state, target, this.extraHandshakes);
  }

  /** What is known so far, for a port cut off by the overall deadline. */
  partialReport(): IncomingPortReport {
    return this.state.report();
  }

  async run(): Promise<IncomingPortReport> {
    await runProbeSteps(
      async () => {
        if (this.requestedMode === 'implicit-tls') await this.implicit();
        else await this.plaintextFirst();
        await settledCertificate(this.state);
        await recheckWithSystemStore(this.state, this.target, this.extraHandshakes);
        await this.versionCheck.record();
      },
      () => recordInjection(this.state, this.target, this.injection, this.dialect.findings.commandInjection),
      (cause, stage) => this.recordFailure(cause, stage),
      this.versionCheck,
      () => settledCertificate(this.state),
    );
    this.target.progress('done', 'passed');
    return this.state.report();
  }

  private recordFailure(error: unknown, stage: 'connect' | 'greeting' | 'dialogue' | 'handshake'): void {
    recordFailure(this.state, error, stage, {
      wrongProtocol: this.dialect.findings.wrongProtocol,
      noGreeting: 'incoming-greeting-timeout',
    });
  }

  private open(useTls: boolean): Promise<OpenConnection | null> {
    return openProbeConnection(this.target, useTls, () => (this.state.reachable = true), {
      connect: (error) => this.recordFailure(error, 'connect'),
      handshake: (error) => this.implicitHandshakeFailed(error),
    });
  }

  private implicitHandshakeFailed(error: unknown): void {
    const { state } = this;
    const code = error instanceof SmtpError ? error.code : undefined;
    state.transcript.note({
      key: 'tls-handshake-failed',
      detail: error instanceof Error ? error.message : String(error),
    });
    if (code && plaintextPeerCodes.has(code)) {
      state.mode = 'plain';
      state.add('incoming-implicit-tls-plaintext', code);
      return;
    }
    if (error instanceof SmtpError && error.kind === 'timeout') {
      state.add('incoming-greeting-timeout', 'no answer to the TLS handshake');
      return;
    }
    state.add('tls-handshake-failed', code ?? (error instanceof Error ? error.message : undefined));
    if (code && protocolVersionCodes.has(code)) {
      state.mode = 'implicit-tls';
      state.known = { accepted: [], rejected: ['TLSv1.2', 'TLSv1.3'] };
    }
  }

  private session(connection: OpenConnection): AccessSession {
    return new AccessSession(
      connection.socket,
      this.state.transcript,
      this.target.signal,
      this.dialect.goodbye,
    );
  }

  private async implicit(): Promise<void> {
    const { target, state, dialect } = this;
    const connection = await this.open(true);
    if (!connection) return;
    state.mode = 'implicit-tls';
    state.transcript.note({ key: 'implicit-tls-first' });
    const socket = connection.socket as tls.TLSSocket;
    recordMainTls(state, socket, target, this.extraHandshakes);
    this.versionCheck.start();
    const session = this.session(connection);
    try {
      const greeting = await this.greeting(session);
      if (greeting !== 'ok') return;
      state.capabilitiesAfter = await this.capabilities(session, 'capability-tls');
      state.authAfter = dialect.loginOffers(state.capabilitiesAfter, true);
      await this.goodbye(session);
    } finally {
      session.destroy();
      connection.close();
    }
  }

  private async plaintextFirst(): Promise<void> {
    const { target, state, dialect } = this;
    let connection = await this.open(false);
    if (!connection) return;
    state.mode = 'plain';
    let session = this.session(connection);
    try {
      if ((await this.greeting(session)) !== 'ok') return;
      state.capabilitiesBefore = (await this.capabilities(session, 'capability')) ?? state.capabilitiesBefore;
      state.authBefore = dialect.loginOffers(state.capabilitiesBefore, false);
      if (state.authBefore.length > 0) state.add(dialect.findings.loginBeforeTls, state.authBefore.join(' '));
      // Now that the port is known to speak the protocol and offer STARTTLS, the injection
      // probe runs alongside; started before the log-in test, it ends a round trip sooner.
      if (dialect.starttlsOffered(state.capabilitiesBefore)) {
        // Its handshake, pinned to TLS 1.2, is also the versions matrix's 1.2 check.
        this.injection = probeAccessInjection(target, dialect, undefined, true);
        this.injection.catch(() => undefined);
        this.versionCheck.provide('TLSv1.2', tls12Of(this.injection));
      }
      target.progress('cleartext-login', 'started');
      const login = await dialect.cleartextLogin(session, target.deadline, state.capabilitiesBefore);
      state.cleartextLogin = login.verdict;
      if (login.verdict === 'accepted') state.add(dialect.findings.loginBeforeTls, printable(login.answer));
      target.progress('cleartext-login', login.verdict === 'accepted' ? 'failed' : 'passed');
      if (!dialect.starttlsOffered(state.capabilitiesBefore)) {
        state.add(dialect.findings.starttlsMissing);
        await this.goodbye(session);
        return;
      }
      if (!login.sessionUsable) {
        await session.quit(target.deadline.stage());
        connection.close();
        connection = await this.open(false);
        if (!connection) return;
        session = this.session(connection);
        if ((await this.greeting(session)) !== 'ok') return;
      }
      await this.upgrade(session);
    } finally {
      session.destroy();
      connection?.close();
    }
  }

  private async upgrade(session: AccessSession): Promise<void> {
    const { target, state, dialect } = this;
    target.progress('starttls', 'started');
    const answer = await dialect.starttls(session, target.deadline);
    if (!answer.ok) {
      target.progress('starttls', 'failed');
      state.add('starttls-failed', printable(answer.answer));
      await this.goodbye(session);
      return;
    }
    target.progress('starttls', 'passed');
    const socket = await upgradeAfterGoAhead(
      session,
      state,
      target,
      this.versionCheck,
      {
        responseInjection: dialect.findings.responseInjection,
        recordFailure: (error) => this.recordFailure(error, 'handshake'),
      },
      this.extraHandshakes,
    );
    if (!socket) return;
    state.capabilitiesAfter = await this.capabilities(session, 'capability-tls');
    state.authAfter = dialect.loginOffers(state.capabilitiesAfter, true);
    const leftovers = dialect.plaintextLeftovers(state.capabilitiesAfter);
    if (leftovers.length > 0) state.add('incoming-starttls-still-advertised', leftovers.join(' '));
    await this.goodbye(session);
  }

  /** Reads the greeting; PREAUTH and BYE end the dialogue with their findings. */
  private async greeting(session: AccessSession): Promise<'ok' | 'preauth' | 'bye'> {
    const { target, state, dialect } = this;
    target.progress('greeting', 'started');
    let greeting;
    try {
      greeting = await dialect.greeting(session, target.deadline);
    } catch (error) {
      target.progress('greeting', 'failed');
      throw new StageFailure(error, 'greeting');
    }
    state.banner = printable(greeting.line);
    state.greeting = greeting.state;
    if (greeting.capabilities) state.capabilitiesBefore = greeting.capabilities;
    if (greeting.state === 'ok') {
      target.progress('greeting', 'passed');
      return 'ok';
    }
    target.progress('greeting', 'failed');
    if (greeting.state === 'bye') state.add('server-throttled', printable(greeting.line));
    else if (!session.isSecure) state.add('imap-preauth-greeting', printable(greeting.line));
    await this.goodbye(session);
    return greeting.state;
  }

  private async capabilities(
    session: AccessSession,
    stage: 'capability' | 'capability-tls',
  ): Promise<string[] | null> {
    this.target.progress(stage, 'started');
    try {
      const capabilities = await this.dialect.capabilities(session, this.target.deadline);
      this.target.progress(stage, 'passed');
      return capabilities;
    } catch (error) {
      this.target.progress(stage, 'failed');
      throw error;
    }
  }

  private async goodbye(session: AccessSession): Promise<void> {
    this.target.progress('quit', 'started');
    // Everything the report needs is known: the goodbye's answer would hold the slot a round trip longer.
    await session.leave();
    this.target.progress('quit', 'passed');
  }
}
