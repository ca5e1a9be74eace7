/**
 * From an email address to candidate SMTP settings. All sources run in parallel
 * and every candidate says where it came from and whether it can be trusted
 * without asking the user (RFC 8314 §5.1, RFC 6186 §6): built-in presets and
 * HTTPS autoconfig with a valid certificate are trusted; DNS answers only with
 * DNSSEC. Best first: preset > autoconfig > SRV > MX > guess, implicit TLS before
 * STARTTLS, and plaintext never first.
 */
import type { Candidate, DiscoverResult, IncomingProtocol, Preset } from '../../contract.js';
import { createDnsClient, DnsLookupError, type DnsClient } from '../dns/client.js';
import { isHostName, parseEmail } from '../dns/domain.js';
import { fromAutoconfig, type IncomingCandidate } from './autoconfig.js';
import { presets, presetsById, presetsForDomain } from './presets.js';

export interface DiscoverOptions {
  /** `IP:PORT` of the resolver to ask; the system resolver otherwise. */
  dnsServer?: string;
  /** Extra trusted CA (PEM) for the autoconfig hosts. */
  caPem?: string;
  signal?: AbortSignal;
  /** Deadline for each DNS lookup and each HTTPS fetch, in milliseconds. */
  timeoutMs?: number;
  /** Test seam: the port that stands in for 443 when fetching autoconfig files. */
  httpsPort?: number;
}

export function listPresets(): Preset[] {
  return presets.map((p) => structuredClone(p));
}

const sourceRank: Record<Candidate['source'], number> = { preset: 0, autoconfig: 1, srv: 2, mx: 3, guess: 4 };
const securityRank: Record<Candidate['security'], number> = { 'implicit-tls': 0, starttls: 1, plain: 2 };

