import { describe, expect, it } from 'vitest';
import { normalizeHost } from '../../electron/engine/core/host.js';

describe('normalizeHost', () => {
  it('converts internationalised names to punycode and keeps what was typed', () => {
    expect(normalizeHost(' bücher.example ')).toEqual({
      ascii: 'xn--bcher-kva.example',
      display: 'bücher.example',
    });
    expect(normalizeHost('メール.テスト.jp').ascii).toBe('xn--4dkua4c.xn--zckzah.jp');
  });

  it('accepts IPv4, IPv6 and bracketed literals, and a trailing dot', () => {
    expect(normalizeHost('127.0.0.1').ascii).toBe('127.0.0.1');
    expect(normalizeHost('::1').ascii).toBe('::1');
    expect(normalizeHost('[::1]').ascii).toBe('::1');
    expect(normalizeHost('SMTP.Example.COM.').ascii).toBe('smtp.example.com');
  });

  it.each([
    ['', /empty/],
    ['smtp://mail.example.com', /not a URL/],
    ['mail.example.com/path', /not a URL/],
    ['user@example.com', /email address/],
    ['mail.example.com:587', /port separately/],
    ['bad..example', /not a valid server name/],
    ['-bad.example', /not a valid server name/],
    [`${'a'.repeat(64)}.example`, /not a valid server name/],
  ])('rejects %j', (input, message) => {
    expect(() => normalizeHost(input)).toThrow(message);
  });
});
