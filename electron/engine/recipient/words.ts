/** Names of verdicts and transports in both languages, for the CLI and the HTML report. */
import type { Language, RecipientMx, RecipientVerdict } from '../../contract.js';

type Text = Record<Language, string>;

export const verdictTitles: Record<RecipientVerdict, Text> = {
  enforced: { en: 'Encrypted, and enforced', ja: '暗号化され、強制されています' },
  downgradable: { en: 'Encrypted, but downgradable', ja: '暗号化されますが、解除されるおそれがあります' },
  'not-encrypted': { en: 'Not encrypted', ja: '暗号化されません' },
  unknown: { en: 'Unknown from this network', ja: 'このネットワークからは不明' },
  'no-mail': { en: 'Receives no mail', ja: 'メールを受け付けません' },
};

export const transportWords: Record<RecipientMx['transport'], Text> = {
  encrypted: { en: 'STARTTLS, encrypted', ja: 'STARTTLS で暗号化' },
  'no-starttls': { en: 'no STARTTLS (plaintext)', ja: 'STARTTLS なし（平文）' },
  'handshake-failed': {
    en: 'STARTTLS offered, handshake breaks off',
    ja: 'STARTTLS はあるが接続が確立しない',
  },
  unreachable: { en: 'port 25 unreachable', ja: 'ポート 25 に接続できない' },
};
