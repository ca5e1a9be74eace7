/**
 * The one trust model of MailTLS, used by the audit, the log-in test, the test
 * message and (through the audit's verdict) the exports: Node's bundled roots plus
 * NODE_EXTRA_CA_CERTS (Node's default store), the user's `--ca`/private CA, and the
 * operating system's store, loaded only when the others cannot anchor a chain.
 *
 * Cost: Node builds its default store once per process, parsing every bundled root
 * (24–47 ms measured on Node 20: OpenSSL 3 decodes each root's key); adding the user's
 * CA to a context builds it too, even through `ca`. The user's CA goes into a copy of
 * it, as passing `ca: [...tls.rootCertificates, pem]` would parse every root again.
 * The audit's verifying context is made without anchors and gets them from
 * `installAnchors`, which the handshake calls once its ClientHello is on the wire:
 * OpenSSL reads the store only when the server's certificate arrives, so the parse
 * overlaps the server's reply instead of holding the first handshake (see there).
 * Pinned-version contexts carry no store, and an audit's main handshake none when
 * the CLI's chain memo holds the chain its port presented before (tls/chain-memo.ts).
 * The system store (hundreds of files on Linux, a keychain query elsewhere) is read
 * only on the rare path where a chain did not verify.
 *
 * The audit never rejects a certificate during the handshake (it inspects it
 * afterwards and reports what is wrong; an audit sends no credentials); a log-in
 * refuses anything short of a verified certificate (login/secure-session.ts).
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import type { TlsVersionName, TrustStoreName } from '../../contract.js';
import {
  inspectCertificate,
  parsedCertificates,
  withoutVerdict,
  type CertificateInspection,
} from './certificate.js';
import {
  anchorsNaming,
  chainToRemember,
  consistentNow,
  memoApplies,
  onlyRootMissing,
  rememberedFor,
  sameEntry,
  standsIn,
  verificationContext,
  type ChainMemo,
  type RememberedChain,
} from './chain-memo.js';

/** Cipher rule that lets OpenSSL 3 offer TLS 1.0/1.1; BoringSSL rejects the keyword. */
const legacyCiphers = 'DEFAULT:@SECLEVEL=0';

/** One version, or a range offered in one handshake (TLS 1.0-1.1 for the versions matrix). */
export type VersionOffer = TlsVersionName | { min: TlsVersionName; max: TlsVersionName };

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function pemsIn(text: string | undefined): string[] {
  return text?.match(pemBlock) ?? [];
}

/**
 * The operating system's trust store. The desktop app's Node (Electron 45 ships
 * Node 24) has `tls.getCACertificates('system')`; Node 20 gets it from the
 * `system-ca` library (Linux bundle files and directories, honouring SSL_CERT_FILE
 * and SSL_CERT_DIR; macOS keychain; Windows store). Kept per process, keyed by
 * those variables so a changed environment is read anew.
 */
interface SystemStore {
  /** Which store this is (the variables it was read with), for the context cache. */
  key: string;
  pems: string[];
  certificates: X509Certificate[];
}
const systemStores = new Map<string, Promise<SystemStore>>();

function systemStore(): Promise<SystemStore> {
  const key = `${process.env.SSL_CERT_FILE ?? ''}\0${process.env.SSL_CERT_DIR ?? ''}`;
  let store = systemStores.get(key);
  if (!store) {
    const native = (tls as { getCACertificates?: (type: 'system') => string[] }).getCACertificates;
    const pems =
      typeof native === 'function'
        ? Promise.resolve().then(() => native('system'))
        : import('system-ca').then(({ systemCertsAsync }) => systemCertsAsync({ env: process.env }));
    store = pems.then(
      (list) => ({ key, pems: list, certificates: parsedCertificates(list) }),
      // A store that cannot be read adds nothing; the bundled verdict stands.
      () => ({ key, pems: [], certificates: [] }),
    );
    systemStores.set(key, store);
  }
  return store;
}

/**
 * Verifying contexts, shared by the audits of a process (a batch, the app) per
 * user CA and store set, keeping the few most recent.
 */
const sharedContexts = new Map<string, tls.SecureContext>();
const sharedContextsKept = 8;

/** Verifying contexts made without their anchors, and how to put them in. */
const pendingAnchors = new WeakMap<tls.SecureContext, () => void>();

/**
 * Puts the trust anchors into a verifying context made by `TrustStore.options`, once
 * (a pinned context or one already complete is left alone). The handshake calls it
 * right after writing its ClientHello and before the event loop can read the
 * server's reply: OpenSSL looks at the store only when the certificate is processed,
 * so the root-store parse runs while the server works on its answer. Until then the
 * context trusts nothing, so a path that forgot to call this fails closed.
 *
 * On loopback it also spares an implicit-TLS port a 40 ms stall: a client that takes
 * longer than the delayed-ACK interval to answer the server's flight leaves Linux's
 * interactive ("pingpong") ACK mode, so the session tickets are acknowledged at once
 * and a server like Postfix no longer holds its greeting behind them (Nagle).
 */
