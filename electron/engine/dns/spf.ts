/**
 * SPF as receivers apply it: check_host() of RFC 7208 with every mechanism and
 * modifier, macros, and the processing limits (10 DNS-querying terms, 2 void
 * lookups, 10 MX and PTR names). The same function judges a published record:
 * run without a client address, no mechanism but "all" matches, so it walks the
 * path that costs most and its counts are the ones every receiver reaches.
 */
import { BlockList, isIP } from 'node:net';
import { DnsLookupError, type DnsClient } from './client.js';

export type SpfResult = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';
type Qualifier = '+' | '-' | '~' | '?';

/** Why evaluation stopped with permerror or temperror. */
export type SpfProblemKind =
  | 'multiple-records'
  | 'syntax'
  | 'lookup-limit'
  | 'void-limit'
  | 'mx-limit'
  | 'include-missing'
  | 'include-loop'
  | 'dns';

export interface SpfProblem {
  kind: SpfProblemKind;
  /** The domain whose record (or lookup) caused it. */
  domain: string;
  /** The term, or the failed query for `dns`. */
  detail: string;
  /** Set for `dns`: what kind of failure, so callers can report it like other lookups. */
  failure?: DnsLookupError['kind'];
}

export interface SpfEvaluation {
  result: SpfResult;
  problem: SpfProblem | null;
  /** The mechanism that decided the result and the domain whose record holds it. */
  matched: { domain: string; term: string } | null;
  /** The exp= text for a fail, when the domain publishes one that expands cleanly. */
  explanation: string | null;
  /** DNS-querying terms evaluated (include, a, mx, ptr, exists, redirect). */
  lookups: number;
  /** Lookups that found no name or no record. */
  voidLookups: number;
  /** Terms RFC 7208 §5.5 and §7.3 ask publishers not to use (ptr, %{p}). */
  discouraged: { domain: string; term: string }[];
}

export interface SpfQuery {
  /**
   * The client address; null judges the published record: nothing but "all" matches,
   * and names built from the address (%{i}, %{p}…) are counted but not asked for.
   */
  ip: string | null;
  /** MAIL FROM; empty for bounces, when postmaster@HELO stands in (RFC 7208 §2.4). */
  sender: string;
  helo: string;
  /** The receiving host, for %{r} in explanations. */
  receiver?: string;
}

export type SpfResolver = Pick<DnsClient, 'txt' | 'a' | 'aaaa' | 'mx' | 'ptr'>;

export const spfLookupLimit = 10;
export const spfVoidLimit = 2;
/** MX and PTR names looked at per mechanism (RFC 7208 §4.6.4). */
const nameLimit = 10;

export function isSpfRecord(txt: string): boolean {
  return /^v=spf1( |$)/i.test(txt);
}

// ---------------------------------------------------------------- syntax (§4.6.1, §7.1, §12)

interface Mechanism {
  kind: 'mechanism';
  text: string;
  qualifier: Qualifier;
  name: 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';
  domainSpec: string | null;
  network: string | null;
  cidr4: number | null;
  cidr6: number | null;
}

export interface ParsedSpf {
  mechanisms: Mechanism[];
  redirect: string | null;
  exp: string | null;
  /** Qualifier of the "all" mechanism, null when the record has none. */
  all: Qualifier | null;
  /** Terms that make the record a permerror; empty when it is sound. */
  errors: string[];
}

const macroLetters = 'slodiphcrtv';
const explanationOnly = 'crt';

/** Whether `text` is a macro-string (§7.1); explanations also allow c, r, t and spaces. */
function isMacroString(text: string, explanation = false): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (text[i] !== '%') {
      if (code > 0x7e || code < 0x21) {
        if (!(explanation && code === 0x20)) return false;
      }
      continue;
    }
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      i += 1;
      continue;
    }
    const macro = /^\{([a-z])(\d*)(r?)([-.+,/_=]*)\}/i.exec(text.slice(i + 1));
    const letter = macro?.[1]?.toLowerCase();
    if (!macro || !letter || !macroLetters.includes(letter)) return false;
    if (!explanation && explanationOnly.includes(letter)) return false;
    if (macro[2] !== '' && Number(macro[2]) === 0) return false;
    i += macro[0].length;
  }
  return true;
}

