/**
 * The pure parts of the desktop screens: what a progress stage shows, the verdict
 * badge, the ports the one-screen check tests, and the address check.
 */
import { describe, expect, it } from 'vitest';
import type { AuditReport, Finding } from '../../electron/contract.js';
import { portStatus, stageStatus } from '../../renderer/src/components/Progress.js';
import { quickPorts } from '../../renderer/src/store/quick.js';
import type { PortProgress } from '../../renderer/src/store/types.js';
import { validateEmail } from '../../renderer/src/store/validation.js';
import { verdictOf } from '../../renderer/src/store/verdict.js';

const port = (stages: PortProgress['stages'], mode: PortProgress['mode'] = 'starttls'): PortProgress => ({
  port: 587,
  mode,
  stages,
  elapsedMs: 0,
});

describe('progress stages', () => {
  it('never shows the checks as passed when one of them failed', () => {
    const p = port({ connect: 'passed', enforcement: 'failed', done: 'passed' });
    expect(stageStatus(p, 'checks', false)).toBe('failed');
    expect(portStatus(p, false)).toBe('failed');
  });

  it('never shows the checks as passed when an earlier stage failed and none of them ran', () => {
    const p = port({ connect: 'passed', greeting: 'failed', done: 'passed' });
    expect(stageStatus(p, 'checks', false)).toBe('skipped');
    expect(portStatus(p, false)).toBe('failed');
  });

  it('never shows the checks as passed when the port ended in failure', () => {
    const p = port({ connect: 'passed', tls: 'failed', done: 'failed' });
    expect(stageStatus(p, 'checks', false)).toBe('skipped');
    expect(stageStatus(p, 'tls', false)).toBe('failed');
  });

  it('leaves nothing "in progress" once the run is over (cancelled or finished)', () => {
    const p = port({ connect: 'passed', greeting: 'started', versions: 'started' });
    expect(stageStatus(p, 'greeting', true)).toBe('started');
    expect(stageStatus(p, 'greeting', false)).toBe('skipped');
    expect(stageStatus(p, 'checks', false)).toBe('skipped');
    expect(stageStatus(p, 'ehlo', true)).toBe('pending');
    expect(portStatus(p, false)).toBe('skipped');
  });

  it('shows a port as passed only when every stage passed', () => {
    const stages = {
      connect: 'passed',
      tls: 'passed',
      greeting: 'passed',
      'ehlo-tls': 'passed',
      versions: 'passed',
      quit: 'passed',
      done: 'passed',
    } as const;
    expect(portStatus(port(stages, 'implicit-tls'), false)).toBe('passed');
  });
});

function report(security: 'implicit-tls' | null, findings: Finding[]): AuditReport {
  return {
    schema: 'mailtls.audit/2',
    host: 'smtp.example.jp',
    hostInput: 'smtp.example.jp',
    startedAt: '2026-12-02T00:00:00.000Z',
    elapsedMs: 10,
    ports: [],
    recommendation: { host: 'smtp.example.jp', port: security ? 465 : null, security, reasons: [] },
    findings,
  };
}

describe('verdict', () => {
  it('is secure, fixable or insecure', () => {
    expect(verdictOf(report('implicit-tls', [{ id: 'cert-expiring-soon', severity: 'low' }]))).toBe('secure');
    expect(verdictOf(report('implicit-tls', [{ id: 'plaintext-auth', severity: 'high', port: 587 }]))).toBe(
      'fixable',
    );
    expect(verdictOf(report(null, [{ id: 'no-secure-option', severity: 'critical' }]))).toBe('insecure');
  });
});

describe('one-screen check', () => {
  it('tests the discovered ports of the chosen host, with a mode only where it is not the standard one', () => {
    expect(
      quickPorts([
        { port: 465, security: 'implicit-tls' },
        { port: 587, security: 'starttls' },
        { port: 587, security: 'starttls' },
        { port: 25, security: 'plain' },
      ]),
    ).toBe('465, 587');
    expect(quickPorts([{ port: 2465, security: 'implicit-tls' }])).toBe('2465 implicit-tls');
  });

  it('refuses an address with two "@"', () => {
    expect(validateEmail('alice@@example.com')).toBe('email-two-at');
    expect(validateEmail('alice@example.com')).toBeNull();
  });
});
