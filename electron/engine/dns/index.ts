/**
 * A domain's mail-security posture as anyone can see it from outside: MX, SPF,
 * DMARC, DKIM (with a selector, or a few common ones), MTA-STS and TLS-RPT,
 * checked against the Gmail/Yahoo 2024 sender requirements.
 */
import { isIP } from 'node:net';
import type { DnsFinding, DnsFindingId, DnsPosture, Severity } from '../../contract.js';
import { severities } from '../../contract-lists.js';
import { UserFacingError } from '../core/errors.js';
import { dnsRatings } from '../../catalogue/ratings.js';
import { senderRequirementLabels, type SenderRequirementId } from './requirements.js';
import { createDnsClient, DnsLookupError, type DnsClient, type MxRecord } from './client.js';
import { isWithin, normaliseDomain, organizationalDomain } from './domain.js';
import { fetchHttps, FetchError } from './https.js';
import {
  isDmarcRecord,
  isMisplacedDmarcRecord,
  isMtaStsRecord,
  mailtoDomain,
  isTlsRptRecord,
  mtaStsId,
  mxMatchesPattern,
  parseDkimKey,
  parseDmarc,
  parseMtaStsPolicy,
  parseTlsRpt,
} from './records.js';
import { evaluateSpf, isSpfRecord, spfLookupLimit, spfVoidLimit, type SpfEvaluation } from './spf.js';

export interface DnsPostureOptions {
  dkimSelector?: string;
  /** `IP:PORT` of the resolver to ask; the system resolver otherwise. */
  dnsServer?: string;
  /** Extra trusted CA (PEM) for the MTA-STS policy host. */
  caPem?: string;
  signal?: AbortSignal;
  /** Deadline for each DNS lookup and for the policy fetch, in milliseconds. */
  timeoutMs?: number;
  /** Test seam: the port that stands in for 443 when fetching the MTA-STS policy. */
  httpsPort?: number;
  /** A client address to run SPF's check_host() for. */
  ip?: string;
  /** Without `ip`: the submission server, whose address is evaluated as a guess. */
  submissionHost?: string;
}

/** Tried in this order when no selector is given (Google Workspace, Microsoft 365, common defaults). */
export const commonDkimSelectors = ['google', 'selector1', 'selector2', 'default', 'k1'];

export function dnsFinding(id: DnsFindingId, detail?: string, severity?: Severity): DnsFinding {
  return {
    id,
    severity: severity ?? dnsRatings[id].severity,
    ...(detail === undefined ? {} : { detail }),
  };
}

export const failureFinding = {
  timeout: 'dns-timeout',
  servfail: 'dns-servfail',
  error: 'dns-lookup-failed',
} as const;

type Status = 'met' | 'not-met' | 'unknown';

