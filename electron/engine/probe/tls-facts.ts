/**
 * What a probe learns from TLS, for any protocol: the negotiated version and cipher,
 * the certificate verdicts, and the accepted-versions matrix, written into the port's
 * state as report fields and findings.
 */
import type * as tls from 'node:tls';
import type {
  CertificateReport,
  Finding,
  FindingId,
  ReportMode,
  TlsInfo,
  TlsVersionName,
} from '../../contract.js';
import { isTlsVersionName, tlsVersionNames } from '../../contract-lists.js';
import { SmtpError } from '../smtp/smtp-error.js';
import type { Transcript } from '../smtp/transcript.js';
import { chainNotVerified, type CertificateInspection } from '../tls/certificate.js';
import { weakCipherReason } from '../tls/cipher.js';
import type { UpgradeResult } from '../wire/session.js';
import type { ProbeTarget } from './dialogue.js';
import { isCancelled, protocolVersionCodes } from './failures.js';
import type { PlaintextGate } from './gate.js';
import {
  extraHandshake,
  legacyPair,
  smtpHandshakeDialect,
  testVersions,
  tryLegacyPair,
  type ExtraHandshakeDialect,
  type Outcome,
  type VersionMatrix,
} from './versions.js';

/** The part of a port's state that TLS facts go into. */
export interface TlsFacts {
  readonly transcript: Transcript;
  mode: ReportMode;
  tls: TlsInfo | null;
  certificate: CertificateReport | null;
  /** Versions settled by the main handshake. */
  known: { accepted: TlsVersionName[]; rejected: TlsVersionName[] } | null;
  findings: Finding[];
  /** The certificate chain the main handshake saw, for a second look with the system store. */
  chain: CertificateInspection['chain'];
  /** A second look at the main handshake's chain still under way (`recordMainTls`). */
  pendingCertificate: Promise<void> | null;
  add(id: FindingId, detail?: string): void;
}

/**
 * Records what a port's main TLS session and certificate say, as report fields and
 * findings. A handshake made without anchors whose chain is not the one remembered
 * (tls/chain-memo.ts) is reported as not verified, and OpenSSL verifies its chain in a
 * second handshake beside the dialogue; `settledCertificate` waits for that verdict.
 */
export function recordMainTls(
  state: TlsFacts,
  socket: tls.TLSSocket,
  target: ProbeTarget,
  dialect: ExtraHandshakeDialect = smtpHandshakeDialect(),
): void {
  const { inspection, verdict, accepts } = target.trust.inspectMain(socket, target.host, target.port);
  recordSession(state, socket);
  recordCertificate(state, inspection);
  if (verdict === 'remembered') state.transcript.note({ key: 'certificate-remembered' });
  const mode = state.mode;
  if (verdict !== 'unsettled' || !accepts || (mode !== 'implicit-tls' && mode !== 'starttls')) return;
  state.transcript.note({ key: 'remembered-chain-changed' });
  // A cancellation reaches the dialogue too, which reports it; here it would go unhandled.
  state.pendingCertificate = secondLook(state, target, mode, dialect, accepts).catch(() => undefined);
}

/** Waits for the verdict of a second look `recordMainTls` started, if any. */
export async function settledCertificate(state: TlsFacts): Promise<void> {
  const pending = state.pendingCertificate;
  if (!pending) return;
  state.pendingCertificate = null;
  await pending;
  if (state.certificate?.errorCode === chainNotVerified) state.transcript.note({ key: 'chain-not-verified' });
}

function recordSession(state: TlsFacts, socket: tls.TLSSocket): void {
  const cipher = socket.getCipher();
  const protocol = socket.getProtocol();
  // A version outside the names we test (none today) is reported as unknown rather than guessed.
  const version = protocol !== null && isTlsVersionName(protocol) ? protocol : null;
  const accepted = version ? [version] : [];
  state.tls = {
    version,
    cipher: cipher.name,
    acceptedVersions: accepted,
    rejectedVersions: [],
    untestedVersions: [],
  };
  const newer = version ? tlsVersionNames.slice(tlsVersionNames.indexOf(version) + 1) : [];
  state.known = { accepted, rejected: newer };
  state.transcript.note({ key: 'tls-established', version: protocol ?? '—', cipher: cipher.name });
  const weak = weakCipherReason(cipher);
  if (weak) state.add('tls-weak-cipher', weak);
}

/**
 * A chain that did not verify with the bundled roots (plus NODE_EXTRA_CA_CERTS and
 * the user's CA) gets a second handshake once the operating system's store, loaded
 * only now, holds its anchor: OpenSSL, not our own reading, decides. The same for
 * SMTP, IMAP and POP3 ports, as for the log-in test (login/secure-session.ts). A
 * chain nobody verified (`chainNotVerified`) is not one that failed to.
 */
