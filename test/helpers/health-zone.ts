/**
 * The zone behind the domain-health tests (store and Chromium): good.test has SPF,
 * DMARC p=reject and a 2048-bit DKIM key under the selector "mail"; weak.test has
 * no SPF and only a monitoring DMARC policy. Neither publishes MTA-STS, whose
 * policy would need HTTPS on port 443.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { DnsZone } from './dns-server.js';

export const goodSelector = 'mail';

function dkimRecord(bits: number): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
}

export function healthZone(): DnsZone {
  return {
    'good.test': {
      // Deliberately out of order: the view lists them by preference.
      MX: [
        { priority: 20, exchange: 'mx2.good.test' },
        { priority: 10, exchange: 'mx1.good.test' },
      ],
      TXT: ['v=spf1 ip4:192.0.2.0/24 -all'],
    },
    '_dmarc.good.test': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@good.test'] },
    // The submission server, whose address the view offers as a guess for the SPF check.
    'smtp.good.test': { A: ['192.0.2.25'] },
    [`${goodSelector}._domainkey.good.test`]: { TXT: [dkimRecord(2048)] },
    '_smtp._tls.good.test': { TXT: ['v=TLSRPTv1; rua=mailto:tls@good.test'] },
    'weak.test': { MX: [{ priority: 10, exchange: 'mx.weak.test' }], TXT: ['site-verification=abc'] },
    '_dmarc.weak.test': { TXT: ['v=DMARC1; p=none'] },
  };
}

/**
 * Issue 19's reproductions, each a domain shaped after a real-world mistake that
 * receivers answer with permerror or by not applying DMARC. Every domain but the
 * DMARC and MX ones has an otherwise sound DMARC record, so its SPF finding stands out.
 */
export function reproductionZone(): DnsZone {
  const dmarc = (domain: string) => ({
    [`_dmarc.${domain}`]: { TXT: ['v=DMARC1; p=reject; rua=mailto:d@' + domain] },
  });
  const mx = (domain: string) => [{ priority: 10, exchange: `mx.${domain}` }];
  const host = { A: ['192.0.2.25'] };
  return {
    // 1. a includes b includes a.
    'loop.test': { MX: mx('loop.test'), TXT: ['v=spf1 include:b.loop.test -all'] },
    'b.loop.test': { TXT: ['v=spf1 include:loop.test -all'] },
    ...dmarc('loop.test'),
    // 2. Two includes share one record with four a: terms: 2 × (1 + 4) + 2 = 12 lookups.
    'diamond.test': {
      MX: mx('diamond.test'),
      TXT: ['v=spf1 include:left.diamond.test include:right.diamond.test -all'],
    },
    'left.diamond.test': { TXT: ['v=spf1 include:shared.diamond.test -all'] },
    'right.diamond.test': { TXT: ['v=spf1 include:shared.diamond.test -all'] },
    'shared.diamond.test': {
      TXT: ['v=spf1 a:h1.diamond.test a:h2.diamond.test a:h3.diamond.test a:h4.diamond.test -all'],
    },
    'h1.diamond.test': host,
    'h2.diamond.test': host,
    'h3.diamond.test': host,
    'h4.diamond.test': host,
    ...dmarc('diamond.test'),
    // 3. Three names that do not exist.
    'void.test': {
      MX: mx('void.test'),
      TXT: ['v=spf1 a:gone1.void.test a:gone2.void.test include:gone3.void.test -all'],
    },
    ...dmarc('void.test'),
    // 4. A macro letter RFC 7208 §7.1 does not have.
    'macro.test': { MX: mx('macro.test'), TXT: ['v=spf1 exists:%{q}.macro.test -all'] },
    ...dmarc('macro.test'),
    // 5. ptr, which §5.5 says not to publish.
    'ptr.test': { MX: mx('ptr.test'), TXT: ['v=spf1 ptr ip4:192.0.2.0/24 -all'] },
    ...dmarc('ptr.test'),
    // 6. DMARC: sp=none, a report domain elsewhere without its authorization record,
    //    two records, v= not first; and one authorized external report domain.
    'subnone.test': { MX: mx('subnone.test'), TXT: ['v=spf1 mx -all'] },
    '_dmarc.subnone.test': {
      TXT: ['v=DMARC1; p=reject; sp=none; adkim=s; rua=mailto:agg@reports.example.net'],
    },
    'authorized.test': { MX: mx('authorized.test'), TXT: ['v=spf1 mx -all'] },
    '_dmarc.authorized.test': { TXT: ['v=DMARC1; p=quarantine; rua=mailto:agg@reports.example.net'] },
    'authorized.test._report._dmarc.reports.example.net': { TXT: ['v=DMARC1'] },
    'twodmarc.test': { MX: mx('twodmarc.test'), TXT: ['v=spf1 mx -all'] },
    '_dmarc.twodmarc.test': {
      TXT: ['v=DMARC1; p=reject; rua=mailto:d@twodmarc.test', 'v=DMARC1; p=none; rua=mailto:d@twodmarc.test'],
    },
    'vlate.test': { MX: mx('vlate.test'), TXT: ['v=spf1 mx -all'] },
    '_dmarc.vlate.test': { TXT: ['p=reject; v=DMARC1; rua=mailto:d@vlate.test'] },
    // 7. MX: a null MX beside a real one, an MX that is an alias, a domain that receives no mail.
    'halfnull.test': {
      MX: [
        { priority: 0, exchange: '.' },
        { priority: 10, exchange: 'mx.halfnull.test' },
      ],
      TXT: ['v=spf1 -all'],
    },
    ...dmarc('halfnull.test'),
    'alias.test': { MX: mx('alias.test'), TXT: ['v=spf1 -all'] },
    'mx.alias.test': { CNAME: 'host.alias.test' },
    'host.alias.test': host,
    ...dmarc('alias.test'),
    'parked.test': { MX: [{ priority: 0, exchange: '.' }], TXT: ['v=spf1 -all'] },
    ...dmarc('parked.test'),
    // 8. A typo and an include of a domain without SPF: both permerror.
    'typo.test': { MX: mx('typo.test'), TXT: ['v=spf1 inlcude:_spf.typo.test -all'] },
    ...dmarc('typo.test'),
    'noinclude.test': { MX: mx('noinclude.test'), TXT: ['v=spf1 include:nothing.noinclude.test -all'] },
    'nothing.noinclude.test': host,
    ...dmarc('noinclude.test'),
    // "Would mail from this address pass?": the submission server's address is inside the record.
    'sender.test': { MX: mx('sender.test'), TXT: ['v=spf1 a:smtp.sender.test ~all'] },
    'smtp.sender.test': { A: ['192.0.2.25'] },
    ...dmarc('sender.test'),
  };
}
