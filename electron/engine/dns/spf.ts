/**
 * SPF (RFC 7208) as far as a checker from outside needs it: the record's terms,
 * whether it ends in a failing "all", and how many DNS lookups evaluating it
 * costs (the limit is 10, counted through include: and redirect=).
 */
import { isIP } from 'node:net';
import type { DnsClient } from './client.js';

export interface SpfTerm {
  qualifier: '+' | '-' | '~' | '?';
  name: string;
  value: string | null;
}

export interface ParsedSpf {
  terms: SpfTerm[];
  /** Qualifier of the "all" mechanism, null when the record has none. */
  all: SpfTerm['qualifier'] | null;
  redirect: string | null;
  /** Terms we could not make sense of (typos, unknown mechanisms). */
  errors: string[];
}

const mechanisms = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
/** Terms that cost a DNS lookup (RFC 7208 §4.6.4). */
const lookupTerms = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);
export const spfLookupLimit = 10;

/** `address` or `address/prefix` of the given IP version. */
function validNetwork(value: string | null, version: 4 | 6): boolean {
  const [address = '', prefix, ...rest] = (value ?? '').split('/');
  const maxPrefix = version === 4 ? 32 : 128;
  return (
    isIP(address) === version &&
    rest.length === 0 &&
    (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix))
  );
}

export function isSpfRecord(txt: string): boolean {
  return /^v=spf1(\s|$)/i.test(txt);
}

export function parseSpf(record: string): ParsedSpf {
  const parsed: ParsedSpf = { terms: [], all: null, redirect: null, errors: [] };
  for (const raw of record.trim().split(/\s+/).slice(1)) {
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(raw);
    if (modifier) {
      const name = (modifier[1] ?? '').toLowerCase();
      const value = modifier[2] ?? '';
      if (name === 'redirect') parsed.redirect = value;
      if (value === '') parsed.errors.push(raw);
      parsed.terms.push({ qualifier: '+', name, value });
      continue;
    }
    const mechanism = /^([+\-~?]?)([a-z0-9]+)(?:[:/](.*))?$/i.exec(raw);
    const name = (mechanism?.[2] ?? '').toLowerCase();
    if (!mechanism || !mechanisms.has(name)) {
      parsed.errors.push(raw);
      continue;
    }
    const qualifier = (mechanism[1] || '+') as SpfTerm['qualifier'];
    const value = mechanism[3] ?? null;
    if ((name === 'include' || name === 'exists') && !value) parsed.errors.push(raw);
    if ((name === 'ip4' || name === 'ip6') && !validNetwork(value, name === 'ip4' ? 4 : 6))
      parsed.errors.push(raw);
    if (name === 'all') parsed.all = qualifier;
    parsed.terms.push({ qualifier, name, value });
  }
  return parsed;
}

export interface SpfLookupCount {
  count: number;
  /** Included or redirected domains that publish no SPF record (a permerror for receivers). */
  missingTargets: string[];
}

/**
 * Counts lookup terms through include: and redirect= (macros are not expanded, like
 * internet.nl). Stops descending once past the limit, so a loop cannot run away.
 */
export async function countSpfLookups(spf: ParsedSpf, dns: DnsClient): Promise<SpfLookupCount> {
  const result: SpfLookupCount = { count: 0, missingTargets: [] };
  const seen = new Set<string>();
  async function walk(parsed: ParsedSpf): Promise<void> {
    for (const term of parsed.terms) {
      if (!lookupTerms.has(term.name) || (term.name === 'redirect' && parsed.all !== null)) continue;
      result.count += 1;
      const target = term.name === 'include' || term.name === 'redirect' ? term.value : null;
      if (!target || target.includes('%') || result.count > spfLookupLimit || seen.has(target)) continue;
      seen.add(target);
      const records = (await dns.txt(target)).filter(isSpfRecord);
      const first = records[0];
      if (first === undefined) result.missingTargets.push(target);
      else await walk(parseSpf(first));
    }
  }
  await walk(spf);
  return result;
}
