/**
 * The recommendation reasons advise.ts gives, in Japanese and English, and the
 * one function that renders a reason for every front end (CLI, HTML report, UI).
 */
import { findingIdSchema, type Language } from '../contract.js';
import { smtpFindings } from './smtp.js';

/**
 * Recommendation reasons, as advise.ts emits them: `key` or `key:param`. A text
 * with a `{name}` placeholder takes exactly one parameter.
 */
export type ReasonKey =
  | 'implicit-tls-preferred'
  | 'port-qualifies'
  | 'tls-version'
  | 'certificate-valid'
  | 'injection-safe'
  | 'tls-enforced'
  | 'starttls-must-be-required'
  | 'implicit-tls-unavailable'
  | 'port-25-relay-warning'
  | 'relay-port-passed-over'
  | 'submission-port-unavailable'
  | 'nothing-qualified'
  | 'fix-to-qualify'
  | 'certificate-pinned';

export const reasonTexts: Record<ReasonKey, Record<Language, string>> = {
  'implicit-tls-preferred': {
    en: 'RFC 8314 prefers implicit TLS (SSL/TLS on port 465): the connection is encrypted from the first byte, so there is no plaintext phase an attacker could strip or inject into.',
    ja: 'RFC 8314は、最初から暗号化するSSL/TLS（465番ポート）を推奨しています。接続の最初のバイトから暗号化されるため、攻撃者がSTARTTLSを取り除いたり、コマンドを割り込ませたりできる暗号化前の段階がありません。',
  },
  'port-qualifies': {
    en: 'Port {port} qualifies: TLS 1.2 or newer, a trusted certificate that matches the host name, and nothing that endangers a mail program set this way.',
    ja: '{port}番ポートは条件を満たしています（TLS 1.2以降、ホスト名に一致する信頼された証明書、この設定のメールソフトを危険にさらす問題なし）。',
  },
  'tls-version': {
    en: 'The connection used {version}.',
    ja: '{version}で接続しました。',
  },
  'certificate-valid': {
    en: 'The certificate is trusted, matches the server name and is within its validity period.',
    ja: '証明書は信頼されており、サーバー名と一致し、有効期間内です。',
  },
  'injection-safe': {
    en: 'The STARTTLS command-injection test found no vulnerability: the server discarded the plaintext sent together with STARTTLS.',
    ja: 'STARTTLSのコマンドインジェクションのテストで問題は見つかりませんでした。サーバーはSTARTTLSと一緒に送られた暗号化前のデータを破棄しました。',
  },
  'tls-enforced': {
    en: 'The server refuses mail before TLS is established: it rejected a MAIL FROM sent in plaintext.',
    ja: 'サーバーはTLSを確立する前のメールを受け付けません（暗号化前に送ったMAIL FROMを拒否しました）。',
  },
  'starttls-must-be-required': {
    en: 'Set STARTTLS as required in your mail client, never "STARTTLS if available": otherwise a stripped STARTTLS silently falls back to plaintext.',
    ja: 'メールソフトではSTARTTLSを「必須」に設定し、「可能な場合」は選ばないでください。そうしないと、STARTTLSを取り除かれたときに、気付かないまま暗号化なしで送信されます。',
  },
  'implicit-tls-unavailable': {
    en: "Port {port} (SSL/TLS) did not qualify; that port's findings say why.",
    ja: '{port}番ポート（SSL/TLS）は条件を満たしませんでした。理由はそのポートの結果を参照してください。',
  },
  'port-25-relay-warning': {
    en: 'Port 25 is meant for relay between mail servers, and many ISPs block it for their customers, so it may not work from every network. Use it only while 465 and 587 are unavailable.',
    ja: '25番ポートは本来メールサーバー間の中継用で、多くのプロバイダーが利用者のネットワークから外部の25番ポートへの接続を遮断しています（OP25B）。ネットワークによっては使えないため、465番と587番が使えない間だけ使ってください。',
  },
  'relay-port-passed-over': {
    en: 'Port {port} would also be safe, but it is meant for relay between mail servers and many ISPs block it for their customers (OP25B), so the submission port was chosen.',
    ja: '{port}番ポートも安全に使えますが、本来はメールサーバー間の中継用で、多くのプロバイダーが利用者からの接続を遮断している（OP25B）ため、送信用のポートを選びました。',
  },
  'submission-port-unavailable': {
    en: "Port {port}, the submission port for mail programs, did not qualify; that port's findings say why.",
    ja: 'メールソフト用の送信ポートである{port}番ポートは条件を満たしませんでした。理由はそのポートの結果を参照してください。',
  },
  'nothing-qualified': {
    en: 'No port offers a secure setting, and MailTLS never recommends sending without encryption.',
    ja: '安全な設定を提供しているポートがありません。MailTLSは暗号化なしの送信をおすすめしません。',
  },
  'fix-to-qualify': {
    en: 'A port would qualify once this is fixed: {finding}.',
    ja: '次の問題を解決すれば、ポートが条件を満たします: {finding}',
  },
  'certificate-pinned': {
    en: 'The certificate you chose to trust is pinned by its SHA-256 fingerprint in the profile; certificate checks stay on, and any other certificate is refused.',
    ja: '信頼すると選んだ証明書は、SHA-256の指紋（フィンガープリント）でプロファイルに固定されています。証明書の検証は無効にしておらず、別の証明書が提示されれば接続を拒否します。',
  },
};

const placeholder = /\{\w+\}/g;

function isReasonKey(key: string): key is ReasonKey {
  return Object.hasOwn(reasonTexts, key);
}

/**
 * Renders `key` or `key:param` in the given language. Unknown keys, and reasons
 * whose parameter does not fit the text (missing or unexpected), render as the raw
 * string so nothing is silently lost. A finding id parameter renders as its title.
 */
export function renderReason(reason: string, language: Language): string {
  const colon = reason.indexOf(':');
  const key = colon < 0 ? reason : reason.slice(0, colon);
  const param = colon < 0 ? undefined : reason.slice(colon + 1);
  if (!isReasonKey(key)) return reason;
  const template = reasonTexts[key][language];
  const takesParam = template.search(placeholder) >= 0;
  if (param === undefined) return takesParam ? reason : template;
  if (!takesParam) return reason;
  const finding = findingIdSchema.safeParse(param);
  const value = finding.success ? smtpFindings[finding.data][language].title : param;
  // A function replacer: `$` in a parameter must not act as a replacement pattern.
  return template.replace(placeholder, () => value);
}