export async function recheckWithSystemStore(
  state: TlsFacts,
  target: ProbeTarget,
  dialect: ExtraHandshakeDialect = smtpHandshakeDialect(),
): Promise<void> {
  const mode = state.mode;
  const errorCode = state.certificate?.errorCode;
  if (!errorCode || errorCode === chainNotVerified || (mode !== 'implicit-tls' && mode !== 'starttls'))
    return;
  if (!(await target.trust.systemCanAnchor(state.chain))) return;
  state.transcript.note({ key: 'system-trust-recheck' });
  const presented = state.chain;
  await secondLook(state, target, mode, dialect, (second) => target.trust.sameChain(presented, second.chain));
}

/**
 * A new handshake's certificate verdict in place of the first, when `accepts` takes
 * it: another server behind the same name may have answered. Otherwise, or when it
 * fails, the first verdict stands.
 */
async function secondLook(
  state: TlsFacts,
  target: ProbeTarget,
  mode: 'implicit-tls' | 'starttls',
  dialect: ExtraHandshakeDialect,
  accepts: (second: CertificateInspection) => boolean,
): Promise<void> {
  try {
    const inspection = await extraHandshake(target, mode, dialect, undefined, (socket) =>
      target.trust.inspect(socket, target.host, target.port),
    );
    if (inspection && accepts(inspection)) recordCertificate(state, inspection);
  } catch (error) {
    if (isCancelled(error)) throw error;
  }
}

const certificateFindings = new Set<FindingId>([
  'cert-self-signed',
  'cert-incomplete-chain',
  'cert-untrusted',
  'cert-hostname-mismatch',
  'cert-expired',
  'cert-expiring-soon',
  'cert-not-yet-valid',
]);

/** The certificate's report fields and findings, replacing those of an earlier look at it. */
export function recordCertificate(state: TlsFacts, inspection: CertificateInspection | null): void {
  if (!inspection) return;
  state.findings = state.findings.filter((finding) => !certificateFindings.has(finding.id));
  state.chain = inspection.chain;
  const cert = inspection.report;
  state.certificate = cert;
  // Unverified: untrusted for want of a verdict, so nothing more about the chain is claimed.
  if (cert.errorCode === chainNotVerified) state.add('cert-untrusted', chainNotVerified);
  else if (cert.selfSigned && !cert.trusted) state.add('cert-self-signed', cert.errorCode ?? undefined);
  else if (inspection.incompleteChain) state.add('cert-incomplete-chain', cert.errorCode ?? undefined);
  else if (!cert.trusted) state.add('cert-untrusted', cert.errorCode ?? undefined);
  if (!cert.hostnameMatch) state.add('cert-hostname-mismatch', cert.altNames.join(', ') || cert.subject);
  const now = Date.now();
  if (Date.parse(cert.notAfter) < now) state.add('cert-expired', cert.notAfter);
  else if (inspection.invalidIssuers.length > 0)
    state.add('cert-expired', `issuer: ${inspection.invalidIssuers.join('; ')}`);
  else if (cert.daysLeft < 21) state.add('cert-expiring-soon', `${cert.daysLeft} days`);
  if (Date.parse(cert.notBefore) > now) state.add('cert-not-yet-valid', cert.notBefore);
}

/**
 * The accepted-versions matrix of one port. It starts as soon as the main handshake
 * settled what it proves, so its handshakes overlap the dialogue instead of following
 * it (the TLS 1.0-1.1 check of a STARTTLS port even starts with the main connection);
 * a dialogue that fails after its handshake stops it, as its report shows no versions.
 */
export class VersionCheck {
  private check: Promise<VersionMatrix> | null = null;
  private legacy: Promise<unknown> | null = null;
  private readonly stopped = new AbortController();
  private readonly provided = new Map<TlsVersionName, Promise<Outcome>>();

  constructor(
    private readonly state: TlsFacts,
    private readonly target: ProbeTarget,
    private readonly dialect?: ExtraHandshakeDialect,
  ) {}

  /** What another connection of the probe will tell about `version` (before start). */
  provide(version: TlsVersionName, outcome: Promise<Outcome>): void {
    this.provided.set(version, outcome);
  }

