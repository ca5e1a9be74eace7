import type {
  AuditReport,
  BridgeError,
  Candidate,
  ChannelKey,
  DiscoverResult,
  DnsPosture,
  ExportFormat,
  IncomingProtocol,
  Language,
  LoginTestResult,
  MailProtocol,
  MailTlsApi,
  PortMode,
  Preset,
  Profile,
  ProgressEvent,
  RecipientReport,
  SendTestResult,
} from '../../../electron/contract.js';
import type { StateStorage } from 'zustand/middleware';

export const stepIds = [
  'account',
  'server',
  'test',
  'compare',
  'recommend',
  'apply',
  'verify',
  'export',
] as const;
export type StepId = (typeof stepIds)[number];

/** The mail programs the apply step has a guide for (one file each in renderer/src/guides). */
export const clientIds = [
  'thunderbird',
  'outlook-new',
  'outlook-classic',
  'apple-mail-macos',
  'apple-mail-ios',
  'gmail-app',
  'becky',
  'windows-mail-other',
  'control-panel',
] as const;
export type ClientId = (typeof clientIds)[number];

export type Theme = 'system' | 'light' | 'dark';

export interface FormState {
  email: string;
  client: ClientId | null;
  host: string;
  user: string;
  portsText: string;
  caPem: string;
  presetId: string | null;
  /** Issue 14: the incoming (IMAP/POP3) server; empty: incoming mail is not tested. */
  incomingHost: string;
  /** The POP3 server when it is not `incomingHost` (imap.gmail.com, pop.gmail.com); empty: the same. */
  pop3Host: string;
  /** IMAP or POP3 is the person's choice (never judged): the one Apply and Verify show. */
  incomingProtocol: IncomingProtocol;
  /** Only for the optional log-in test and test message; never persisted. */
  password: string;
  /** Keep the typed password after a successful test (desktop app only); not persisted either. */
  rememberPassword: boolean;
  sendTo: string;
}

export type IncomingCandidate = NonNullable<DiscoverResult['incoming']>[number];

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface PortProgress {
  port: number;
  /** Issue 14: the incoming protocol of an IMAP/POP3 port; absent means SMTP. */
  protocol?: MailProtocol;
  mode: PortMode;
  stages: Partial<Record<ProgressEvent['stage'], ProgressEvent['status']>>;
  elapsedMs: number;
}

export interface AuditRun {
  status: RunStatus;
  auditId: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  progress: PortProgress[];
  report: AuditReport | null;
  error: BridgeError | null;
  /** Issue 14: why the incoming server was left out (its name did not resolve); null otherwise. */
  incomingError: BridgeError | null;
}

export type RunKind = 'main' | 'verify';

export interface CallState<T> {
  status: 'idle' | 'running' | 'done' | 'error';
  value: T | null;
  error: BridgeError | null;
}

export interface NavSlice {
  step: StepId;
  /** Moves to a step if it can be entered now; returns whether it did. */
  goTo: (step: StepId) => boolean;
  next: () => void;
  back: () => void;
}

export interface FormSlice {
  form: FormState;
  setField: <K extends keyof FormState>(key: K, value: FormState[K]) => void;
  applyPreset: (preset: Preset) => void;
  applyCandidate: (candidate: Candidate) => void;
}

export interface AuditSlice {
  runs: Record<RunKind, AuditRun>;
  startAudit: (kind: RunKind) => Promise<void>;
  cancelAudit: (kind: RunKind) => Promise<void>;
}

export type Availability = 'available' | 'not-available';

export interface UiSlice {
  language: Language;
  /** 'user' once the person picked a language; until then the system locale decides. */
  languageSource: 'system' | 'user';
  theme: Theme;
  /** What each optional channel answered; absent = not asked yet. */
  availability: Partial<Record<ChannelKey, Availability>>;
  setLanguage: (language: Language) => void;
  setTheme: (theme: Theme) => void;
}

export interface ExportOutcome {
  format: ExportFormat | 'html-report' | 'audit-json' | 'library';
  savedAs: string | null;
}

export interface ServicesSlice {
  presets: CallState<Preset[]>;
  discovery: CallState<Candidate[]>;
  loginTest: CallState<LoginTestResult>;
  /** Issue 14: the log-in to the incoming server (same rules: TLS only, typed password only). */
  incomingLoginTest: CallState<LoginTestResult>;
  /** Incoming servers the last discovery found (RFC 6186 SRV, autoconfig), best first. */
  incomingFound: IncomingCandidate[];
  sendTest: CallState<SendTestResult>;
  exported: CallState<ExportOutcome>;
  /** Whether the desktop app keeps a password for the current account (never the password itself). */
  passwordRemembered: boolean;
  loadPresets: () => Promise<void>;
  discover: () => Promise<void>;
  runLoginTest: () => Promise<void>;
  runIncomingLoginTest: () => Promise<void>;
  runSendTest: () => Promise<void>;
  checkRemembered: () => Promise<void>;
  forgetPassword: () => Promise<void>;
  exportProfile: (format: ExportFormat) => Promise<void>;
  exportHtmlReport: () => Promise<void>;
  exportAuditJson: () => Promise<void>;
  saveToLibrary: () => Promise<void>;
}