export async function checkDnsPosture(
  domainInput: string,
  options: DnsPostureOptions = {},
): Promise<DnsPosture> {
  const domain = normaliseDomain(domainInput);
  const selector = options.dkimSelector?.trim().toLowerCase();
  if (selector !== undefined && !/^[a-z0-9_-]{1,63}(\.[a-z0-9_-]{1,63})*$/.test(selector)) {
    throw new UserFacingError('invalid-input', {
      en: `"${options.dkimSelector}" is not a DKIM selector (letters, digits, hyphens and dots).`,
      ja: `"${options.dkimSelector}" は DKIM セレクターとして使えません（英数字・ハイフン・ドットで指定してください）。`,
    });
  }
  const ip = options.ip?.trim();
  if (ip !== undefined && isIP(ip) === 0) {
    throw new UserFacingError('invalid-input', {
      en: `"${options.ip}" is not an IP address, such as 192.0.2.10 or 2001:db8::10.`,
      ja: `"${options.ip}" は IP アドレスではありません。192.0.2.10 や 2001:db8::10 のように入力してください。`,
    });
  }
  const dns = createDnsClient(options);
  const findings: DnsFinding[] = [];
  const failed = new Map<DnsLookupError['kind'], string[]>();

  /** Runs a lookup; an unanswerable one is noted (one finding per kind, below) and gives null. */
  async function tolerant<T>(lookup: Promise<T>): Promise<T | null> {
    try {
      return await lookup;
    } catch (error) {
      if (!(error instanceof DnsLookupError)) throw error;
      failed.set(error.kind, [...(failed.get(error.kind) ?? []), error.query]);
      return null;
    }
  }

  const [mx, rootTxt, dmarcTxt, stsTxt, rptTxt, dkim] = await Promise.all([
    tolerant(dns.mx(domain)),
    tolerant(dns.txt(domain)),
    tolerant(dns.txt(`_dmarc.${domain}`)),
    tolerant(dns.txt(`_mta-sts.${domain}`)),
    tolerant(dns.txt(`_smtp._tls.${domain}`)),
    checkDkim(domain, selector, dns, tolerant),
  ]);

  const receivesNoMail = await checkMx(mx, dns, findings, tolerant);
  const spf = await checkSpf(domain, rootTxt, dns, findings, failed);
  const client = ip ?? (await guessClient(options.submissionHost, dns, tolerant));
  const check = client === null ? null : await checkClient(domain, client, dns, failed);
  const dmarc = await checkDmarc(domain, dmarcTxt, dns, findings, tolerant);
  findings.push(...dkim.findings);
  // MTA-STS and TLS-RPT protect mail coming in: a domain that receives none needs neither.
  const inbound = receivesNoMail ? [] : findings;
  const mtaSts = await checkMtaSts(domain, stsTxt, mx, dns, options, inbound);
  const tlsRpt = checkTlsRpt(rptTxt, inbound);
  for (const [kind, queries] of failed) findings.push(dnsFinding(failureFinding[kind], queries.join(', ')));

  const requirement = (id: SenderRequirementId, status: Status) => ({
    requirement: id,
    status,
    label: { ...senderRequirementLabels[id] },
  });
  const order = (f: DnsFinding) => severities.indexOf(f.severity);
  return {
    schema: 'mailtls.dns/2',
    domain,
    mx: (mx ?? []).map((r) => (r.exchange === '' ? { ...r, exchange: '.' } : r)),
    spf: { records: spf.records, lookups: spf.lookups, voidLookups: spf.voidLookups, check },
    dmarc: dmarc.summary,
    dkim: dkim.keys,
    mtaSts,
    tlsRpt,
    senderRequirements: [
      requirement('spf', spf.status),
      requirement('dkim', dkim.status),
      requirement('dmarc', dmarc.status),
      requirement('tls-transport', 'unknown'),
      requirement('reverse-dns', 'unknown'),
      requirement('dmarc-alignment', 'unknown'),
      requirement('one-click-unsubscribe', 'unknown'),
      requirement('spam-rate', 'unknown'),
    ],
    findings: findings.sort((a, b) => order(a) - order(b)),
  };
}

type Tolerant = <T>(lookup: Promise<T>) => Promise<T | null>;

/** MX findings; true when the domain declares with a lone null MX that it receives no mail. */
async function checkMx(
  mx: MxRecord[] | null,
  dns: DnsClient,
  findings: DnsFinding[],
  tolerant: Tolerant,
): Promise<boolean> {
  if (mx === null) return false;
  if (mx.length === 0) {
    findings.push(dnsFinding('mx-missing'));
    return false;
  }
  const hosts = mx.map((r) => r.exchange).filter((exchange) => exchange !== '');
  if (hosts.length === 0) {
    findings.push(dnsFinding('mx-null'));
    return true;
  }
  if (hosts.length < mx.length) findings.push(dnsFinding('mx-null-mixed', hosts.join(' ')));
  const aliases = await Promise.all(hosts.map((host) => tolerant(dns.cname(host))));
  const cnames = hosts.flatMap((host, i) => (aliases[i]?.[0] ? [`${host} → ${aliases[i][0]}`] : []));
  if (cnames.length > 0) findings.push(dnsFinding('mx-cname', cnames.join(', ')));
  return false;
}

type Failures = Map<DnsLookupError['kind'], string[]>;

/** check_host() as a receiver would run it for mail from `postmaster@domain`. */
function runSpf(domain: string, ip: string | null, dns: DnsClient): Promise<SpfEvaluation> {
  return evaluateSpf(dns, { ip, sender: `postmaster@${domain}`, helo: domain });
}

/** A lookup that failed inside the evaluator is reported like any other failed lookup. */
function noteFailure(evaluation: SpfEvaluation, failed: Failures): void {
  const { problem } = evaluation;
  if (problem?.kind === 'dns' && problem.failure)
    failed.set(problem.failure, [...(failed.get(problem.failure) ?? []), problem.detail]);
}

