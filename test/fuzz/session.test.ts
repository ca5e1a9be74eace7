/**
 * Whole audits against servers that replay fuzzed dialogues (plausible, mutated and
 * garbage replies, sometimes a real TLS upgrade after STARTTLS, sometimes implicit
 * TLS): runAudit must always resolve to a report that matches the schema, within its
 * deadline, with no unhandled rejection or uncaught exception along the way.
 */
import * as tls from 'node:tls';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema } from '../../electron/contract.js';
import { runAudit } from '../../electron/engine/audit/audit.js';
import { testPki } from '../helpers/env.js';
import { rawServer, scripted, tlsServer, type HostileServer } from '../helpers/hostile.js';
import { answerFor, fuzzDialogue } from './arbitraries.js';

const timeoutMs = 1500;
const slackMs = 600;

const escaped: unknown[] = [];
const record = (error: unknown) => escaped.push(error);
beforeAll(() => {
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
});
afterAll(() => {
  process.off('unhandledRejection', record);
  process.off('uncaughtException', record);
});

const run = fc.record({
  dialogue: fuzzDialogue,
  mode: fc.constantFrom('starttls', 'implicit-tls', 'relay'),
  upgrade: fc.boolean(),
});

describe('fuzzed sessions', () => {
  it('always end in a schema-valid report within the deadline', async () => {
    const { key, cert } = testPki().leaf('valid');
    const context = tls.createSecureContext({ key, cert });
    await fc.assert(
      fc.asyncProperty(run, async ({ dialogue, mode, upgrade }) => {
        const behaviour = scripted(answerFor(dialogue), upgrade ? context : undefined);
        const server: HostileServer =
          mode === 'implicit-tls' ? await tlsServer({ key, cert }, behaviour) : await rawServer(behaviour);
        try {
          const report = await runAudit({
            auditId: 'fuzz',
            host: '127.0.0.1',
            ports: [
              { port: server.port, mode: mode === 'relay' ? 'starttls' : mode, relay: mode === 'relay' },
            ],
            timeoutMs,
            caPem: testPki().caPem,
          });
          expect(auditReportSchema.parse(report)).toEqual(report);
          expect(report.elapsedMs).toBeLessThan(timeoutMs + slackMs);
          // Garbage is never recommended.
          if (report.recommendation.security) expect(report.ports[0]?.tls?.version).toMatch(/^TLSv1\.[23]$/);
        } finally {
          await server.close();
        }
        // Let late socket events fire inside this run, so an escape is caught here.
        await new Promise((resolve) => setImmediate(resolve));
        expect(escaped).toEqual([]);
      }),
      { numRuns: 50 },
    );
  }, 120_000);
});
