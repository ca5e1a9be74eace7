/**
 * The provider's own autoconfig file (Thunderbird `clientConfig` 1.1), fetched over
 * HTTPS only and without the email address in the URL. Only `outgoingServer
 * type="smtp"` entries matter here; document order is the provider's preference.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Candidate } from '../../contract.js';
import type { DnsClient } from '../dns/client.js';
import { isHostName } from '../dns/domain.js';
import { fetchHttps, type FetchOptions } from '../dns/https.js';

export type ServerSetting = Pick<Candidate, 'host' | 'port' | 'security'>;

const socketTypes: Record<string, Candidate['security']> = {
  SSL: 'implicit-tls',
  STARTTLS: 'starttls',
  plain: 'plain',
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['emailProvider', 'outgoingServer', 'socketType', 'hostname', 'port'].includes(name),
});

type XmlNode = Record<string, unknown>;

const asNodes = (value: unknown): XmlNode[] =>
  Array.isArray(value) ? value.filter((v): v is XmlNode => typeof v === 'object' && v !== null) : [];
const asTexts = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map((v) =>
        typeof v === 'object' && v !== null ? String((v as XmlNode)['#text'] ?? '') : String(v),
      )
    : [];

/**
 * SMTP servers from a clientConfig document. A DOCTYPE is refused outright (no DTDs, no
 * entity expansion), and entries with an unusable host, port or socket type are skipped.
 */
export function parseAutoconfig(xml: string, email: { localPart: string; domain: string }): ServerSetting[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('autoconfig document declares a DTD');
  const root = parser.parse(xml) as XmlNode;
  const config = root.clientConfig as XmlNode | undefined;
  const servers: ServerSetting[] = [];
  for (const provider of asNodes(config?.emailProvider)) {
    for (const server of asNodes(provider.outgoingServer)) {
      if (server['@type'] !== 'smtp') continue;
      const host = (asTexts(server.hostname)[0] ?? '')
        .replaceAll('%EMAILDOMAIN%', email.domain)
        .replaceAll('%EMAILLOCALPART%', email.localPart)
        .toLowerCase();
      const port = Number(asTexts(server.port)[0]);
      const security = asTexts(server.socketType)
        .map((t) => socketTypes[t])
        .find((s) => s !== undefined);
      if (!isHostName(host) || !Number.isInteger(port) || port < 1 || port > 65535 || !security) continue;
      servers.push({ host, port, security });
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
