/**
 * One port, one verdict. Implicit TLS (465): handshake first, then greeting, EHLO,
 * QUIT. Plaintext-first (25, 587): greeting, EHLO, the TLS-enforcement check on
 * submission ports, STARTTLS, handshake, EHLO again (capabilities before TLS are
 * never trusted), QUIT. Alongside: the injection probe and the TLS versions matrix.
 * A port that turns out to speak the other protocol is re-probed as what it is and
 * reported as such. Every failure becomes a finding; only cancellation escapes.
 */
import type * as tls from 'node:tls';
import type { Finding, FindingId, PortMode, PortReport, TlsVersionName } from '../../contract.js';
import { makeFinding } from '../audit/findings.js';
import { printable } from '../core/printable.js';
import { authMechanisms, hasExtension } from '../smtp/capabilities.js';
import type { Reply } from '../smtp/reply.js';
import { SmtpSession } from '../smtp/session.js';
import { SmtpError } from '../smtp/smtp-error.js';
import { Transcript } from '../smtp/transcript.js';
import type { CertificateInspection } from '../tls/certificate.js';
import { openConnection, type OpenConnection, type ProbeTarget } from './dialogue.js';
import { ThrottledError, readGreeting, sayEhlo } from '../smtp/dialogue.js';
import { probeInjection, recordInjection, tls12Of, type InjectionResult } from './injection.js';
import {
  StageFailure,
  openProbeConnection,
  plaintextPeerCodes,
  protocolVersionCodes,
  recordFailure,
  runProbeSteps,
} from './failures.js';
import { PlaintextGate } from './gate.js';
import { portOutcome } from './outcome.js';
import {
  recheckWithSystemStore,
  recordMainTls,
  settledCertificate,
  upgradeAfterGoAhead,
  VersionCheck,
} from './tls-facts.js';

/** A plaintext-first port that stays silent this long gets a parallel TLS attempt. */
const silentGreetingHintMs = 1000;

class PortState {
  readonly transcript = new Transcript();
  readonly started = performance.now();
  mode: PortReport['mode'] = 'unreachable';
  reachable = false;
  banner: string | null = null;
  ehloBefore: string[] | null = null;
  ehloAfter: string[] | null = null;
  tls: PortReport['tls'] = null;
  certificate: PortReport['certificate'] = null;
  injection: PortReport['injection'] = 'not-tested';
  tlsEnforcement: PortReport['tlsEnforcement'] = 'not-tested';
  findings: Finding[] = [];
  /** The certificate chain the main handshake saw, for a second look with the system store. */
  chain: CertificateInspection['chain'] = [];
  pendingCertificate: Promise<void> | null = null;
  /** Versions settled by the main handshake. */
  known: { accepted: TlsVersionName[]; rejected: TlsVersionName[] } | null = null;

  constructor(
    readonly port: number,
    readonly relay: boolean,
  ) {}

  add(id: FindingId, detail?: string): void {
    if (!this.findings.some((f) => f.id === id))
      this.findings.push(makeFinding(id, { port: this.port, detail }));
  }

  report(): PortReport {
    const report: Omit<PortReport, 'outcome'> = {
      port: this.port,
      mode: this.mode,
      relay: this.relay,
      reachable: this.reachable,
      elapsedMs: Math.round(performance.now() - this.started),
      banner: this.banner,
      ehlo: { beforeTls: this.ehloBefore, afterTls: this.ehloAfter },
      auth: { beforeTls: authMechanisms(this.ehloBefore), afterTls: authMechanisms(this.ehloAfter) },
      tls: this.tls,
      certificate: this.certificate,
      injection: this.injection,
      tlsEnforcement: this.tlsEnforcement,
      findings: this.findings,
      transcript: this.transcript.toJSON(),
    };
    return { ...report, outcome: portOutcome(report) };
  }
}

function firstLine(reply: Reply): string {
  return printable(reply.raw.split('\n')[0] ?? '');
}

export class PortProbe {
  private readonly state: PortState;
  private injection: Promise<InjectionResult> | null = null;
  private readonly versionCheck: VersionCheck;

