/**
 * The test message through nodemailer against a recording smtp-server sink:
 * delivered over TLS with the right headers and text, the queue id read from the
 * server's reply, and every refusal (log-in, certificate, recipient) surfaced.
 */
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sendTestResultSchema, type SendTestRequest } from '../../electron/contract.js';
import { queueIdOf, sendTestMessage } from '../../electron/engine/login/index.js';
import { testPki } from '../helpers/env.js';
import { expectNoSecret, password, rejection, user } from './secrets.js';
import { queueId, serverPool } from './servers.js';

const server = serverPool().login;

function request(port: number, fields: Partial<SendTestRequest> = {}): SendTestRequest {
  return {
    host: '127.0.0.1',
    port,
    security: 'implicit-tls',
    credentials: { user, password },
    caPem: testPki().caPem,
    from: 'alice@example.test',
    to: 'bob@example.test',
    language: 'en',
    ...fields,
  };
}

/** Header value with RFC 2047 encoded words decoded. */
function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const match = new RegExp(`^${name}:([^\\r\\n]*(?:\\r?\\n[ \\t][^\\r\\n]*)*)`, 'im').exec(head);
  const value = (match?.[1] ?? '').replace(/\r?\n[ \t]/g, ' ').trim();
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_all, kind: string, text: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** The body, undoing the transfer encoding nodemailer chose. */
function body(raw: string): string {
  const text = raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n');
  const encoding = header(raw, 'Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'base64') return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return text;
}

describe('test message', () => {
  it('implicit TLS: delivered over TLS after log-in, English text, queue id from the reply', async () => {
    const sink = await server({ mode: 'implicit-tls' });
    const result = sendTestResultSchema.parse(await sendTestMessage(request(sink.port)));
    expectNoSecret(result);
    expect(result).toEqual({ accepted: true, queueId, serverReply: `250 2.0.0 Ok: queued as ${queueId}` });
    expect(sink.messages).toHaveLength(1);
    const message = sink.messages[0]!;
    expectNoSecret(message.raw);
    expect(message).toMatchObject({
      secure: true,
      user,
      from: 'alice@example.test',
      to: ['bob@example.test'],
    });
    expect(header(message.raw, 'Subject')).toBe('MailTLS test message');
    expect(header(message.raw, 'From')).toBe('alice@example.test');
    expect(header(message.raw, 'To')).toBe('bob@example.test');
    expect(body(message.raw)).toMatch(
      /sent by MailTLS to verify the outgoing mail setting 127\.0\.0\.1:\d+ \(SSL\/TLS\)/,
    );
    expect(sink.auths).toEqual([expect.objectContaining({ secure: true })]);
  });

  it('STARTTLS required: delivered over TLS, Japanese subject and body', async () => {
    const sink = await server({ mode: 'starttls' });
    const result = await sendTestMessage(request(sink.port, { security: 'starttls', language: 'ja' }));
    expect(result).toMatchObject({ accepted: true, queueId });
    const message = sink.messages[0]!;
    expect(message.secure).toBe(true);
    expect(header(message.raw, 'Subject')).toBe('MailTLS テストメッセージ');
    expect(body(message.raw)).toContain('MailTLS が送信しました');
    expect(body(message.raw)).toContain('(STARTTLS)');
  });

  it('a pinned self-signed certificate is accepted; the same server without the pin is refused', async () => {
    const sink = await server({ mode: 'implicit-tls', leaf: 'self-signed' });
    const pin = new X509Certificate(testPki().leaf('self-signed').cert).fingerprint256;
    const refused = await rejection(sendTestMessage(request(sink.port, { caPem: undefined })));
    expect(refused.code).toBe('insecure');
    expect(sink.auths).toEqual([]);
    const result = await sendTestMessage(request(sink.port, { caPem: undefined, pinnedFingerprint256: pin }));
    expect(result).toMatchObject({ accepted: true, queueId });
    expect(sink.messages).toHaveLength(1);
  });

  it('wrong password: refused as auth-failed with the explanation, nothing delivered', async () => {
    const sink = await server({ mode: 'implicit-tls' });
    const error = await rejection(
      sendTestMessage(request(sink.port, { credentials: { user, password: `${password}-wrong` } })),
    );
    expect(error.code).toBe('auth-failed');
    expect(error.text.en).toMatch(/refused the log-in.*rejected the login/s);
    expect(error.text.ja).toMatch(/ログインを拒否/);
    expect(sink.messages).toEqual([]);
  });

  it('untrusted certificate: refused before AUTH', async () => {
    const sink = await server({ mode: 'starttls', leaf: 'wrong-name' });
    const error = await rejection(sendTestMessage(request(sink.port, { security: 'starttls' })));
    expect(error.code).toBe('insecure');
    expect(error.text.en).toMatch(/issued for other names/);
    expect(sink.auths).toEqual([]);
    expect(sink.messages).toEqual([]);
  });

  it('no STARTTLS on the port: refused, the password never sent', async () => {
    const sink = await server({ mode: 'auth-before-tls' });
    const error = await rejection(sendTestMessage(request(sink.port, { security: 'starttls' })));
    expect(error.code).toBe('insecure');
    expect(sink.auths).toEqual([]);
  });

  it('a refused recipient is the server’s verdict: accepted false with its reply', async () => {
    const sink = await server({
      mode: 'implicit-tls',
      refuseRecipient: { code: 550, text: '5.1.1 Recipient address rejected' },
    });
    const result = await sendTestMessage(request(sink.port));
    expectNoSecret(result);
    expect(result.accepted).toBe(false);
    expect(result.queueId).toBeNull();
    expect(result.serverReply).toMatch(/^550 5\.1\.1 Recipient address rejected/);
  });
});

describe('queue id from the final reply', () => {
  it.each([
    ['250 2.0.0 Ok: queued as 4XyZ9abc', '4XyZ9abc'],
    ['250 OK id=1rF3aB-000Q2k-3c', '1rF3aB-000Q2k-3c'],
    [
      '250 2.6.0 <abc123@DM6PR.prod.outlook.com> [InternalId=123, Hostname=X] Queued mail for delivery',
      'abc123@DM6PR.prod.outlook.com',
    ],
    [
      '250 2.0.0 OK  1700000000 d12-20020a05600c4e0c00b0040c3a7a1e5bsi1234567wmq.123 - gsmtp',
      'd12-20020a05600c4e0c00b0040c3a7a1e5bsi1234567wmq.123',
    ],
    ['250 OK: message queued', null],
  ])('%s', (reply, expected) => {
    expect(queueIdOf(reply)).toBe(expected);
  });
});
