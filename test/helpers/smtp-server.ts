/** Real `smtp-server` (npm) instances on 127.0.0.1 in the shapes the audit tests need. */
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { testPki } from './env.js';
import type { LeafName } from './pki.js';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export type Shape = 'implicit-tls' | 'starttls' | 'plaintext' | 'auth-before-tls';

function optionsFor(shape: Shape, leafName: LeafName): SMTPServerOptions {
  const pki = testPki();
  const leaf = pki.leaf(leafName);
  const base: SMTPServerOptions = {
    key: leaf.key,
    cert: leaf.cert + pki.chain(leafName),
    logger: false,
    // Without a network the reverse lookup of 127.0.0.1 only adds delay.
    disableReverseLookup: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth: (_auth, _session, callback) => callback(new Error('no accounts on this test server')),
  };
  switch (shape) {
    case 'implicit-tls':
      return { ...base, secure: true };
    case 'starttls':
      // A submission server that refuses mail before TLS and offers no AUTH in plaintext
      // (smtp-server cannot hide AUTH until TLS, so it offers none).
      return {
        ...base,
        secure: false,
        authOptional: true,
        disabledCommands: ['AUTH'],
        onMailFrom: (_address, session, callback) =>
          session.secure
            ? callback()
            : callback(
                Object.assign(new Error('Must issue a STARTTLS command first'), { responseCode: 530 }),
              ),
      };
    case 'auth-before-tls':
      return { ...base, secure: false, allowInsecureAuth: true };
    case 'plaintext':
      return { ...base, secure: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true };
  }
}

/** `port` 0 picks a free one; `leaf`: the test certificate it presents, with the chain the PKI sends for it. */
export async function startSmtpServer(
  shape: Shape,
  port = 0,
  leaf: LeafName = 'valid',
): Promise<RunningServer> {
  const server = new SMTPServer(optionsFor(shape, leaf));
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address();
  if (!address || typeof address !== 'object') throw new Error('smtp-server did not bind');
  return { port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