  constructor(
    private readonly target: ProbeTarget,
    private readonly requestedMode: PortMode,
  ) {
    this.state = new PortState(target.port, target.relay);
    this.versionCheck = new VersionCheck(this.state, target);
  }

  /** What is known so far, for a port cut off by the overall deadline. */
  partialReport(): PortReport {
    return this.state.report();
  }

  async run(): Promise<PortReport> {
    await runProbeSteps(
      async () => {
        if (this.requestedMode === 'implicit-tls') await this.implicit(true);
        else await this.plaintextFirst(true);
        await settledCertificate(this.state);
        await recheckWithSystemStore(this.state, this.target);
        await this.versionCheck.record();
      },
      () => this.settleInjection(),
      (cause, stage) => recordFailure(this.state, cause, stage),
      this.versionCheck,
      () => settledCertificate(this.state),
    );
    this.target.progress('done', 'passed');
    return this.state.report();
  }

  /** Implicit TLS. `mayFallBack`: a plaintext answer leads to a plaintext-first probe. */
  private async implicit(mayFallBack: boolean, opened?: OpenConnection): Promise<void> {
    const { target, state } = this;
    const connection =
      opened ??
      (await openProbeConnection(target, true, () => (state.reachable = true), {
        connect: (error) => recordFailure(state, error, 'connect'),
        handshake: (error) => this.implicitHandshakeFailed(error, mayFallBack),
      }));
    if (!connection) return;
    state.reachable = true;
    state.mode = 'implicit-tls';
    state.transcript.note({ key: 'implicit-tls-first' });
    const socket = connection.socket as tls.TLSSocket;
    recordMainTls(state, socket, target);
    this.versionCheck.start();
    const session = new SmtpSession(socket, state.transcript, target.signal);
    try {
      await this.greeting(session);
      await this.afterTls(session, socket);
    } finally {
      session.destroy();
      connection.close();
    }
  }

  private async implicitHandshakeFailed(error: unknown, mayFallBack: boolean): Promise<void> {
    const { state } = this;
    const code = error instanceof SmtpError ? error.code : undefined;
    state.transcript.note({
      key: 'tls-handshake-failed',
      detail: error instanceof Error ? error.message : String(error),
    });
    if (mayFallBack && code && plaintextPeerCodes.has(code)) {
      state.add('implicit-tls-plaintext', code);
      state.transcript.note({ key: 'plaintext-fallback' });
      await this.plaintextFirst(false);
      // Only a port requested as implicit TLS gets here (465, or any port given that mode).
      if (state.ehloBefore && hasExtension(state.ehloBefore, 'STARTTLS')) state.add('starttls-on-465');
      return;
    }
    if (error instanceof SmtpError && error.kind === 'timeout') {
      state.add('banner-timeout', 'no answer to the TLS handshake');
      return;
    }
    state.add('tls-handshake-failed', code ?? (error instanceof Error ? error.message : undefined));
    // The port answered the ClientHello (with an alert or a close): it is an implicit-TLS port whose TLS fails.
    state.mode = 'implicit-tls';
    if (code && protocolVersionCodes.has(code))
      state.known = { accepted: [], rejected: ['TLSv1.2', 'TLSv1.3'] };
  }

