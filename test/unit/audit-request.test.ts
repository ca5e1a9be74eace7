/**
 * The hand-written audit-request check (no zod on the CLI's hot path) must accept
 * exactly what the contract's zod schema accepts, and return what the schema returns.
 * Random requests are built near every boundary, so both sides of each rule are hit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditRequestSchema } from '../../electron/contract.js';
import { parseAuditRequest, validateAuditRequest } from '../../electron/engine/audit/audit-request.js';
import { UserFacingError } from '../../electron/engine/core/errors.js';

/** Values that are not what a field wants: wrong types, NaN, infinities, fractions. */
const stranger = fc.oneof(
  fc.constantFrom(null, true, false, Number.NaN, Infinity, -Infinity, 1.5, -0, '', [], {}, '25'),
  fc.string({ maxLength: 3 }),
  fc.integer(),
  fc.double(),
);

/** Mostly valid integers, often the bounds and just past them, sometimes something else. */
const near = (min: number, max: number) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min, max }) },
    { weight: 3, arbitrary: fc.constantFrom(min - 1, min, max, max + 1, 2 ** 53) },
    { weight: 1, arbitrary: stranger },
  );

/** Mostly valid strings, often at or just past the length bounds, sometimes something else. */
const text = (min: number, max: number) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.string({ minLength: Math.max(min, 1), maxLength: 12 }) },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(min - 1, min, max, max + 1)
        .filter((n) => n >= 0)
        .map((n) => 'h'.repeat(n)),
    },
    { weight: 1, arbitrary: stranger },
  );

/** A field that may be left out, given undefined, or given a value. */
const maybe = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: value });

const portSpec = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record(
      {
        port: near(1, 65535),
        mode: maybe(
          fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom('implicit-tls', 'starttls') },
            { weight: 1, arbitrary: fc.constantFrom('plain', 'STARTTLS') },
            { weight: 1, arbitrary: stranger },
          ),
        ),
        relay: maybe(fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 1, arbitrary: stranger })),
        extra: fc.anything(),
      },
      { requiredKeys: ['port'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ mode: fc.constant('starttls') }) },
  { weight: 1, arbitrary: stranger },
);

const ports = fc.oneof(
  { weight: 8, arbitrary: fc.array(portSpec, { minLength: 1, maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.array(fc.record({ port: fc.integer({ min: 1, max: 65535 }) }), {
      minLength: 15,
      maxLength: 17,
    }),
  },
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: stranger },
);

/** Issue 14: an incoming port may name its own host (IMAP and POP3 often live on different servers). */
const incomingPortSpec = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record(
      {
        port: near(1, 65535),
        protocol: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom('imap', 'pop3') },
          { weight: 1, arbitrary: fc.constantFrom('smtp', 'IMAP') },
          { weight: 1, arbitrary: stranger },
        ),
        mode: maybe(
          fc.oneof({ weight: 6, arbitrary: fc.constantFrom('implicit-tls', 'starttls') }, stranger),
        ),
        host: maybe(text(1, 253 * 4)),
        extra: fc.anything(),
      },
      { requiredKeys: ['port', 'protocol'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ protocol: fc.constant('imap'), host: fc.constant('x') }) },
  { weight: 1, arbitrary: stranger },
);

