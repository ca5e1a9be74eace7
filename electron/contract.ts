/**
 * The one interface between the UI and the engine.
 *
 * Runs everywhere: Electron main (IPC handlers), preload (channel names only),
 * the web bridge, the CLI and the renderer. It must never import `electron` or
 * `node:` modules, only zod.
 */
import { z } from 'zod';
import {
  auditSchemaVersion,
  findingIds,
  incomingProtocols,
  mailProtocols,
  portModes,
  reportModes,
  severities,
  tlsVersionNames,
} from './contract-lists.js';

// The lists live in a zod-free module so the engine's hot path can use them without zod.
export {
  auditSchemaVersion,
  findingIds,
  incomingProtocols,
  mailProtocols,
  isFindingId,
  portModes,
  reportModes,
  severities,
  tlsVersionNames,
} from './contract-lists.js';

// ---------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------

export const findingIdSchema = z.enum(findingIds);
export type FindingId = z.infer<typeof findingIdSchema>;

/** Stable ids of the domain-posture (DNS) findings; their words live in electron/catalogue. */
export const dnsFindingIds = [
  'dns-timeout',
  'dns-servfail',
  'dns-lookup-failed',
  'mx-missing',
  'mx-null',
  'spf-missing',
  'spf-multiple',
  'spf-syntax',
  'spf-too-many-lookups',
  'spf-include-missing',
  'spf-pass-all',
  'spf-neutral-all',
  'dmarc-missing',
  'dmarc-multiple',
  'dmarc-invalid',
  'dmarc-monitoring-only',
  'dmarc-partial-pct',
  'dmarc-no-reports',
  'dkim-not-found',
  'dkim-selector-unknown',
  'dkim-revoked',
  'dkim-weak-key',
  'dkim-short-key',
  'mta-sts-missing',
  'mta-sts-txt-invalid',
  'mta-sts-policy-redirect',
  'mta-sts-policy-cert-invalid',
  'mta-sts-policy-unreachable',
  'mta-sts-policy-invalid',
  'mta-sts-mx-mismatch',
  'mta-sts-testing',
  'mta-sts-disabled',
  'tls-rpt-missing',
  'tls-rpt-invalid',
  // Issue 19: SPF, DMARC and MX as receivers apply them.
  'spf-void-lookups',
  'spf-include-loop',
  'spf-mx-limit',
  'spf-ptr',
  'dmarc-subdomain-none',
  'dmarc-rua-unauthorized',
  'dmarc-tag-order',
  'mx-null-mixed',
  'mx-cname',
] as const;
export const dnsFindingIdSchema = z.enum(dnsFindingIds);
export type DnsFindingId = z.infer<typeof dnsFindingIdSchema>;

export const severitySchema = z.enum(severities);
export type Severity = z.infer<typeof severitySchema>;