  /**
   * Plaintext-first. `mayRaceTls`: a silent greeting starts a parallel implicit-TLS
   * attempt, and the injection probe and the TLS 1.0-1.1 check start with the main
   * connection, held back by a gate until its greeting shows the port speaks SMTP.
   */
  private async plaintextFirst(mayRaceTls: boolean): Promise<void> {
    const { target, state } = this;
    const gate = mayRaceTls ? new PlaintextGate() : null;
    try {
      const opening = openProbeConnection(target, false, () => (state.reachable = true), {
        connect: (error) => recordFailure(state, error, 'connect'),
        handshake: () => undefined,
      });
      // After the main connection took its slot, so that a lower cap only makes them wait.
      if (gate) {
        this.startInjection(gate);
        this.versionCheck.startLegacy(gate);
      }
      const connection = await opening;
      if (!connection) return;
      state.mode = 'plain';
      const session = new SmtpSession(connection.socket, state.transcript, target.signal);
      try {
        const tlsInstead = gate ? await this.greetingOrTls(session, gate) : await this.greeting(session);
        if (tlsInstead) {
          session.destroy();
          connection.close();
          state.add('tls-on-plaintext-port');
          state.transcript.note({ key: 'implicit-tls-detected' });
          return await this.implicit(false, tlsInstead);
        }
        // A greeting after the TLS attempt began: the early checks stopped, so the probe starts now.
        if (gate?.closed) this.startInjection();
        gate?.open();
        await this.starttlsDialogue(session, connection);
      } finally {
        session.destroy();
        connection.close();
      }
    } finally {
      gate?.close();
    }
  }

  /** The injection probe; its handshake, pinned to TLS 1.2, is also the versions matrix's 1.2 check. */
  private startInjection(gate?: PlaintextGate): void {
    this.injection = probeInjection(this.target, undefined, true, gate);
    // Awaited in settleInjection; until then a cancellation must not surface as an unhandled rejection.
    this.injection.catch(() => undefined);
    this.versionCheck.provide('TLSv1.2', tls12Of(this.injection));
  }

  /** Reads the greeting; failures become greeting findings (not SMTP, silent, throttled). */
  private async greeting(session: SmtpSession): Promise<null> {
    this.target.progress('greeting', 'started');
    try {
      this.greeted(await readGreeting(session, this.target.deadline));
      return null;
    } catch (error) {
      this.target.progress('greeting', 'failed');
      throw new StageFailure(error, 'greeting');
    }
  }

