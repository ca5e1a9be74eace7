/**
 * Issue 13, property-based: hostile strings in every field of a profile and of
 * an audit report, exported to every format and read back by the formats' own
 * parsers in process (dotenv, fast-xml-parser, plist, JSON, and msmtp's and
 * main.cf's line rules, which consumers.test.ts checks against msmtp and
 * postconf themselves). No field may add or remove a key, directive or element,
 * and every value must come back as it was; values a syntax cannot carry are
 * refused with a clear error instead.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isIP } from 'node:net';
import { exportFormats, type AuditReport, type Profile } from '../../electron/contract.js';
import { UserFacingError } from '../../electron/engine/core/errors.js';
import { exportProfile, importProfile, ProfileLibrary } from '../../electron/engine/profiles/index.js';
import { sampleIncomingReport, samplePort, sampleProfile, sampleReport } from './fixtures.js';
import {
  breakingPieces,
  brokenProfile,
  checkExport,
  expectedProfile,
  hostileProfile,
  refusalCode,
} from './hostile.js';

// Thousands of exports, each parsed back: seconds on an idle machine, more on a busy one.
vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'mailtls-injection-'));
const canary = join(dir, 'pwned');
afterAll(() => {
  // Nothing here runs a shell, but a file a parser executed would show up.
  expect(existsSync(canary)).toBe(false);
  rmSync(dir, { recursive: true, force: true });
});

function exportOrRefusal(profile: Profile, format: (typeof exportFormats)[number]) {
  try {
    return { content: exportProfile(profile, format, { allowInsecure: true }).content, code: null };
  } catch (error) {
    expect(error).toBeInstanceOf(UserFacingError);
    const { code, text } = error as UserFacingError;
    expect(text.ja).not.toBe(text.en);
    return { content: null, code };
  }
}

/** Exports `input` to every format and checks each against the profile every export must show. */
function checkEveryFormat(input: Profile): void {
  const expected = expectedProfile(input);
  for (const format of exportFormats) {
    const { content, code } = exportOrRefusal(input, format);
    expect(code, `${format} refusal`).toBe(refusalCode(expected, format));
    if (content !== null) checkExport(format, content, expected);
  }
}

describe('hostile text in every profile field', () => {
  it('round-trips through every format, or the format refuses what its syntax cannot carry', () => {
    // Found by this property once: a trailing backslash made dotenv read past the closing quote.
    const trailingBackslash = sampleProfile({ account: { email: '#@x', userName: '\\', displayName: null } });
    fc.assert(fc.property(hostileProfile(canary), checkEveryFormat), {
      numRuns: 600,
      examples: [[trailingBackslash]],
    });
  });

  it('a line break, NUL or other control character in a field that reaches a line is refused, on export and on import', () => {
    fc.assert(
      fc.property(brokenProfile(canary), (profile) => {
        for (const format of exportFormats) {
          const error = (() => {
            try {
              exportProfile(profile, format, { allowInsecure: true });
            } catch (caught) {
              return caught;
            }
            return null;
          })();
          expect(error).toBeInstanceOf(UserFacingError);
          expect((error as UserFacingError).code).toBe('invalid-input');
        }
        expect(() => importProfile('hostile.json', JSON.stringify(profile))).toThrow(UserFacingError);
      }),
      { numRuns: 400 },
    );
  });

  it('the note, which only JSON carries, may hold line breaks and still round-trips', () => {
    const profile = hostileProfile(canary);
    fc.assert(
      fc.property(profile, fc.constantFrom(...breakingPieces.filter((p) => p !== '\ud800')), (p, piece) => {
        const withBreak = { ...p, note: `a${piece}b` };
        checkEveryFormat(withBreak);
      }),
      { numRuns: 200 },
    );
  });
});

