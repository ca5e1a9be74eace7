/**
 * A domain's mail-security posture as anyone can see it from outside: MX, SPF,
 * DMARC, DKIM (with a selector, or a few common ones), MTA-STS and TLS-RPT,
 * checked against the Gmail/Yahoo 2024 sender requirements.
 */
import type { DnsFinding, DnsPosture, Severity } from '../../contract.js';
import { severities } from '../../contract.js';
import { UserFacingError } from '../errors.js';
import {
  dnsFindingCatalogue,
  senderRequirementLabels,
  type DnsFindingId,
  type SenderRequirementId,
} from './catalogue.js';
import { createDnsClient, DnsLookupError, type DnsClient, type MxRecord } from './client.js';
import { normaliseDomain } from './domain.js';
import { fetchHttps, FetchError } from './https.js';
import {
  isDmarcRecord,
  isMtaStsRecord,
  isTlsRptRecord,
  mtaStsId,
  mxMatchesPattern,
  parseDkimKey,
  parseDmarc,
  parseMtaStsPolicy,
  parseTlsRpt,
} from './records.js';
import { countSpfLookups, isSpfRecord, parseSpf, spfLookupLimit } from './spf.js';

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
}

/** Tried in this order when no selector is given (Google Workspace, Microsoft 365, common defaults). */
export const commonDkimSelectors = ['google', 'selector1', 'selector2', 'default', 'k1'];

export function dnsFinding(id: DnsFindingId, detail?: string, severity?: Severity): DnsFinding {
  const entry = dnsFindingCatalogue[id];
  return {
    id,
    severity: severity ?? entry.severity,
    ...(detail === undefined ? {} : { detail }),
    title: { ...entry.title },
    explanation: { ...entry.explanation },
    fix: { ...entry.fix },
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

  checkMx(mx, findings);
  const spf = await checkSpf(rootTxt, dns, findings, tolerant);
  const dmarc = checkDmarc(dmarcTxt, findings);
  findings.push(...dkim.findings);
  const mtaSts = await checkMtaSts(domain, stsTxt, mx, dns, options, findings);
  const tlsRpt = checkTlsRpt(rptTxt, findings);
  for (const [kind, queries] of failed) findings.push(dnsFinding(failureFinding[kind], queries.join(', ')));

  const requirement = (id: SenderRequirementId, status: Status) => ({
    requirement: id,
    status,
    label: { ...senderRequirementLabels[id] },
  });
  const order = (f: DnsFinding) => severities.indexOf(f.severity);
  return {
    schema: 'mailtls.dns/1',
    domain,
    mx: (mx ?? []).filter((r) => r.exchange !== ''),
    spf: { records: spf.records, lookups: spf.lookups },
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

function checkMx(mx: MxRecord[] | null, findings: DnsFinding[]): void {
  if (mx === null) return;
  if (mx.length === 0) findings.push(dnsFinding('mx-missing'));
  else if (mx.length === 1 && mx[0]?.exchange === '') findings.push(dnsFinding('mx-null'));
}

async function checkSpf(
  txt: string[] | null,
  dns: DnsClient,
  findings: DnsFinding[],
  tolerant: Tolerant,
): Promise<{ records: string[]; lookups: number | null; status: Status }> {
  if (txt === null) return { records: [], lookups: null, status: 'unknown' };
  const records = txt.filter(isSpfRecord);
  const [record] = records;
  if (record === undefined) {
    findings.push(dnsFinding('spf-missing'));
    return { records, lookups: null, status: 'not-met' };
  }
  if (records.length > 1) {
    findings.push(dnsFinding('spf-multiple', `${records.length} records`));
    return { records, lookups: null, status: 'not-met' };
  }
  const parsed = parseSpf(record);
  let sound = true;
  if (parsed.errors.length > 0) {
    findings.push(dnsFinding('spf-syntax', parsed.errors.join(' ')));
    sound = false;
  }
  if (parsed.all === '+') {
    findings.push(dnsFinding('spf-pass-all'));
    sound = false;
  } else if (parsed.all === '?' || (parsed.all === null && parsed.redirect === null)) {
    findings.push(dnsFinding('spf-neutral-all', parsed.all === null ? 'no all' : '?all'));
  }
  const counted = await tolerant(countSpfLookups(parsed, dns));
  if (counted === null) return { records, lookups: null, status: 'unknown' };
  if (counted.count > spfLookupLimit) {
    findings.push(dnsFinding('spf-too-many-lookups', `${counted.count} > ${spfLookupLimit}`));
    sound = false;
  }
  if (counted.missingTargets.length > 0) {
    findings.push(dnsFinding('spf-include-missing', counted.missingTargets.join(' ')));
    sound = false;
  }
  return { records, lookups: counted.count, status: sound ? 'met' : 'not-met' };
}

function checkDmarc(txt: string[] | null, findings: DnsFinding[]) {
  const summary: DnsPosture['dmarc'] = { record: null, policy: null, pct: null, rua: [] };
  if (txt === null) return { summary, status: 'unknown' as Status };
  const records = txt.filter(isDmarcRecord);
  const [record] = records;
  if (record === undefined) {
    findings.push(dnsFinding('dmarc-missing'));
    return { summary, status: 'not-met' as Status };
  }
  const parsed = parseDmarc(record);
  Object.assign(summary, { record, policy: parsed.policy, pct: parsed.pct, rua: parsed.rua });
  if (records.length > 1) {
    findings.push(dnsFinding('dmarc-multiple', `${records.length} records`));
    return { summary, status: 'not-met' as Status };
  }
  if (parsed.errors.length > 0) findings.push(dnsFinding('dmarc-invalid', parsed.errors.join('; ')));
  if (parsed.policy === 'none') findings.push(dnsFinding('dmarc-monitoring-only'));
  if (parsed.pct !== null && parsed.pct < 100)
    findings.push(dnsFinding('dmarc-partial-pct', `pct=${parsed.pct}`));
  if (parsed.rua.length === 0) findings.push(dnsFinding('dmarc-no-reports'));
  return { summary, status: (parsed.policy === null ? 'not-met' : 'met') as Status };
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
