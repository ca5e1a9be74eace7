import { renderTranscriptNote } from '../../catalogue/transcript.js';
import type { TranscriptLine, TranscriptNote } from '../../contract.js';
import { printable } from '../core/printable.js';

/** Enough to follow any dialogue; a hostile server cannot grow it without bound. */
const maxLines = 400;
const maxLineLength = 500;

/** What a transcript, a reply field or a log shows instead of a secret. */
export const hidden = '****';

/**
 * Replaces every occurrence of each secret form in `text`, longest first so a
 * shorter form inside a longer one cannot leave part of the longer one behind.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  const forms = secrets.filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  for (const form of forms) result = result.split(form).join(hidden);
  return result;
}

/**
 * The per-port record of what was said. Client lines that carry secrets are
 * written through `client(line, redacted)` so only the redacted form is kept,
 * and every form of a secret registered with `hide` is redacted from anything
 * the server says, before it is stored.
 */
export class Transcript {
  readonly lines: TranscriptLine[] = [];
  private readonly started: number;
  private dropped = 0;
  private readonly secrets: string[] = [];

  constructor(started = performance.now()) {
    this.started = started;
  }

  /** Registers forms of a secret that must never be kept, whoever says them. */
  hide(...forms: string[]): void {
    this.secrets.push(...forms);
  }

  /** `text` with every registered secret form replaced: for reply fields outside the transcript. */
  redacted(text: string): string {
    return redactSecrets(text, this.secrets);
  }

  client(line: string, redacted?: string): void {
    this.add('c', redacted ?? line);
  }

  server(text: string): void {
    for (const line of this.redacted(text).split('\n')) this.add('s', line);
  }

  /** A note of MailTLS's own, kept as its key and values (and its English words in `text`). */
  note(note: TranscriptNote): void {
    this.add('i', renderTranscriptNote(note, 'en'), note);
  }

  /** Lines, with a closing note when some were dropped to respect the cap. */
  toJSON(): TranscriptLine[] {
    if (this.dropped === 0) return this.lines;
    const note: TranscriptNote = { key: 'lines-dropped', count: this.dropped };
    return [...this.lines, { t: this.elapsed(), dir: 'i', text: renderTranscriptNote(note, 'en'), note }];
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.started);
  }

  private add(dir: TranscriptLine['dir'], text: string, note?: TranscriptNote): void {
    if (this.lines.length >= maxLines) {
      this.dropped += 1;
      return;
    }
    const clean = printable(this.redacted(text));
    this.lines.push({
      t: this.elapsed(),
      dir,
      text:
        clean.length > maxLineLength ? `${clean.slice(0, maxLineLength)}… (${clean.length} chars)` : clean,
      ...(note ? { note } : {}),
    });
  }
}
