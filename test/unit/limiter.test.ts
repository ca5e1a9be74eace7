import { describe, expect, it } from 'vitest';
import { acquireConnection, activeConnections } from '../../electron/engine/probe/limiter.js';

describe('connection limiter', () => {
  it('hands a released slot to the waiter, so a newcomer in the same tick must wait', async () => {
    const host = 'limiter.test';
    const first = await acquireConnection(host, 1);
    await acquireConnection(host, 1);
    await acquireConnection(host, 1);
    let waiterIn = false;
    const waiter = acquireConnection(host, 1).then((release) => ((waiterIn = true), release));
    first();
    let newcomerIn = false;
    const newcomer = acquireConnection(host, 1).then((release) => ((newcomerIn = true), release));
    await waiter;
    expect(waiterIn).toBe(true);
    expect(newcomerIn).toBe(false);
    expect(activeConnections(host, 1)).toBe(3);
    (await waiter)();
    (await newcomer)();
    expect(activeConnections(host, 1)).toBe(2);
  });

  it('a cancelled wait leaves the queue to the others and rejects as cancelled', async () => {
    const host = 'limiter-cancel.test';
    const holders = [
      await acquireConnection(host, 2),
      await acquireConnection(host, 2),
      await acquireConnection(host, 2),
    ];
    const controller = new AbortController();
    const cancelled = acquireConnection(host, 2, controller.signal);
    const patient = acquireConnection(host, 2);
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ kind: 'cancelled' });
    holders[0]?.();
    const release = await patient;
    expect(activeConnections(host, 2)).toBe(3);
    release();
    holders[1]?.();
    holders[2]?.();
    expect(activeConnections(host, 2)).toBe(0);
  });

  it('a lower limit (one at a time, for someone else’s MX) makes the second caller wait', async () => {
    const host = 'limiter-one.test';
    const first = await acquireConnection(host, 25, undefined, 1);
    let secondIn = false;
    const second = acquireConnection(host, 25, undefined, 1).then((release) => ((secondIn = true), release));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(secondIn).toBe(false);
    expect(activeConnections(host, 25)).toBe(1);
    first();
    (await second)();
    expect(secondIn).toBe(true);
    expect(activeConnections(host, 25)).toBe(0);
  });
});
