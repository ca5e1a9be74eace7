/**
 * A TCP relay that makes loopback behave like a distant server: everything is held
 * for half the round trip in each direction, in order. The relay accepts at once
 * (the kernel answers the SYN), so it also plays the TCP handshake: the server
 * sees the connection 1.5 RTT after the client connected (SYN, SYN-ACK, ACK) and
 * nothing the client sent before it could have left its machine (1 RTT). A
 * greeting then reaches the client 2 RTT after it connected, as on a real
 * network. Bandwidth is not limited; only latency is simulated.
 */
import { fork } from 'node:child_process';
import * as net from 'node:net';

export interface LatencyRelay {
  port: number;
  rttMs: number;
  /** Connections accepted so far. */
  connections(): number;
  /**
   * Most connections open to the server at once (how polite the client was). Counted
   * on the server side: there a closed connection is gone a round trip before the
   * next one arrives, as on a real network, while the client side of a loopback relay
   * may see a new connection before the close of the one it replaced.
   */
  peakConnections(): number;
  close(): Promise<void>;
}

export function startLatencyRelay(
  targetPort: number,
  rttMs: number,
  targetHost = '127.0.0.1',
): Promise<LatencyRelay> {
  const half = rttMs / 2;
  const open = new Set<net.Socket>();
  const upstreams = new Set<net.Socket>();
  let accepted = 0;
  let peak = 0;
  const server = net.createServer((client) => {
    const connectedAt = performance.now();
    accepted += 1;
    open.add(client);
    client.setNoDelay(true);
    client.on('error', () => undefined);
    let upstream: net.Socket | null = null;
    const pending: Array<(socket: net.Socket) => void> = [];
    /** Runs `action` on the server side once the (simulated) handshake let the client's bytes out. */
    const toServer = (action: (socket: net.Socket) => void) => {
      const leaves = Math.max(0, connectedAt + rttMs - performance.now());
      setTimeout(() => (upstream ? action(upstream) : pending.push(action)), leaves + half);
    };
    const toClient = (action: () => void) => setTimeout(action, half);
    client.on('data', (chunk: Buffer) => toServer((s) => s.destroyed || s.write(chunk)));
    client.on('end', () => toServer((s) => s.destroyed || s.end()));
    client.on('close', () => {
      open.delete(client);
      toServer((s) => s.destroy());
    });
    setTimeout(() => {
      if (client.destroyed) return;
      const socket = net.connect({ host: targetHost, port: targetPort });
      upstream = socket;
      upstreams.add(socket);
      peak = Math.max(peak, upstreams.size);
      socket.once('close', () => upstreams.delete(socket));
      socket.setNoDelay(true);
      socket.on('error', () => undefined);
      socket.on('data', (chunk: Buffer) => toClient(() => client.destroyed || client.write(chunk)));
      socket.on('end', () => toClient(() => client.destroyed || client.end()));
      socket.on('close', () => toClient(() => client.destroy()));
      for (const action of pending.splice(0)) action(socket);
    }, rttMs * 1.5);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        rttMs,
        connections: () => accepted,
        peakConnections: () => peak,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of open) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

interface RelayCounts {
  port: number;
  connections: number;
  peak: number;
}

/** The same relay in a child process (relay-child.ts), so the measured client cannot slow it down. */
export function startRelayProcess(targetPort: number, rttMs: number): Promise<LatencyRelay> {
  const child = fork(new URL('./relay-child.ts', import.meta.url), [String(targetPort), String(rttMs)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let counts: RelayCounts | null = null;
  child.on('message', (message) => (counts = message as RelayCounts));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`latency relay exited (${code})`)));
    child.once('message', (first) => {
      const { port } = first as RelayCounts;
      resolve({
        port,
        rttMs,
        connections: () => counts?.connections ?? 0,
        peakConnections: () => counts?.peak ?? 0,
        close: () =>
          new Promise<void>((done) => {
            child.once('disconnect', () => done());
            child.send('close');
          }),
      });
    });
  });
}

/**
 * The round trip the relay really gives (timers fire late, loopback costs a little):
 * the median of `pings` one-byte exchanges with an echo server behind a relay
 * process, after the simulated TCP handshake. Ratios "in round trips" divide by it.
 */
export async function measuredRoundTrip(rttMs: number, pings = 21): Promise<number> {
  const echo = net.createServer((socket) => socket.on('data', (chunk) => socket.write(chunk)));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const relay = await startRelayProcess((echo.address() as net.AddressInfo).port, rttMs);
  const socket = net.connect({ host: '127.0.0.1', port: relay.port, noDelay: true });
  try {
    const reply = () => new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write('.');
    await reply();
    const samples: number[] = [];
    for (let i = 0; i < pings; i += 1) {
      const start = performance.now();
      socket.write('.');
      await reply();
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)] ?? rttMs;
  } finally {
    socket.destroy();
    await relay.close();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  }
}