/** Stable ranking, then the first of each host/port/security kept. */
export function rankCandidates<C extends Candidate>(candidates: C[]): C[] {
  const sorted = candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort(
      (a, b) =>
        Number(a.candidate.security === 'plain') - Number(b.candidate.security === 'plain') ||
        sourceRank[a.candidate.source] - sourceRank[b.candidate.source] ||
        securityRank[a.candidate.security] - securityRank[b.candidate.security] ||
        a.index - b.index,
    );
  const seen = new Set<string>();
  return sorted
    .map((s) => s.candidate)
    .filter((c) => {
      const key = `${c.host}:${c.port}:${c.security}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export async function discover(email: string, options: DiscoverOptions = {}): Promise<DiscoverResult> {
  const address = parseEmail(email);
  const { domain } = address;
  const dns = createDnsClient(options);

  const [fromPresets, autoconfig, srv, mx, incomingSrv] = await Promise.all([
    presetsForDomain(domain).map((p) => presetCandidate(p, 'preset', true, p.sourceUrl)),
    quiet(
      fromAutoconfig(address, dns, {
        caPem: options.caPem,
        port: options.httpsPort,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      }),
      { outgoing: [], incoming: [] },
    ),
    quiet(fromSrv(domain, dns), []),
    quiet(fromMx(domain, dns), []),
    quiet(fromIncomingSrv(domain, dns), []),
  ]);
  const found = [...fromPresets, ...autoconfig.outgoing, ...srv, ...mx];
  const incoming = rankCandidates([...autoconfig.incoming, ...incomingSrv]);
  // Guessing host names is the last resort, as in Thunderbird: only when nothing else answered.
  return {
    candidates: rankCandidates(found.length > 0 ? found : await resolvingGuesses(domain, dns)),
    ...(incoming.length > 0 ? { incoming } : {}),
  };
}

/** A source whose DNS lookup fails simply contributes nothing; cancellation and bugs still surface. */
async function quiet<T>(source: Promise<T>, nothing: T): Promise<T> {
  try {
    return await source;
  } catch (error) {
    if (error instanceof DnsLookupError) return nothing;
    throw error;
  }
}

function presetCandidate(
  preset: Preset,
  source: Candidate['source'],
  trusted: boolean,
  origin: string,
): Candidate {
  return { host: preset.host, port: preset.port, security: preset.security, source, trusted, origin };
}

interface SrvService {
  label: string;
  security: Candidate['security'];
}

const srvServices: SrvService[] = [
  { label: '_submissions._tcp', security: 'implicit-tls' },
  { label: '_submission._tcp', security: 'starttls' },
];

/** RFC 6186 §3.2/§3.3 and RFC 8314 §5.1: the incoming services, implicit TLS first. */
const incomingSrvServices: Array<SrvService & { protocol: IncomingProtocol }> = [
  { label: '_imaps._tcp', security: 'implicit-tls', protocol: 'imap' },
  { label: '_imap._tcp', security: 'starttls', protocol: 'imap' },
  { label: '_pop3s._tcp', security: 'implicit-tls', protocol: 'pop3' },
  { label: '_pop3._tcp', security: 'starttls', protocol: 'pop3' },
];

/**
 * RFC 6186/8314 SRV records: lowest priority first and, within a priority, the heavier
 * weight first (a list cannot express RFC 2782's weighted random pick; msmtp orders the
 * same way). A lone "." target means the service is deliberately not offered.
 */
async function srvCandidates<S extends SrvService>(
  domain: string,
  dns: DnsClient,
  services: S[],
): Promise<Array<Candidate & { service: S }>> {
  const perService = await Promise.all(
    services.map(async (service) => {
      const name = `${service.label}.${domain}`;
      const records = await dns.srv(name);
      const offered = records
        .map((r) => ({ ...r, name: r.name.replace(/\.$/, '').toLowerCase() }))
        .filter((r) => r.name !== '' && isHostName(r.name) && r.port > 0);
      if (offered.length === 0) return [];
      const trusted = await dns.authenticated(name, 'SRV');
      return offered
        .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
        .map((r) => ({
          host: r.name,
          port: r.port,
          security: service.security,
          source: 'srv' as const,
          trusted,
          origin: `${name} SRV ${r.priority} ${r.weight} ${r.port} ${r.name}`,
          service,
        }));
    }),
  );
  return perService.flat();
}

export async function fromSrv(domain: string, dns: DnsClient): Promise<Candidate[]> {
  return (await srvCandidates(domain, dns, srvServices)).map(
    ({ service: _service, ...candidate }) => candidate,
  );
}

/** Incoming servers from `_imaps`, `_imap`, `_pop3s` and `_pop3` SRV records (RFC 6186). */
export async function fromIncomingSrv(domain: string, dns: DnsClient): Promise<IncomingCandidate[]> {
  return (await srvCandidates(domain, dns, incomingSrvServices)).map(({ service, ...candidate }) => ({
    ...candidate,
    protocol: service.protocol,
  }));
}

const mxProviders = [
  { pattern: /(^|\.)(google\.com|googlemail\.com)$/, presetIds: ['gmail-465', 'gmail-587'] },
  { pattern: /\.mail\.protection\.outlook\.com$/, presetIds: ['microsoft-365'] },
];

/** The presets of the provider an MX host belongs to: a known pattern, else an MX under a preset's domain. */
export function presetsForMx(exchange: string): Preset[] {
  const host = exchange.replace(/\.$/, '').toLowerCase();
  const listed = mxProviders.find((p) => p.pattern.test(host));
  if (listed) return presetsById(...listed.presetIds);
  return presets.filter((p) => p.domains.some((d) => host === d || host.endsWith(`.${d}`)));
}

/** A domain whose most-preferred MX is a known provider sends through that provider. */
export async function fromMx(domain: string, dns: DnsClient): Promise<Candidate[]> {
  const [best] = await dns.mx(domain);
  if (!best || best.exchange === '') return [];
  const matched = presetsForMx(best.exchange);
  if (matched.length === 0) return [];
  const trusted = await dns.authenticated(domain, 'MX');
  return matched.map((p) => presetCandidate(p, 'mx', trusted, `MX ${best.exchange} → ${p.sourceUrl}`));
}

/** The guesses whose host name resolves: a name that does not exist is not worth offering or testing. */
export async function resolvingGuesses(domain: string, dns: DnsClient): Promise<Candidate[]> {
  const all = guesses(domain);
  const hosts = [...new Set(all.map((c) => c.host))];
  const found = await Promise.all(
    hosts.map(async (host) => (await quiet(dns.addresses(host), [])).length > 0),
  );
  const resolving = hosts.filter((_, i) => found[i]);
  return all.filter((c) => resolving.includes(c.host));
}

/** smtp.<domain> and mail.<domain>, implicit TLS on 465 and STARTTLS on 587; never plaintext. */
export function guesses(domain: string): Candidate[] {
  return ['smtp', 'mail'].flatMap((prefix) =>
    (
      [
        [465, 'implicit-tls'],
        [587, 'starttls'],
      ] as const
    ).map(([port, security]): Candidate => ({
      host: `${prefix}.${domain}`,
      port,
      security,
      source: 'guess',
      trusted: false,
      origin: `${prefix}.${domain}`,
    })),
  );
}