export const findingSchema = z.object({
  id: findingIdSchema,
  severity: severitySchema,
  port: z.number().int().optional(),
  /** Machine-readable evidence (an error code, the offending reply); never a credential. */
  detail: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

// ---------------------------------------------------------------------------
// Audit request, progress and report
// ---------------------------------------------------------------------------

export const portModeSchema = z.enum(portModes);
export type PortMode = z.infer<typeof portModeSchema>;

export const portSpecSchema = z.object({
  port: z.number().int().min(1).max(65535),
  /** How to start talking; without it 465 is implicit TLS and every other port plaintext-first. */
  mode: portModeSchema.optional(),
  /** A server-to-server relay port (like 25): mail before TLS is normal there. Default: port 25 only. */
  relay: z.boolean().optional(),
});
export type PortSpec = z.infer<typeof portSpecSchema>;

// Issue 14: which protocols an audit covers, and the incoming (IMAP, POP3) ports to test.
export const mailProtocolSchema = z.enum(mailProtocols);
export type MailProtocol = z.infer<typeof mailProtocolSchema>;
export const incomingProtocolSchema = z.enum(incomingProtocols);
export type IncomingProtocol = z.infer<typeof incomingProtocolSchema>;
export const incomingPortSpecSchema = z.object({
  port: z.number().int().min(1).max(65535),
  protocol: incomingProtocolSchema,
  /** Without it 993 and 995 are implicit TLS, every other port STARTTLS/STLS. */
  mode: portModeSchema.optional(),
  /** The server this port is tested on, when it is not the request's `incomingHost` (e.g. pop.gmail.com). */
  host: z
    .string()
    .min(1)
    .max(253 * 4)
    .optional(),
});
export type IncomingPortSpec = z.infer<typeof incomingPortSpecSchema>;

export const auditRequestSchema = z.object({
  /** Chosen by the caller so it can cancel the audit and match progress events. */
  auditId: z.string().min(1).max(100),
  host: z
    .string()
    .min(1)
    .max(253 * 4),
  ports: z.array(portSpecSchema).min(1).max(16).optional(),
  /** Overall deadline for the whole audit, in milliseconds. */
  timeoutMs: z.number().int().min(500).max(300_000).optional(),
  /** Extra trusted CA certificates (PEM), in addition to the system store. */
  caPem: z.string().max(1_000_000).optional(),
  /**
   * Issue 14. What to test: default ['smtp'], plus the incoming protocols when
   * `incomingPorts` is given. IMAP defaults to 993 and 143, POP3 to 995 and 110.
   */
  protocols: z.array(mailProtocolSchema).min(1).max(3).optional(),
  /** The incoming server when it is not `host`: every incoming port, unless the port names its own `host`. */
  incomingHost: z
    .string()
    .min(1)
    .max(253 * 4)
    .optional(),
  incomingPorts: z.array(incomingPortSpecSchema).min(1).max(16).optional(),
});
export type AuditRequest = z.infer<typeof auditRequestSchema>;

export const stages = [
  'connect',
  'tls',
  'greeting',
  'ehlo',
  'starttls',
  'ehlo-tls',
  'enforcement',
  'injection',
  'versions',
  'quit',
  'done',
  // Issue 14: IMAP CAPABILITY / POP3 CAPA before and after TLS, the dummy log-in before TLS.
  'capability',
  'capability-tls',
  'cleartext-login',
] as const;
export const stageSchema = z.enum(stages);
export type Stage = z.infer<typeof stageSchema>;

export const progressEventSchema = z.object({
  auditId: z.string(),
  port: z.number().int(),
  /** Issue 14: which dialogue the port belongs to; absent means SMTP. */
  protocol: mailProtocolSchema.optional(),
  stage: stageSchema,
  status: z.enum(['started', 'passed', 'failed']),
  elapsedMs: z.number(),
});
export type ProgressEvent = z.infer<typeof progressEventSchema>;

/**
 * What a MailTLS note in a transcript says, as a key with its values, so every
 * front end words it in the reader's language (electron/catalogue/transcript.ts).
 * `detail` fields carry a library's or server's own words, shown verbatim.
 */
export const transcriptNoteSchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('connected'), host: z.string(), port: z.number().int() }),
  z.object({ key: z.literal('implicit-tls-first') }),
  z.object({ key: z.literal('tls-established'), version: z.string(), cipher: z.string() }),
  z.object({ key: z.literal('tls-handshake-failed'), detail: z.string() }),
  z.object({ key: z.literal('plaintext-fallback') }),
  z.object({ key: z.literal('implicit-tls-detected') }),
  z.object({ key: z.literal('discarded-before-handshake'), bytes: z.number().int() }),
  z.object({ key: z.literal('system-trust-recheck') }),
  z.object({ key: z.literal('certificate-remembered') }),
  z.object({ key: z.literal('remembered-chain-changed') }),
  z.object({ key: z.literal('chain-not-verified') }),
  z.object({ key: z.literal('system-trust-retry') }),
  z.object({ key: z.literal('starttls-not-offered-stop') }),
  z.object({ key: z.literal('starttls-refused-stop') }),
  z.object({ key: z.literal('certificate-not-verified-stop'), detail: z.string() }),
  z.object({ key: z.literal('certificate-verified') }),
  z.object({ key: z.literal('auth-not-offered') }),
  z.object({ key: z.literal('no-supported-mechanism'), offered: z.string() }),
  z.object({ key: z.literal('starttls-after-login-accepted') }),
  z.object({ key: z.literal('starttls-after-login-refused') }),
  z.object({ key: z.literal('reply-rejected'), detail: z.string() }),
  z.object({ key: z.literal('lines-dropped'), count: z.number().int() }),
]);
export type TranscriptNote = z.infer<typeof transcriptNoteSchema>;

export const transcriptLineSchema = z.object({
  /** Milliseconds since the port's probe started. */
  t: z.number(),
  /** c = client sent, s = server sent, i = note from MailTLS (handshake, discarded bytes...). */
  dir: z.enum(['c', 's', 'i']),
  /** The line as sent or received; for a note, its English words (for readers that predate `note`). */
  text: z.string(),
  /** A note's key and values (dir `i` only), worded in the reader's language. */
  note: transcriptNoteSchema.optional(),
});
export type TranscriptLine = z.infer<typeof transcriptLineSchema>;

export const tlsVersionSchema = z.enum(tlsVersionNames);
export type TlsVersionName = z.infer<typeof tlsVersionSchema>;

export const tlsInfoSchema = z.object({
  /** The version the main handshake negotiated; null when it failed (the matrix may still have found some). */
  version: tlsVersionSchema.nullable(),
  /** The negotiated cipher suite (OpenSSL name); null when the main handshake failed. */
  cipher: z.string().nullable(),
  /** Versions a separate handshake succeeded with. */
  acceptedVersions: z.array(tlsVersionSchema),
  /** Versions the server refused. */
  rejectedVersions: z.array(tlsVersionSchema),
  /** Versions this machine's TLS library cannot offer, so they were not tested. */
  untestedVersions: z.array(tlsVersionSchema),
});
export type TlsInfo = z.infer<typeof tlsInfoSchema>;

export const certificateReportSchema = z.object({
  trusted: z.boolean(),
  hostnameMatch: z.boolean(),
  selfSigned: z.boolean(),
  notBefore: z.string(),
  notAfter: z.string(),
  daysLeft: z.number().int(),
  subject: z.string(),
  issuer: z.string(),
  altNames: z.array(z.string()),
  fingerprint256: z.string(),
  /** Node's verification error code (e.g. CERT_HAS_EXPIRED), null when the chain verified. */
  errorCode: z.string().nullable(),
  /** How many certificates the server sent. */
  chainLength: z.number().int(),
});
export type CertificateReport = z.infer<typeof certificateReportSchema>;

