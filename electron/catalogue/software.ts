/**
 * The mail server software a port names in its greeting or EHLO reply, so that a
 * fix can be written in that software's own settings. Only what the server says
 * about itself is used; when it says nothing recognisable the fix stays neutral.
 */
import type { AuditReport } from '../contract.js';

export const serverSoftwares = ['postfix', 'exim', 'dovecot', 'sendmail', 'exchange', 'opensmtpd'] as const;
export type ServerSoftware = (typeof serverSoftwares)[number];

const signatures: ReadonlyArray<[ServerSoftware, RegExp]> = [
  ['postfix', /\bpostfix\b/i],
  ['exim', /\bexim\b/i],
  ['dovecot', /\bdovecot\b/i],
  ['sendmail', /\bsendmail\b/i],
  ['exchange', /\bmicrosoft\b.*\b(esmtp|exchange)\b|\bexchange server\b/i],
  ['opensmtpd', /\bopensmtpd\b/i],
];

/** The software named by the first port whose banner or EHLO lines name one. */
export function serverSoftware(report: Pick<AuditReport, 'ports'>): ServerSoftware | null {
  for (const port of report.ports) {
    const said = [port.banner ?? '', ...(port.ehlo.beforeTls ?? []), ...(port.ehlo.afterTls ?? [])].join(
      '\n',
    );
    for (const [software, signature] of signatures) if (signature.test(said)) return software;
  }
  return null;
}
