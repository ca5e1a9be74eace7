import { describe, expect, it } from 'vitest';
import {
  effectiveMode,
  emailDomain,
  parsePorts,
  validateCaPem,
  validateDomain,
  validateEmail,
  validateHost,
  validateIp,
  validateSelector,
  validateUser,
} from '../../renderer/src/store/validation.js';
import { createSseParser } from '../../renderer/src/bridge/sse.js';

describe('field validation', () => {
  it('explains what is wrong with an email address', () => {
    expect(validateEmail('')).toBe('email-required');
    expect(validateEmail('taro')).toBe('email-no-at');
    expect(validateEmail('@example.jp')).toBe('email-no-at');
    expect(validateEmail('taro @example.jp')).toBe('email-space');
    expect(validateEmail('taro@localhost')).toBe('email-domain');
    expect(validateEmail('taro@example.')).toBe('email-domain');
    expect(validateEmail(`${'a'.repeat(250)}@example.jp`)).toBe('email-too-long');
    expect(validateEmail(' taro@example.jp ')).toBeNull();
    expect(emailDomain('Taro@Example.JP')).toBe('example.jp');
    expect(emailDomain('taro')).toBeNull();
  });

  it('explains what is wrong with a server name', () => {
    expect(validateHost('')).toBe('host-required');
    expect(validateHost('smtp://mail.example.jp')).toBe('host-scheme');
    expect(validateHost('mail.example.jp:587')).toBe('host-port');
    expect(validateHost('taro@example.jp')).toBe('host-email');
    expect(validateHost('mail example.jp')).toBe('host-space');
    expect(validateHost('mail..example.jp')).toBe('host-label');
    expect(validateHost(`${'a'.repeat(64)}.jp`)).toBe('host-label');
    expect(validateHost(`${'a.'.repeat(127)}jp`)).toBe('host-too-long');
    expect(validateHost('mail_!.example.jp')).toBe('host-chars');
    expect(validateHost('-mail.example.jp')).toBe('host-chars');
    for (const ok of [
      'smtp.example.jp',
      '127.0.0.1',
      'localhost',
      'メール.例え.jp',
      '::1',
      '[2001:db8::1]',
      'mx.example.jp.',
    ]) {
      expect(validateHost(ok), ok).toBeNull();
    }
  });

  it('explains what is wrong with a domain to check, and a DKIM selector', () => {
    expect(validateDomain('')).toBe('domain-required');
    expect(validateDomain('https://example.jp')).toBe('domain-scheme');
    expect(validateDomain('taro@example.jp')).toBe('domain-email');
    expect(validateDomain('example .jp')).toBe('domain-space');
    expect(validateDomain('localhost')).toBe('domain-dot');
    expect(validateDomain('192.0.2.1')).toBe('domain-ip');
    expect(validateDomain('2001:db8::1')).toBe('domain-ip');
    expect(validateDomain('example..jp')).toBe('domain-label');
    expect(validateDomain(`${'a.'.repeat(127)}jp`)).toBe('domain-too-long');
    expect(validateDomain('example.jp/path')).toBe('domain-chars');
    expect(validateDomain('example.jp:25')).toBe('domain-chars');
    for (const ok of ['example.jp', ' Example.JP ', 'example.jp.', 'メール.例え.jp']) {
      expect(validateDomain(ok), ok).toBeNull();
    }
    expect(validateSelector('')).toBeNull();
    expect(validateSelector('selector1')).toBeNull();
    expect(validateSelector('s2024.eu_west-1')).toBeNull();
    expect(validateSelector('my selector')).toBe('selector-chars');
    expect(validateSelector('a..b')).toBe('selector-chars');
  });

  it('takes an optional IPv4 or IPv6 sending address', () => {
    for (const ok of ['', ' 192.0.2.10 ', '2001:db8::10', '::ffff:192.0.2.1', 'fe80::1']) {
      expect(validateIp(ok), ok).toBeNull();
    }
    for (const bad of ['192.0.2', '192.0.2.300', 'mail.example.jp', '2001:db8', '::g']) {
      expect(validateIp(bad), bad).toBe('ip-invalid');
    }
  });

  it('checks the user name and the extra CA', () => {
    expect(validateUser('')).toBeNull();
    expect(validateUser('taro\u0000')).toBe('user-control');
    expect(validateUser('x'.repeat(513))).toBe('user-too-long');
    expect(validateCaPem('')).toBeNull();
    expect(validateCaPem('hello')).toBe('ca-pem');
    expect(validateCaPem('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')).toBeNull();
  });

  it('reads the ports to test, with optional modes', () => {
    expect(parsePorts('25, 465, 587')).toEqual({
      ok: true,
      ports: [{ port: 25 }, { port: 465 }, { port: 587 }],
    });
    expect(parsePorts('2465 implicit-tls\n2587/STARTTLS')).toEqual({
      ok: true,
      ports: [
        { port: 2465, mode: 'implicit-tls' },
        { port: 2587, mode: 'starttls' },
      ],
    });
    expect(parsePorts(' , ')).toEqual({ ok: false, error: 'ports-required' });
    expect(parsePorts('0')).toEqual({ ok: false, error: 'ports-number' });
    expect(parsePorts('65536')).toEqual({ ok: false, error: 'ports-number' });
    expect(parsePorts('25 starttls extra')).toEqual({ ok: false, error: 'ports-number' });
    expect(parsePorts('2465 tls')).toEqual({ ok: false, error: 'ports-mode' });
    expect(parsePorts('587, 587')).toEqual({ ok: false, error: 'ports-duplicate' });
    expect(parsePorts(Array.from({ length: 17 }, (_, i) => 1000 + i).join(','))).toEqual({
      ok: false,
      error: 'ports-too-many',
    });
    expect(effectiveMode({ port: 465 })).toBe('implicit-tls');
    expect(effectiveMode({ port: 587 })).toBe('starttls');
    expect(effectiveMode({ port: 2465, mode: 'implicit-tls' })).toBe('implicit-tls');
  });
});

describe('event-stream reader', () => {
  it('returns whole messages however the stream is cut', () => {
    const text =
      'event: progress\ndata: {"a":1}\n\n: keep-alive\n\nevent: result\r\ndata: {"ok":true,\r\ndata: "b":2}\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const parser = createSseParser();
      const messages = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      expect(messages, `cut at ${cut}`).toEqual([
        { event: 'progress', data: '{"a":1}' },
        { event: 'result', data: '{"ok":true,\n"b":2}' },
      ]);
    }
  });
});
