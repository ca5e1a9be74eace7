/**
 * What a port really did, from its report: the label the table, the JSON and the
 * UI show. `mode` only says how the port was spoken to; a port that advertised
 * STARTTLS and then failed every handshake is not "plain", and one that accepted
 * the connection but never greeted offered neither encryption nor plaintext.
 */
import type { FindingId, Language, PortOutcome, PortReport, ReportMode } from '../../contract.js';

export function portOutcome(port: Omit<PortReport, 'outcome'>): PortOutcome {
  const has = (id: FindingId) => port.findings.some((finding) => finding.id === id);
  if (!port.reachable) return has('port-timeout') ? 'timeout' : 'closed';
  if (has('tls-handshake-failed'))
    return port.ehlo.beforeTls === null ? 'implicit-tls-handshake-failed' : 'starttls-handshake-failed';
  if (has('starttls-failed')) return 'starttls-refused';
  if (has('banner-timeout')) return 'no-greeting';
  if (has('not-smtp')) return 'not-smtp';
  if ((port.mode === 'implicit-tls' || port.mode === 'starttls') && port.ehlo.afterTls !== null)
    return port.mode;
  if (port.mode === 'plain' && has('starttls-missing')) return 'plain';
  return 'dialogue-failed';
}

/** Labels of the outcomes that are not simply the mode, shared by the CLI table and the HTML report. */
const outcomeLabels: Record<Language, Record<Exclude<PortOutcome, ReportMode>, string>> = {
  en: {
    'starttls-refused': 'STARTTLS offered / refused to start',
    'starttls-handshake-failed': 'STARTTLS offered / handshake failed',
    'implicit-tls-handshake-failed': 'implicit TLS port / handshake failed',
    'no-greeting': 'no greeting',
    'not-smtp': 'not SMTP',
    'dialogue-failed': 'dialogue broke off',
    closed: 'closed',
    timeout: 'no answer',
    'blocked-by-network': 'blocked by your network (OP25B)',
  },
  ja: {
    'starttls-refused': 'STARTTLS あり / 開始を拒否',
    'starttls-handshake-failed': 'STARTTLS あり / ハンドシェイク失敗',
    'implicit-tls-handshake-failed': 'SSL/TLS ポート / ハンドシェイク失敗',
    'no-greeting': 'グリーティングなし',
    'not-smtp': 'SMTP ではない',
    'dialogue-failed': 'やり取りが中断',
    closed: '閉じている',
    timeout: '応答なし',
    'blocked-by-network': 'ネットワークで遮断（OP25B）',
  },
};

/** The label of what `port` did: the caller's words for a mode, the shared words for every other outcome. */
export function portLabel(
  port: PortReport,
  language: Language,
  modeLabels: Record<ReportMode, string>,
): string {
  const outcome = port.outcome ?? port.mode;
  return outcome in modeLabels
    ? modeLabels[outcome as ReportMode]
    : outcomeLabels[language][outcome as Exclude<PortOutcome, ReportMode>];
}
