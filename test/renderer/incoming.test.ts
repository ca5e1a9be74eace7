/**
 * Issue 14 in the wizard's store, without React: driven through the real web bridge
 * against a real smtp-server (outgoing, 127.0.0.1) and a real Dovecot on the standard
 * incoming ports of 127.0.0.2. The main test runs both directions at once; the
 * account verdict covers both; the IMAP/POP3 choice is the person's; the incoming
 * log-in goes through the log-in channel with `protocol`; an incoming name that does
 * not resolve leaves the outgoing result standing and is said apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRequest, IncomingProtocol, MailTlsApi } from '../../electron/contract.js';
import { createNodeService } from '../../electron/service/node-service.js';
import { startWebBridge, type WebBridge } from '../../electron/web/server.js';
import { createHttpBridge } from '../../renderer/src/bridge/http.js';
import { incomingChoice, secureProtocols } from '../../renderer/src/store/incoming.js';
import { createAppStore } from '../../renderer/src/store/index.js';
import { verdictOf } from '../../renderer/src/store/verdict.js';
import { dovecotBinary, startDovecot, type DovecotInstance } from '../helpers/dovecot.js';
import { peerAvailable, testPki } from '../helpers/env.js';
import { issueLeaf } from '../helpers/pki.js';
import { ownLoopbackAddress } from '../e2e/harness.js';
import { memoryStorage } from '../helpers/memory-storage.js';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server.js';

const hasDovecot = peerAvailable('DOVECOT', [dovecotBinary]);

describe.runIf(hasDovecot)('the store tests and shows both directions', { timeout: 60_000 }, () => {
  let dir: string;
  let bridge: WebBridge;
  let api: MailTlsApi;
  let smtp: RunningServer;
  let dovecot: DovecotInstance;
  const requests: AuditRequest[] = [];
  let ids = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mailtls-store-incoming-'));
    const service = await createNodeService({ defaultLanguage: 'en', dataDir: dir, env: {} });
    bridge = await startWebBridge({ service, rendererDir: dir });
    const http = createHttpBridge({ token: bridge.token, baseUrl: bridge.origin.replace(/\/$/, '') });
    // The real bridge, with every audit request it is given kept for the assertions.
    api = {
      ...http,
      runAudit: (request, onProgress) => {
        requests.push(request);
        return http.runAudit(request, onProgress);
      },
    };
    smtp = await startSmtpServer('implicit-tls');
    dovecot = await startDovecot({ ...testPki().leaf('valid'), shape: 'good', standardAt: '127.0.0.2' });
  });

  afterAll(async () => {
    dovecot?.stop();
    await Promise.all([smtp?.close(), bridge?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  function newStore() {
    const store = createAppStore({
      api,
      storage: memoryStorage(),
      systemLanguage: 'en',
      newId: () => `incoming-${++ids}`,
      now: () => Date.now(),
    });
    const s = Object.assign(() => store.getState(), { setState: store.setState });
    s().setField('email', 'alice@example.test');
    s().setField('host', '127.0.0.1');
    s().setField('portsText', `${smtp.port} implicit-tls`);
    s().setField('caPem', testPki().caPem);
    return s;
  }

  it('one run for SMTP, IMAP and POP3; both protocols qualify; the choice and the log-in follow the person', async () => {
    const s = newStore();
    s().setField('incomingHost', '127.0.0.2');
    requests.length = 0;
    await s().startAudit('main');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ protocols: ['smtp', 'imap', 'pop3'], incomingHost: '127.0.0.2' });
    const report = s().runs.main.report!;
    expect(report.recommendation).toMatchObject({ port: smtp.port, security: 'implicit-tls' });
    expect(report.incoming?.recommendations.imap).toMatchObject({ port: 993, security: 'implicit-tls' });
    expect(report.incoming?.recommendations.pop3).toMatchObject({ port: 995, security: 'implicit-tls' });
    // Every port carries the engine's judgement, which Compare shows as it is.
    for (const port of [...report.ports, ...report.incoming!.ports]) {
      expect(port.judgement, `port ${port.port}`).toMatchObject({ certificate: 'valid', modernTls: true });
    }
    expect(
      report
        .incoming!.ports.filter((p) => p.judgement?.qualifies)
        .map((p) => p.port)
        .sort(),
    ).toEqual([110, 143, 993, 995]);
    expect(secureProtocols(report)).toEqual(['imap', 'pop3']);
    expect(verdictOf(report)).toBe('secure');

    expect(incomingChoice(report, s().form.incomingProtocol)?.protocol).toBe('imap');
    s().setField('incomingProtocol', 'pop3');
    expect(incomingChoice(report, s().form.incomingProtocol)?.rec.port).toBe(995);

    // The incoming log-in: only with a typed password, then over TLS to the chosen protocol.
    await s().runIncomingLoginTest();
    expect(s().incomingLoginTest.status).toBe('idle');
    s().setField('password', 'wrong-password');
    await s().runIncomingLoginTest();
    expect(s().incomingLoginTest.value).toMatchObject({ success: false, explanation: 'auth-failed' });
    s().setField('password', 'dovecot-secret');
    await s().runIncomingLoginTest();
    expect(s().incomingLoginTest.value).toMatchObject({ success: true, mechanism: 'PLAIN' });
    expect(JSON.stringify(s().incomingLoginTest.value)).not.toContain('dovecot-secret');
    expect(dovecot.log()).toMatch(
      /pop3-login: Info: Login: user=<alice@example\.test>, method=PLAIN.*, TLS,/,
    );
  });

  it('no incoming server known: sending only, and the verdict is about sending', async () => {
    const s = newStore();
    requests.length = 0;
    await s().startAudit('main');
    expect(requests[0]?.protocols).toBeUndefined();
    expect(s().runs.main.report?.incoming).toBeUndefined();
    expect(verdictOf(s().runs.main.report!)).toBe('secure');
  });

  it('an incoming name that does not resolve: the outgoing result stands and the reason is kept apart', async () => {
    const s = newStore();
    s().setField('incomingHost', 'imap.does-not-exist.invalid');
    requests.length = 0;
    await s().startAudit('main');
    expect(requests).toHaveLength(2);
    expect(requests[1]?.incomingHost).toBeUndefined();
    const run = s().runs.main;
    expect(run.status).toBe('done');
    expect(run.report?.recommendation.port).toBe(smtp.port);
    expect(run.incomingError?.code).toBe('not-found');
    expect(run.incomingError?.message).toContain('imap.does-not-exist.invalid');
  });

  it('an account whose incoming server has no secure setting is not called secure', async () => {
    const s = newStore();
    // Nothing listens for IMAP/POP3 on 127.0.0.3.
    s().setField('incomingHost', '127.0.0.3');
    await s().startAudit('main');
    const report = s().runs.main.report!;
    expect(report.recommendation.security).toBe('implicit-tls');
    expect(report.incoming?.recommendations.imap?.security).toBeNull();
    expect(verdictOf(report)).toBe('insecure');
    expect(incomingChoice(report, 'imap')).toBeNull();
  });

  describe('IMAP and POP3 on different servers (imap.gmail.com / pop.gmail.com style)', () => {
    // A second Dovecot on the standard ports of an address of its own, with a certificate for that address only.
    const popAddress = ownLoopbackAddress();
    let popServer: DovecotInstance;
    beforeAll(async () => {
      const leaf = issueLeaf(testPki(), [popAddress], -1, 365);
      popServer = await startDovecot({ ...leaf, shape: 'good', standardAt: popAddress });
    });
    afterAll(() => popServer?.stop());

    /** The outgoing server as discovery lists it. */
    const outgoing = () => {
      const { protocol: _smtp, ...server } = candidate('imap', '127.0.0.1', smtp.port);
      return server;
    };
    /** A server as discovery lists it (autoconfig `incomingServer`, SRV). */
    const candidate = (protocol: IncomingProtocol, host: string, port: number) => ({
      protocol,
      host,
      port,
      security: 'implicit-tls' as const,
      source: 'autoconfig' as const,
      trusted: true,
      origin: 'https://autoconfig.example.test/mail/config-v1.1.xml',
    });

    it('discovery fills both hosts; POP3 is tested, advised and logged in to on its own server', async () => {
      const s = newStore();
      s().setField('incomingHost', 'stale.example.test');
      s.setState({
        incomingFound: [candidate('pop3', popAddress, 995), candidate('imap', '127.0.0.2', 993)],
      });
      s().applyCandidate(outgoing());
      expect(s().form).toMatchObject({ incomingHost: '127.0.0.2', pop3Host: popAddress });
      s().setField('portsText', `${smtp.port} implicit-tls`);
      requests.length = 0;
      await s().startAudit('main');
      expect(requests).toHaveLength(1);
      expect(requests[0]?.incomingPorts?.map((p) => [p.protocol, p.port, p.host])).toEqual([
        ['imap', 993, undefined],
        ['imap', 143, undefined],
        ['pop3', 995, popAddress],
        ['pop3', 110, popAddress],
      ]);
      expect(s().runs.main.progress.map((p) => `${p.protocol}:${p.port}`)).toEqual([
        `smtp:${smtp.port}`,
        'imap:993',
        'imap:143',
        'pop3:995',
        'pop3:110',
      ]);
      const incoming = s().runs.main.report!.incoming!;
      for (const port of incoming.ports.filter((p) => p.protocol === 'pop3')) {
        // Only the POP3 server's certificate names popAddress: the port was tested there.
        expect(port).toMatchObject({ host: popAddress, reachable: true, findings: [] });
        expect(port.certificate?.altNames).toEqual([`IP Address:${popAddress}`]);
      }
      expect(incoming.recommendations.imap).toMatchObject({ host: '127.0.0.2', port: 993 });
      expect(incoming.recommendations.pop3).toMatchObject({ host: popAddress, port: 995 });

      s().setField('incomingProtocol', 'pop3');
      s().setField('password', 'dovecot-secret');
      await s().runIncomingLoginTest();
      expect(s().incomingLoginTest.value).toMatchObject({ success: true });
      expect(popServer.log()).toMatch(/pop3-login: Info: Login: user=<alice@example\.test>/);
    });

    it('no POP3 server of its own: the request is as before, every incoming port on the incoming host', async () => {
      const s = newStore();
      s.setState({
        incomingFound: [candidate('imap', '127.0.0.2', 993), candidate('pop3', '127.0.0.2', 995)],
      });
      s().applyCandidate(outgoing());
      expect(s().form).toMatchObject({ incomingHost: '127.0.0.2', pop3Host: '' });
    });
  });
});