describe('hostile text in every field of an audit report', () => {
  const piece = fc.oneof(
    fc.constantFrom(...breakingPieces, '"', "'", '$(x)', '`x`', '#', ';', '--->', ']]>', '&amp;', '\\'),
    fc.string({ maxLength: 4 }),
  );
  const hostile = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''));
  const report = fc
    .record({
      host: fc.oneof(
        fc.constant('mail.example.com'),
        hostile.map((h) => `mail${h}.example.com`),
      ),
      hostInput: hostile,
      startedAt: fc.oneof(
        fc.constant('2026-11-29T10:00:00.000Z'),
        hostile.map((h) => `2026-11-29T10:00:00Z${h}`),
      ),
      detail: hostile,
      banner: hostile,
      transcript: hostile,
      recommendationHost: hostile,
    })
    .map((r): AuditReport => {
      const port = samplePort(465, 'implicit-tls', {
        banner: r.banner,
        transcript: [{ t: 0, dir: 's', text: r.transcript }],
        findings: [{ id: 'cert-expiring-soon', severity: 'low', port: 465, detail: r.detail }],
      });
      const base = sampleReport();
      return {
        ...base,
        host: r.host,
        hostInput: r.hostInput,
        startedAt: r.startedAt,
        ports: [port],
        recommendation: { ...base.recommendation, host: r.recommendationHost },
      };
    });

  it('a report imported from a file gives a profile that exports cleanly, or a clear error', () => {
    fc.assert(
      fc.property(report, (value) => {
        let profile: Profile;
        try {
          profile = importProfile('report.json', JSON.stringify(value));
        } catch (error) {
          expect(error).toBeInstanceOf(UserFacingError);
          return;
        }
        // The recommendation's host is a claim of the file: the audited host is used.
        expect(profile.outgoing.host).toBe(value.host);
        expect(profile.verifiedWith).toBeNull();
        checkEveryFormat(profile);
      }),
      { numRuns: 600 },
    );
  });
});

describe('issue 14: hostile incoming server names', () => {
  const piece = fc.oneof(
    fc.constantFrom(
      ...breakingPieces,
      '"',
      "'",
      '$(x)',
      '`x`',
      '#',
      ';',
      '-->',
      ']]>',
      '&amp;',
      '<',
      '%EMAILADDRESS%',
    ),
    fc.string({ maxLength: 4 }),
  );
  const hostile = fc.array(piece, { maxLength: 4 }).map((parts) => `imap${parts.join('')}.example`);
  const validHost = (host: string) =>
    isIP(host) !== 0 ||
    /^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/.test(
      host,
    );
  const library = new ProfileLibrary(join(dir, 'library'));

  it('a profile whose incoming host is not a host name is refused on import, save and export; any other exports exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileProfile(canary),
        hostile,
        fc.constantFrom('imap' as const, 'pop3' as const),
        async (p, host, protocol) => {
          const profile: Profile = {
            ...p,
            incoming: {
              ...p.incoming,
              [protocol]: {
                host,
                port: 993,
                security: 'implicit-tls',
                authentication: 'password',
                userName: 'account',
              },
            },
          };
          if (validHost(host)) {
            checkEveryFormat(profile);
            return;
          }
          for (const format of exportFormats) {
            expect(() => exportProfile(profile, format, { allowInsecure: true }), format).toThrow(
              UserFacingError,
            );
          }
          expect(() => importProfile('hostile.json', JSON.stringify(profile))).toThrow(
            /not a valid server name|line break/,
          );
          await expect(library.save(profile)).rejects.toThrow(UserFacingError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a report whose incoming host or recommendation is hostile gives a profile that exports cleanly, or a clear error', () => {
    fc.assert(
      fc.property(hostile, hostile, (host, recommendationHost) => {
        const base = sampleIncomingReport();
        const incoming = base.incoming!;
        const report: AuditReport = {
          ...base,
          incoming: {
            ...incoming,
            host,
            recommendations: {
              imap: { ...incoming.recommendations.imap!, host: recommendationHost },
              pop3: incoming.recommendations.pop3,
            },
          },
        };
        let profile: Profile;
        try {
          profile = importProfile('report.json', JSON.stringify(report));
        } catch (error) {
          expect(error).toBeInstanceOf(UserFacingError);
          expect(validHost(host)).toBe(false);
          return;
        }
        // The recommendation's host is a claim of the file: the audited incoming host is used.
        expect(profile.incoming?.imap?.host).toBe(host);
        checkEveryFormat(profile);
      }),
      { numRuns: 300 },
    );
  });
});
