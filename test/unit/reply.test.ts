/** ReplyReader: the SMTP reply grammar (RFC 5321 §4.2) and its hard caps. */
import { describe, expect, it } from 'vitest';
import { ReplyError, ReplyReader, replyLimits, type Reply } from '../../electron/engine/smtp/reply.js';

function parse(...chunks: string[]): Reply[] {
  const reader = new ReplyReader();
  return chunks.flatMap((chunk) => reader.push(Buffer.from(chunk, 'latin1')));
}

function failure(...chunks: string[]): ReplyError {
  const reader = new ReplyReader();
  try {
    for (const chunk of chunks) reader.push(Buffer.from(chunk, 'latin1'));
  } catch (error) {
    expect(error).toBeInstanceOf(ReplyError);
    return error as ReplyError;
  }
  throw new Error('no ReplyError');
}

describe('ReplyReader', () => {
  it('reads a one-line reply', () => {
    expect(parse('220 mail.example ESMTP ready\r\n')).toEqual([
      { code: 220, lines: ['mail.example ESMTP ready'], raw: '220 mail.example ESMTP ready' },
    ]);
  });

  it('reads a multi-line reply fed one byte at a time', () => {
    const text = '250-mail.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n';
    const replies = parse(...text.split(''));
    expect(replies).toEqual([
      {
        code: 250,
        lines: ['mail.example', 'PIPELINING', 'STARTTLS'],
        raw: '250-mail.example\n250-PIPELINING\n250 STARTTLS',
      },
    ]);
  });

  it('reads pipelined replies from one chunk, bare LF and a code without text', () => {
    const replies = parse('250 2.1.0 Ok\n354 go\r\n250\r\n');
    expect(replies.map((r) => [r.code, r.lines])).toEqual([
      [250, ['2.1.0 Ok']],
      [354, ['go']],
      [250, ['']],
    ]);
  });

  it('keeps the bytes after the last complete line for the caller to discard', () => {
    const reader = new ReplyReader();
    expect(reader.push(Buffer.from('220 go ahead\r\n250 inj'))).toHaveLength(1);
    expect(reader.takeUnread().toString()).toBe('250 inj');
    expect(reader.takeUnread()).toHaveLength(0);
  });

  it('knows when a multi-line reply is unfinished', () => {
    const reader = new ReplyReader();
    reader.push(Buffer.from('250-first\r\n'));
    expect(reader.midReply).toBe(true);
    reader.push(Buffer.from('250 last\r\n'));
    expect(reader.midReply).toBe(false);
  });

  it.each([
    ['no code', 'hello there\r\n'],
    ['a code below 200', '199 too low\r\n'],
    ['a code above 599', '600 too high\r\n'],
    ['a bad separator', '250_x\r\n'],
    ['a continuation with another code', '250-a\r\n251 b\r\n'],
    ['an HTTP response', 'HTTP/1.1 400 Bad Request\r\n'],
  ])('rejects %s as malformed', (_name, text) => {
    expect(failure(text).kind).toBe('malformed');
  });

  it('accepts a line of exactly 8 KiB and rejects one byte more', () => {
    const text = (length: number) => `250 ${'x'.repeat(length - 4)}\r\n`;
    expect(parse(text(replyLimits.lineBytes))[0]?.code).toBe(250);
    expect(failure(text(replyLimits.lineBytes + 1)).kind).toBe('too-long');
  });

  it('rejects 8 KiB without a line break before the line ends', () => {
    const error = failure('220 ', 'y'.repeat(replyLimits.lineBytes));
    expect(error.kind).toBe('too-long');
    // The evidence is cut short, not the whole line.
    expect(error.line.length).toBeLessThanOrEqual(201);
  });

  it('accepts 1,000 lines and rejects the 1,001st', () => {
    const lines = (count: number) =>
      Array.from({ length: count }, (_, i) => `250${i === count - 1 ? ' ' : '-'}x\r\n`).join('');
    expect(parse(lines(replyLimits.replyLines))[0]?.lines).toHaveLength(replyLimits.replyLines);
    expect(failure(lines(replyLimits.replyLines + 1)).kind).toBe('too-long');
  });

  it('rejects a reply over 64 KiB made of lines under 8 KiB', () => {
    const line = `250-${'z'.repeat(8000)}\r\n`;
    expect(failure(line.repeat(9)).kind).toBe('too-long');
  });

  it('stays failed after an error: the stream is out of sync', () => {
    const reader = new ReplyReader();
    expect(() => reader.push(Buffer.from('garbage\r\n'))).toThrow(ReplyError);
    expect(() => reader.push(Buffer.from('250 fine\r\n'))).toThrow(/three-digit code/);
  });
});