const topLabel = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;

/** domain-spec = macro-string domain-end, where domain-end is "." toplabel ["."] or a macro. */
function isDomainSpec(spec: string): boolean {
  if (spec === '' || !isMacroString(spec)) return false;
  if (/%(?:\{[^}]*\}|[%_-])$/.test(spec)) return true;
  const trimmed = spec.endsWith('.') ? spec.slice(0, -1) : spec;
  const dot = trimmed.lastIndexOf('.');
  return dot > 0 && topLabel.test(trimmed.slice(dot + 1));
}

const qnum = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ip4Network = new RegExp(`^${qnum}(?:\\.${qnum}){3}$`);

/** A CIDR length without leading zeros, at most `max`; undefined when absent, NaN when bad. */
function cidr(text: string | undefined, max: number): number | null {
  if (text === undefined) return null;
  return /^(?:0|[1-9]\d{0,2})$/.test(text) && Number(text) <= max ? Number(text) : NaN;
}

function parseMechanism(term: string): Mechanism | null {
  const head = /^([+\-~?]?)([a-z0-9]+)(.*)$/i.exec(term);
  if (!head) return null;
  const qualifier = (head[1] || '+') as Qualifier;
  const name = (head[2] ?? '').toLowerCase();
  const rest = head[3] ?? '';
  const base = { kind: 'mechanism' as const, text: term, qualifier, domainSpec: null, network: null };
  const noCidr = { cidr4: null, cidr6: null };
  const valueAfterColon = rest.startsWith(':') ? rest.slice(1) : null;
  switch (name) {
    case 'all':
      return rest === '' ? { ...base, ...noCidr, name } : null;
    case 'include':
    case 'exists':
      return valueAfterColon !== null && isDomainSpec(valueAfterColon)
        ? { ...base, ...noCidr, name, domainSpec: valueAfterColon }
        : null;
    case 'ptr':
      if (rest === '') return { ...base, ...noCidr, name };
      return valueAfterColon !== null && isDomainSpec(valueAfterColon)
        ? { ...base, ...noCidr, name, domainSpec: valueAfterColon }
        : null;
    case 'a':
    case 'mx': {
      // The domain-spec may itself hold "/" and ":" (§7.1); only a trailing dual-cidr-length is split off.
      const parts = /^(?::(.*?))?(?:\/(\d+))?(?:\/\/(\d+))?$/.exec(rest);
      if (!parts) return null;
      const [, spec, four, six] = parts;
      const cidr4 = cidr(four, 32);
      const cidr6 = cidr(six, 128);
      if (Number.isNaN(cidr4) || Number.isNaN(cidr6)) return null;
      if (spec !== undefined && !isDomainSpec(spec)) return null;
      return { ...base, name, domainSpec: spec ?? null, cidr4, cidr6 };
    }
    case 'ip4':
    case 'ip6': {
      if (valueAfterColon === null) return null;
      const slash = valueAfterColon.lastIndexOf('/');
      const network = slash === -1 ? valueAfterColon : valueAfterColon.slice(0, slash);
      const length = slash === -1 ? undefined : valueAfterColon.slice(slash + 1);
      const valid = name === 'ip4' ? ip4Network.test(network) : isIP(network) === 6;
      const prefix = cidr(length, name === 'ip4' ? 32 : 128);
      if (!valid || Number.isNaN(prefix)) return null;
      return {
        ...base,
        name,
        network,
        cidr4: name === 'ip4' ? prefix : null,
        cidr6: name === 'ip6' ? prefix : null,
      };
    }
    default:
      return null;
  }
}

