/**
 * Defensive parsing of files the user imports: they may come from anywhere, so
 * size is capped before any parser runs, JSON may not carry prototype-polluting
 * keys, and XML may not carry a DTD or entity declarations (no expansion bombs,
 * no external fetches).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UserFacingError } from './errors.js';
import { maxImportBytes } from './limits.js';

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

export function invalidFile(en: string, ja: string): UserFacingError {
  return new UserFacingError('invalid-input', { en, ja });
}

/** Nesting so deep or names so odd that a parser gave up: not a real configuration file. */
export function tooComplex(): UserFacingError {
  return invalidFile(
    'The file is nested too deeply or uses names MailTLS refuses for safety.',
    'ファイルの入れ子が深すぎるか、安全上受け付けられない名前が使われています。',
  );
}

export function assertImportSize(content: string): void {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > maxImportBytes) {
    const mib = (bytes / 1024 / 1024).toFixed(1);
    throw invalidFile(
      `The file is too large (${mib} MiB). A profile or client configuration is at most 1 MiB.`,
      `ファイルが大きすぎます（${mib} MiB）。プロファイルやクライアント設定ファイルは 1 MiB までです。`,
    );
  }
}

/** JSON.parse that refuses `__proto__`, `constructor` and `prototype` keys anywhere. */
export function parseJsonSafely(content: string): unknown {
  let forbidden: string | undefined;
  let value: unknown;
  try {
    value = JSON.parse(content, (key: string, item: unknown) => {
      if (forbiddenKeys.has(key)) forbidden ??= key;
      return item;
    });
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw invalidFile('The file is not valid JSON.', 'ファイルが正しい JSON ではありません。');
    }
    throw tooComplex();
  }
  if (forbidden !== undefined) {
    throw invalidFile(
      `The file contains the key "${forbidden}", which MailTLS refuses for safety.`,
      `ファイルに安全上受け付けられないキー "${forbidden}" が含まれています。`,
    );
  }
  return value;
}

/** The one DOCTYPE a property list legitimately carries (it names Apple's DTD; nothing fetches it). */
const appleDoctype =
  /<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>/;

/**
 * Rejects DTDs and entity declarations, then checks well-formedness. With
 * `allowAppleDoctype`, the standard plist DOCTYPE (without an internal subset)
 * is removed first and every other one is still refused.
 */
export function checkXml(content: string, allowAppleDoctype = false): string {
  const xml = allowAppleDoctype ? content.replace(appleDoctype, '') : content;
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw invalidFile(
      'The XML file declares a DTD or entities, which MailTLS refuses for safety.',
      'XML ファイルに DTD またはエンティティ宣言が含まれているため、安全のため読み込みません。',
    );
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw invalidFile(
      `The file is not well-formed XML (line ${valid.err.line}).`,
      `ファイルが正しい XML ではありません（${valid.err.line} 行目）。`,
    );
  }
  return xml;
}

/** An element as fast-xml-parser gives it with `isArray` always on. */
export type XmlNode = { [name: string]: XmlNode[] | string[] | string | undefined } | string;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: () => true,
});

/** Parses XML already checked by `checkXml`; entity processing stays off. */
export function parseXml(content: string): XmlNode {
  const xml = checkXml(content);
  try {
    return parser.parse(xml) as XmlNode;
  } catch {
    // fast-xml-parser refuses reserved names such as <__proto__> itself; extreme nesting ends here too.
    throw tooComplex();
  }
}

const namedEntities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes XML's five predefined entities and character references (nothing else exists without a DTD). */
function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return namedEntities[ref] ?? whole;
  });
}

/** The child elements called `name` (namespace prefixes ignored). */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string') return [];
  for (const [key, value] of Object.entries(node)) {
    const local = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
    if (local === name && Array.isArray(value)) return value;
  }
  return [];
}

/** All texts of the children called `name`, decoded. */
export function childTexts(node: XmlNode | undefined, name: string): string[] {
  return children(node, name).map((item) => {
    if (typeof item === 'string') return decodeText(item);
    const text = item['#text'];
    const raw = Array.isArray(text) ? text[0] : text;
    return typeof raw === 'string' ? decodeText(raw) : '';
  });
}

/** Text of the first child called `name`, decoded, or undefined. */
export function childText(node: XmlNode | undefined, name: string): string | undefined {
  return childTexts(node, name)[0];
}

/** An attribute of an element, decoded. */
export function attribute(node: XmlNode | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === 'string') return undefined;
  const value = node[`@${name}`];
  const raw = Array.isArray(value) ? value[0] : value;
  return typeof raw === 'string' ? decodeText(raw) : undefined;
}
