/**
 * Preloaded (NODE_OPTIONS=--import) into a `mailtls serve` child by the e2e tests:
 * the process resolves host names through the test DNS server named in
 * MAILTLS_TEST_RESOLVER (IP:PORT) instead of the system's, as if the machine's
 * resolver were that server. A provider's real host name (smtp.gmail.com) thus
 * leads to a real Postfix on a loopback address, and nothing ever leaves 127/8:
 * names the test zone does not know fail, except "localhost" and IP literals.
 */
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { isIP } from 'node:net';
import { promisify } from 'node:util';

const server = process.env.MAILTLS_TEST_RESOLVER;
if (server) {
  const resolver = new dns.Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([server]);
  const systemLookup = dns.lookup;
  dns.lookup = function lookup(hostname, options, callback) {
    const done = typeof options === 'function' ? options : callback;
    const opts = typeof options === 'object' && options !== null ? options : {};
    if (hostname === 'localhost' || isIP(hostname) !== 0) return systemLookup.call(dns, hostname, opts, done);
    resolver.resolve4(hostname, (error, addresses) => {
      if (error || addresses.length === 0) {
        const failure = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
          code: 'ENOTFOUND',
          hostname,
        });
        return done(failure);
      }
      if (opts.all)
        return done(
          null,
          addresses.map((address) => ({ address, family: 4 })),
        );
      return done(null, addresses[0], 4);
    });
  };
  // The promise form too, and the ES module views of both (`import { lookup } from 'node:dns/promises'`).
  const lookupAsync = promisify(dns.lookup);
  dns.promises.lookup = (hostname, options) =>
    lookupAsync(hostname, options ?? {}).then((result) =>
      typeof result === 'string' ? { address: result, family: 4 } : result,
    );
  syncBuiltinESMExports();
}
