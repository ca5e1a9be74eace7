/**
 * A small XML serializer for the autoconfig and autodiscover exports: every
 * text and attribute value is escaped here, so no value can open or close an
 * element. Comments carry only MailTLS's own sentences, never profile values,
 * and are checked so that `--` or a trailing `-` can never end one early.
 */
import { isSingleLineText } from './encode.js';

export interface XmlElement {
  name: string;
  attributes?: Record<string, string>;
  children?: (XmlElement | string)[];
}

export function element(
  name: string,
  attributes: Record<string, string>,
  ...children: (XmlElement | string)[]
): XmlElement {
  return { name, attributes, children };
}

function checked(value: string): string {
  // Control characters other than tab, CR and LF cannot appear in XML 1.0 even as references.
  if (!isSingleLineText(value)) throw new Error('XML values must be single-line text');
  return value;
}

export function escapeText(value: string): string {
  return checked(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

function serialize(node: XmlElement, indent: string): string {
  const attributes = Object.entries(node.attributes ?? {})
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
  const children = node.children ?? [];
  const open = `${indent}<${node.name}${attributes}>`;
  if (children.every((child) => typeof child === 'string')) {
    return `${open}${children.map(escapeText).join('')}</${node.name}>`;
  }
  const inner = children.map((child) =>
    typeof child === 'string' ? `${indent}  ${escapeText(child)}` : serialize(child, `${indent}  `),
  );
  return [open, ...inner, `${indent}</${node.name}>`].join('\n');
}

/** A comment made of MailTLS's own sentences; a line that could end it early is a programming error. */
export function xmlComment(lines: string[]): string {
  for (const line of lines) {
    if (line.includes('--') || line.endsWith('-') || !isSingleLineText(line)) {
      throw new Error('XML comment lines must not contain "--" or end with "-"');
    }
  }
  return `<!--\n${lines.map((line) => `  ${line}`).join('\n')}\n-->`;
}

/** A whole document: declaration, the comment, then the root element. */
export function xmlDocument(root: XmlElement, comment: string[]): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', xmlComment(comment), serialize(root, ''), ''].join('\n');
}