export const reportModeSchema = z.enum(reportModes);
export type ReportMode = z.infer<typeof reportModeSchema>;

// Issue 12 (i12): trust stores, what each port really did, and the host the certificate names.
/** Where trust came from: Node's bundled roots, NODE_EXTRA_CA_CERTS, the user's CA (--ca), the OS store. */
export const trustStoreNames = ['bundled', 'node-extra-ca-certs', 'user-ca', 'system'] as const;
export type TrustStoreName = (typeof trustStoreNames)[number];
/**
 * What the port really did, for labels (`mode` says only how it was spoken to):
 * secured with implicit TLS or STARTTLS; only plaintext offered; STARTTLS offered
 * but refused or its handshake failed; an implicit-TLS port whose handshake failed;
 * connected but never greeted; not SMTP; the dialogue broke off; closed; no answer;
 * no answer on 25 while 465/587 answer (the user's network blocks outbound 25).
 */
export const portOutcomes = [
  'implicit-tls',
  'starttls',
  'plain',
  'starttls-refused',
  'starttls-handshake-failed',
  'implicit-tls-handshake-failed',
  'no-greeting',
  'not-smtp',
  'dialogue-failed',
  'closed',
  'timeout',
  'blocked-by-network',
] as const;
export type PortOutcome = (typeof portOutcomes)[number];

export const injectionResultSchema = z.enum(['safe', 'vulnerable', 'inconclusive', 'not-tested']);
export const enforcementResultSchema = z.enum(['enforced', 'not-enforced', 'not-tested']);

/** Issue 17 §5: the engine's judgements of one port, so that no front end decides them again. */
export const portJudgementSchema = z.object({
  /** TLS 1.2 or newer was negotiated. */
  modernTls: z.boolean(),
  /** The certificate's state, the first problem found: expired, then untrusted, then issued for another name. */
  certificate: z.enum(['valid', 'expired', 'untrusted', 'mismatch', 'none']),
  /** The port meets every requirement of a recommended setting (see engine/audit/advise.ts). */
  qualifies: z.boolean(),
});
export type PortJudgement = z.infer<typeof portJudgementSchema>;

export const portReportSchema = z.object({
  port: z.number().int(),
  mode: reportModeSchema,
  /** Tested as a server-to-server relay port (25) rather than a submission port. */
  relay: z.boolean(),
  reachable: z.boolean(),
  elapsedMs: z.number(),
  banner: z.string().nullable(),
  ehlo: z.object({
    beforeTls: z.array(z.string()).nullable(),
    afterTls: z.array(z.string()).nullable(),
  }),
  auth: z.object({ beforeTls: z.array(z.string()), afterTls: z.array(z.string()) }),
  tls: tlsInfoSchema.nullable(),
  certificate: certificateReportSchema.nullable(),
  /** Result of the STARTTLS command-injection probe (starttls ports only). */
  injection: injectionResultSchema,
  /** Whether the server refused MAIL FROM before TLS (submission ports only). */
  tlsEnforcement: enforcementResultSchema,
  /** What the port really did (issue 12; absent in reports made before it). */
  outcome: z.enum(portOutcomes).optional(),
  /** Issue 17 §5 (absent in reports made before it). */
  judgement: portJudgementSchema.optional(),
  findings: z.array(findingSchema),
  transcript: z.array(transcriptLineSchema),
});
export type PortReport = z.infer<typeof portReportSchema>;

const portNumberSchema = z.number().int().min(1).max(65535);
/**
 * Why the recommendation is what it is, one typed fact each; every front end
 * words them with the catalogue's `renderReason`.
 */
export const reasonSchema = z.discriminatedUnion('key', [
  /** The port meets every requirement of a qualifying port. */
  z.object({ key: z.literal('port-qualifies'), port: portNumberSchema }),
  z.object({ key: z.literal('tls-version'), version: tlsVersionSchema }),
  z.object({ key: z.literal('certificate-valid') }),
  z.object({ key: z.literal('injection-safe') }),
  z.object({ key: z.literal('tls-enforced') }),
  z.object({ key: z.literal('implicit-tls-preferred') }),
  z.object({ key: z.literal('starttls-must-be-required') }),
  /** The implicit-TLS port tested did not qualify. */
  z.object({ key: z.literal('implicit-tls-unavailable'), port: portNumberSchema }),
  /** Rule 3 won: port 25 works, with the OP25B warning. */
  z.object({ key: z.literal('port-25-relay-warning') }),
  /** Rule 2 won over rule 3: the relay port also qualified. */
  z.object({ key: z.literal('relay-port-passed-over'), port: portNumberSchema }),
  /** Rule 3 won: the submission port tested did not qualify. */
  z.object({ key: z.literal('submission-port-unavailable'), port: portNumberSchema }),
  z.object({ key: z.literal('nothing-qualified') }),
  /** Rule 4: this client-risk finding keeps a port from qualifying. */
  z.object({ key: z.literal('fix-to-qualify'), finding: findingIdSchema }),
  // Issue 14: incoming mail (IMAP, POP3).
  z.object({ key: z.literal('incoming-implicit-tls-preferred') }),
  /** Every port of this protocol that qualifies, best first. */
  z.object({ key: z.literal('qualifying-ports'), ports: z.array(portNumberSchema) }),
  z.object({ key: z.literal('incoming-nothing-qualified') }),
  /** The audit tested incoming mail only. */
  z.object({ key: z.literal('outgoing-not-tested') }),
]);
export type Reason = z.infer<typeof reasonSchema>;
export type ReasonKey = Reason['key'];

