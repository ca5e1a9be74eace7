/**
 * A fleet of loopback mail servers in its own process (so the servers get their own
 * core): `count` pairs of smtp-server instances, one implicit TLS and one STARTTLS,
 * each on its own port. Prints the pairs as JSON, then runs until its stdin closes.
 * Only 127.0.0.1 is configured on lo here, so each pair of ports stands for a host.
 */
import { startSmtpServer } from '../helpers/smtp-server.js';

const count = Number(process.argv[2] ?? '200');
const pairs: Array<{ implicit: number; starttls: number }> = [];
for (let i = 0; i < count; i += 1) {
  const implicit = await startSmtpServer('implicit-tls');
  const starttls = await startSmtpServer('starttls');
  pairs.push({ implicit: implicit.port, starttls: starttls.port });
}
process.stdout.write(`${JSON.stringify(pairs)}\n`);
process.stdin.resume();
// Exiting closes every listener and connection at once.
process.stdin.on('end', () => process.exit(0));