const spfProblemFinding = {
  'multiple-records': 'spf-multiple',
  syntax: 'spf-syntax',
  'lookup-limit': 'spf-too-many-lookups',
  'void-limit': 'spf-void-lookups',
  'mx-limit': 'spf-mx-limit',
  'include-missing': 'spf-include-missing',
  'include-loop': 'spf-include-loop',
} as const;

/**
 * Judges the published record with the evaluator itself: without a client address only
 * "all" matches, so the walk is the longest one a receiver makes and its limits are theirs.
 */
async function checkSpf(
  domain: string,
  txt: string[] | null,
  dns: DnsClient,
  findings: DnsFinding[],
  failed: Failures,
): Promise<{ records: string[]; lookups: number | null; voidLookups: number | null; status: Status }> {
  const unknown = { lookups: null, voidLookups: null, status: 'unknown' as Status };
  if (txt === null) return { records: [], ...unknown };
  const records = txt.filter(isSpfRecord);
  if (records.length === 0) {
    findings.push(dnsFinding('spf-missing'));
    return { records, lookups: null, voidLookups: null, status: 'not-met' };
  }
  if (records.length > 1) {
    findings.push(dnsFinding('spf-multiple', `${records.length} records`));
    return { records, lookups: null, voidLookups: null, status: 'not-met' };
  }
  const evaluation = await runSpf(domain, null, dns);
  noteFailure(evaluation, failed);
  const counts = { lookups: evaluation.lookups, voidLookups: evaluation.voidLookups };
  const where = (d: string) => (d === domain ? '' : `${d}: `);
  if (evaluation.discouraged.length > 0)
    findings.push(
      dnsFinding('spf-ptr', evaluation.discouraged.map((t) => `${where(t.domain)}${t.term}`).join(', ')),
    );
  const { problem } = evaluation;
  if (problem?.kind === 'dns') return { records, ...unknown };
  if (problem) {
    const limit =
      problem.kind === 'lookup-limit'
        ? ` (> ${spfLookupLimit})`
        : problem.kind === 'void-limit'
          ? ` (> ${spfVoidLimit})`
          : '';
    findings.push(
      dnsFinding(spfProblemFinding[problem.kind], `${where(problem.domain)}${problem.detail}${limit}`),
    );
    return { records, ...counts, status: 'not-met' };
  }
  if (evaluation.result === 'pass') {
    findings.push(dnsFinding('spf-pass-all'));
    return { records, ...counts, status: 'not-met' };
  }
  if (evaluation.result === 'neutral')
    findings.push(dnsFinding('spf-neutral-all', evaluation.matched?.term ?? 'no all'));
  return { records, ...counts, status: 'met' };
}

/** The submission server's first address, when only its name is known. */
async function guessClient(host: string | undefined, dns: DnsClient, tolerant: Tolerant) {
  if (host === undefined || host.trim() === '') return null;
  if (isIP(host.trim())) return { ip: host.trim(), host: host.trim() };
  const addresses = await tolerant(dns.addresses(host.trim().toLowerCase()));
  const [first] = addresses ?? [];
  return first === undefined ? null : { ip: first, host: host.trim().toLowerCase() };
}

async function checkClient(
  domain: string,
  client: string | { ip: string; host: string },
  dns: DnsClient,
  failed: Failures,
): Promise<DnsPosture['spf']['check']> {
  const ip = typeof client === 'string' ? client : client.ip;
  const evaluation = await runSpf(domain, ip, dns);
  noteFailure(evaluation, failed);
  return {
    ip,
    guessedFrom: typeof client === 'string' ? null : client.host,
    result: evaluation.result,
    matched: evaluation.matched,
    explanation: evaluation.explanation,
  };
}