export function parseSpf(record: string): ParsedSpf {
  const parsed: ParsedSpf = { mechanisms: [], redirect: null, exp: null, all: null, errors: [] };
  // Terms are separated by spaces only (§4.6.1); any other control character is an error.
  for (const term of record.slice(6).split(' ')) {
    if (term === '') continue;
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(term);
    if (modifier) {
      const name = (modifier[1] ?? '').toLowerCase();
      const value = modifier[2] ?? '';
      if (name === 'redirect' || name === 'exp') {
        if (parsed[name] !== null || !isDomainSpec(value)) parsed.errors.push(term);
        else parsed[name] = value;
      } else if (!isMacroString(value)) parsed.errors.push(term);
      continue;
    }
    const mechanism = parseMechanism(term);
    if (!mechanism) {
      parsed.errors.push(term);
      continue;
    }
    if (mechanism.name === 'all' && parsed.all === null) parsed.all = mechanism.qualifier;
    parsed.mechanisms.push(mechanism);
  }
  return parsed;
}

// ---------------------------------------------------------------- addresses

interface Client {
  version: 4 | 6;
  /** The address as the mechanisms compare it (an IPv4-mapped IPv6 address as IPv4). */
  address: string;
  /** As given, for %{i}: receivers spell its nibbles the way the address was written. */
  given: string;
}

function clientOf(ip: string): Client | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped?.[1] ?? ip;
  const version = isIP(address);
  if (version === 4) return { version, address, given: address };
  // The URL parser writes IPv6 in its canonical RFC 5952 form (lower case, "::" once).
  const canonical = () => new URL(`http://[${address}]/`).hostname.slice(1, -1);
  return version === 6 ? { version, address: canonical(), given: address } : null;
}

function inNetwork(client: Client, network: string, prefix: number): boolean {
  const type = client.version === 4 ? 'ipv4' : 'ipv6';
  if (isIP(network) !== client.version) return false;
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return list.check(client.address, type);
}

/** The 32 nibbles of an IPv6 address, for %{i} and ip6.arpa. */
function nibbles(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const last = right.at(-1) ?? left.at(-1) ?? '';
  const embedded = last.includes('.')
    ? last
        .split('.')
        .map(Number)
        .reduce<string[]>((out, byte, i) => {
          if (i % 2 === 0) out.push('');
          out[out.length - 1] += byte.toString(16).padStart(2, '0');
          return out;
        }, [])
    : null;
  if (embedded) (right.length > 0 ? right : left).splice(-1, 1, ...embedded);
  const fill = Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].flatMap((group) => [...group.padStart(4, '0')]);
}

// ---------------------------------------------------------------- evaluation

class Stop extends Error {
  constructor(
    readonly result: 'permerror' | 'temperror',
    readonly problem: SpfProblem,
  ) {
    super(problem.kind);
  }
}

interface State {
  dns: SpfResolver;
  client: Client | null;
  sender: { local: string; domain: string; full: string };
  helo: string;
  receiver: string;
  lookups: number;
  voids: number;
  discouraged: { domain: string; term: string }[];
  /** The client's validated names, looked up once however many %{p} and ptr terms ask. */
  names: Promise<string[]> | null;
}

const maxDomainLength = 253;

/** A name check_host() will look up: at most 253 characters, labels of 1–63, two or more labels. */
function isQueryableDomain(domain: string): boolean {
  const name = domain.replace(/\.$/, '');
  const labels = name.split('.');
  return (
    name.length <= maxDomainLength &&
    labels.length >= 2 &&
    labels.every((label) => label.length > 0 && label.length <= 63)
  );
}