export const recommendationSchema = z.object({
  host: z.string(),
  port: z.number().int().nullable(),
  security: z.enum(['implicit-tls', 'starttls']).nullable(),
  reasons: z.array(reasonSchema),
  /** SHA-256 fingerprint to pin when the user chose to trust this certificate. */
  pinnedFingerprint256: z.string().nullable().optional(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

// Issue 14: the incoming (IMAP, POP3) part of the audit report.
export const incomingPortReportSchema = z.object({
  port: z.number().int(),
  protocol: incomingProtocolSchema,
  /** The server this port was tested on (absent in reports made before it: then the report's `host`). */
  host: z.string().optional(),
  mode: reportModeSchema,
  reachable: z.boolean(),
  elapsedMs: z.number(),
  /** The greeting line (IMAP `* OK …`, POP3 `+OK …`). */
  banner: z.string().nullable(),
  /** IMAP: OK (not authenticated), PREAUTH (already authenticated) or BYE (refused). POP3: ok or bye. */
  greeting: z.enum(['ok', 'preauth', 'bye']).nullable(),
  /** IMAP CAPABILITY / POP3 CAPA, before and after TLS; null when not reached. */
  capabilities: z.object({
    beforeTls: z.array(z.string()).nullable(),
    afterTls: z.array(z.string()).nullable(),
  }),
  /** Log-in mechanisms offered (IMAP AUTH=, LOGIN unless LOGINDISABLED; POP3 USER, SASL). */
  auth: z.object({ beforeTls: z.array(z.string()), afterTls: z.array(z.string()) }),
  /** A made-up user name sent before TLS (never a real credential): did the server refuse it for lack of TLS? */
  cleartextLogin: z.enum(['refused', 'accepted', 'not-tested']),
  tls: tlsInfoSchema.nullable(),
  certificate: certificateReportSchema.nullable(),
  /** Result of the STARTTLS/STLS command-injection probe (starttls ports only). */
  injection: injectionResultSchema,
  /** Issue 17 §5 (absent in reports made before it). */
  judgement: portJudgementSchema.optional(),
  findings: z.array(findingSchema),
  transcript: z.array(transcriptLineSchema),
});
export type IncomingPortReport = z.infer<typeof incomingPortReportSchema>;
export const incomingReportSchema = z.object({
  /** The request's incoming host; a port tested elsewhere names its own `host`, as does each recommendation. */
  host: z.string(),
  ports: z.array(incomingPortReportSchema),
  /** One recommendation per protocol tested; IMAP and POP3 are the user's choice, not ranked. */
  recommendations: z.object({ imap: recommendationSchema.nullable(), pop3: recommendationSchema.nullable() }),
  findings: z.array(findingSchema),
});
export type IncomingReport = z.infer<typeof incomingReportSchema>;

/**
 * 2: recommendation reasons are typed objects (1: "key:param" strings), and the
 * TLS version fields are version names or null (1: any string, "none").
 */
export const auditReportSchema = z.object({
  schema: z.literal(auditSchemaVersion),
  host: z.string(),
  /** The host as typed (differs from `host` for internationalised names). */
  hostInput: z.string(),
  startedAt: z.string(),
  elapsedMs: z.number(),
  ports: z.array(portReportSchema),
  recommendation: recommendationSchema,
  findings: z.array(findingSchema),
  /** Issue 14: present when incoming protocols were tested. */
  incoming: incomingReportSchema.optional(),
  /** The trust stores the certificate verdicts rest on (issue 12). */
  trustStores: z.array(z.enum(trustStoreNames)).optional(),
  /**
   * A host to test instead (issue 12): the certificate is valid but names another
   * host, as at shared hosting (sv1234.xserver.jp for mail.customer.example).
   */
  suggestedHost: z.object({ host: z.string(), names: z.array(z.string()) }).optional(),
});
export type AuditReport = z.infer<typeof auditReportSchema>;

// ---------------------------------------------------------------------------
// Results and errors
// ---------------------------------------------------------------------------

export const errorCodes = [
  'invalid-input',
  'not-available',
  'cancelled',
  'timeout',
  'not-found',
  'forbidden',
  'internal',
  'insecure',
  'auth-failed',
  'io',
] as const;
export const bridgeErrorSchema = z.object({
  code: z.enum(errorCodes),
  /** Already in the user's language; never a stack trace, never a credential. */
  message: z.string(),
});
export type BridgeError = z.infer<typeof bridgeErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: bridgeErrorSchema }),
  ]);
}

// ---------------------------------------------------------------------------
// Other channels' payloads
// ---------------------------------------------------------------------------

