/**
 * What `check` and `batch` test: the port list (electron/ports.ts, worded for
 * the command line) and the protocols, shared by both commands.
 */
import type {
  AuditRequest,
  IncomingPortSpec,
  IncomingProtocol,
  Language,
  MailProtocol,
} from '../contract.js';
import { incomingProtocols, mailProtocols } from '../contract-lists.js';
import {
  defaultIncomingPorts,
  parsePortList,
  portModeNames,
  type PortList,
  type PortListError,
} from '../ports.js';
import { UsageError } from './context.js';

function portListWords(error: PortListError): Record<Language, string> {
  switch (error.code) {
    case 'required':
      return { en: '--ports lists no port.', ja: '--ports にポートがありません。' };
    case 'too-many':
      return {
        en: '--ports lists more than 16 SMTP or 16 incoming ports.',
        ja: '--ports に指定できるのは SMTP・受信それぞれ 16 個までです。',
      };
    case 'number':
      return {
        en: `--ports must be a whole number from 1 to 65535 (got "${error.text}").`,
        ja: `--ports には 1 から 65535 までの整数を指定してください（指定値: "${error.text}"）。`,
      };
    case 'mode':
      return {
        en: `Unknown mode "${error.text}" for port ${error.port}: use ${portModeNames.join(', ')}.`,
        ja: `ポート ${error.port} のモード「${error.text}」は不明です。${portModeNames.join('、')} のいずれかを指定してください。`,
      };
  }
}

/** `--ports` (or a batch line's ports), or a usage error in both languages. */
export function readPortList(text: string): PortList {
  const parsed = parsePortList(text);
  if (!parsed.ok) throw new UsageError(portListWords(parsed.error));
  return parsed.value;
}

export function parseProtocols(raw: string): MailProtocol[] {
  const names = raw.split(',').map((name) => name.trim().toLowerCase());
  for (const name of names) {
    if (!(mailProtocols as readonly string[]).includes(name)) {
      throw new UsageError({
        en: `Unknown protocol "${name}" in --protocols: use smtp, imap and pop3.`,
        ja: `--protocols のプロトコル「${name}」は不明です。smtp、imap、pop3 を指定してください。`,
      });
    }
  }
  return [...new Set(names as MailProtocol[])];
}

/**
 * What to test, from --protocols and --ports: every protocol named gets the ports
 * listed for it, or its standard ports when none are listed. Without --protocols,
 * the protocols the list names (all three when there is no list). A protocol given
 * its own host (--imap-host, --pop3-host) has every one of its ports tested there.
 */
export function auditScope(
  list: PortList | undefined,
  protocols: MailProtocol[] | undefined,
  hosts: Partial<Record<IncomingProtocol, string>> = {},
): Pick<AuditRequest, 'protocols' | 'ports' | 'incomingPorts'> {
  const named: MailProtocol[] = list
    ? [
        ...(list.smtp.length > 0 ? (['smtp'] as const) : []),
        ...new Set(list.incoming.map((spec) => spec.protocol)),
      ]
    : [...mailProtocols];
  const chosen = protocols ?? named;
  // Without a list nothing was named: --protocols alone chooses (`--protocols imap` tests IMAP only).
  const stray = list ? named.find((protocol) => !chosen.includes(protocol)) : undefined;
  if (stray) {
    throw new UsageError({
      en: `--ports lists ${stray} ports, but --protocols does not include ${stray}.`,
      ja: `--ports に ${stray} のポートがありますが、--protocols に ${stray} が含まれていません。`,
    });
  }
  const incoming = incomingProtocols
    .filter((protocol) => chosen.includes(protocol))
    .flatMap((protocol): IncomingPortSpec[] => {
      const listed = list?.incoming.filter((spec) => spec.protocol === protocol) ?? [];
      const host = hosts[protocol];
      return (listed.length > 0 ? listed : defaultIncomingPorts[protocol]).map((spec) =>
        host === undefined ? spec : { ...spec, host },
      );
    });
  return {
    protocols: chosen,
    ports: list && list.smtp.length > 0 ? list.smtp : undefined,
    incomingPorts: incoming.length > 0 ? incoming : undefined,
  };
}
