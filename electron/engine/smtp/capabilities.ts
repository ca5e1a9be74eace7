import type { Reply } from './reply.js';

/** EHLO keywords (upper-cased, first line is the greeting and is left out). */
export function extensionsOf(ehlo: Reply): string[] {
  return ehlo.lines
    .slice(1)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function hasExtension(extensions: string[] | null, keyword: string): boolean {
  return (extensions ?? []).some((line) => line.split(/[\s=]/)[0]?.toUpperCase() === keyword);
}

/** SASL mechanisms from `AUTH ...` and the old `AUTH=...` form, de-duplicated, upper case. */
export function authMechanisms(extensions: string[] | null): string[] {
  const mechanisms = new Set<string>();
  for (const line of extensions ?? []) {
    const match = /^AUTH[\s=](.*)$/i.exec(line);
    for (const mechanism of match?.[1]?.split(/\s+/) ?? []) {
      if (mechanism) mechanisms.add(mechanism.toUpperCase());
    }
  }
  return [...mechanisms];
}
