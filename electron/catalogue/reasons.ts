/**
 * The words of the recommendation reasons (the contract's `reasonSchema`) in
 * Japanese and English: the one renderer of reasons for every front end (CLI,
 * HTML report, UI). The switch is exhaustive, so a new reason without words is a
 * compile error.
 */
import type { Language, Reason } from '../contract.js';
import { smtpWords } from './smtp.js';

function reasonWords(reason: Reason): Record<Language, string> {
  switch (reason.key) {
    case 'implicit-tls-preferred':
      return {
        en: `RFC 8314 prefers implicit TLS (SSL/TLS on port 465): the connection is encrypted from the first byte, so there is no plaintext phase an attacker could strip or inject into.`,
        ja: `RFC 8314は、最初から暗号化するSSL/TLS（465番ポート）を推奨しています。接続の最初のバイトから暗号化されるため、攻撃者がSTARTTLSを取り除いたり、コマンドを割り込ませたりできる暗号化前の段階がありません。`,
      };
    case 'port-qualifies':
      return {
        en: `Port ${reason.port} qualifies: TLS 1.2 or newer, a trusted certificate that matches the host name, and nothing that endangers a mail program set this way.`,
        ja: `${reason.port}番ポートは条件を満たしています（TLS 1.2以降、ホスト名に一致する信頼された証明書、この設定のメールソフトを危険にさらす問題なし）。`,
      };
    case 'tls-version':
      return {
        en: `The connection used ${reason.version}.`,
        ja: `${reason.version}で接続しました。`,
      };
    case 'certificate-valid':
      return {
        en: `The certificate is trusted, matches the server name and is within its validity period.`,
        ja: `証明書は信頼されており、サーバー名と一致し、有効期間内です。`,
      };
    case 'injection-safe':
      return {
        en: `The STARTTLS command-injection test found no vulnerability: the server discarded the plaintext sent together with STARTTLS.`,
        ja: `STARTTLSのコマンドインジェクションのテストで問題は見つかりませんでした。サーバーはSTARTTLSと一緒に送られた暗号化前のデータを破棄しました。`,
      };
    case 'tls-enforced':
      return {
        en: `The server refuses mail before TLS is established: it rejected a MAIL FROM sent in plaintext.`,
        ja: `サーバーはTLSを確立する前のメールを受け付けません（暗号化前に送ったMAIL FROMを拒否しました）。`,
      };
    case 'starttls-must-be-required':
      return {
        en: `Set STARTTLS as required in your mail client, never "STARTTLS if available": otherwise a stripped STARTTLS silently falls back to plaintext.`,
        ja: `メールソフトではSTARTTLSを「必須」に設定し、「可能な場合」は選ばないでください。そうしないと、STARTTLSを取り除かれたときに、気付かないまま暗号化なしで送信されます。`,
      };
    case 'implicit-tls-unavailable':
      return {
        en: `Port ${reason.port} (SSL/TLS) did not qualify; that port's findings say why.`,
        ja: `${reason.port}番ポート（SSL/TLS）は条件を満たしませんでした。理由はそのポートの結果を参照してください。`,
      };
    case 'port-25-relay-warning':
      return {
        en: `Port 25 is meant for relay between mail servers, and many ISPs block it for their customers, so it may not work from every network. Use it only while 465 and 587 are unavailable.`,
        ja: `25番ポートは本来メールサーバー間の中継用で、多くのプロバイダーが利用者のネットワークから外部の25番ポートへの接続を遮断しています（OP25B）。ネットワークによっては使えないため、465番と587番が使えない間だけ使ってください。`,
      };
    case 'relay-port-passed-over':
      return {
        en: `Port ${reason.port} would also be safe, but it is meant for relay between mail servers and many ISPs block it for their customers (OP25B), so the submission port was chosen.`,
        ja: `${reason.port}番ポートも安全に使えますが、本来はメールサーバー間の中継用で、多くのプロバイダーが利用者からの接続を遮断している（OP25B）ため、送信用のポートを選びました。`,
      };
    case 'submission-port-unavailable':
      return {
        en: `Port ${reason.port}, the submission port for mail programs, did not qualify; that port's findings say why.`,
        ja: `メールソフト用の送信ポートである${reason.port}番ポートは条件を満たしませんでした。理由はそのポートの結果を参照してください。`,
      };
    case 'nothing-qualified':
      return {
        en: `No port offers a secure setting, and MailTLS never recommends sending without encryption.`,
        ja: `安全な設定を提供しているポートがありません。MailTLSは暗号化なしの送信をおすすめしません。`,
      };
    case 'fix-to-qualify':
      return {
        en: `A port would qualify once this is fixed: ${smtpWords[reason.finding].en.title}.`,
        ja: `次の問題を解決すれば、ポートが条件を満たします: ${smtpWords[reason.finding].ja.title}`,
      };
    case 'incoming-implicit-tls-preferred':
      return {
        en: `RFC 8314 prefers implicit TLS for receiving too (SSL/TLS on 993 for IMAP, 995 for POP3): encrypted from the first byte, with no plaintext phase to strip or inject into.`,
        ja: `RFC 8314は受信でも、最初から暗号化するSSL/TLS（IMAPは993番、POP3は995番）を推奨しています。最初のバイトから暗号化されるため、STARTTLSを取り除かれたり、コマンドを割り込まされたりする暗号化前の段階がありません。`,
      };
    case 'qualifying-ports':
      return {
        en: `Ports that qualify for this protocol: ${reason.ports.join(', ')}.`,
        ja: `このプロトコルで条件を満たすポート: ${reason.ports.join('、')}`,
      };
    case 'incoming-nothing-qualified':
      return {
        en: `No port of this protocol offers a secure setting, and MailTLS never recommends receiving without encryption.`,
        ja: `このプロトコルには安全な設定を提供しているポートがありません。MailTLSは暗号化なしの受信をおすすめしません。`,
      };
    case 'outgoing-not-tested':
      return {
        en: `The outgoing server (SMTP) was not part of this test.`,
        ja: `今回のテストには送信サーバー（SMTP）が含まれていません。`,
      };
  }
}

export function renderReason(reason: Reason, language: Language): string {
  return reasonWords(reason)[language];
}
