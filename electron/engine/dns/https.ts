/**
 * A deliberately tiny HTTPS GET for small policy files (autoconfig XML, MTA-STS):
 * certificate checks always on, redirects never followed, a size cap and a
 * deadline. Host names are resolved through the same DNS client as everything
 * else, so `--dns-server` governs the whole check, and certificates are verified
 * with the audit's TrustStore (bundled roots, NODE_EXTRA_CA_CERTS, `--ca`, and the
 * operating system's store when only it can anchor the chain).
 */
import type { X509Certificate } from 'node:crypto';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import * as tls from 'node:tls';
import { inspectCertificate } from '../tls/certificate.js';
import { TrustStore } from '../tls/trust.js';
import type { DnsClient } from './client.js';

export type FetchFailure = 'redirect' | 'certificate' | 'status' | 'timeout' | 'too-large' | 'network';

export class FetchError extends Error {
  readonly failure: FetchFailure;
  /** Evidence for the report: the status, the certificate error code, the Location... */
  readonly detail: string;
  constructor(failure: FetchFailure, detail: string) {
    super(`${failure}: ${detail}`);
    this.name = 'FetchError';
    this.failure = failure;
    this.detail = detail;
  }
}

export interface FetchOptions {
  dns: DnsClient;
  /** Extra trusted CA (PEM), added to the trust store. */
  caPem?: string;
  /**
   * Port to connect to instead of 443. Only tests set it, so a local server can
   * stand in for https://<name>/ while the certificate is still checked for <name>.
   */
  port?: number;
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface FetchResult {
  contentType: string;
  body: string;
}

const certificateCodes =
  /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME|HOSTNAME|LEAF_SIGNATURE|ISSUER/;

/**
 * Fetches `url`. A certificate refused by the bundled roots, NODE_EXTRA_CA_CERTS and
 * the user's CA is tried once more when the operating system's store holds the
 * chain's anchor, exactly as the audit and the log-in test do.
 */
export async function fetchHttps(url: URL, options: FetchOptions): Promise<FetchResult> {
  const trust = new TrustStore(options.caPem);
  const lookup = lookupThrough(options.dns);
  try {
    return await fetchOnce(url, options, trust, lookup);
  } catch (error) {
    if (!(error instanceof FetchError) || error.failure !== 'certificate') throw error;
    const chain = await presentedChain(url, options, trust, lookup).catch(() => []);
    if (!(await trust.systemCanAnchor(chain))) throw error;
    return await fetchOnce(url, options, trust, lookup);
  }
}

/** Resolves through the check's DNS client, in the forms Node's connect asks for. */
function lookupThrough(dns: DnsClient): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dns.addresses(hostname).then(
      (addresses) => {
        const found = addresses.map((address) => ({ address, family: isIP(address) }));
        const [first] = found;
        if (first === undefined) {
          callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
        } else if (lookupOptions.all) {
          // Node's connect asks for every address (happy eyeballs) and expects the list form.
          (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(
            null,
            found,
          );
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: Error) => callback(Object.assign(error, { code: 'ENOTFOUND' }), '', 4),
    );
  };
}

/** The chain the server presents, read without verifying it (nothing is sent over it). */
function presentedChain(
  url: URL,
  options: FetchOptions,
  trust: TrustStore,
  lookup: LookupFunction,
): Promise<X509Certificate[]> {
  const connection = trust.options(url.hostname);
  if (!connection) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      ...connection,
      port: options.port ?? 443,
      lookup,
      timeout: options.timeoutMs ?? 10_000,
    });
    socket.once('secureConnect', () => {
      resolve(inspectCertificate(socket, url.hostname, () => [])?.chain ?? []);
      socket.destroy();
    });
    socket.once('timeout', () => socket.destroy(new Error('timeout')));
    socket.once('error', reject);
    options.signal?.addEventListener('abort', () => socket.destroy(new Error('cancelled')), { once: true });
  });
}

function fetchOnce(
  url: URL,
  options: FetchOptions,
  trust: TrustStore,
  lookup: LookupFunction,
): Promise<FetchResult> {
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise<FetchResult>((resolve, reject) => {
    // Node's https agent hands every option, the secure context included, to tls.connect.
    const requestOptions: https.RequestOptions & Pick<tls.ConnectionOptions, 'secureContext'> = {
      host: url.hostname,
      servername: url.hostname,
      port: options.port ?? 443,
      path: `${url.pathname}${url.search}`,
      // The store's context also holds the TLS 1.2 minimum.
      secureContext: trust.context(),
      rejectUnauthorized: true,
      lookup,
      agent: false,
      timeout: timeoutMs,
      signal: options.signal,
      headers: { accept: 'text/plain, application/xml, text/xml', 'user-agent': 'MailTLS' },
    };
    const request = https.get(requestOptions, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        response.destroy();
        reject(new FetchError('redirect', `${status} ${response.headers.location ?? ''}`.trim()));
        return;
      }
      if (status !== 200) {
        response.destroy();
        reject(new FetchError('status', String(status)));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          response.destroy();
          reject(new FetchError('too-large', `> ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () =>
        resolve({
          contentType: String(response.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', (error) => reject(new FetchError('network', error.message)));
    });
    // `timeout` above is per idle socket; this caps the whole exchange, so a trickling server cannot stall us.
    const deadline = setTimeout(
      () => request.destroy(new FetchError('timeout', `${timeoutMs} ms`)),
      timeoutMs,
    );
    request.on('close', () => clearTimeout(deadline));
    request.on('timeout', () => request.destroy(new FetchError('timeout', `${timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof FetchError) reject(error);
      else if (error.code && certificateCodes.test(error.code))
        reject(new FetchError('certificate', error.code));
      else reject(new FetchError('network', error.code ?? error.message));
    });
  });
}
