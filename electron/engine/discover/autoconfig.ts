/**
 * The provider's own autoconfig file (Thunderbird `clientConfig` 1.1), fetched over
 * HTTPS only and without the email address in the URL. Only `outgoingServer
 * type="smtp"` entries matter here; document order is the provider's preference.
 */
import type { Candidate } from '../../contract.js';
import type { DnsClient } from '../dns/client.js';
import { isHostName } from '../dns/domain.js';
import { fetchHttps, type FetchOptions } from '../dns/https.js';
import { attribute, children, childText, childTexts, parseXml } from '../safe-input.js';

export type ServerSetting = Pick<Candidate, 'host' | 'port' | 'security'>;

const socketTypes: Record<string, Candidate['security']> = {
  SSL: 'implicit-tls',
  STARTTLS: 'starttls',
  plain: 'plain',
};

/**
 * SMTP servers from a clientConfig document, read with the same defences as imported
 * files (size cap, no DTD or entities); entries with an unusable host, port or socket
 * type are skipped.
 */
export function parseAutoconfig(xml: string, email: { localPart: string; domain: string }): ServerSetting[] {
  const servers: ServerSetting[] = [];
  for (const config of children(parseXml(xml), 'clientConfig')) {
    for (const provider of children(config, 'emailProvider')) {
      for (const server of children(provider, 'outgoingServer')) {
        if (attribute(server, 'type') !== 'smtp') continue;
        const host = (childText(server, 'hostname') ?? '')
          .replaceAll('%EMAILDOMAIN%', email.domain)
          .replaceAll('%EMAILLOCALPART%', email.localPart)
          .toLowerCase();
        const port = Number(childText(server, 'port'));
        const security = childTexts(server, 'socketType')
          .map((t) => socketTypes[t])
          .find((s) => s !== undefined);
        if (!isHostName(host) || !Number.isInteger(port) || port < 1 || port > 65535 || !security) continue;
        servers.push({ host, port, security });
      }
    }
  }
  return servers;
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
): Promise<Candidate[]> {
  const attempts = await Promise.allSettled(
    autoconfigUrls(email.domain).map(async (url) => {
      const { body } = await fetchHttps(url, { ...options, dns, maxBytes: 256 * 1024 });
      return parseAutoconfig(body, email).map((s): Candidate => ({
        ...s,
        source: 'autoconfig',
        trusted: true,
        origin: url.href,
      }));
    }),
  );
  for (const attempt of attempts) {
    if (attempt.status === 'fulfilled' && attempt.value.length > 0) return attempt.value;
  }
  return [];
}