export function installAnchors(context: tls.SecureContext | undefined): void {
  const install = context && pendingAnchors.get(context);
  if (!install) return;
  pendingAnchors.delete(context);
  try {
    install();
  } catch {
    // Runs inside a socket listener, where a throw would end the process. Node skips PEMs it
    // cannot parse rather than throwing; should it throw anyway, the context keeps trusting
    // nothing and every chain is reported unverified.
  }
}

/** The context each handshake of `handshake()` (smtp/transport.ts) was made with. */
const handshakeContexts = new WeakMap<tls.TLSSocket, tls.SecureContext>();

/**
 * Called by `handshake()` right after `tls.connect`: notes the socket's context and
 * installs its anchors once the ClientHello is on the wire. Over a connected socket it
 * is written by now; on a fresh one, by Node's own 'connect' listener, which runs
 * before this one. Either way the server's reply is read later.
 */
export function anchorHandshake(socket: tls.TLSSocket, options: tls.ConnectionOptions): void {
  if (options.secureContext) handshakeContexts.set(socket, options.secureContext);
  if (options.socket) installAnchors(options.secureContext);
  else socket.once('connect', () => installAnchors(options.secureContext));
}

function verifyingContext(extraPems: string[], cacheKey: string): tls.SecureContext {
  let context = sharedContexts.get(cacheKey);
  if (context) {
    sharedContexts.delete(cacheKey);
  } else {
    context = anchorlessContext(extraPems);
  }
  sharedContexts.set(cacheKey, context);
  for (const oldest of sharedContexts.keys()) {
    if (sharedContexts.size <= sharedContextsKept) break;
    sharedContexts.delete(oldest);
  }
  return context;
}

/** Node's native context methods used here (the `ca` option calls the same per PEM). */
interface NativeContext {
  addRootCerts?: () => void;
  addCACert(pem: string): void;
}

/** A verifying context whose anchors wait in `pendingAnchors`; complete at once where Node cannot defer them. */
/** The verifying context's settings, with no anchor at all (so Node builds no store for it). */
function contextWithoutAnchors(): tls.SecureContext {
  // Never below TLS 1.2 for the main handshake, whatever NODE_OPTIONS says.
  return tls.createSecureContext({ minVersion: 'TLSv1.2', ca: [] });
}

function anchorlessContext(extraPems: string[]): tls.SecureContext {
  const deferred = contextWithoutAnchors();
  const native = deferred.context as NativeContext;
  const addExtras = (target: NativeContext) => {
    // Adding to the default store makes a copy of it holding only the bundled roots (measured on
    // Node 20): NODE_EXTRA_CA_CERTS, part of the default store, is added again so it stays trusted.
    if (extraPems.length > 0) for (const pem of [...nodeExtraPems(), ...extraPems]) target.addCACert(pem);
  };
  const addRootCerts = native.addRootCerts?.bind(native);
  if (!addRootCerts) {
    const complete = tls.createSecureContext({ minVersion: 'TLSv1.2' });
    addExtras(complete.context as NativeContext);
    return complete;
  }
  pendingAnchors.set(deferred, () => {
    addRootCerts();
    addExtras(native);
  });
  return deferred;
}

/** Parsed bundled roots, for the rare chain that needs judging beyond OpenSSL's one error code. */
let bundledAnchors: X509Certificate[] | undefined;

/** NODE_EXTRA_CA_CERTS as Node read it at start-up, once per process. */
let extraPems: string[] | undefined;

/**
 * NODE_EXTRA_CA_CERTS as Node read it at start-up (it is part of the default store):
 * Node stops at the first certificate it cannot parse and ignores the rest, so do we.
 */
function nodeExtraPems(): string[] {
  if (extraPems) return extraPems;
  const file = process.env.NODE_EXTRA_CA_CERTS;
  let pems: string[] = [];
  try {
    if (file) pems = pemsIn(readFileSync(file, 'utf8'));
  } catch {
    // Unreadable: Node loaded none of it either.
  }
  const firstBad = pems.findIndex((pem) => parsedCertificates([pem]).length === 0);
  extraPems = firstBad === -1 ? pems : pems.slice(0, firstBad);
  return extraPems;
}

/**
 * The context of a main handshake whose chain a `ChainMemo` remembers: the verifying
 * context's settings without any anchor, so it never makes Node build its store.
 */
let unanchored: tls.SecureContext | undefined;