export const languageSchema = z.enum(['ja', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const emailSchema = z
  .string()
  .trim()
  .min(3)
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/);

export const discoverRequestSchema = z.object({ email: emailSchema });
export const candidateSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  security: z.enum(['implicit-tls', 'starttls', 'plain']),
  source: z.enum(['preset', 'autoconfig', 'srv', 'mx', 'guess']),
  trusted: z.boolean(),
  /** Where the value came from: preset documentation URL, autoconfig URL, SRV name... */
  origin: z.string(),
});
export type Candidate = z.infer<typeof candidateSchema>;
export const discoverResultSchema = z.object({
  candidates: z.array(candidateSchema),
  /** Issue 14: incoming servers found (RFC 6186 SRV, autoconfig incomingServer), best first. */
  incoming: z.array(candidateSchema.extend({ protocol: incomingProtocolSchema })).optional(),
});
export type DiscoverResult = z.infer<typeof discoverResultSchema>;

export const dnsPostureRequestSchema = z.object({
  domain: z.string().min(1).max(253),
  dkimSelector: z.string().max(63).optional(),
  // Issue 19: "would mail from this address pass SPF?" Without ip, the first address of
  // submissionHost (the server the wizard tested) is evaluated and labelled as a guess.
  ip: z.string().max(64).optional(),
  submissionHost: z.string().max(253).optional(),
});
const localizedTextSchema = z.record(languageSchema, z.string());
export const dnsFindingSchema = z.object({
  /** Worded by the finding catalogue (electron/catalogue), like the audit's findings. */
  id: dnsFindingIdSchema,
  severity: severitySchema,
  detail: z.string().optional(),
});
export type DnsFinding = z.infer<typeof dnsFindingSchema>;
export const dnsPostureSchema = z.object({
  /** 2: findings carry ids only, their words come from the catalogue (1 carried the texts). */
  schema: z.literal('mailtls.dns/2'),
  domain: z.string(),
  /** A null MX (RFC 7505) is listed with exchange ".". */
  mx: z.array(z.object({ exchange: z.string(), priority: z.number() })),
  spf: z.object({
    records: z.array(z.string()),
    lookups: z.number().nullable(),
    // Issue 19: void lookups, and check_host() for one client address.
    voidLookups: z.number().nullable(),
    check: z
      .object({
        ip: z.string(),
        /** Set when the address is a guess: the submission server's, not one the user gave. */
        guessedFrom: z.string().nullable(),
        result: z.enum(['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror']),
        /** The mechanism that decided, and the domain whose record holds it. */
        matched: z.object({ domain: z.string(), term: z.string() }).nullable(),
        explanation: z.string().nullable(),
      })
      .nullable(),
  }),
  dmarc: z.object({
    /** Null when there is no single valid record: then DMARC is not applied and no policy is reported. */
    record: z.string().nullable(),
    policy: z.string().nullable(),
    pct: z.number().nullable(),
    rua: z.array(z.string()),
    // Issue 19: subdomain policy, alignment modes, authorization of report domains elsewhere.
    subdomainPolicy: z.string().nullable(),
    adkim: z.enum(['r', 's']).nullable(),
    aspf: z.enum(['r', 's']).nullable(),
    externalRua: z.array(z.object({ domain: z.string(), authorized: z.boolean().nullable() })),
  }),
  /** Keys found (revoked ones have keyBits null). */
  dkim: z.array(z.object({ selector: z.string(), keyBits: z.number().nullable() })),
  mtaSts: z.object({
    txt: z.string().nullable(),
    mode: z.string().nullable(),
    /** mx patterns of the fetched policy, and its max_age in seconds. */
    mx: z.array(z.string()),
    maxAge: z.number().nullable(),
  }),
  tlsRpt: z.object({ record: z.string().nullable(), rua: z.array(z.string()) }),
  senderRequirements: z.array(
    z.object({
      requirement: z.string(),
      status: z.enum(['met', 'not-met', 'unknown']),
      label: localizedTextSchema,
    }),
  ),
  findings: z.array(dnsFindingSchema),
});
export type DnsPosture = z.infer<typeof dnsPostureSchema>;

const userSchema = z.string().min(1).max(512);
export const passwordCredentialsSchema = z
  .object({
    user: userSchema,
    /** Crosses only TLS; never logged, stored (except safeStorage on request) or returned. */
    password: z.string().min(1).max(4096),
  })
  .strict();
/** An OAuth2 access token, sent only with XOAUTH2; never logged, stored or returned. */
export const tokenCredentialsSchema = z
  .object({ user: userSchema, accessToken: z.string().min(1).max(8192) })
  .strict();
export const credentialsSchema = z.union([passwordCredentialsSchema, tokenCredentialsSchema]);

export const loginTestRequestSchema = z.object({
  host: z.string().min(1).max(1012),
  port: z.number().int().min(1).max(65535),
  security: z.enum(['implicit-tls', 'starttls']),
  credentials: credentialsSchema,
  caPem: z.string().max(1_000_000).optional(),
  pinnedFingerprint256: z.string().optional(),
  checkSessionFixation: z.boolean().optional(),
  /** Issue 14: which server to log in to; absent means SMTP (the outgoing server). */
  protocol: mailProtocolSchema.optional(),
});
export type LoginTestRequest = z.infer<typeof loginTestRequestSchema>;
export const loginTestResultSchema = z.object({
  success: z.boolean(),
  mechanism: z.string().nullable(),
  /** Key of the explanation of a failure (see findings catalogue / error table). */
  explanation: z.string().nullable(),
  /** Cause and fix for `explanation` in both languages, so every front end shows the same words. */
  advice: z
    .record(languageSchema, z.object({ cause: z.string(), fix: z.string() }))
    .nullable()
    .optional(),
  serverReply: z.string().nullable(),
  transcript: z.array(transcriptLineSchema),
});
export type LoginTestResult = z.infer<typeof loginTestResultSchema>;

