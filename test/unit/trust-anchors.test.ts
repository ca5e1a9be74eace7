/**
 * The audit's verifying context gets its trust anchors from the handshake, after the
 * ClientHello (tls/trust.ts): these tests pin down that a handshake through
 * `handshake()` verifies with them, that a context used before they are installed
 * trusts nothing (fails closed), and that `context()` hands out a complete one.
 * Each test names its own CA text, so no other test's shared context is reused.
 */
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTcp, handshake } from '../../electron/engine/smtp/transport.js';
import { TrustStore } from '../../electron/engine/tls/trust.js';
import { testPki } from '../helpers/env.js';
import { tlsServer, type HostileServer } from '../helpers/hostile.js';

let server: HostileServer;
const pki = testPki();
/** The test CA under a comment of its own: the same anchor, a context no other test shares. */
const caNamed = (name: string) => `${pki.caPem}\n# ${name}\n`;

beforeAll(async () => {
  const leaf = pki.leaf('valid');
  server = await tlsServer({ key: leaf.key, cert: leaf.cert }, (socket) => socket.end('220 ready\r\n'));
});
afterAll(() => server.close());

/** A plaintext connection to the server, opened as the probes open theirs. */
const connected = () => connectTcp('127.0.0.1', server.port, 5000);

/** A TLS connection opened directly with `options`, bypassing `handshake()`. */
function directHandshake(options: tls.ConnectionOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ ...options, port: server.port });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('trust anchors installed by the handshake', () => {
  it('a handshake over a connected socket verifies the chain against the CA given', async () => {
    const options = new TrustStore(caNamed('connected socket')).options('127.0.0.1')!;
    const socket = await handshake({ ...options, socket: await connected() }, 5000);
    expect(socket.authorized).toBe(true);
    socket.destroy();
  });

  it('a handshake opening its own connection verifies it too', async () => {
    const options = new TrustStore(caNamed('own connection')).options('127.0.0.1')!;
    const socket = await handshake({ ...options, port: server.port }, 5000);
    expect(socket.authorized).toBe(true);
    socket.destroy();
  });

  it('before any handshake installed them, the context trusts nothing; afterwards it trusts the CA', async () => {
    const store = new TrustStore(caNamed('fails closed'));
    const before = await directHandshake(store.options('127.0.0.1')!);
    expect(before.authorized).toBe(false);
    expect(before.authorizationError).toBeTruthy();
    before.destroy();
    const installing = await handshake({ ...store.options('127.0.0.1')!, socket: await connected() }, 5000);
    installing.destroy();
    const after = await directHandshake(store.options('127.0.0.1')!);
    expect(after.authorized).toBe(true);
    after.destroy();
  });

  it('context() is complete at once: a refusing client accepts the server', async () => {
    const context = new TrustStore(caNamed('complete context')).context();
    const socket = await directHandshake({
      secureContext: context,
      rejectUnauthorized: true,
      host: '127.0.0.1',
    });
    expect(socket.authorized).toBe(true);
    socket.destroy();
  });

  it("without the CA, installing the anchors trusts nothing extra: the test CA's chain stays unverified", async () => {
    const options = new TrustStore().options('127.0.0.1')!;
    const socket = await handshake({ ...options, socket: await connected() }, 5000);
    expect(socket.authorized).toBe(false);
    expect(socket.authorizationError).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    socket.destroy();
  });
});
