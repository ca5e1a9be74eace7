/**
 * The recipient check: will mail to DOMAIN travel encrypted, and can anyone on the
 * way downgrade it? Resolves the MX set (implicit MX when there is none, null MX =
 * no mail), tests every MX on port 25 (a few at once, one connection at a time per
 * host), reads MTA-STS and TLS-RPT with the domain-health code and DANE TLSA per MX,
 * and sums it up in one verdict with reasons and a note for the recipient's admin.
 */
import type { DnsFinding, RecipientFinding, RecipientMx, RecipientReport } from '../../contract.js';
import { severities } from '../../contract.js';
import { Deadline } from '../core/deadline.js';
import { UserFacingError } from '../core/errors.js';
import {
  createDnsClient,
  DnsLookupError,
  type DnsClient,
  type MxRecord,
  type TlsaRecord,
} from '../dns/client.js';
import { normaliseDomain } from '../dns/domain.js';
import { checkMtaSts, checkTlsRpt, dnsFinding, failureFinding } from '../dns/index.js';
import { mxMatchesPattern } from '../dns/records.js';
import { TrustStore } from '../tls/trust.js';
import { recipientFinding } from './catalogue.js';
import { isUsableForSmtp, matchTlsa } from './dane.js';
import { adminMessage } from './message.js';
import { probeMx, unreachedMx, type MxProbeResult } from './mx-probe.js';
import { judge } from './verdict.js';

export interface RecipientOptions {
  /** `IP:PORT` of the resolver; the system resolver otherwise. */
  dnsServer?: string;
  /** Extra trusted CA (PEM) for MX certificates and the MTA-STS policy host. */
  caPem?: string;
  /** Deadline for the whole check, in milliseconds. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Test seam: the port that stands in for 25 on every MX. */
  smtpPort?: number;
  /** Test seam: the port that stands in for 443 when fetching the MTA-STS policy. */
  httpsPort?: number;
}

export const defaultRecipientTimeoutMs = 30_000;
/** Per stage (connect, greeting, reply, handshake): as long as the audit allows. */
const stageTimeoutMs = 10_000;
/** MX hosts tested at once; each host gets one connection at a time. */
const parallelHosts = 4;
const graceMs = 100;

function cancelled(): UserFacingError {
  return new UserFacingError('cancelled', { en: 'The check was cancelled.', ja: '確認を中止しました。' });
}

/** DNS findings reused here (MTA-STS, TLS-RPT, MX, lookups) weaken no client setting by themselves. */
function asRecipientFinding(finding: DnsFinding): RecipientFinding {
  return { ...finding, audience: 'server-hardening' };
}

interface MxSet {
  source: RecipientReport['mxSource'];
  hosts: MxRecord[];
}

async function resolveMxSet(domain: string, dns: DnsClient, findings: DnsFinding[]): Promise<MxSet> {
  let records: MxRecord[];
  try {
    records = await dns.mx(domain);
  } catch (error) {
    if (!(error instanceof DnsLookupError)) throw error;
    findings.push(dnsFinding(failureFinding[error.kind], error.query));
    return { source: 'lookup-failed', hosts: [] };
  }
  // RFC 7505: a lone "." MX says the domain accepts no mail.
  if (records.length === 1 && records[0]?.exchange === '') {
    findings.push(dnsFinding('mx-null'));
    return { source: 'null-mx', hosts: [] };
  }
  const hosts = records.filter((r) => r.exchange !== '');
  if (hosts.length > 0) return { source: 'mx', hosts };
  // RFC 5321 §5.1: without MX records, the domain's own address is the mail server.
  const addresses = await dns.addresses(domain).catch((error: unknown) => {
    if (!(error instanceof DnsLookupError)) throw error;
    findings.push(dnsFinding(failureFinding[error.kind], error.query));
    return null;
  });
  if (addresses === null) return { source: 'lookup-failed', hosts: [] };
  if (addresses.length === 0) return { source: 'none', hosts: [] };
  findings.push(dnsFinding('mx-missing', `${domain} → ${addresses.join(', ')}`));
  return { source: 'implicit', hosts: [{ exchange: domain, priority: 0 }] };
}