async function lookup<T>(domain: string, query: Promise<T[]>): Promise<T[]> {
  try {
    return await query;
  } catch (error) {
    // A name no DNS query can carry (a space, an over-long label) does not exist.
    if (error instanceof DnsLookupError && error.code === 'EBADNAME') return [];
    if (error instanceof DnsLookupError)
      throw new Stop('temperror', { kind: 'dns', domain, detail: error.query, failure: error.kind });
    throw error;
  }
}

/** Counts a void answer; the third one ends evaluation (§4.6.4). */
function countVoid<T>(state: State, domain: string, term: string, answers: T[]): T[] {
  if (answers.length === 0 && ++state.voids > spfVoidLimit)
    throw new Stop('permerror', { kind: 'void-limit', domain, detail: term });
  return answers;
}

function countLookup(state: State, domain: string, term: string): void {
  if (++state.lookups > spfLookupLimit)
    throw new Stop('permerror', { kind: 'lookup-limit', domain, detail: term });
}

async function addressesOf(state: State, name: string): Promise<string[]> {
  const version = state.client?.version ?? 4;
  return version === 4 ? state.dns.a(name) : state.dns.aaaa(name);
}

/** %{p}: a name of the client address whose forward lookup leads back to it (§7.3). */
async function validatedName(state: State, client: Client, target: string): Promise<string> {
  const names = await validatedNames(state, client);
  return (
    names.find((name) => name === target) ??
    names.find((name) => name.endsWith(`.${target}`)) ??
    names[0] ??
    'unknown'
  );
}

function validatedNames(state: State, client: Client): Promise<string[]> {
  state.names ??= lookUpValidatedNames(state, client);
  return state.names;
}

async function lookUpValidatedNames(state: State, client: Client): Promise<string[]> {
  let names: string[];
  try {
    names = (await state.dns.ptr(client.address)).slice(0, nameLimit);
  } catch (error) {
    // A failed PTR lookup is no match, never an error (§5.5).
    if (error instanceof DnsLookupError) return [];
    throw error;
  }
  const validated: string[] = [];
  for (const name of names) {
    try {
      const addresses = await addressesOf(state, name);
      if (addresses.some((address) => clientOf(address)?.address === client.address))
        validated.push(name.toLowerCase().replace(/\.$/, ''));
    } catch (error) {
      if (!(error instanceof DnsLookupError)) throw error;
    }
  }
  return validated;
}

