import type { TranscriptLine } from '../../contract.js';
import { printable } from '../printable.js';

/** Enough to follow any dialogue; a hostile server cannot grow it without bound. */
const maxLines = 400;
const maxLineLength = 500;

/**
 * The per-port record of what was said. Client lines that carry secrets are
 * written through `client(line, redacted)` so only the redacted form is kept.
 */
export class Transcript {
  readonly lines: TranscriptLine[] = [];
  private readonly started: number;
  private dropped = 0;

  constructor(started = performance.now()) {
    this.started = started;
  }

  client(line: string, redacted?: string): void {
    this.add('c', redacted ?? line);
  }

  server(text: string): void {
    for (const line of text.split('\n')) this.add('s', line);
  }

  note(text: string): void {
    this.add('i', text);
  }

  /** Lines, with a closing note when some were dropped to respect the cap. */
  toJSON(): TranscriptLine[] {
    if (this.dropped === 0) return this.lines;
    return [...this.lines, { t: this.elapsed(), dir: 'i', text: `${this.dropped} more lines not kept` }];
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.started);
  }

  private add(dir: TranscriptLine['dir'], text: string): void {
    if (this.lines.length >= maxLines) {
      this.dropped += 1;
      return;
    }
    const clean = printable(text);
    this.lines.push({
      t: this.elapsed(),
      dir,
      text:
        clean.length > maxLineLength ? `${clean.slice(0, maxLineLength)}… (${clean.length} chars)` : clean,
    });
  }
}