/** Runs `task` over `items`, at most `limit` at a time, keeping the order of the results. */
async function bounded<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface HostOutcome {
  record: MxRecord;
  address: string | null;
  probe: MxProbeResult;
  tlsa: { records: TlsaRecord[]; authenticated: boolean } | null;
  elapsedMs: number;
}

export async function checkRecipient(
  domainInput: string,
  options: RecipientOptions = {},
): Promise<RecipientReport> {
  const domain = normaliseDomain(domainInput);
  if (options.signal?.aborted) throw cancelled();
  const startedAt = new Date();
  const started = performance.now();
  const totalMs = options.timeoutMs ?? defaultRecipientTimeoutMs;
  const deadline = new Deadline(totalMs, stageTimeoutMs);
  const lookupMs = Math.min(5000, totalMs);
  const dns = createDnsClient({ dnsServer: options.dnsServer, timeoutMs: lookupMs, signal: options.signal });
  const trust = new TrustStore(options.caPem);
  const dnsFindings: DnsFinding[] = [];
  const tolerant = <T>(lookup: Promise<T>): Promise<T | null> =>
    lookup.catch((error: unknown) => {
      if (!(error instanceof DnsLookupError)) throw error;
      dnsFindings.push(dnsFinding(failureFinding[error.kind], error.query));
      return null;
    });

  const mxSet = await resolveMxSet(domain, dns, dnsFindings);
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  // Every step times out by itself at the deadline; this only cuts off one that does not.
  const cutOff = setTimeout(abort, totalMs + graceMs);

  const testHost = async (record: MxRecord): Promise<HostOutcome> => {
    const hostStarted = performance.now();
    const [addresses, tlsa] = await Promise.all([
      tolerant(dns.addresses(record.exchange)),
      tolerant(dns.tlsa(`_25._tcp.${record.exchange}`)),
    ]);
    const address = addresses?.[0] ?? null;
    let probe: MxProbeResult;
    if (address === null) {
      probe = unreachedMx(
        addresses === null ? [] : [recipientFinding('recipient-mx-no-address', { host: record.exchange })],
      );
    } else {
      try {
        probe = await probeMx({
          host: record.exchange,
          address,
          port: options.smtpPort ?? 25,
          relay: true,
          trust,
          maxConnections: 1,
          deadline,
          signal: controller.signal,
          progress: () => undefined,
        });
      } catch (error) {
        if (options.signal?.aborted) throw cancelled();
        probe = unreachedMx([
          recipientFinding('recipient-mx-unreachable', {
            host: record.exchange,
            detail: `overall deadline (${totalMs} ms): ${error instanceof Error ? error.message : String(error)}`,
          }),
        ]);
      }
    }
    return { record, address, probe, tlsa, elapsedMs: Math.round(performance.now() - hostStarted) };
  };

  let outcomes: HostOutcome[];
  let sts: RecipientReport['mtaSts'];
  let tlsRpt: RecipientReport['tlsRpt'];
  let mxAuthenticated: boolean;
  try {
    const policyLookups = async () => {
      const [stsTxt, rptTxt] = await Promise.all([
        tolerant(dns.txt(`_mta-sts.${domain}`)),
        tolerant(dns.txt(`_smtp._tls.${domain}`)),
      ]);
      const policy = await checkMtaSts(
        domain,
        stsTxt,
        mxSet.hosts,
        dns,
        {
          caPem: options.caPem,
          httpsPort: options.httpsPort,
          timeoutMs: lookupMs,
          signal: options.signal,
        },
        dnsFindings,
      );
      return { policy, rpt: checkTlsRpt(rptTxt, dnsFindings) };
    };
    const hosts = mxSet.hosts.length > 0;
    const [tested, policies, authenticated] = await Promise.all([
      bounded(mxSet.hosts, parallelHosts, testHost),
      hosts ? policyLookups() : null,
      mxSet.source === 'mx' ? dns.authenticated(domain, 'MX') : false,
    ]);
    outcomes = tested;
    sts = policies?.policy ?? { txt: null, mode: null, mx: [], maxAge: null };
    tlsRpt = policies?.rpt ?? { record: null, rua: [] };
    mxAuthenticated = authenticated;
  } finally {
    clearTimeout(cutOff);
    options.signal?.removeEventListener('abort', abort);
  }
  if (options.signal?.aborted) throw cancelled();

  const stsUsable =
    sts.mode !== null &&
    !dnsFindings.some((f) => f.id === 'mta-sts-policy-invalid' || f.id === 'mta-sts-txt-invalid');
  const stsEnforce = stsUsable && sts.mode === 'enforce';
  const findings: RecipientFinding[] = dnsFindings.map(asRecipientFinding);
  const hosts: RecipientMx[] = outcomes.map((outcome) =>
    evaluateHost(outcome, { stsUsable, stsEnforce, patterns: sts.mx, mxAuthenticated }, findings),
  );

  const verdict = judge({ domain, source: mxSet.source, hosts, stsEnforce, findings });
  findings.push(...verdict.findings);
  const order = (f: RecipientFinding) => severities.indexOf(f.severity);
  findings.sort((a, b) => order(a) - order(b));
  const report: RecipientReport = {
    schema: 'mailtls.recipient/1',
    domain,
    startedAt: startedAt.toISOString(),
    elapsedMs: Math.round(performance.now() - started),
    mxSource: mxSet.source,
    mxAuthenticated,
    hosts,
    mtaSts: sts,
    tlsRpt,
    verdict: verdict.verdict,
    reasons: verdict.reasons,
    findings,
    adminMessage: { en: '', ja: '' },
  };
  report.adminMessage = adminMessage(report, startedAt);
  return report;
}

