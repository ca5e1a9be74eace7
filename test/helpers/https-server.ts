/**
 * A real HTTPS server on 127.0.0.1 for policy and autoconfig files, routed by the
 * Host header, with a certificate chosen per server: issued by the test CA for the
 * names the test uses, self-signed for those names, or the PKI's localhost leaf
 * (a name mismatch for anything else).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPki } from './env.js';

export interface Route {
  status?: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type CertificateKind = 'valid' | 'self-signed' | 'expired-ca-leaf' | 'localhost-only';

export interface TestHttpsServer {
  port: number;
  /** Requests received, as "host path". */
  requests: string[];
  close(): Promise<void>;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A P-256 leaf for `names`, signed by the test CA or by itself. */
export function issue(names: string[], selfSigned: boolean): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mailtls-https-'));
  try {
    const san = `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`;
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'leaf.key'], dir);
    if (selfSigned) {
      openssl(
        [
          'req',
          '-x509',
          '-new',
          '-key',
          'leaf.key',
          '-subj',
          `/CN=${names[0]}`,
          '-days',
          '30',
          '-addext',
          san,
          '-out',
          'leaf.pem',
        ],
        dir,
      );
    } else {
      const pki = testPki();
      writeFileSync(
        join(dir, 'ext.cnf'),
        `${san}\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n`,
      );
      openssl(['req', '-new', '-key', 'leaf.key', '-subj', `/CN=${names[0]}`, '-out', 'leaf.csr'], dir);
      openssl(
        [
          'x509',
          '-req',
          '-in',
          'leaf.csr',
          '-CA',
          pki.caFile,
          '-CAkey',
          join(pki.dir, 'ca.key'),
          '-set_serial',
          String(Date.now()),
          '-days',
          '30',
          '-extfile',
          'ext.cnf',
          '-out',
          'leaf.pem',
        ],
        dir,
      );
    }
    return {
      cert: readFileSync(join(dir, 'leaf.pem'), 'utf8'),
      key: readFileSync(join(dir, 'leaf.key'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts the server. `routes` is keyed by "host/path" (no port), e.g.
 * "mta-sts.good.test/.well-known/mta-sts.txt"; anything else answers 404.
 */
export async function startHttpsServer(
  routes: Record<string, Route>,
  certificate: CertificateKind,
  names: string[],
  /** Where to listen; a free port on 127.0.0.1 by default (an own loopback address can take 443). */
  listen: { host: string; port: number } = { host: '127.0.0.1', port: 0 },
): Promise<TestHttpsServer> {
  const pki = testPki();
  const material =
    certificate === 'valid'
      ? issue(names, false)
      : certificate === 'self-signed'
        ? issue(names, true)
        : pki.leaf(certificate === 'expired-ca-leaf' ? 'expired' : 'valid');
  const requests: string[] = [];
  const server = https.createServer({ cert: material.cert, key: material.key }, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push(`${host} ${request.url ?? ''}`);
    const route = routes[`${host}${path}`];
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response
      .writeHead(route.status ?? 200, { 'content-type': route.contentType ?? 'text/plain', ...route.headers })
      .end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(listen.port, listen.host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
