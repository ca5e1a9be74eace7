/**
 * One MX on port 25, tested as a sending server would: greeting, EHLO, STARTTLS,
 * handshake, certificate, EHLO inside TLS, QUIT; then, on a second connection only
 * after the first has closed, the injection probe. No MAIL, RCPT or DATA is sent.
 */
import type { CertificateReport, RecipientFinding, RecipientMx } from '../../contract.js';
import { printable } from '../core/printable.js';
import { plaintextSession, type ProbeTarget } from '../probe/dialogue.js';
import { ThrottledError, sayEhlo } from '../smtp/dialogue.js';
import { probeInjection } from '../probe/injection.js';
import { hasExtension } from '../smtp/capabilities.js';
import { SmtpError } from '../smtp/smtp-error.js';
import { Transcript } from '../smtp/transcript.js';
import { inspectCertificate } from '../tls/certificate.js';
import { recipientFinding } from './catalogue.js';
import { presentedChain } from './dane.js';

export interface MxProbeResult {
  transport: RecipientMx['transport'];
  banner: string | null;
  tls: RecipientMx['tls'];
  certificate: CertificateReport | null;
  certificateValid: boolean;
  /** DER of the certificates presented, leaf first, for DANE. */
  chain: Buffer[];
  injection: RecipientMx['injection'];
  findings: RecipientFinding[];
}

function isCancelled(error: unknown): boolean {
  return error instanceof SmtpError && error.kind === 'cancelled';
}

function describe(error: unknown): string {
  if (error instanceof ThrottledError) return printable(error.reply.raw.split('\n')[0] ?? '');
  if (error instanceof SmtpError) return `${error.command ?? 'smtp'}: ${error.code ?? error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** The certificate findings, and whether a verifying sender would accept it. */
function judgeCertificate(
  certificate: CertificateReport,
  host: string,
  findings: RecipientFinding[],
): boolean {
  const now = Date.now();
  const inDates = Date.parse(certificate.notAfter) >= now && Date.parse(certificate.notBefore) <= now;
  if (!certificate.trusted)
    findings.push(
      recipientFinding('recipient-cert-untrusted', { host, detail: certificate.errorCode ?? '' }),
    );
  if (!certificate.hostnameMatch)
    findings.push(
      recipientFinding('recipient-cert-hostname-mismatch', {
        host,
        detail: certificate.altNames.join(', ') || certificate.subject,
      }),
    );
  if (!inDates)
    findings.push(
      recipientFinding('recipient-cert-expired', {
        host,
        detail: `${certificate.notBefore} – ${certificate.notAfter}`,
      }),
    );
  return certificate.trusted && certificate.hostnameMatch && inDates;
}

/** An MX nothing was learned about (yet): unreachable until a session says otherwise. */
export function unreachedMx(findings: RecipientFinding[]): MxProbeResult {
  return {
    transport: 'unreachable',
    banner: null,
    tls: null,
    certificate: null,
    certificateValid: false,
    chain: [],
    injection: 'not-tested',
    findings,
  };
}

export async function probeMx(target: ProbeTarget): Promise<MxProbeResult> {
  const host = target.host;
  const result = unreachedMx([]);
  let opened: Awaited<ReturnType<typeof plaintextSession>>;
  try {
    opened = await plaintextSession(target, new Transcript());
  } catch (error) {
    if (isCancelled(error)) throw error;
    result.findings.push(recipientFinding('recipient-mx-unreachable', { host, detail: describe(error) }));
    return result;
  }
  const { session, connection, greeting, extensions } = opened;
  result.banner = printable(greeting.raw.split('\n')[0] ?? '');
  try {
    if (!hasExtension(extensions, 'STARTTLS')) {
      result.transport = 'no-starttls';
      result.findings.push(recipientFinding('recipient-starttls-missing', { host }));
      await session.quit(target.deadline.stage());
      return result;
    }
    const reply = await session.command('STARTTLS', target.deadline.stage());
    const tlsOptions = target.trust.options(host);
    if (reply.code !== 220 || !tlsOptions) {
      result.transport = 'handshake-failed';
      result.findings.push(
        recipientFinding('recipient-starttls-failed', {
          host,
          detail: printable(reply.raw.split('\n')[0] ?? ''),
        }),
      );
      await session.quit(target.deadline.stage());
      return result;
    }
    let socket;
    try {
      ({ socket } = await session.upgrade(tlsOptions, target.deadline.stage()));
    } catch (error) {
      if (isCancelled(error)) throw error;
      result.transport = 'handshake-failed';
      result.findings.push(recipientFinding('recipient-starttls-failed', { host, detail: describe(error) }));
      return result;
    }
    result.transport = 'encrypted';
    result.tls = { version: socket.getProtocol() ?? 'unknown', cipher: socket.getCipher().name };
    // Before inspectCertificate: after it, Node hands out an empty detailed certificate.
    result.chain = presentedChain(socket);
    const inspection = inspectCertificate(socket, host, () => target.trust.anchors());
    result.certificate = inspection?.report ?? null;
    result.certificateValid = inspection ? judgeCertificate(inspection.report, host, result.findings) : false;
    // A sending server says EHLO again inside TLS before it would send mail (RFC 3207 §4.2).
    await sayEhlo(session, socket, target.deadline).catch((error: unknown) => {
      if (isCancelled(error)) throw error;
    });
    await session.quit(target.deadline.stage());
  } catch (error) {
    if (isCancelled(error)) throw error;
    // After the handshake, a server that drops us mid-EHLO still encrypted; before it, we cannot judge.
    if (result.transport !== 'encrypted')
      result.findings.push(recipientFinding('recipient-mx-unreachable', { host, detail: describe(error) }));
  } finally {
    session.destroy();
    connection.close();
  }
  if (result.transport === 'encrypted') {
    const injection = await probeInjection(target);
    result.injection = injection.verdict;
    if (injection.verdict === 'vulnerable')
      result.findings.push(
        recipientFinding('recipient-starttls-injection', { host, detail: injection.detail }),
      );
  }
  return result;
}
