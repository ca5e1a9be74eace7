/**
 * A latency relay (relay.ts) in a process of its own, as a network is: the audit's
 * own work in the benchmark process cannot hold back the relay's timers. Started by
 * `startRelayProcess`; reports its port, then its connection counts as they change.
 */
import { startLatencyRelay } from './relay.js';

const [targetPort, rttMs] = process.argv.slice(2).map(Number);
if (!process.send || !targetPort || rttMs === undefined)
  throw new Error('relay-child: run through startRelayProcess');
const relay = await startLatencyRelay(targetPort, rttMs);
const report = () =>
  process.send?.({ port: relay.port, connections: relay.connections(), peak: relay.peakConnections() });
report();
const timer = setInterval(report, 5);
process.on('message', () => {
  clearInterval(timer);
  report();
  void relay.close().then(() => process.disconnect());
});