/** The domain-health view: shown instead of the wizard, whose step stays where it was. */
export interface HealthSlice {
  healthOpen: boolean;
  healthForm: { domain: string; selector: string; ip: string };
  posture: CallState<DnsPosture>;
  /** Opens the view; a given domain replaces the one in the form (else the email's domain fills an empty one). */
  openHealth: (domain?: string) => void;
  closeHealth: () => void;
  setHealthField: (key: keyof HealthSlice['healthForm'], value: string) => void;
  /** Checks the domain in the form; does nothing while a check runs or the input is invalid. */
  checkDomain: () => Promise<void>;
}

/** Issue 18: the recipient check, shown instead of the wizard like the domain-health view. */
export interface RecipientSlice {
  recipientOpen: boolean;
  recipientDomain: string;
  recipient: CallState<RecipientReport>;
  /** Where the HTML report went (null: the browser downloads it). */
  recipientSaved: CallState<{ savedAs: string | null }>;
  /** Opens the view (closing domain health); a given domain replaces the one typed. */
  openRecipient: (domain?: string) => void;
  closeRecipient: () => void;
  setRecipientDomain: (value: string) => void;
  /** Checks the domain typed; does nothing while a check runs or the input is invalid. */
  checkRecipient: () => Promise<void>;
  saveRecipientReport: () => Promise<void>;
}

/**
 * The app's screens (issue 15): the one-screen check, the step-by-step wizard and the
 * saved profiles. The domain-health view keeps its own flag (HealthSlice); a later view
 * (e.g. a recipient check) adds its id here and a tab in the frame.
 */
export const screenIds = ['quick', 'wizard', 'profiles'] as const;
export type ScreenId = (typeof screenIds)[number];

export interface ScreenSlice {
  screen: ScreenId;
  showScreen: (screen: ScreenId) => void;
}

/** Where the one-screen check got the server from. */
export interface QuickSource {
  kind: Candidate['source'];
  /** The preset behind it (a preset, or an MX that named a provider), if any. */
  presetId: string | null;
  origin: string;
}

export interface QuickState {
  status: 'idle' | 'discovering' | 'testing' | 'done' | 'not-found' | 'error';
  source: QuickSource | null;
  error: BridgeError | null;
}

export interface QuickSlice {
  quick: QuickState;
  /** Address in, servers found, test started: the one-screen path. */
  quickCheck: () => Promise<void>;
  /** Tests the server in the form now and shows it on the one-screen view. */
  testForm: (source: QuickSource | null) => Promise<void>;
}

/** A saved profile as the Profiles screen lists it. */
export interface LibraryEntry {
  id: string;
  profile: Profile;
}

export type LibraryNotice =
  | { kind: 'imported'; name: string }
  | { kind: 'renamed'; name: string }
  | { kind: 'deleted'; name: string }
  | { kind: 'exported'; savedAs: string | null }
  | { kind: 'import-failed'; fileName: string; error: BridgeError }
  | { kind: 'too-big'; fileName: string }
  | { kind: 'failed'; error: BridgeError };

export interface LibrarySlice {
  library: CallState<LibraryEntry[]>;
  libraryNotice: LibraryNotice | null;
  loadLibrary: () => Promise<void>;
  renameProfile: (id: string, name: string) => Promise<void>;
  deleteProfile: (id: string) => Promise<void>;
  exportSaved: (id: string, format: ExportFormat) => Promise<void>;
  importFiles: (files: { name: string; size: number; text: () => Promise<string> }[]) => Promise<void>;
  /** Puts a saved profile's server into the form and tests it on the one-screen view. */
  retestProfile: (id: string) => Promise<void>;
  /** "Keep in MailTLS": saves the recommended setting and opens the Profiles screen. */
  keepInLibrary: () => Promise<void>;
}

export type AppState = NavSlice &
  FormSlice &
  AuditSlice &
  UiSlice &
  ServicesSlice &
  HealthSlice &
  RecipientSlice &
  ScreenSlice &
  QuickSlice &
  LibrarySlice;

export interface StoreDeps {
  api: MailTlsApi;
  storage: StateStorage;
  /** The language of the system locale, used until the person picks one. */
  systemLanguage: Language;
  newId: () => string;
  now: () => number;
}
