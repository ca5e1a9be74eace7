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
    [`${goodSelector}._domainkey.good.test`]: { TXT: [dkimRecord(2048)] },
    '_smtp._tls.good.test': { TXT: ['v=TLSRPTv1; rua=mailto:tls@good.test'] },
    'weak.test': { MX: [{ priority: 10, exchange: 'mx.weak.test' }], TXT: ['site-verification=abc'] },
    '_dmarc.weak.test': { TXT: ['v=DMARC1; p=none'] },
  };
}