export class TrustStore {
  private readonly contexts = new Map<string, tls.SecureContext | null>();
  private system: SystemStore | null = null;
  /** Per `host:port`, the remembered chains its main handshake, made without anchors, must present. */
  private readonly expected = new Map<string, RememberedChain[]>();
  private memoContext: string | undefined;

  /** `memo`: chains verified before, for an audit's main handshakes (see tls/chain-memo.ts). */
  constructor(
    private readonly extraCaPem?: string,
    private readonly memo?: ChainMemo,
  ) {}

  /** The stores this store's verdicts rest on so far. */
  stores(): TrustStoreName[] {
    const names: TrustStoreName[] = ['bundled'];
    if (process.env.NODE_EXTRA_CA_CERTS) names.push('node-extra-ca-certs');
    if (this.extraCaPem) names.push('user-ca');
    if (this.system) names.push('system');
    return names;
  }

  /** The anchors besides the bundled roots and the system's: NODE_EXTRA_CA_CERTS and the user's CA. */
  private givenAnchorPems(): string[] {
    return [...nodeExtraPems(), ...pemsIn(this.extraCaPem)];
  }

  /** Every trust anchor as a parsed certificate (parsed on first use only). */
  anchors(): X509Certificate[] {
    bundledAnchors ??= parsedCertificates([...tls.rootCertificates]);
    return [
      ...bundledAnchors,
      ...parsedCertificates(this.givenAnchorPems()),
      ...(this.system?.certificates ?? []),
    ];
  }

  /**
   * Loads the operating system's store if a certificate in it is, or issued, the
   * top of `chain`; from then on this store verifies with it. True when it holds
   * that anchor: the chain must be verified again (by OpenSSL, in a new
   * handshake), also when another port of the audit loaded the store first.
   */
  async systemCanAnchor(chain: X509Certificate[]): Promise<boolean> {
    const top = chain[chain.length - 1];
    if (!top) return false;
    const store = await systemStore();
    const anchor = store.certificates.find(
      (cert) =>
        cert.fingerprint256 === top.fingerprint256 || (top.checkIssued(cert) && top.verify(cert.publicKey)),
    );
    if (!anchor) return false;
    if (this.system !== store) {
      this.system = store;
      this.contexts.delete('default');
    }
    return true;
  }

  /** What this store's verdicts rest on, for the memo (computed once). */
  private verifiedWith(): string {
    this.memoContext ??= verificationContext(this.extraCaPem);
    return this.memoContext;
  }

  /**
   * Connection options for the main handshake of an audit's port: without anchors when
   * the memo holds chains that port presented, verified under the same context and
   * within their dates, so the handshake never makes Node build its store.
   */
  mainOptions(host: string, port: number): tls.ConnectionOptions | null {
    const endpoint = `${host}:${port}`;
    const now = Date.now();
    const usable =
      this.memo && !this.system && memoApplies()
        ? this.memo
            .chains(endpoint)
            .filter((chain) => chain.context === this.verifiedWith() && standsIn(chain, now))
        : [];
    if (usable.length === 0) {
      this.expected.delete(endpoint);
      return this.options(host);
    }
    this.expected.set(endpoint, usable);
    unanchored ??= contextWithoutAnchors();
    return connectionOptions(host, unanchored);
  }

  /**
   * The certificate verdict of a handshake made with `options` (anchors complete),
   * remembered in the memo when OpenSSL verified the chain.
   */
  inspect(socket: tls.TLSSocket, host: string, port: number): CertificateInspection | null {
    const inspection = inspectCertificate(socket, host, () => this.anchors());
    if (inspection) this.rememberIfVerified(`${host}:${port}`, inspection);
    return inspection;
  }

  private rememberIfVerified(endpoint: string, inspection: CertificateInspection): void {
    // Never a chain the system store anchored: that store is files that change between runs.
    if (!this.memo || inspection.report.errorCode !== null || this.system || !memoApplies()) return;
    const context = this.verifiedWith();
    const examined = {
      endpoint,
      context,
      chain: inspection.chain.map((cert) => cert.raw.toString('base64')),
    };
    const known = this.memo.chains(endpoint).some((entry) => sameEntry(entry, examined));
    // Examined before (perhaps found not rememberable): not worth parsing every root again.
    if (known) return;
    const anchors = anchorsNaming(inspection.chain, tls.rootCertificates, this.givenAnchorPems());
    const entry = chainToRemember(endpoint, inspection.chain, anchors, context);
    if (entry) this.memo.remember(entry);
  }

