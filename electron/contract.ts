/**
 * The one interface between the UI and the engine.
 *
 * Runs everywhere: Electron main (IPC handlers), preload (channel names only),
 * the web bridge, the CLI and the renderer. It must never import `electron` or
 * `node:` modules, only zod.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------

/** Stable finding ids: tests, profiles and translations key on them. Never rename one. */
export const findingIds = [
  'port-unreachable',
  'port-timeout',
  'banner-timeout',
  'not-smtp',
  'starttls-missing',
  'starttls-failed',
  'starttls-on-465',
  'implicit-tls-plaintext',
  'tls-on-plaintext-port',
  'starttls-still-advertised',
  'tls-not-required',
  'plaintext-auth',
  'starttls-command-injection',
  'starttls-response-injection',
  'starttls-injection-inconclusive',
  'tls-handshake-failed',
  'tls-legacy-version',
  'tls-weak-cipher',
  'cert-untrusted',
  'cert-self-signed',
  'cert-hostname-mismatch',
  'cert-expired',
  'cert-not-yet-valid',
  'cert-expiring-soon',
  'cert-incomplete-chain',
  'reply-malformed',
  'reply-too-long',
  'server-throttled',
  'connection-closed',
  'no-secure-option',
] as const;
export const findingIdSchema = z.enum(findingIds);
export type FindingId = z.infer<typeof findingIdSchema>;

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
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

export const portModes = ['implicit-tls', 'starttls'] as const;
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
] as const;
export const stageSchema = z.enum(stages);
export type Stage = z.infer<typeof stageSchema>;

export const progressEventSchema = z.object({
  auditId: z.string(),
  port: z.number().int(),
  stage: stageSchema,
  status: z.enum(['started', 'passed', 'failed']),
  elapsedMs: z.number(),
});
export type ProgressEvent = z.infer<typeof progressEventSchema>;

export const transcriptLineSchema = z.object({
  /** Milliseconds since the port's probe started. */
  t: z.number(),
  /** c = client sent, s = server sent, i = note from MailTLS (handshake, discarded bytes...). */
  dir: z.enum(['c', 's', 'i']),
  text: z.string(),
});
export type TranscriptLine = z.infer<typeof transcriptLineSchema>;

export const tlsVersionNames = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export const tlsVersionSchema = z.enum(tlsVersionNames);
export type TlsVersionName = z.infer<typeof tlsVersionSchema>;

export const tlsInfoSchema = z.object({
  version: z.string(),
  cipher: z.string(),
  /** Versions a separate handshake succeeded with. */
  acceptedVersions: z.array(z.string()),
  /** Versions the server refused. */
  rejectedVersions: z.array(z.string()),
  /** Versions this machine's TLS library cannot offer, so they were not tested. */
  untestedVersions: z.array(z.string()),
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

export const reportModes = ['implicit-tls', 'starttls', 'plain', 'unreachable'] as const;
export const reportModeSchema = z.enum(reportModes);
export type ReportMode = z.infer<typeof reportModeSchema>;

export const injectionResultSchema = z.enum(['safe', 'vulnerable', 'inconclusive', 'not-tested']);
export const enforcementResultSchema = z.enum(['enforced', 'not-enforced', 'not-tested']);

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
  findings: z.array(findingSchema),
  transcript: z.array(transcriptLineSchema),
});
export type PortReport = z.infer<typeof portReportSchema>;

export const recommendationSchema = z.object({
  host: z.string(),
  port: z.number().int().nullable(),
  security: z.enum(['implicit-tls', 'starttls']).nullable(),
  /** Reason keys with parameters; rendered in the user's language by the UI and the CLI. */
  reasons: z.array(z.string()),
  /** SHA-256 fingerprint to pin when the user chose to trust this certificate. */
  pinnedFingerprint256: z.string().nullable().optional(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const auditReportSchema = z.object({
  schema: z.literal('mailtls.audit/1'),
  host: z.string(),
  /** The host as typed (differs from `host` for internationalised names). */
  hostInput: z.string(),
  startedAt: z.string(),
  elapsedMs: z.number(),
  ports: z.array(portReportSchema),
  recommendation: recommendationSchema,
  findings: z.array(findingSchema),
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
export const discoverResultSchema = z.object({ candidates: z.array(candidateSchema) });
export type DiscoverResult = z.infer<typeof discoverResultSchema>;

export const dnsPostureRequestSchema = z.object({
  domain: z.string().min(1).max(253),
  dkimSelector: z.string().max(63).optional(),
});
const localizedTextSchema = z.record(languageSchema, z.string());
export const dnsFindingSchema = z.object({
  /** Stable id from the engine's DNS catalogue (electron/engine/dns/catalogue.ts). */
  id: z.string(),
  severity: severitySchema,
  detail: z.string().optional(),
  /** Title, meaning and fix in both languages, so every front end shows the same words. */
  title: localizedTextSchema,
  explanation: localizedTextSchema,
  fix: localizedTextSchema,
});
export type DnsFinding = z.infer<typeof dnsFindingSchema>;
export const dnsPostureSchema = z.object({
  schema: z.literal('mailtls.dns/1'),
  domain: z.string(),
  mx: z.array(z.object({ exchange: z.string(), priority: z.number() })),
  spf: z.object({ records: z.array(z.string()), lookups: z.number().nullable() }),
  dmarc: z.object({
    record: z.string().nullable(),
    policy: z.string().nullable(),
    pct: z.number().nullable(),
    rua: z.array(z.string()),
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

export const sendTestRequestSchema = loginTestRequestSchema.extend({
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
  pinnedFingerprint256: z.string().nullable(),
  verifiedWith: z
    .object({
      date: z.string(),
      findings: z.array(findingSchema),
      qualified: z.boolean(),
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
