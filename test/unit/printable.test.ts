import { describe, expect, it } from 'vitest';
import { printable } from '../../electron/engine/core/printable.js';
import { makeFinding } from '../../electron/engine/audit/findings.js';
import { Transcript } from '../../electron/engine/smtp/transcript.js';

const hostile = '250 ok\x1b]0;PWNED\x07\x1b[2J\x9b31m \u202eevil\u2066';

describe('printable', () => {
  it('escapes C0, DEL, C1 and bidirectional controls, and keeps ordinary text', () => {
    expect(printable(hostile)).toBe('250 ok\\x1b]0;PWNED\\x07\\x1b[2J\\x9b31m \\u202eevil\\u2066');
    expect(printable('220 mail.example.jp ESMTP 日本語\tok')).toBe('220 mail.example.jp ESMTP 日本語\tok');
  });

  it('is applied to finding details and transcript lines', () => {
    expect(makeFinding('tls-not-required', { detail: hostile }).detail).not.toMatch(/[\x1b\x07\x9b\u202e]/);
    const transcript = new Transcript();
    transcript.server(hostile);
    expect(transcript.toJSON()[0]?.text).not.toMatch(/[\x1b\x07\x9b\u202e]/);
  });
});
