import * as net from 'node:net';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../electron/engine/core/deadline.js';
import { openConnection, type ProbeTarget } from '../../electron/engine/probe/dialogue.js';
import { acquireConnection, activeConnections } from '../../electron/engine/probe/limiter.js';
import { TrustStore } from '../../electron/engine/tls/trust.js';

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

describe('a connection ended politely', () => {
  /** A loopback server that reads everything, or nothing when `reads` is false. */
  async function serverAndTarget(reads: boolean): Promise<{ close: () => void; target: ProbeTarget }> {
    const accepted: net.Socket[] = [];
    const server = net.createServer((socket) => {
      accepted.push(socket);
      if (reads) socket.resume();
      else socket.pause();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const target: ProbeTarget = {
      host: '127.0.0.1',
      address: '127.0.0.1',
      port,
      relay: false,
      trust: new TrustStore(),
      deadline: new Deadline(5000, 5000),
      signal: new AbortController().signal,
      progress: () => undefined,
    };
    const close = () => {
      for (const socket of accepted) socket.destroy();
      server.close();
    };
    return { close, target };
  }

  it('keeps its slot until the socket is closed, so the server never has a fourth', async () => {
    const { close, target } = await serverAndTarget(true);
    const { port } = target;
    try {
      const connection = await openConnection(target, { tls: false });
      const closed = new Promise((resolve) => connection.socket.once('close', resolve));
      connection.end();
      // The FIN leaves on a later turn of the event loop: until then the slot is taken.
      expect(activeConnections('127.0.0.1', port)).toBe(1);
      await closed;
      expect(activeConnections('127.0.0.1', port)).toBe(0);
    } finally {
      close();
    }
  });

  it('is cut off when its last bytes cannot drain, so the slot is not held for ever', async () => {
    const { close, target } = await serverAndTarget(false);
    try {
      const connection = await openConnection(target, { tls: false });
      // More than the kernel buffers on both sides hold, to a peer that reads nothing.
      connection.socket.write(Buffer.alloc(64 * 1024 * 1024));
      const started = performance.now();
      const closed = new Promise((resolve) => connection.socket.once('close', resolve));
      connection.end();
      expect(activeConnections('127.0.0.1', target.port)).toBe(1);
      await closed;
      expect(performance.now() - started).toBeGreaterThan(1500);
      expect(activeConnections('127.0.0.1', target.port)).toBe(0);
    } finally {
      close();
    }
  });
});