export const sendTestRequestSchema = loginTestRequestSchema.omit({ protocol: true }).extend({
  from: emailSchema,
  to: emailSchema,
  language: languageSchema,
});
export type SendTestRequest = z.infer<typeof sendTestRequestSchema>;

/**
 * What the log-in and test-message channels accept: the typed password, an
 * OAuth2 access token, or `useRememberedPassword` to have the service use the
 * password it keeps (desktop app only). A remembered password thus never travels
 * back to the renderer, so a compromised page cannot read passwords out of the
 * keychain; the engine always gets a request with a password or a token (the
 * schemas above).
 */
export const callCredentialsSchema = z.union([
  passwordCredentialsSchema,
  tokenCredentialsSchema,
  z.object({ user: userSchema, useRememberedPassword: z.literal(true) }).strict(),
]);
const callFields = {
  credentials: callCredentialsSchema,
  /**
   * Keep the typed password after the server accepted it (desktop app only;
   * ignored elsewhere). Ignored with an access token: it expires within hours, and
   * whatever is remembered is later sent as a password.
   */
  remember: z.boolean().optional(),
};
export const loginTestCallSchema = loginTestRequestSchema.extend(callFields);
export const sendTestCallSchema = sendTestRequestSchema.extend(callFields);

/** The account a password is remembered for. */
export const secretTargetSchema = z
  .object({
    user: userSchema,
    host: loginTestRequestSchema.shape.host,
    port: loginTestRequestSchema.shape.port,
  })
  .strict();
export const sendTestResultSchema = z.object({
  accepted: z.boolean(),
  queueId: z.string().nullable(),
  serverReply: z.string(),
});
export type SendTestResult = z.infer<typeof sendTestResultSchema>;

/**
 * Issue 14: one incoming (IMAP or POP3) server in a profile, the audit's
 * qualified recommendation for that protocol. Like the outgoing one it cannot
 * describe plaintext and never holds a password.
 */
export const incomingSettingSchema = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  security: z.enum(['implicit-tls', 'starttls']),
  authentication: z.enum(['password', 'oauth2']),
  /**
   * The log-in name: 'account' is `account.userName` (the email address when
   * that is null), as for sending; 'local-part' is the address before the "@".
   */
  userName: z.enum(['account', 'local-part']),
});
export type IncomingSetting = z.infer<typeof incomingSettingSchema>;
/**
 * Issue 14: the incoming servers of a profile. The whole object is absent when
 * incoming mail was not tested (every profile written before issue 14). Per
 * protocol: a setting when it qualified, null when it was tested and nothing
 * qualified, absent when it was not tested.
 */
export const profileIncomingSchema = z.object({
  imap: incomingSettingSchema.nullable().optional(),
  pop3: incomingSettingSchema.nullable().optional(),
});
export type ProfileIncoming = z.infer<typeof profileIncomingSchema>;

export const profileSchema = z.object({
  schema: z.literal('mailtls.profile/1'),
  id: z.string().min(1).max(100),
  name: z.string().max(200),
  account: z.object({
    email: z.string().max(254).nullable(),
    displayName: z.string().max(200).nullable(),
    userName: z.string().max(512).nullable(),
  }),
  outgoing: z.object({
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    security: z.enum(['implicit-tls', 'starttls']),
    authentication: z.enum(['password', 'none', 'oauth2']),
  }),
  /** Issue 14: see profileIncomingSchema; optional, so older profiles still import. */
  incoming: profileIncomingSchema.optional(),
  pinnedFingerprint256: z.string().nullable(),
  verifiedWith: z
    .object({
      date: z.string(),
      findings: z.array(findingSchema),
      qualified: z.boolean(),
      /**
       * Issue 13: the MAC with which MailTLS vouches that an audit on this machine
       * produced this verdict. Without a valid one the verdict is not trusted.
       */
      seal: z.string().max(128).optional(),
    })
    .nullable(),
  note: z.string().max(2000),
});
export type Profile = z.infer<typeof profileSchema>;

export const exportFormats = [
  'mailtls',
  'autoconfig',
  'mobileconfig',
  'autodiscover',
  'msmtp',
  'nodemailer',
  'postfix',
  'env',
] as const;
export const exportFormatSchema = z.enum(exportFormats);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportRequestSchema = z.object({
  profile: profileSchema,
  format: exportFormatSchema,
  /** Write a setting that did not qualify, with a loud warning in the file. */
  allowInsecure: z.boolean().optional(),
});
export const exportResultSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

export const importRequestSchema = z.object({
  fileName: z.string().max(255),
  content: z.string().max(2_000_000),
});

export const profileIdSchema = z.object({ id: z.string().min(1).max(100) });
export const profileSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number(),
  security: z.enum(['implicit-tls', 'starttls']),
});

/** An incoming server a provider documents (issue 15: data for the IMAP/POP3 audit). */
export const incomingServerSchema = z.object({
  protocol: z.enum(['imap', 'pop3']),
  host: z.string(),
  port: z.number().int(),
  security: z.enum(['implicit-tls', 'starttls']),
});
export type IncomingServer = z.infer<typeof incomingServerSchema>;

