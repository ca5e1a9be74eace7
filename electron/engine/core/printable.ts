/**
 * Text from a server (banners, replies, certificate names) is shown in terminals,
 * reports and the UI. Control characters (C0, DEL, C1) could drive a terminal
 * (escape sequences, window titles, clipboard writes) and bidirectional overrides
 * could make a line read differently from what it is: all are shown escaped.
 */
const unsafe = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(unsafe, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
