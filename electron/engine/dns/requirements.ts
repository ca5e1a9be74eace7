/** The labels of the sender requirements the domain posture reports on, in Japanese and English. */
import type { Language } from '../../contract.js';

type Text = Record<Language, string>;

/** The Gmail/Yahoo 2024 sender requirements the posture reports on, with their labels. */
export const senderRequirementLabels = {
  spf: { en: 'SPF published and valid', ja: 'SPF が正しく公開されている' },
  dkim: { en: 'DKIM key published', ja: 'DKIM の鍵が公開されている' },
  dmarc: { en: 'DMARC published (p=none is enough)', ja: 'DMARC が公開されている（p=none で可）' },
  'tls-transport': {
    en: 'Mail is sent over TLS (test your sending server with the audit)',
    ja: 'TLS で送信している（送信サーバーは本ツールの検査で確認できます）',
  },
  'reverse-dns': {
    en: 'The sending IP has matching reverse DNS (needs the IP address)',
    ja: '送信元 IP の逆引きが一致している（IP アドレスが必要です）',
  },
  'dmarc-alignment': {
    en: 'The From domain aligns with SPF or DKIM (needs a sent message)',
    ja: 'From のドメインが SPF か DKIM と一致している（送信済みメールが必要です）',
  },
  'one-click-unsubscribe': {
    en: 'Marketing mail offers one-click unsubscribe (needs a sent message)',
    ja: '広告メールにワンクリック登録解除がある（送信済みメールが必要です）',
  },
  'spam-rate': {
    en: 'Spam complaint rate stays below 0.3 % (see Postmaster Tools)',
    ja: '迷惑メール報告率が 0.3% 未満（Postmaster Tools で確認できます）',
  },
} as const satisfies Record<string, Text>;

export type SenderRequirementId = keyof typeof senderRequirementLabels;