export const presetSchema = z.object({
  id: z.string(),
  name: z.record(languageSchema, z.string()),
  /** Mail domains the preset applies to (lower case). */
  domains: z.array(z.string()),
  host: z.string(),
  port: z.number().int(),
  security: z.enum(['implicit-tls', 'starttls']),
  /** What the user name is: the whole address, the local part, or an account id. */
  userName: z.enum(['email', 'local-part', 'account-id']),
  /** Provider notes, e.g. app passwords required. */
  note: z.record(languageSchema, z.string()).optional(),
  /** The provider's documentation the values come from. */
  sourceUrl: z.string().url(),
  /** provider: the provider's own page; community: Thunderbird's ISPDB, to be checked with the provider. */
  sourceKind: z.enum(['provider', 'community']),
  incoming: z.array(incomingServerSchema),
});
export type Preset = z.infer<typeof presetSchema>;

export const saveFileRequestSchema = z.object({
  suggestedName: z.string().min(1).max(255),
  mimeType: z.string().max(100),
  content: z.string().max(20_000_000),
});
/** Where the file went: a path in the desktop app, the name of the download in a browser. */
export const saveFileResultSchema = z.object({ savedAs: z.string().nullable() });

export const reportRequestSchema = z.object({
  report: auditReportSchema,
  language: languageSchema,
});

// ---------------------------------------------------------------------------
// Recipient check (issue 18): will mail to a domain travel encrypted?
// ---------------------------------------------------------------------------

export const recipientRequestSchema = z.object({ domain: z.string().min(1).max(253) });
/** Who a finding endangers: a mail program set the MailTLS way, or only laxer senders. */
export const findingAudienceSchema = z.enum(['client-risk', 'server-hardening']);
/** Stable ids of the recipient check's own findings; their words live in electron/catalogue. */
export const recipientFindingIds = [
  'recipient-starttls-missing',
  'recipient-starttls-failed',
  'recipient-mx-unreachable',
  'recipient-port25-blocked',
  'recipient-mx-no-address',
  'recipient-no-mail-host',
  'recipient-cert-untrusted',
  'recipient-cert-hostname-mismatch',
  'recipient-cert-expired',
  'recipient-starttls-injection',
  'recipient-no-downgrade-protection',
  'recipient-policy-mx-fails',
  'recipient-dane-mismatch',
  'recipient-dane-unauthenticated',
  'recipient-dane-unusable',
] as const;
export const recipientFindingIdSchema = z.enum(recipientFindingIds);
export type RecipientFindingId = z.infer<typeof recipientFindingIdSchema>;
/** The check's own findings, and the domain-health ones it shares with `mailtls dns`; ids only. */
export const recipientFindingSchema = z.object({
  id: z.union([recipientFindingIdSchema, dnsFindingIdSchema]),
  severity: severitySchema,
  audience: findingAudienceSchema,
  /** The MX host it concerns; absent for the domain as a whole. */
  host: z.string().optional(),
  detail: z.string().optional(),
});
export type RecipientFinding = z.infer<typeof recipientFindingSchema>;
export const recipientVerdicts = ['enforced', 'downgradable', 'not-encrypted', 'unknown', 'no-mail'] as const;
export const recipientVerdictSchema = z.enum(recipientVerdicts);
export type RecipientVerdict = z.infer<typeof recipientVerdictSchema>;
export const tlsaRecordSchema = z.object({
  usage: z.number().int(),
  selector: z.number().int(),
  matchingType: z.number().int(),
  data: z.string(),
});
export const recipientMxSchema = z.object({
  host: z.string(),
  priority: z.number(),
  address: z.string().nullable(),
  /** How far port 25 got: unreachable, no STARTTLS, STARTTLS refused or broken, or encrypted. */
  transport: z.enum(['unreachable', 'no-starttls', 'handshake-failed', 'encrypted']),
  banner: z.string().nullable(),
  tls: z.object({ version: z.string(), cipher: z.string() }).nullable(),
  certificate: certificateReportSchema.nullable(),
  /** Trusted chain, name matching the MX, within its dates. */
  certificateValid: z.boolean(),
  injection: z.enum(['safe', 'vulnerable', 'inconclusive', 'not-tested']),
  /** Whether the MX matches an mx pattern of the MTA-STS policy (null: no policy). */
  mtaStsCovered: z.boolean().nullable(),
  dane: z.object({
    records: z.array(tlsaRecordSchema),
    authenticated: z.boolean(),
    /** match: a usable record matches the chain; mismatch: usable records, none matches. */
    result: z.enum(['match', 'mismatch', 'no-usable-records', 'none']),
  }),
  /** Which published policy stops a downgrade on this MX (null: none does). */
  protectedBy: z.enum(['dane', 'mta-sts']).nullable(),
  /** A sender honouring the domain's policy (or, without one, verifying certificates) would deliver. */
  passes: z.boolean(),
  elapsedMs: z.number(),
});
export type RecipientMx = z.infer<typeof recipientMxSchema>;
export const recipientReportSchema = z.object({
  schema: z.literal('mailtls.recipient/1'),
  domain: z.string(),
  startedAt: z.string(),
  elapsedMs: z.number(),
  /** Where the hosts came from: MX records, the domain itself (no MX), a null MX, or nowhere. */
  mxSource: z.enum(['mx', 'implicit', 'null-mx', 'none', 'lookup-failed']),
  mxAuthenticated: z.boolean(),
  hosts: z.array(recipientMxSchema),
  mtaSts: dnsPostureSchema.shape.mtaSts,
  tlsRpt: dnsPostureSchema.shape.tlsRpt,
  verdict: recipientVerdictSchema,
  reasons: z.array(localizedTextSchema),
  findings: z.array(recipientFindingSchema),
  /** A short note for the recipient's mail administrator: what was found, what to enable. */
  adminMessage: localizedTextSchema,
});
export type RecipientReport = z.infer<typeof recipientReportSchema>;
export const recipientHtmlRequestSchema = z.object({
  report: recipientReportSchema,
  language: languageSchema,
});

