/**
 * Security gate: Doyensec's electronegativity on a staging copy of electron/,
 * renderer/ and package.json (the sources, not the bundle: its checks match
 * `new BrowserWindow(...)` literally). The tool always exits 0, so we read its
 * programmatic result in a child process and fail on any finding that
 * electron/main/electronegativity-allowlist.json does not justify.
 * A second run on a deliberately weakened copy proves the gate can fail.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Issue {
  id: string;
  file: string;
  line: number | null;
  manualReview: boolean;
  severity: string;
  confidence: string;
  description: string;
}
interface Allowed {
  id: string;
  file: string;
  reason: string;
}

const runner = `
const run = require(process.argv[1]);
run({ input: process.argv[2], excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], isRelative: true }, false)
  .then((r) => {
    const issues = r.issues.map((i) => ({
      id: i.id, file: i.file, line: i.location ? i.location.line : null, manualReview: i.manualReview,
      severity: i.severity && i.severity.name, confidence: i.confidence && i.confidence.name, description: i.description,
    }));
    process.stdout.write('\\n@@RESULT@@' + JSON.stringify({ errors: r.errors.map(String), issues }));
  })
  .catch((e) => { console.error(e); process.exit(1); });
`;

async function scan(dir: string): Promise<{ errors: string[]; issues: Issue[] }> {
  const entry = resolve('node_modules/@doyensec/electronegativity');
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', runner, entry, dir], {
    cwd: dir,
    maxBuffer: 32 * 1024 * 1024,
    timeout: 120_000,
    env: { ...process.env, LANG: 'en-US' },
  });
  const marker = stdout.lastIndexOf('@@RESULT@@');
  expect(marker, stdout.slice(-2000)).toBeGreaterThan(-1);
  return JSON.parse(stdout.slice(marker + '@@RESULT@@'.length));
}

function stage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailtls-eng-'));
  const skip = (src: string) => !/[\\/](node_modules|out)([\\/]|$)/.test(src);
  cpSync(resolve('electron'), join(dir, 'electron'), { recursive: true, filter: skip });
  cpSync(resolve('renderer'), join(dir, 'renderer'), { recursive: true, filter: skip });
  cpSync(resolve('package.json'), join(dir, 'package.json'));
  return dir;
}

const allowlist = JSON.parse(
  readFileSync(resolve('electron/main/electronegativity-allowlist.json'), 'utf8'),
) as {
  entries: Allowed[];
};
const key = (x: { id: string; file: string }) => `${x.id} ${x.file.replaceAll('\\', '/')}`;

let real: { errors: string[]; issues: Issue[] };
let weakened: { errors: string[]; issues: Issue[] };
const staged: string[] = [];

beforeAll(async () => {
  const good = stage();
  // The weakened copy needs only the window module (the checks involved are per file).
  const bad = mkdtempSync(join(tmpdir(), 'mailtls-eng-weak-'));
  staged.push(good, bad);
  mkdirSync(join(bad, 'electron', 'main'), { recursive: true });
  const windowFile = join(bad, 'electron', 'main', 'window.ts');
  writeFileSync(
    windowFile,
    readFileSync(resolve('electron/main/window.ts'), 'utf8')
      .replace('contextIsolation: true,', 'contextIsolation: false,')
      .replace('sandbox: true,', 'sandbox: false,'),
  );
  [real, weakened] = await Promise.all([scan(good), scan(bad)]);
}, 180_000);

afterAll(() => {
  for (const dir of staged) rmSync(dir, { recursive: true, force: true });
});

describe('electronegativity', () => {
  it('every allowlist entry has a real reason', () => {
    expect(allowlist.entries.length).toBeGreaterThan(0);
    for (const entry of allowlist.entries) {
      expect(entry.reason.trim().length, key(entry)).toBeGreaterThan(40);
    }
  });

  it('parses every source file', () => {
    expect(real.errors).toEqual([]);
  });

  it('finds nothing that the allowlist does not justify', () => {
    const allowed = new Set(allowlist.entries.map(key));
    const unjustified = real.issues.filter((issue) => !allowed.has(key(issue)));
    expect(
      unjustified.map((i) => `${i.id} ${i.file}:${i.line} ${i.severity}/${i.confidence} ${i.description}`),
    ).toEqual([]);
  });

  it('has no stale allowlist entries', () => {
    const found = new Set(real.issues.map(key));
    expect(allowlist.entries.map(key).filter((k) => !found.has(k))).toEqual([]);
  });

  it('passes the global checks for navigation limits and the permission handler', () => {
    const ids = real.issues.map((i) => i.id);
    expect(ids).not.toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(ids).not.toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
    expect(ids).not.toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(ids).not.toContain('SANDBOX_JS_CHECK');
  });

  it('fails a weakened copy (the gate bites)', () => {
    const allowed = new Set(allowlist.entries.map(key));
    const unjustified = weakened.issues.filter((issue) => !allowed.has(key(issue))).map((i) => i.id);
    expect(unjustified).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK']));
  });
});
