/**
 * Parsers for the tag=value records (DMARC, DKIM, MTA-STS TXT, TLS-RPT) and the
 * MTA-STS policy file (RFC 8461 §3.2). Pure functions; the posture check calls them.
 */
import { createPublicKey } from 'node:crypto';
import { isHostName } from './domain.js';

/** `k=v; k=v` → map with lower-case keys; later duplicates are reported, not merged. */
export function parseTags(record: string): { tags: Map<string, string>; duplicates: string[] } {
  const tags = new Map<string, string>();
  const duplicates: string[] = [];
  for (const part of record.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key === '') continue;
    if (tags.has(key)) duplicates.push(key);
    else tags.set(key, part.slice(eq + 1).trim());
  }
  return { tags, duplicates };
}

type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface Dmarc {
  policy: DmarcPolicy | null;
  /** sp=: the policy for subdomains; null when absent (they follow p=). */
  subdomainPolicy: DmarcPolicy | null;
  pct: number | null;
  /** Alignment modes, r (relaxed, the default) or s (strict). */
  adkim: 'r' | 's';
  aspf: 'r' | 's';
  rua: string[];
  /** Whether p= comes right after v=, as RFC 7489's grammar has it (DMARCbis allows any order). */
  policySecond: boolean;
  errors: string[];
}

export function isDmarcRecord(txt: string): boolean {
  return /^v\s*=\s*DMARC1\s*(;|$)/i.test(txt);
}

/** A record that names DMARC1 but not as its first tag: invalid, yet clearly meant as DMARC. */
export function isMisplacedDmarcRecord(txt: string): boolean {
  return !isDmarcRecord(txt) && /(^|;)\s*v\s*=\s*DMARC1\s*(;|$)/i.test(txt);
}

function policyTag(value: string | undefined): DmarcPolicy | null {
  const lower = value?.toLowerCase();
  return lower === 'none' || lower === 'quarantine' || lower === 'reject' ? lower : null;
}

export function parseDmarc(record: string): Dmarc {
  const { tags } = parseTags(record);
  const errors: string[] = [];
  const p = tags.get('p');
  const policy = policyTag(p);
  if (policy === null) errors.push(p === undefined ? 'p missing' : `p=${p}`);
  const sp = tags.get('sp');
  const subdomainPolicy = policyTag(sp);
  if (sp !== undefined && subdomainPolicy === null) errors.push(`sp=${sp}`);
  const pctText = tags.get('pct');
  const pct =
    pctText === undefined
      ? null
      : /^\d{1,3}$/.test(pctText) && Number(pctText) <= 100
        ? Number(pctText)
        : NaN;
  if (Number.isNaN(pct)) errors.push(`pct=${pctText}`);
  const alignment = (key: 'adkim' | 'aspf') => {
    const value = tags.get(key);
    if (value === undefined || value === 'r' || value === 's') return value ?? 'r';
    errors.push(`${key}=${value}`);
    return 'r';
  };
  const adkim = alignment('adkim');
  const aspf = alignment('aspf');
  const rua = splitUris(tags.get('rua'));
  for (const uri of rua) if (!/^mailto:[^@\s]+@[^@\s]+$/i.test(uri)) errors.push(`rua=${uri}`);
  const policySecond = [...tags.keys()][1] === 'p';
  return {
    policy,
    subdomainPolicy,
    pct: Number.isNaN(pct) ? null : pct,
    adkim,
    aspf,
    rua,
    policySecond,
    errors,
  };
}

/** The domain part of a mailto: report address, without any "!size" suffix (RFC 7489 §6.2). */
export function mailtoDomain(uri: string): string | null {
  const match = /^mailto:[^@\s]+@([^!?\s]+)/i.exec(uri);
  return match?.[1]?.toLowerCase().replace(/\.$/, '') ?? null;
}

function splitUris(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((uri) => uri.trim())
    .filter((uri) => uri !== '');
}

export interface DkimKey {
  keyType: string;
  /** Size in bits; null when the key is revoked (empty p=) or could not be read. */
  bits: number | null;
  revoked: boolean;
}

