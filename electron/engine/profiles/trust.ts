/**
 * Trust is never imported. A profile says "verified by MailTLS" only when this
 * machine ran the audit behind it: the service remembers the reports its own
 * audits produced and seals the verdict of a profile built from one with an
 * HMAC under a key kept in the data folder. Exports check the seal; a profile
 * from a file, the bridge or a hand edit without a valid one is treated as not
 * verified (a failure it admits still counts).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { auditReportSchema, type AuditReport, type Profile } from '../../contract.js';
import { withoutTrust } from './profile.js';

const keyBytes = 32;
/** Reports a session can still turn into profiles; older ones must be audited again. */
const rememberedReports = 100;

/** Key order must not matter: reports cross the bridge as JSON and come back re-parsed. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, canonical(record[key])]),
  );
}

function reportDigest(report: AuditReport): string {
  const parsed = auditReportSchema.parse(report);
  return createHash('sha256')
    .update(JSON.stringify(canonical(parsed)))
    .digest('hex');
}

async function readOrCreateKey(file: string): Promise<Buffer> {
  try {
    const handle = await open(file, 'wx', 0o600);
    const key = randomBytes(keyBytes);
    try {
      await handle.writeFile(key);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = await readFile(file);
  if (key.length !== keyBytes) throw new Error(`${file} is not an audit seal key`);
  return key;
}

export class AuditSeal {
  readonly #key: Buffer;
  readonly #reports: string[] = [];

  constructor(key: Buffer) {
    this.#key = key;
  }

  /** The seal of this machine's data folder (created on first use, readable by the user only). */
  static async open(dataDir: string): Promise<AuditSeal> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    return new AuditSeal(await readOrCreateKey(join(dataDir, 'audit-seal.key')));
  }

  /** Called with every report an audit on this machine produced. */
  remember(report: AuditReport): void {
    this.#reports.push(reportDigest(report));
    if (this.#reports.length > rememberedReports) this.#reports.shift();
  }

  /** True when this report is, field for field, one an audit here produced. */
  audited(report: AuditReport): boolean {
    return this.#reports.includes(reportDigest(report));
  }

  #mac(profile: Profile): Buffer | null {
    const verified = profile.verifiedWith;
    if (verified === null) return null;
    const { host, port, security, authentication } = profile.outgoing;
    const covered = [
      host.toLowerCase(),
      port,
      security,
      authentication,
      profile.pinnedFingerprint256,
      verified.date,
      verified.qualified,
      verified.findings.map((finding) => finding.id),
      // Issue 14: the incoming servers are part of the vouched setting; profiles without them keep their seals.
      ...(profile.incoming === undefined ? [] : [canonical(profile.incoming)]),
    ];
    return createHmac('sha256', this.#key).update(JSON.stringify(covered)).digest();
  }

  /** The profile with its verdict sealed; only for a profile built from an audited report. */
  seal(profile: Profile): Profile {
    const mac = this.#mac(profile);
    if (mac === null || profile.verifiedWith === null) return profile;
    return { ...profile, verifiedWith: { ...profile.verifiedWith, seal: mac.toString('base64url') } };
  }

  /** The profile as MailTLS vouches for it: a sealed verdict stands, anything else is not trusted. */
  vouch(profile: Profile): Profile {
    const claimed = profile.verifiedWith?.seal;
    const mac = this.#mac(profile);
    if (claimed === undefined || mac === null) return withoutTrust(profile);
    const given = Buffer.from(claimed, 'base64url');
    return given.length === mac.length && timingSafeEqual(given, mac) ? profile : withoutTrust(profile);
  }
}