  /**
   * The certificate verdict of a handshake made with `mainOptions`, and where it comes
   * from: OpenSSL in this handshake, or a chain remembered. `unsettled`: the handshake
   * went without anchors and its chain is not one remembered, so nothing verified it;
   * it is reported untrusted with `chainNotVerified` until a new handshake with the
   * anchors settles it (probe/tls-facts.ts), whose verdict `accepts` may take.
   */
  inspectMain(
    socket: tls.TLSSocket,
    host: string,
    port: number,
  ): {
    inspection: CertificateInspection | null;
    verdict: 'verified' | 'remembered' | 'unsettled';
    accepts?: (second: CertificateInspection) => boolean;
  } {
    if (!unanchored || handshakeContexts.get(socket) !== unanchored)
      return { inspection: this.inspect(socket, host, port), verdict: 'verified' };
    const expected = this.expected.get(`${host}:${port}`) ?? [];
    const now = Date.now();
    let remembered = false;
    // No anchors to judge a date complaint with: such a verdict is withdrawn anyway.
    const inspection = inspectCertificate(
      socket,
      host,
      () => [],
      now,
      (presented, errorCode) => {
        const chain = rememberedFor(presented, errorCode, expected, now);
        remembered = chain !== undefined;
        return chain;
      },
    );
    if (!inspection) return { inspection, verdict: 'verified' };
    if (remembered) return { inspection, verdict: 'remembered' };
    const presented = inspection.chain;
    const anchorlessCode = inspection.report.errorCode;
    return {
      inspection: withoutVerdict(inspection),
      verdict: 'unsettled',
      // A second handshake's verdict is this one's only if it saw these certificates, and a
      // yes only if OpenSSL found nothing wrong with them here but the missing root and the
      // chain it reports is the path OpenSSL verified there.
      accepts: (second) =>
        this.sameChain(presented, second.chain) &&
        (second.report.errorCode !== null ||
          (onlyRootMissing(presented, anchorlessCode) && consistentNow(second.chain, Date.now()))),
    };
  }

  /**
   * Whether `chain`, from a second handshake, is the chain the first one saw
   * (`presented`), possibly completed from the store: the same certificates first,
   * then only anchors. Another server behind the same name may have answered the
   * second handshake; its verdict is not the first one's.
   */
  sameChain(presented: X509Certificate[], chain: X509Certificate[]): boolean {
    if (chain.length < presented.length || !presented.every((cert, i) => cert.raw.equals(chain[i]!.raw)))
      return false;
    const anchors = chain.length > presented.length ? this.anchors() : [];
    return chain
      .slice(presented.length)
      .every((cert) => anchors.some((anchor) => anchor.raw.equals(cert.raw)));
  }

  /** The complete verifying context (no pinned version): for the test message and HTTPS fetches. */
  context(): tls.SecureContext {
    const context = this.verifying();
    installAnchors(context);
    return context;
  }

  /** The verifying context, its anchors possibly still to be installed by the handshake. */
  private verifying(): tls.SecureContext {
    const extra = [...pemsIn(this.extraCaPem), ...(this.system?.pems ?? [])];
    return verifyingContext(extra, `${this.extraCaPem ?? ''}\0${this.system?.key ?? ''}`);
  }

  /**
   * Connection options for `host`; `version` pins the protocol (or a range) for the
   * versions matrix. For `handshake()` (smtp/transport.ts), which installs the anchors.
   */
  options(host: string, version?: VersionOffer): tls.ConnectionOptions | null {
    const secureContext = this.contextFor(version);
    return secureContext && connectionOptions(host, secureContext);
  }

  private contextFor(version?: VersionOffer): tls.SecureContext | null {
    const range = typeof version === 'string' ? { min: version, max: version } : version;
    const key = range ? `${range.min}-${range.max}` : 'default';
    if (!this.contexts.has(key)) this.contexts.set(key, range ? pinnedContext(range) : this.verifying());
    return this.contexts.get(key) ?? null;
  }
}

function connectionOptions(host: string, secureContext: tls.SecureContext): tls.ConnectionOptions {
  return {
    host,
    // SNI carries names only, never an address literal (RFC 6066 §3).
    servername: isIP(host) ? undefined : host,
    secureContext,
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
  };
}

/**
 * A context offering only the versions `min` to `max`, or null when this TLS library
 * cannot offer them at all (they are then reported as untested). Pinned-version
 * handshakes only ask "accepted or not": no trust store to build.
 */
function pinnedContext({ min, max }: { min: TlsVersionName; max: TlsVersionName }): tls.SecureContext | null {
  const legacy = min === 'TLSv1' || min === 'TLSv1.1';
  const attempts = legacy ? [{ ciphers: legacyCiphers }, {}] : [{}];
  for (const extra of attempts) {
    try {
      // `ca: []`: no store at all, so these never make Node parse its bundled roots.
      return tls.createSecureContext({ minVersion: min, maxVersion: max, ca: [], ...extra });
    } catch {
      // Try the next, more conservative, option set.
    }
  }
  return null;
}