// ---------------------------------------------------------------------------
// Channels: one entry per call, shared by IPC, preload, web bridge and renderer
// ---------------------------------------------------------------------------

const empty = z.object({}).strict();

export const channels = {
  runAudit: { name: 'audit:run', request: auditRequestSchema, response: auditReportSchema },
  cancelAudit: {
    name: 'audit:cancel',
    request: z.object({ auditId: z.string().min(1).max(100) }),
    response: z.null(),
  },
  discover: { name: 'discover:run', request: discoverRequestSchema, response: discoverResultSchema },
  listPresets: { name: 'discover:presets', request: empty, response: z.array(presetSchema) },
  dnsPosture: { name: 'dns:posture', request: dnsPostureRequestSchema, response: dnsPostureSchema },
  loginTest: { name: 'smtp:login-test', request: loginTestCallSchema, response: loginTestResultSchema },
  sendTest: { name: 'smtp:send-test', request: sendTestCallSchema, response: sendTestResultSchema },
  /** Whether a password is remembered for the account; never the password itself. */
  recallPassword: {
    name: 'secrets:recall',
    request: secretTargetSchema,
    response: z.object({ remembered: z.boolean() }),
  },
  forgetPassword: { name: 'secrets:forget', request: secretTargetSchema, response: z.null() },
  exportProfile: { name: 'profile:export', request: exportRequestSchema, response: exportResultSchema },
  importProfile: { name: 'profile:import', request: importRequestSchema, response: profileSchema },
  profileFromReport: {
    name: 'profile:from-report',
    request: z.object({
      report: auditReportSchema,
      account: profileSchema.shape.account.partial().optional(),
    }),
    response: profileSchema,
  },
  htmlReport: { name: 'report:html', request: reportRequestSchema, response: exportResultSchema },
  listProfiles: { name: 'profiles:list', request: empty, response: z.array(profileSummarySchema) },
  loadProfile: { name: 'profiles:load', request: profileIdSchema, response: profileSchema },
  saveProfile: { name: 'profiles:save', request: profileSchema, response: profileSummarySchema },
  deleteProfile: { name: 'profiles:delete', request: profileIdSchema, response: z.null() },
  saveFile: { name: 'file:save', request: saveFileRequestSchema, response: saveFileResultSchema },
  getLanguage: { name: 'settings:get-language', request: empty, response: languageSchema },
  // Issue 18: the recipient check and its HTML report.
  recipientCheck: {
    name: 'recipient:check',
    request: recipientRequestSchema,
    response: recipientReportSchema,
  },
  recipientHtmlReport: {
    name: 'report:recipient-html',
    request: recipientHtmlRequestSchema,
    response: exportResultSchema,
  },
  setLanguage: {
    name: 'settings:set-language',
    request: z.object({ language: languageSchema }),
    response: languageSchema,
  },
} as const;

export type Channels = typeof channels;
export type ChannelKey = keyof Channels;
export type RequestOf<K extends ChannelKey> = z.input<Channels[K]['request']>;
export type ResponseOf<K extends ChannelKey> = z.infer<Channels[K]['response']>;

/** Push events from the engine to the UI. */
export const eventChannels = { auditProgress: 'audit:progress' } as const;

/**
 * What the renderer sees as `window.mailtls` (preload) or its HTTP twin (web bridge).
 * One function per channel; `runAudit` also takes a progress listener.
 */
export type MailTlsApi = {
  [K in ChannelKey]: K extends 'runAudit'
    ? (request: RequestOf<K>, onProgress?: (event: ProgressEvent) => void) => Promise<Result<ResponseOf<K>>>
    : (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;
};

export const channelKeys = Object.keys(channels) as ChannelKey[];

/**
 * HTTP twin (web bridge): `POST {webApiPrefix}{channel name}` with the request as the JSON
 * body and the per-start token in the `webTokenHeader` header; the reply is the JSON Result.
 * `audit:run` answers as `text/event-stream` instead: `event: progress` lines with a
 * ProgressEvent each, then one `event: result` with the Result. Closing that response
 * cancels the audit.
 */
export const webApiPrefix = '/api/';
export const webTokenHeader = 'x-mailtls-token';
/**
 * Browser mode: the bridge's URL carries the token in its fragment (`#token=<hex>`),
 * which browsers never send to any server; the page reads it and sends it back in
 * `webTokenHeader` with every API call.
 */
export const webTokenFragmentKey = 'token';
