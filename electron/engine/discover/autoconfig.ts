/**
 * The provider's own autoconfig file (Thunderbird `clientConfig` 1.1), fetched over
 * HTTPS only and without the email address in the URL: its `outgoingServer
 * type="smtp"` entries, and (issue 14) its `incomingServer type="imap|pop3"` entries.
 * Document order is the provider's preference.
 */
import type { Candidate, IncomingProtocol } from '../../contract.js';
import type { DnsClient } from '../dns/client.js';
import { isHostName } from '../dns/domain.js';
import { fetchHttps, type FetchOptions } from '../dns/https.js';
import { attribute, children, childText, childTexts, parseXml } from '../core/safe-input.js';

export type ServerSetting = Pick<Candidate, 'host' | 'port' | 'security'>;
export type IncomingCandidate = Candidate & { protocol: IncomingProtocol };

const socketTypes: Record<string, Candidate['security']> = {
  SSL: 'implicit-tls',
  STARTTLS: 'starttls',
  plain: 'plain',
};

/**
 * Servers of one kind from a clientConfig document, read with the same defences as
 * imported files (size cap, no DTD or entities); entries with an unusable host, port
 * or socket type are skipped.
 */
function parseServers(
  xml: string,
  email: { localPart: string; domain: string },
  element: 'outgoingServer' | 'incomingServer',
  types: readonly string[],
): Array<ServerSetting & { type: string }> {
  const servers: Array<ServerSetting & { type: string }> = [];
  for (const config of children(parseXml(xml), 'clientConfig')) {
    for (const provider of children(config, 'emailProvider')) {
      for (const server of children(provider, element)) {
        const type = attribute(server, 'type') ?? '';
        if (!types.includes(type)) continue;
        const host = (childText(server, 'hostname') ?? '')
          .replaceAll('%EMAILDOMAIN%', email.domain)
          .replaceAll('%EMAILLOCALPART%', email.localPart)
          .toLowerCase();
        const port = Number(childText(server, 'port'));
        const security = childTexts(server, 'socketType')
          .map((t) => socketTypes[t])
          .find((s) => s !== undefined);
        if (!isHostName(host) || !Number.isInteger(port) || port < 1 || port > 65535 || !security) continue;
        servers.push({ host, port, security, type });
      }
    }
  }
  return servers;
}

/** SMTP servers from a clientConfig document. */
export function parseAutoconfig(xml: string, email: { localPart: string; domain: string }): ServerSetting[] {
  return parseServers(xml, email, 'outgoingServer', ['smtp']).map(({ host, port, security }) => ({
    host,
    port,
    security,
  }));
}

/** IMAP and POP3 servers from a clientConfig document. */
export function parseAutoconfigIncoming(
  xml: string,
  email: { localPart: string; domain: string },
): Array<ServerSetting & { protocol: IncomingProtocol }> {
  return parseServers(xml, email, 'incomingServer', ['imap', 'pop3']).map(({ type, ...server }) => ({
    ...server,
    protocol: type as IncomingProtocol,
  }));
}

/** The two HTTPS locations Thunderbird and K-9 use, in their priority order. */
export function autoconfigUrls(domain: string): URL[] {
  return [
    new URL(`https://autoconfig.${domain}/mail/config-v1.1.xml`),
    new URL(`https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml`),
  ];
}

/** Candidates from the first location that answers with usable servers; none when neither does. */
export async function fromAutoconfig(
  email: { localPart: string; domain: string },
  dns: DnsClient,
  options: Omit<FetchOptions, 'dns'>,
): Promise<{ outgoing: Candidate[]; incoming: IncomingCandidate[] }> {
  const attempts = await Promise.allSettled(
    autoconfigUrls(email.domain).map(async (url) => {
      const { body } = await fetchHttps(url, { ...options, dns, maxBytes: 256 * 1024 });
      const origin = { source: 'autoconfig', trusted: true, origin: url.href } as const;
      return {
        outgoing: parseAutoconfig(body, email).map((s): Candidate => ({ ...s, ...origin })),
        incoming: parseAutoconfigIncoming(body, email).map((s): IncomingCandidate => ({ ...s, ...origin })),
      };
    }),
  );
  for (const attempt of attempts) {
    if (attempt.status === 'fulfilled' && attempt.value.outgoing.length + attempt.value.incoming.length > 0) {
      return attempt.value;
    }
  }
  return { outgoing: [], incoming: [] };
}