/** DMARC as RFC 7489 §6.6.3 has receivers find it; DMARCbis differences go into the details. */
async function checkDmarc(
  domain: string,
  txt: string[] | null,
  dns: DnsClient,
  findings: DnsFinding[],
  tolerant: Tolerant,
) {
  const summary: DnsPosture['dmarc'] = {
    record: null,
    policy: null,
    pct: null,
    rua: [],
    subdomainPolicy: null,
    adkim: null,
    aspf: null,
    externalRua: [],
  };
  const result = (status: Status) => ({ summary, status });
  if (txt === null) return result('unknown');
  const records = txt.filter(isDmarcRecord);
  const [record] = records;
  if (record === undefined) {
    const misplaced = txt.find(isMisplacedDmarcRecord);
    if (misplaced === undefined) findings.push(dnsFinding('dmarc-missing'));
    else findings.push(dnsFinding('dmarc-invalid', `v=DMARC1 must be the first tag: ${misplaced}`));
    return result('not-met');
  }
  if (records.length > 1) {
    // Receivers apply no DMARC at all then, so no policy is reported (RFC 7489 §6.6.3).
    findings.push(dnsFinding('dmarc-multiple', records.join(' | ')));
    return result('not-met');
  }
  const parsed = parseDmarc(record);
  Object.assign(summary, {
    record,
    policy: parsed.policy,
    pct: parsed.pct,
    rua: parsed.rua,
    subdomainPolicy: parsed.subdomainPolicy,
    adkim: parsed.adkim,
    aspf: parsed.aspf,
  });
  if (parsed.errors.length > 0) {
    const missingP = parsed.errors.includes('p missing')
      ? ' (RFC 7489: no DMARC unless rua= is valid, then as p=none; DMARCbis: as p=none)'
      : '';
    findings.push(dnsFinding('dmarc-invalid', `${parsed.errors.join('; ')}${missingP}`));
  }
  if (parsed.policy !== null && !parsed.policySecond) findings.push(dnsFinding('dmarc-tag-order', record));
  if (parsed.policy === 'none') findings.push(dnsFinding('dmarc-monitoring-only'));
  if (parsed.policy !== null && parsed.policy !== 'none' && parsed.subdomainPolicy === 'none')
    findings.push(dnsFinding('dmarc-subdomain-none', `p=${parsed.policy}; sp=none`));
  if (parsed.pct !== null && parsed.pct < 100)
    findings.push(
      dnsFinding('dmarc-partial-pct', `pct=${parsed.pct} (DMARCbis has no pct; t=y replaces pct=0)`),
    );
  if (parsed.rua.length === 0) findings.push(dnsFinding('dmarc-no-reports'));
  summary.externalRua = await authorizeReports(domain, parsed.rua, dns, tolerant);
  const unauthorized = summary.externalRua.filter((r) => r.authorized === false);
  if (unauthorized.length > 0)
    findings.push(
      dnsFinding(
        'dmarc-rua-unauthorized',
        unauthorized.map((r) => `${domain}._report._dmarc.${r.domain}`).join(', '),
      ),
    );
  return result(parsed.policy === null ? 'not-met' : 'met');
}

/** RFC 7489 §7.1: a report domain of another organisation must publish <domain>._report._dmarc.<it>. */
async function authorizeReports(domain: string, rua: string[], dns: DnsClient, tolerant: Tolerant) {
  const own = organizationalDomain(domain);
  const external = [
    ...new Set(
      rua
        .map(mailtoDomain)
        .filter((d): d is string => d !== null && !isWithin(d, own) && organizationalDomain(d) !== own),
    ),
  ];
  return Promise.all(
    external.map(async (reportDomain) => {
      const txt = await tolerant(dns.txt(`${domain}._report._dmarc.${reportDomain}`));
      return { domain: reportDomain, authorized: txt === null ? null : txt.some(isDmarcRecord) };
    }),
  );
}

async function checkDkim(domain: string, selector: string | undefined, dns: DnsClient, tolerant: Tolerant) {
  const findings: DnsFinding[] = [];
  const selectors = selector === undefined ? commonDkimSelectors : [selector];
  const answers = await Promise.all(selectors.map((s) => tolerant(dns.txt(`${s}._domainkey.${domain}`))));
  const keys: DnsPosture['dkim'] = [];
  let usable = false;
  selectors.forEach((name, i) => {
    const key = (answers[i] ?? []).map(parseDkimKey).find((k) => k !== null);
    if (!key) return;
    keys.push({ selector: name, keyBits: key.revoked ? null : key.bits });
    if (key.revoked) findings.push(dnsFinding('dkim-revoked', name));
    else if (key.bits !== null && key.bits < 1024)
      findings.push(dnsFinding('dkim-weak-key', `${name}: ${key.bits} bits`));
    else {
      usable = true;
      if (key.bits !== null && key.bits < 2048)
        findings.push(dnsFinding('dkim-short-key', `${name}: ${key.bits} bits`));
    }
  });
  const failed = answers.some((a) => a === null);
  let status: Status = usable ? 'met' : 'unknown';
  if (keys.length === 0 && !failed) {
    if (selector === undefined) findings.push(dnsFinding('dkim-selector-unknown', selectors.join(', ')));
    else {
      findings.push(dnsFinding('dkim-not-found', `${selector}._domainkey.${domain}`));
      status = 'not-met';
    }
  } else if (keys.length > 0 && !usable) status = 'not-met';
  return { keys, findings, status };
}