interface PolicyContext {
  stsUsable: boolean;
  stsEnforce: boolean;
  patterns: string[];
  mxAuthenticated: boolean;
}

/** One MX against the domain's policies: DANE first (RFC 8461 §2 lets it win), then MTA-STS. */
function evaluateHost(
  outcome: HostOutcome,
  policy: PolicyContext,
  findings: RecipientFinding[],
): RecipientMx {
  const { record, probe } = outcome;
  const host = record.exchange;
  findings.push(...probe.findings);
  const records = outcome.tlsa?.records ?? [];
  // DANE counts only when both the MX RRset and the TLSA RRset are DNSSEC-validated (RFC 7672 §2.2).
  const authenticated = policy.mxAuthenticated && (outcome.tlsa?.authenticated ?? false);
  const result =
    probe.transport === 'encrypted'
      ? matchTlsa(records, probe.chain, probe.certificate?.hostnameMatch ?? false)
      : records.length === 0
        ? 'none'
        : records.some(isUsableForSmtp)
          ? 'mismatch'
          : 'no-usable-records';
  const daneApplies = authenticated && records.some(isUsableForSmtp);
  if (records.length > 0 && !authenticated)
    findings.push(recipientFinding('recipient-dane-unauthenticated', { host }));
  if (authenticated && result === 'no-usable-records')
    findings.push(recipientFinding('recipient-dane-unusable', { host }));
  if (daneApplies && result === 'mismatch' && probe.transport === 'encrypted')
    findings.push(recipientFinding('recipient-dane-mismatch', { host }));

  const covered = policy.stsUsable ? policy.patterns.some((p) => mxMatchesPattern(host, p)) : null;
  const encrypted = probe.transport === 'encrypted' && probe.injection !== 'vulnerable';
  const policyApplies = daneApplies || policy.stsEnforce;
  const protectedBy = !encrypted
    ? null
    : daneApplies
      ? result === 'match'
        ? 'dane'
        : null
      : policy.stsEnforce && covered === true && probe.certificateValid
        ? 'mta-sts'
        : null;
  if (policyApplies && probe.transport !== 'unreachable' && protectedBy === null) {
    const why = daneApplies ? 'DANE' : covered ? 'MTA-STS: certificate' : 'MTA-STS: mx pattern';
    findings.push(recipientFinding('recipient-policy-mx-fails', { host, detail: why }));
  }
  return {
    host,
    priority: record.priority,
    address: outcome.address,
    transport: probe.transport,
    banner: probe.banner,
    tls: probe.tls,
    certificate: probe.certificate,
    certificateValid: probe.certificateValid,
    injection: probe.injection,
    mtaStsCovered: covered,
    dane: { records, authenticated, result },
    protectedBy,
    passes: encrypted && (policyApplies ? protectedBy !== null : probe.certificateValid),
    elapsedMs: outcome.elapsedMs,
  };
}
