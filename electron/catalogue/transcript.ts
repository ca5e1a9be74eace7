/**
 * The words of MailTLS's own notes in a transcript (the contract's
 * `transcriptNoteSchema`) in Japanese and English: one renderer for the CLI, the
 * HTML report and the UI. The switch is exhaustive, so a new note without words is
 * a compile error. Server and library words (`detail`, `offered`) follow a colon, untranslated.
 */
import type { Language, TranscriptLine, TranscriptNote } from '../contract.js';

function noteWords(note: TranscriptNote): Record<Language, string> {
  switch (note.key) {
    case 'connected':
      return { en: `connected to ${note.host}:${note.port}`, ja: `${note.host}:${note.port} に接続しました` };
    case 'implicit-tls-first':
      return { en: 'TLS handshake first (implicit TLS)', ja: '最初に TLS ハンドシェイク（SSL/TLS）' };
    case 'tls-established':
      return {
        en: `TLS established: ${note.version}, ${note.cipher}`,
        ja: `TLS で暗号化しました: ${note.version}、${note.cipher}`,
      };
    case 'tls-handshake-failed':
      return { en: 'TLS handshake failed', ja: 'TLS ハンドシェイクに失敗しました' };
    case 'plaintext-fallback':
      return {
        en: 'The server answered in plaintext; probing it as a plaintext-first port',
        ja: 'サーバーが暗号化なしで応答したため、暗号化なしで始まるポートとして調べます',
      };
    case 'implicit-tls-detected':
      return {
        en: 'No greeting in plaintext, but a TLS handshake succeeded: this port speaks implicit TLS',
        ja: '暗号化なしの挨拶はありませんでしたが、TLS ハンドシェイクは成功しました。このポートは SSL/TLS です',
      };
    case 'discarded-before-handshake':
      return {
        en: `discarded ${note.bytes} bytes sent after the go-ahead, before the handshake`,
        ja: `開始の応答の後、ハンドシェイクの前に送られた ${note.bytes} バイトを破棄しました`,
      };
    case 'system-trust-recheck':
      return {
        en: "certificate checked again with the operating system's trust store",
        ja: 'OS の証明書ストアで証明書を確認し直しました',
      };
    case 'certificate-remembered':
      return {
        en: 'certificate chain identical to one OpenSSL verified in an earlier check, with the same trust anchors and settings: not verified again',
        ja: '証明書チェーンが以前のチェックで OpenSSL が検証したものと同一で、信頼する証明書も設定も同じため、検証し直していません',
      };
    case 'remembered-chain-changed':
      return {
        en: 'certificate chain differs from the one remembered: verifying it in a new handshake',
        ja: '証明書チェーンが記憶していたものと異なるため、新しいハンドシェイクで検証します',
      };
    case 'chain-not-verified':
      return {
        en: 'the new handshake could not verify the same chain: the certificate is reported as not verified (check again)',
        ja: '新しいハンドシェイクで同じチェーンを検証できなかったため、証明書は未検証として報告します（もう一度チェックしてください）',
      };
    case 'system-trust-retry':
      return {
        en: "trying again with the operating system's trust store",
        ja: 'OS の証明書ストアでもう一度試します',
      };
    case 'starttls-not-offered-stop':
      return {
        en: 'STARTTLS not offered: stopping before any credential is sent',
        ja: 'STARTTLS が示されなかったため、認証情報を送る前に中止しました',
      };
    case 'starttls-refused-stop':
      return {
        en: 'STARTTLS refused: stopping before any credential is sent',
        ja: 'STARTTLS が拒否されたため、認証情報を送る前に中止しました',
      };
    case 'certificate-not-verified-stop':
      return {
        en: 'certificate not verified, stopping before any credential is sent',
        ja: '証明書を検証できなかったため、認証情報を送る前に中止しました',
      };
    case 'certificate-verified':
      return { en: 'certificate verified', ja: '証明書を検証しました' };
    case 'auth-not-offered':
      return { en: 'no AUTH offered over TLS', ja: 'TLS の後で AUTH（ログイン方式）が示されませんでした' };
    case 'no-supported-mechanism':
      return {
        en: 'no supported mechanism in',
        ja: '示されたログイン方式に、対応するものがありません',
      };
    case 'starttls-after-login-accepted':
      return {
        en: 'the server accepted STARTTLS inside TLS after log-in: session-fixation risk',
        ja: 'ログイン後、TLS の中で STARTTLS を受け付けました（セッション固定の危険）',
      };
    case 'starttls-after-login-refused':
      return {
        en: 'STARTTLS after log-in was refused, as it should be',
        ja: 'ログイン後の STARTTLS は正しく拒否されました',
      };
    case 'reply-rejected':
      return { en: 'reply rejected', ja: '応答を受け付けませんでした' };
    case 'lines-dropped':
      return { en: `${note.count} more lines not kept`, ja: `残りの ${note.count} 行は記録していません` };
  }
}

/** A note's words without its verbatim part, and that part (a library's or server's own words). */
export function transcriptNoteParts(
  note: TranscriptNote,
  language: Language,
): { words: string; verbatim: string | null } {
  const verbatim = 'detail' in note ? note.detail : 'offered' in note ? note.offered : null;
  return { words: noteWords(note)[language], verbatim };
}

export function renderTranscriptNote(note: TranscriptNote, language: Language): string {
  const { words, verbatim } = transcriptNoteParts(note, language);
  return verbatim === null ? words : `${words}: ${verbatim}`;
}

/** A transcript line's text for a reader: a note in their language, anything said as it was said. */
export function transcriptLineText(line: TranscriptLine, language: Language): string {
  return line.note ? renderTranscriptNote(line.note, language) : line.text;
}