  /**
   * Waits for the plaintext greeting; if none comes within a second, also tries a
   * TLS handshake on a second connection. Returns that connection when TLS wins.
   */
  private async greetingOrTls(session: SmtpSession, gate: PlaintextGate): Promise<OpenConnection | null> {
    const { target } = this;
    target.progress('greeting', 'started');
    const greeting = readGreeting(session, target.deadline).then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error }),
    );
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<'silent'>(
      (resolve) => (timer = setTimeout(() => resolve('silent'), silentGreetingHintMs)),
    );
    let outcome: { reply: Reply } | { error: unknown } | { connection: OpenConnection } | 'silent' =
      await Promise.race([greeting, silence]);
    clearTimeout(timer);
    if (outcome === 'silent') {
      // The early checks give up their connection slots, which the TLS attempt may need.
      gate.close();
      const attempt = openConnection(target, { tls: true, main: true }).catch(() => null);
      // A failed TLS attempt must not win the race: then only the greeting can.
      const tlsWon = attempt.then((connection) =>
        connection ? { connection } : new Promise<never>(() => undefined),
      );
      outcome = await Promise.race([greeting, tlsWon]);
      if ('connection' in outcome) return outcome.connection;
      void attempt.then((connection) => connection?.close());
    }
    if ('error' in outcome) {
      target.progress('greeting', 'failed');
      throw new StageFailure(outcome.error, 'greeting');
    }
    this.greeted(outcome.reply);
    return null;
  }

  private greeted(reply: Reply): void {
    this.state.banner = firstLine(reply);
    this.target.progress('greeting', 'passed');
  }

  private async starttlsDialogue(session: SmtpSession, connection: OpenConnection): Promise<void> {
    const { target, state } = this;
    const ehlo = await this.ehloStep(session, connection.socket, 'ehlo');
    state.ehloBefore = ehlo;
    if (authMechanisms(ehlo).length > 0) state.add('plaintext-auth', authMechanisms(ehlo).join(' '));
    const starttlsOffered = hasExtension(ehlo, 'STARTTLS');
    const answered = target.relay
      ? null
      : await this.enforcement(session, starttlsOffered, hasExtension(ehlo, 'PIPELINING'));
    if (!starttlsOffered) {
      state.add('starttls-missing');
      await session.quit(target.deadline.stage());
      return;
    }
    target.progress('starttls', 'started');
    const reply = answered ?? (await session.command('STARTTLS', target.deadline.stage()));
    if (reply.code !== 220) {
      target.progress('starttls', 'failed');
      state.add('starttls-failed', firstLine(reply));
      await session.quit(target.deadline.stage());
      return;
    }
    target.progress('starttls', 'passed');
    const socket = await upgradeAfterGoAhead(session, state, target, this.versionCheck, {
      responseInjection: 'starttls-response-injection',
      recordFailure: (error) => recordFailure(state, error, 'handshake'),
    });
    if (!socket) return;
    await this.afterTls(session, socket);
  }

  /** Over TLS: EHLO, what the new capabilities say, QUIT. */
  private async afterTls(session: SmtpSession, socket: tls.TLSSocket): Promise<void> {
    const { target, state } = this;
    const ehlo = await this.ehloStep(session, socket, 'ehlo-tls');
    state.ehloAfter = ehlo;
    if (hasExtension(ehlo, 'STARTTLS')) state.add('starttls-still-advertised');
    target.progress('quit', 'started');
    // Everything the report needs is known: the goodbye's answer would hold the slot a round trip longer.
    await session.leave();
    target.progress('quit', 'passed');
  }

  private async ehloStep(
    session: SmtpSession,
    socket: OpenConnection['socket'],
    stage: 'ehlo' | 'ehlo-tls',
  ): Promise<string[]> {
    this.target.progress(stage, 'started');
    try {
      const { extensions } = await sayEhlo(session, socket, this.target.deadline);
      this.target.progress(stage, 'passed');
      return extensions;
    } catch (error) {
      this.target.progress(stage, 'failed');
      throw error;
    }
  }

  /**
   * Submission ports must refuse mail before TLS: MAIL FROM:<> should get 530. Where
   * the server offers PIPELINING, MAIL FROM, RSET and STARTTLS go as one group
   * (RFC 2920: STARTTLS ends it), answered in one round trip; the STARTTLS reply is
   * then returned, so the caller does not ask again.
   */
  private async enforcement(
    session: SmtpSession,
    starttlsOffered: boolean,
    pipelining: boolean,
  ): Promise<Reply | null> {
    const { target, state } = this;
    target.progress('enforcement', 'started');
    const grouped = starttlsOffered && pipelining;
    if (grouped)
      session.sendRaw('MAIL FROM:<>\r\nRSET\r\nSTARTTLS\r\n', ['MAIL FROM:<>', 'RSET', 'STARTTLS']);
    const reply = grouped
      ? await session.read(target.deadline.stage(), 'MAIL')
      : await session.command('MAIL FROM:<>', target.deadline.stage());
    if (reply.code === 421) throw new ThrottledError(reply);
    const accepted = reply.code >= 200 && reply.code < 300;
    if (reply.code >= 400 && reply.code < 500) {
      // A temporary refusal says nothing about whether TLS is required.
      target.progress('enforcement', 'failed');
    } else if (accepted) {
      state.tlsEnforcement = 'not-enforced';
      state.add('tls-not-required', firstLine(reply));
      target.progress('enforcement', 'failed');
    } else {
      // A permanent refusal. Where STARTTLS is not offered, TLS cannot be what it requires;
      // where AUTH is offered before TLS, the refusal (530 "Authentication required", the
      // same code as "Must issue STARTTLS") only asks for a log-in that plaintext allows.
      const enforced = starttlsOffered && authMechanisms(state.ehloBefore).length === 0;
      state.tlsEnforcement = enforced ? 'enforced' : 'not-enforced';
      target.progress('enforcement', enforced ? 'passed' : 'failed');
    }
    if (!grouped) {
      if (accepted) await session.command('RSET', target.deadline.stage());
      return null;
    }
    await session.read(target.deadline.stage(), 'RSET');
    return session.read(target.deadline.stage(), 'STARTTLS');
  }

  private settleInjection(): Promise<void> {
    return recordInjection(this.state, this.target, this.injection, 'starttls-command-injection');
  }
}