const incomingPorts = fc.oneof(
  { weight: 8, arbitrary: fc.array(incomingPortSpec, { minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: stranger },
);

const protocols = fc.oneof(
  { weight: 6, arbitrary: fc.subarray(['smtp', 'imap', 'pop3'], { minLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom([], ['smtp', 'imap', 'pop3', 'smtp'], ['ftp']) },
  { weight: 1, arbitrary: stranger },
);

const request = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record(
      {
        auditId: text(1, 100),
        host: text(1, 253 * 4),
        ports: maybe(ports),
        timeoutMs: maybe(near(500, 300_000)),
        caPem: maybe(text(0, 1_000_000)),
        protocols: maybe(protocols),
        incomingHost: maybe(text(1, 253 * 4)),
        incomingPorts: maybe(incomingPorts),
        unknown: fc.anything(),
      },
      { requiredKeys: ['auditId', 'host'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ host: text(1, 5) }) },
  { weight: 1, arbitrary: fc.anything() },
);

describe('audit request without zod', () => {
  it('agrees with the contract schema on random good and bad requests', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(request, (value) => {
        const schema = auditRequestSchema.safeParse(value);
        const hand = parseAuditRequest(value);
        expect(hand !== null).toBe(schema.success);
        if (schema.success) {
          accepted += 1;
          expect(hand).toStrictEqual(JSON.parse(JSON.stringify(schema.data)));
        } else {
          refused += 1;
        }
      }),
      { numRuns: 3000 },
    );
    // Both answers must be common, or the corpus proves little.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it('agrees on requests written out by hand', () => {
    const port = { port: 587, mode: 'starttls', relay: false };
    const good = [
      { auditId: 'a', host: 'mail.example.com' },
      { auditId: 'a', host: 'x', ports: [port], timeoutMs: 500, caPem: '' },
      { auditId: 'a', host: 'x', ports: Array.from({ length: 16 }, (_, i) => ({ port: i + 1 })) },
      { auditId: 'a', host: 'x', ports: undefined, timeoutMs: undefined, extra: 1 },
      {
        auditId: 'a',
        host: 'smtp.gmail.com',
        protocols: ['imap', 'pop3'],
        incomingHost: 'imap.gmail.com',
        incomingPorts: [
          { port: 993, protocol: 'imap' },
          { port: 995, protocol: 'pop3', mode: 'implicit-tls', host: 'pop.gmail.com' },
          { port: 110, protocol: 'pop3', host: 'h'.repeat(253 * 4) },
        ],
      },
    ];
    const bad = [
      null,
      [],
      'mail.example.com',
      { host: 'x' },
      { auditId: '', host: 'x' },
      { auditId: 'a', host: 'x', ports: [] },
      { auditId: 'a', host: 'x', ports: [{ port: 0 }] },
      { auditId: 'a', host: 'x', ports: [{ port: 25, mode: 'plain' }] },
      { auditId: 'a', host: 'x', ports: [{ port: 25, relay: 'yes' }] },
      { auditId: 'a', host: 'x', ports: Array.from({ length: 17 }, (_, i) => ({ port: i + 1 })) },
      { auditId: 'a', host: 'x', timeoutMs: 499 },
      { auditId: 'a', host: 'x', timeoutMs: 1000.5 },
      { auditId: 'a', host: 'x', caPem: 'x'.repeat(1_000_001) },
      { auditId: 'a', host: 'x', incomingPorts: [{ port: 995, protocol: 'pop3', host: '' }] },
      { auditId: 'a', host: 'x', incomingPorts: [{ port: 995, protocol: 'pop3', host: 'h'.repeat(1013) }] },
      { auditId: 'a', host: 'x', incomingPorts: [{ port: 995, protocol: 'pop3', host: 7 }] },
    ];
    for (const value of good) {
      expect(parseAuditRequest(value)).toStrictEqual(
        JSON.parse(JSON.stringify(auditRequestSchema.parse(value))),
      );
    }
    for (const value of bad) {
      expect(auditRequestSchema.safeParse(value).success).toBe(false);
      expect(parseAuditRequest(value)).toBeNull();
    }
  });

  it('phrases a refusal with the schema: field and reason, in both languages', async () => {
    const refusal = validateAuditRequest({ auditId: 'a', host: 'x', timeoutMs: 10 });
    await expect(refusal).rejects.toBeInstanceOf(UserFacingError);
    const error = (await refusal.catch((e: unknown) => e)) as UserFacingError;
    expect(error.code).toBe('invalid-input');
    expect(error.text.en).toMatch(/^Invalid timeoutMs: .*500/);
    expect(error.text.ja).toMatch(/^timeoutMs の値が正しくありません: /);
  });

  it('refuses a port listed twice', async () => {
    await expect(
      validateAuditRequest({ auditId: 'a', host: 'x', ports: [{ port: 25 }, { port: 25, relay: true }] }),
    ).rejects.toThrow('Port 25 is listed twice.');
  });

  it('refuses an incoming port listed twice on one host, not the same number on two hosts', async () => {
    const request = (incomingPorts: unknown[]) => ({
      auditId: 'a',
      host: 'mail.example',
      incomingHost: 'imap.example',
      incomingPorts,
    });
    const imap = { port: 2000, protocol: 'imap', mode: 'starttls' };
    const pop3 = { port: 2000, protocol: 'pop3', mode: 'starttls' };
    await expect(validateAuditRequest(request([imap, pop3]))).rejects.toThrow(
      'Incoming port 2000 is listed twice.',
    );
    await expect(validateAuditRequest(request([imap, { ...pop3, host: 'IMAP.example' }]))).rejects.toThrow(
      'Incoming port 2000 is listed twice.',
    );
    const twoHosts = await validateAuditRequest(request([imap, { ...pop3, host: 'pop.example' }]));
    expect(twoHosts.incomingPorts).toHaveLength(2);
  });
});