export async function checkMtaSts(
  domain: string,
  txt: string[] | null,
  mx: MxRecord[] | null,
  dns: DnsClient,
  options: DnsPostureOptions,
  findings: DnsFinding[],
): Promise<DnsPosture['mtaSts']> {
  const result: DnsPosture['mtaSts'] = { txt: null, mode: null, mx: [], maxAge: null };
  if (txt === null) return result;
  const records = txt.filter(isMtaStsRecord);
  const [record] = records;
  if (record === undefined) {
    findings.push(dnsFinding('mta-sts-missing'));
    return result;
  }
  result.txt = record;
  if (records.length > 1) findings.push(dnsFinding('mta-sts-txt-invalid', `${records.length} records`));
  else if (mtaStsId(record) === null) findings.push(dnsFinding('mta-sts-txt-invalid', 'id'));

  const url = new URL(`https://mta-sts.${domain}/.well-known/mta-sts.txt`);
  let fetched;
  try {
    fetched = await fetchHttps(url, {
      dns,
      caPem: options.caPem,
      port: options.httpsPort,
      timeoutMs: options.timeoutMs,
      maxBytes: 64 * 1024,
      signal: options.signal,
    });
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    const id =
      error.failure === 'redirect'
        ? 'mta-sts-policy-redirect'
        : error.failure === 'certificate'
          ? 'mta-sts-policy-cert-invalid'
          : 'mta-sts-policy-unreachable';
    findings.push(dnsFinding(id, error.detail));
    return result;
  }
  const policy = parseMtaStsPolicy(fetched.body);
  if (!/^text\/plain(\s*;|$)/i.test(fetched.contentType))
    policy.errors.push(`content-type: ${fetched.contentType}`);
  Object.assign(result, { mode: policy.mode, mx: policy.mx, maxAge: policy.maxAge });
  if (policy.errors.length > 0) findings.push(dnsFinding('mta-sts-policy-invalid', policy.errors.join('; ')));
  if (policy.mode === 'testing') findings.push(dnsFinding('mta-sts-testing'));
  if (policy.mode === 'none') findings.push(dnsFinding('mta-sts-disabled'));
  if (policy.mode !== 'none' && policy.mx.length > 0 && mx !== null) {
    const uncovered = mx
      .map((r) => r.exchange)
      .filter((host) => host !== '' && !policy.mx.some((pattern) => mxMatchesPattern(host, pattern)));
    if (uncovered.length > 0) {
      // Only enforce mode makes senders refuse delivery; in testing it is a report.
      findings.push(
        dnsFinding('mta-sts-mx-mismatch', uncovered.join(' '), policy.mode === 'enforce' ? 'high' : 'low'),
      );
    }
  }
  return result;
}

export function checkTlsRpt(txt: string[] | null, findings: DnsFinding[]): DnsPosture['tlsRpt'] {
  const result: DnsPosture['tlsRpt'] = { record: null, rua: [] };
  if (txt === null) return result;
  const records = txt.filter(isTlsRptRecord);
  const [record] = records;
  if (record === undefined) {
    // Something that wants to be TLS-RPT (a typo in the version, say) is worse than nothing: it looks done.
    const lookalike = txt.find((t) => /rua\s*=|^v\s*=\s*\w*RPT/i.test(t));
    findings.push(lookalike ? dnsFinding('tls-rpt-invalid', lookalike) : dnsFinding('tls-rpt-missing'));
    return result;
  }
  const parsed = parseTlsRpt(record);
  Object.assign(result, { record, rua: parsed.rua });
  if (records.length > 1) findings.push(dnsFinding('tls-rpt-invalid', `${records.length} records`));
  else if (parsed.errors.length > 0) findings.push(dnsFinding('tls-rpt-invalid', parsed.errors.join('; ')));
  return result;
}