export function parseDkimKey(record: string): DkimKey | null {
  const { tags } = parseTags(record);
  const version = tags.get('v');
  const p = tags.get('p');
  if ((version !== undefined && version !== 'DKIM1') || p === undefined) return null;
  const keyType = (tags.get('k') ?? 'rsa').toLowerCase();
  const base64 = p.replace(/\s+/g, '');
  if (base64 === '') return { keyType, bits: null, revoked: true };
  if (keyType === 'ed25519') return { keyType, bits: 256, revoked: false };
  const der = Buffer.from(base64, 'base64');
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const key = createPublicKey({ key: der, format: 'der', type });
      return { keyType, bits: key.asymmetricKeyDetails?.modulusLength ?? null, revoked: false };
    } catch {
      // DKIM keys are normally SubjectPublicKeyInfo; some publishers use a bare PKCS#1 key.
    }
  }
  return { keyType, bits: null, revoked: false };
}

export function isMtaStsRecord(txt: string): boolean {
  return /^v=STSv1\s*(;|$)/.test(txt);
}

/** The `id` of an MTA-STS TXT record, or null when it is missing or malformed. */
export function mtaStsId(record: string): string | null {
  const id = parseTags(record).tags.get('id');
  return id !== undefined && /^[A-Za-z0-9]{1,32}$/.test(id) ? id : null;
}

export interface MtaStsPolicy {
  mode: 'enforce' | 'testing' | 'none' | null;
  mx: string[];
  maxAge: number | null;
  errors: string[];
}

/** Longest max_age RFC 8461 allows: one year. */
export const mtaStsMaxAgeLimit = 31_557_600;

export function parseMtaStsPolicy(body: string): MtaStsPolicy {
  const policy: MtaStsPolicy = { mode: null, mx: [], maxAge: null, errors: [] };
  let version: string | null = null;
  for (const line of body.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon === -1) {
      policy.errors.push(`line "${line.slice(0, 80)}"`);
      continue;
    }
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === 'version') version = value;
    else if (key === 'mode') {
      if (value === 'enforce' || value === 'testing' || value === 'none') policy.mode = value;
      else policy.errors.push(`mode: ${value}`);
    } else if (key === 'mx') {
      const pattern = value.toLowerCase().replace(/\.$/, '');
      if (isHostName(pattern.replace(/^\*\./, 'x.'))) policy.mx.push(pattern);
      else policy.errors.push(`mx: ${value}`);
    } else if (key === 'max_age') {
      if (/^\d{1,10}$/.test(value) && Number(value) <= mtaStsMaxAgeLimit) policy.maxAge = Number(value);
      else policy.errors.push(`max_age: ${value}`);
    }
    // Unknown keys are ignored, as RFC 8461 §3.2 asks.
  }
  if (version !== 'STSv1') policy.errors.push(`version: ${version ?? 'missing'}`);
  if (policy.mode === null && !policy.errors.some((e) => e.startsWith('mode')))
    policy.errors.push('mode: missing');
  if (policy.maxAge === null && !policy.errors.some((e) => e.startsWith('max_age')))
    policy.errors.push('max_age: missing');
  if (policy.mode !== 'none' && policy.mx.length === 0) policy.errors.push('mx: missing');
  return policy;
}

/** RFC 8461 §4.1: a leading "*." matches exactly one label. */
export function mxMatchesPattern(mx: string, pattern: string): boolean {
  if (!pattern.startsWith('*.')) return mx === pattern;
  const suffix = pattern.slice(1);
  if (!mx.endsWith(suffix)) return false;
  const head = mx.slice(0, -suffix.length);
  return head.length > 0 && !head.includes('.');
}

export interface TlsRpt {
  rua: string[];
  errors: string[];
}

export function isTlsRptRecord(txt: string): boolean {
  return /^v=TLSRPTv1\s*(;|$)/.test(txt);
}

export function parseTlsRpt(record: string): TlsRpt {
  const rua = splitUris(parseTags(record).tags.get('rua'));
  const errors: string[] = [];
  if (rua.length === 0) errors.push('rua missing');
  for (const uri of rua)
    if (!/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/i.test(uri)) errors.push(`rua=${uri}`);
  return { rua, errors };
}
