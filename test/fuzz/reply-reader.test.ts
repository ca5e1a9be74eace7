/**
 * Properties of ReplyReader under random and mutated input: well-formed replies
 * survive any chunking unchanged; anything else yields replies within the caps or
 * a ReplyError, never another exception, and the reader stays failed after one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplyError, ReplyReader, replyLimits } from '../../electron/engine/smtp/reply.js';
import { mutatedBytes, replyModel, serialize, type ReplyModel } from './arbitraries.js';

/** Splits `bytes` at the given cut points (any order, any values). */
function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

/** Feeds every chunk; checks each reply against the caps; returns the error if one was thrown. */
function feedAll(chunks: Buffer[]): ReplyError | null {
  const reader = new ReplyReader();
  for (const chunk of chunks) {
    let replies;
    try {
      replies = reader.push(chunk);
    } catch (error) {
      expect(error).toBeInstanceOf(ReplyError);
      // Once out of sync, always out of sync.
      expect(() => reader.push(Buffer.from('250 ok\r\n'))).toThrow(error as ReplyError);
      return error as ReplyError;
    }
    for (const reply of replies) {
      expect(reply.code).toBeGreaterThanOrEqual(200);
      expect(reply.code).toBeLessThanOrEqual(599);
      expect(reply.lines.length).toBeLessThanOrEqual(replyLimits.replyLines);
      expect(reply.raw.length).toBeLessThanOrEqual(replyLimits.replyBytes);
    }
  }
  return null;
}

const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('ReplyReader properties', () => {
  it('parses well-formed replies identically however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.array(replyModel, { minLength: 1, maxLength: 6 }), cuts, (models: ReplyModel[], at) => {
        const reader = new ReplyReader();
        const replies = chunked(Buffer.from(models.map(serialize).join(''), 'latin1'), at).flatMap((c) =>
          reader.push(c),
        );
        expect(replies.map((r) => ({ code: r.code, lines: r.lines }))).toEqual(models);
        expect(reader.midReply).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but a ReplyError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20_000 }), cuts, (bytes, at) => {
        feedAll(chunked(Buffer.from(bytes), at));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but a ReplyError on mutated replies', () => {
    fc.assert(
      fc.property(mutatedBytes, cuts, (bytes, at) => {
        feedAll(chunked(bytes, at));
      }),
      { numRuns: 500 },
    );
  });

  it('cuts off an endless line or an endless reply at its cap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('x', '250-x\r\n', '250-'),
        fc.integer({ min: 1, max: 9000 }),
        (unit, size) => {
          const chunk = Buffer.from(unit.repeat(Math.ceil(size / unit.length)));
          const chunks = Array.from(
            { length: Math.ceil((replyLimits.replyBytes * 2) / chunk.length) },
            () => chunk,
          );
          expect(feedAll(chunks)?.kind).toBe('too-long');
        },
      ),
      { numRuns: 100 },
    );
  });
});
