/**
 * EHLO names our own address as RFC 5321 §4.1.3 writes a literal: `[192.0.2.1]`, and
 * `[IPv6:2001:db8::1]` with its tag, read from the socket's own family.
 */
import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../electron/engine/audit/audit.js';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server on `address` without STARTTLS that records every EHLO line it is sent. */
async function recordingServer(address: string): Promise<{ port: number; ehlo: string[] }> {
  const ehlo: string[] = [];
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.write('220 names.test ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('latin1').split('\r\n').slice(0, -1)) {
        if (/^EHLO /i.test(line)) ehlo.push(line);
        socket.write(/^QUIT/i.test(line) ? '221 bye\r\n' : '250 names.test\r\n');
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  return { port: (server.address() as net.AddressInfo).port, ehlo };
}

describe('the EHLO name', () => {
  it.each([
    ['127.0.0.1', 'EHLO [127.0.0.1]'],
    ['::1', 'EHLO [IPv6:::1]'],
  ])('from %s is %s', async (address, expected) => {
    const server = await recordingServer(address);
    await runAudit({
      auditId: 'ehlo',
      host: address,
      ports: [{ port: server.port, mode: 'starttls', relay: true }],
    });
    expect(server.ehlo.length).toBeGreaterThan(0);
    expect(new Set(server.ehlo)).toEqual(new Set([expected]));
  });
});