  /**
   * Starts the TLS 1.0-1.1 check of a STARTTLS port beside its main connection, on
   * connections `gate` holds back until the main greeting (the check needs nothing
   * from the main handshake). What it cannot tell is asked again after that handshake.
   */
  startLegacy(gate: PlaintextGate): void {
    const signal = AbortSignal.any([this.target.signal, this.stopped.signal]);
    const target = gate.gated({ ...this.target, signal });
    const pair = tryLegacyPair(target, 'starttls', smtpHandshakeDialect(gate));
    this.legacy = pair;
    for (const version of legacyPair)
      this.provide(
        version,
        pair.then((outcomes) => outcomes.find(([tested]) => tested === version)?.[1] ?? 'untested'),
      );
  }

  /** Starts the handshakes the main one left open (once). */
  start(): Promise<VersionMatrix> | null {
    const { state, target } = this;
    const known = state.known;
    if (this.check || !known || (state.mode !== 'implicit-tls' && state.mode !== 'starttls'))
      return this.check;
    const lowest = known.accepted[0];
    const candidates = tlsVersionNames.filter(
      (v) =>
        !known.accepted.includes(v) &&
        !known.rejected.includes(v) &&
        (!lowest || tlsVersionNames.indexOf(v) < tlsVersionNames.indexOf(lowest)),
    );
    const signal = AbortSignal.any([target.signal, this.stopped.signal]);
    this.check = testVersions(
      { ...target, signal },
      state.mode,
      candidates,
      known,
      this.dialect,
      this.provided,
    );
    return this.check;
  }

  /** The dialogue failed: its report needs no versions. */
  async stop(): Promise<void> {
    this.stopped.abort();
    await Promise.all([this.check, this.legacy]);
  }

  /** Waits for the matrix and records it; legacy versions accepted become a finding. */
  async record(): Promise<void> {
    const { state, target } = this;
    const check = this.start();
    if (!check) {
      // A port that never upgraded reports no versions; its early check only has to end.
      await this.legacy;
      return;
    }
    target.progress('versions', 'started');
    const matrix = await check;
    target.progress('versions', 'passed');
    if (matrix.throttled) state.add('server-throttled', 'while testing TLS versions');
    const tlsInfo = state.tls ?? {
      version: null,
      cipher: null,
      acceptedVersions: [],
      rejectedVersions: [],
      untestedVersions: [],
    };
    state.tls = {
      ...tlsInfo,
      acceptedVersions: matrix.accepted,
      rejectedVersions: matrix.rejected,
      untestedVersions: matrix.untested,
    };
    const legacy = matrix.accepted.filter((v) => v === 'TLSv1' || v === 'TLSv1.1');
    if (legacy.length > 0) state.add('tls-legacy-version', legacy.join(' '));
  }
}

/**
 * The TLS handshake after a STARTTLS/STLS go-ahead, for any protocol. From here on the
 * port is a STARTTLS port, whether or not the handshake succeeds; bytes the server sent
 * before the handshake are discarded and reported as `responseInjection`. Returns the
 * TLS socket, or null when the handshake failed (recorded through `recordFailure`).
 */
export async function upgradeAfterGoAhead(
  session: { upgrade(options: tls.ConnectionOptions, timeoutMs: number): Promise<UpgradeResult> },
  state: TlsFacts,
  target: ProbeTarget,
  versions: VersionCheck,
  found: { responseInjection: FindingId; recordFailure: (error: unknown) => void },
  dialect?: ExtraHandshakeDialect,
): Promise<tls.TLSSocket | null> {
  target.progress('tls', 'started');
  const options = target.trust.mainOptions(target.host, target.port);
  if (!options) throw new SmtpError('tls', 'TLS unavailable', { code: 'UNTESTABLE' });
  let upgraded: UpgradeResult;
  try {
    upgraded = await session.upgrade(options, target.deadline.stage());
  } catch (error) {
    target.progress('tls', 'failed');
    if (isCancelled(error)) throw error;
    found.recordFailure(error);
    // The go-ahead was given: this is a STARTTLS port whose handshake fails, not a plaintext one.
    state.mode = 'starttls';
    const code = error instanceof SmtpError ? error.code : undefined;
    if (code && protocolVersionCodes.has(code))
      state.known = { accepted: [], rejected: ['TLSv1.2', 'TLSv1.3'] };
    return null;
  }
  target.progress('tls', 'passed');
  state.mode = 'starttls';
  if (upgraded.discarded.length > 0) {
    state.transcript.note({ key: 'discarded-before-handshake', bytes: upgraded.discarded.length });
    state.add(found.responseInjection, upgraded.discarded.toString('latin1').slice(0, 120));
  }
  recordMainTls(state, upgraded.socket, target, dialect);
  versions.start();
  return upgraded.socket;
}
