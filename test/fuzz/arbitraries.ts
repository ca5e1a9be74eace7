/** fast-check generators of SMTP replies: well-formed, mutated and plain garbage. */
import fc from 'fast-check';
import type { Answer } from '../helpers/hostile.js';

export interface ReplyModel {
  code: number;
  lines: string[];
}

/** A reply as the grammar allows it: one code, 1-5 lines of printable text. */
export const replyModel: fc.Arbitrary<ReplyModel> = fc.record({
  code: fc.integer({ min: 200, max: 599 }),
  lines: fc.array(fc.stringMatching(/^[ -~]{0,60}$/), { minLength: 1, maxLength: 5 }),
});

export function serialize({ code, lines }: ReplyModel): string {
  return lines.map((text, i) => `${code}${i === lines.length - 1 ? ' ' : '-'}${text}\r\n`).join('');
}

/** Replies that move a dialogue forward, so fuzzed sessions reach STARTTLS and beyond. */
const usefulReplies = [
  '220 fuzz.test ESMTP\r\n',
  '250-fuzz.test\r\n250-PIPELINING\r\n250-AUTH PLAIN\r\n250 STARTTLS\r\n',
  '250 fuzz.test\r\n',
  '530 5.7.0 Must issue a STARTTLS command first\r\n',
  '220 2.0.0 Ready to start TLS\r\n',
  '250 2.0.0 Ok\r\n',
  '221 2.0.0 Bye\r\n',
  '421 4.7.0 Try again later\r\n',
  '454 4.7.0 TLS not available\r\n',
];

const mutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'insert', 'delete', 'duplicate'),
  byte: fc.constantFrom(0x0a, 0x0d, 0x2d, 0x20, 0x30, 0x39, 0x00, 0xff, 0x32, 0x35),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Buffer, mutations: Mutation[]): Buffer {
  let out = bytes;
  for (const { at, kind, byte } of mutations) {
    const i = out.length === 0 ? 0 : at % out.length;
    const single = Buffer.from([byte]);
    if (kind === 'replace' && out.length > 0)
      out = Buffer.concat([out.subarray(0, i), single, out.subarray(i + 1)]);
    if (kind === 'insert') out = Buffer.concat([out.subarray(0, i), single, out.subarray(i)]);
    if (kind === 'delete') out = Buffer.concat([out.subarray(0, i), out.subarray(i + 1)]);
    if (kind === 'duplicate')
      out = Buffer.concat([out.subarray(0, i), out.subarray(Math.floor(i / 2), i), out.subarray(i)]);
  }
  return out;
}

const wellFormed = fc.oneof(fc.constantFrom(...usefulReplies), replyModel.map(serialize));

/** A well-formed reply with a few byte-level mutations (line breaks, dashes, digits, NUL...). */
export const mutatedBytes: fc.Arbitrary<Buffer> = fc
  .tuple(wellFormed, fc.array(mutation, { maxLength: 4 }))
  .map(([text, mutations]) => mutate(Buffer.from(text, 'latin1'), mutations));

/** One server turn in a fuzzed dialogue: mostly plausible, sometimes mutated or garbage. */
const serverTurn: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...usefulReplies).map((text) => Buffer.from(text)) },
  { weight: 3, arbitrary: mutatedBytes },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
);

/** What a well-behaved submission server answers, by verb ("-tls": inside TLS). */
const plausible: Record<string, string> = {
  greeting: '220 fuzz.test ESMTP\r\n',
  EHLO: '250-fuzz.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n',
  'EHLO-tls': '250-fuzz.test\r\n250-PIPELINING\r\n250 AUTH PLAIN\r\n',
  HELO: '250 fuzz.test\r\n',
  MAIL: '530 5.7.0 Must issue a STARTTLS command first\r\n',
  STARTTLS: '220 2.0.0 Ready to start TLS\r\n',
  NOOP: '250 2.0.0 Ok\r\n',
  RSET: '250 2.0.0 Ok\r\n',
  QUIT: '221 2.0.0 Bye\r\n',
  other: '502 5.5.2 Command not recognized\r\n',
};

/**
 * A fuzzed server: either a fixed sequence of turns (one per client line, whatever
 * it says) or answers by verb where some verbs get a fuzzed turn instead of the
 * plausible one, which lets fuzzed dialogues reach STARTTLS, TLS and the probes.
 */
export type FuzzDialogue =
  { kind: 'sequence'; turns: Buffer[] } | { kind: 'by-verb'; replaced: Record<string, Buffer> };

export const fuzzDialogue: fc.Arbitrary<FuzzDialogue> = fc.oneof(
  fc.record({
    kind: fc.constant('sequence' as const),
    turns: fc.array(serverTurn, { minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('by-verb' as const),
    replaced: fc.dictionary(fc.constantFrom(...Object.keys(plausible)), serverTurn, { maxKeys: 3 }),
  }),
);

export function answerFor(dialogue: FuzzDialogue): () => Answer {
  if (dialogue.kind === 'sequence') {
    return () => {
      let next = 0;
      return () => dialogue.turns[next++] ?? null;
    };
  }
  const table = {
    ...Object.fromEntries(Object.entries(plausible).map(([k, v]) => [k, Buffer.from(v)])),
    ...dialogue.replaced,
  };
  return () => (line, secure) => {
    const verb = line === null ? 'greeting' : (line.split(' ')[0] ?? '').toUpperCase();
    const key = secure && verb === 'EHLO' ? 'EHLO-tls' : verb;
    return table[key] ?? table.other ?? null;
  };
}