/** Whether a domain-spec needs the client address to expand. */
function dependsOnClient(spec: string): boolean {
  return /%\{[ipvc]/i.test(spec);
}

async function expand(state: State, text: string, domain: string, explanation: boolean): Promise<string> {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (char !== '%') {
      out += char;
      continue;
    }
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      out += next === '%' ? '%' : next === '_' ? ' ' : '%20';
      i += 1;
      continue;
    }
    const macro = /^\{([a-z])(\d*)(r?)([-.+,/_=]*)\}/i.exec(text.slice(i + 1));
    if (!macro) throw new Error('expand() is only called on checked macro strings');
    i += macro[0].length;
    const letter = macro[1] ?? '';
    const value = await macroValue(state, letter.toLowerCase(), domain, explanation);
    let parts = value.split(new RegExp(`[${(macro[4] || '.').replace(/[-\\\]^]/g, '\\$&')}]`));
    if (macro[3] !== '') parts = parts.reverse();
    if (macro[2] !== '') parts = parts.slice(-Number(macro[2]));
    const joined = parts.join('.');
    // An upper-case letter asks for URL escaping (§7.3).
    out +=
      letter === letter.toUpperCase() ? encodeURIComponent(joined).replace(/[!'()*]/g, escapeChar) : joined;
  }
  return out;
}

function escapeChar(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

async function macroValue(
  state: State,
  letter: string,
  domain: string,
  explanation: boolean,
): Promise<string> {
  const client = state.client;
  switch (letter) {
    case 's':
      return state.sender.full;
    case 'l':
      return state.sender.local;
    case 'o':
      return state.sender.domain;
    case 'd':
      return domain;
    case 'h':
      return state.helo;
    case 'i':
      if (!client) return '';
      return client.version === 4 ? client.address : nibbles(client.given).join('.');
    case 'v':
      return client?.version === 6 ? 'ip6' : 'in-addr';
    case 'p':
      return client ? validatedName(state, client, domain.toLowerCase()) : 'unknown';
    case 'c':
      return client?.address ?? '';
    case 'r':
      return explanation ? state.receiver : '';
    case 't':
      return String(Math.floor(Date.now() / 1000));
    default:
      return '';
  }
}

/** Expands a domain-spec and trims it to 253 characters by dropping labels from the left (§7.3). */
async function targetName(state: State, spec: string, domain: string): Promise<string> {
  let name = (await expand(state, spec, domain, false)).replace(/\.$/, '');
  while (name.length > maxDomainLength && name.includes('.')) name = name.slice(name.indexOf('.') + 1);
  return name;
}

interface Outcome {
  result: SpfResult;
  matched: SpfEvaluation['matched'];
  explanation: string | null;
}

const resultOf: Record<Qualifier, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

/**
 * check_host() for one domain; `chain` holds the domains above it, to catch loops, and
 * `via` the include or redirect that led here, whose empty answer is a void lookup.
 */
async function checkHost(
  state: State,
  domain: string,
  chain: string[],
  via?: { domain: string; term: string },
): Promise<Outcome> {
  const none: Outcome = { result: 'none', matched: null, explanation: null };
  if (!isQueryableDomain(domain)) return none;
  const answers = await lookup(via?.domain ?? domain, state.dns.txt(domain));
  if (via) countVoid(state, via.domain, via.term, answers);
  const records = answers.filter(isSpfRecord);
  const [record] = records;
  if (record === undefined) return none;
  if (records.length > 1)
    throw new Stop('permerror', { kind: 'multiple-records', domain, detail: `${records.length}` });
  const parsed = parseSpf(record);
  if (parsed.errors.length > 0)
    throw new Stop('permerror', { kind: 'syntax', domain, detail: parsed.errors.join(' ') });

  for (const mechanism of parsed.mechanisms) {
    if (await matches(state, mechanism, domain, [...chain, domain])) {
      const result = resultOf[mechanism.qualifier];
      const explanation =
        result === 'fail' && parsed.exp !== null ? await explain(state, parsed.exp, domain) : null;
      return { result, matched: { domain, term: mechanism.text }, explanation };
    }
  }
  // "redirect" is ignored when the record has an "all" (§6.1).
  if (parsed.redirect === null || parsed.all !== null)
    return { result: 'neutral', matched: null, explanation: null };
  const term = `redirect=${parsed.redirect}`;
  countLookup(state, domain, term);
  const target = await targetName(state, parsed.redirect, domain);
  if (chain.includes(target) || target === domain)
    throw new Stop('permerror', { kind: 'include-loop', domain, detail: term });
  const outcome = await checkHost(state, target, [...chain, domain], { domain, term });
  if (outcome.result === 'none')
    throw new Stop('permerror', { kind: 'include-missing', domain, detail: term });
  return outcome;
}

async function matches(
  state: State,
  mechanism: Mechanism,
  domain: string,
  chain: string[],
): Promise<boolean> {
  const { client } = state;
  const term = mechanism.text;
  if (mechanism.name === 'all') return true;
  if (mechanism.name === 'ip4' || mechanism.name === 'ip6') {
    const prefix = mechanism.cidr4 ?? mechanism.cidr6 ?? (mechanism.name === 'ip4' ? 32 : 128);
    return client !== null && inNetwork(client, mechanism.network ?? '', prefix);
  }
  countLookup(state, domain, term);
  const spec = mechanism.domainSpec;
  // Judging a record with no client: a name built from the address cannot be asked for.
  if (client === null && spec !== null && dependsOnClient(spec)) return false;
  const target = spec === null ? domain : await targetName(state, spec, domain);
  switch (mechanism.name) {
    case 'include': {
      if (chain.includes(target)) throw new Stop('permerror', { kind: 'include-loop', domain, detail: term });
      const inner = await checkHost(state, target, chain, { domain, term });
      if (inner.result === 'none')
        throw new Stop('permerror', { kind: 'include-missing', domain, detail: term });
      return inner.result === 'pass';
    }
    case 'exists': {
      const found = countVoid(state, domain, term, await lookup(domain, state.dns.a(target)));
      return client !== null && found.length > 0;
    }
    case 'a': {
      const addresses = countVoid(state, domain, term, await lookup(domain, addressesOf(state, target)));
      return addresses.some((address) => withinCidr(client, address, mechanism));
    }
    case 'mx': {
      const exchanges = countVoid(state, domain, term, await lookup(domain, state.dns.mx(target)))
        .map((mx) => mx.exchange)
        .filter((exchange) => exchange !== '');
      if (exchanges.length > nameLimit)
        throw new Stop('permerror', { kind: 'mx-limit', domain, detail: `${term} (${exchanges.length})` });
      for (const exchange of exchanges) {
        const addresses = await lookup(domain, addressesOf(state, exchange));
        if (addresses.some((address) => withinCidr(client, address, mechanism))) return true;
      }
      return false;
    }
    case 'ptr': {
      state.discouraged.push({ domain, term });
      if (client === null) return false;
      const names = await validatedNames(state, client);
      const wanted = target.toLowerCase();
      return names.some((name) => name === wanted || name.endsWith(`.${wanted}`));
    }
  }
}

function withinCidr(client: Client | null, address: string, mechanism: Mechanism): boolean {
  if (client === null) return false;
  const prefix = client.version === 4 ? (mechanism.cidr4 ?? 32) : (mechanism.cidr6 ?? 128);
  return inNetwork(client, address, prefix);
}

/** The exp= text (§6.2); any problem with it means no explanation, never an error. */
async function explain(state: State, spec: string, domain: string): Promise<string | null> {
  try {
    const name = await targetName(state, spec, domain);
    if (!isQueryableDomain(name)) return null;
    const records = await state.dns.txt(name);
    const [text] = records;
    if (records.length !== 1 || text === undefined || !isMacroString(text, true)) return null;
    return await expand(state, text, domain, true);
  } catch (error) {
    if (error instanceof DnsLookupError || error instanceof Stop) return null;
    throw error;
  }
}

/** Splits the envelope sender; an empty local part becomes "postmaster" (§4.3). */
function senderOf(sender: string, helo: string): State['sender'] {
  const full = sender.includes('@') ? sender : sender === '' ? `postmaster@${helo}` : `postmaster@${sender}`;
  const at = full.lastIndexOf('@');
  const local = full.slice(0, at) || 'postmaster';
  const domain = full.slice(at + 1);
  return { local, domain, full: `${local}@${domain}` };
}

/** check_host() for the sender's domain (or the HELO name for bounces), as a receiver runs it. */
export async function evaluateSpf(dns: SpfResolver, query: SpfQuery): Promise<SpfEvaluation> {
  const sender = senderOf(query.sender, query.helo);
  const state: State = {
    dns,
    client: query.ip === null ? null : clientOf(query.ip),
    sender,
    helo: query.helo,
    receiver: query.receiver ?? 'unknown',
    lookups: 0,
    voids: 0,
    discouraged: [],
    names: null,
  };
  const counts = () => ({ lookups: state.lookups, voidLookups: state.voids, discouraged: state.discouraged });
  try {
    const outcome = await checkHost(state, sender.domain.toLowerCase(), []);
    return { ...outcome, problem: null, ...counts() };
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return {
      result: error.result,
      problem: error.problem,
      matched: null,
      explanation: null,
      ...counts(),
    };
  }
}
