/**
 * What a cold `mailtls check --json` loads: the bundle's own files only (no
 * node_modules, no compiled tree), nothing of zod, which used to cost more than the
 * audit, none of the finding catalogue's words (only their ratings), and no call
 * that turns on Node's compiled-code cache.
 * Two recorders list every file loaded: an ES module hook, and at exit the CommonJS
 * cache with every script file read (the executable loads the bundle's chunks itself).
 * The CLI runs for real against a real smtp-server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, cliPath, collect, ensureCliBuilt, implicitCheckArgs } from '../helpers/cli.js';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server.js';

const dir = mkdtempSync(join(tmpdir(), 'mailtls-startup-'));
const record = join(dir, 'loaded.txt');
const hook = join(dir, 'hook.mjs');
const requireRecorder = join(dir, 'require-recorder.cjs');
// Runs in Node's loader thread: it appends every file URL that is loaded.
writeFileSync(
  join(dir, 'record.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(record)}, url + '\\n');
  return next(url, context);
}
`,
);
writeFileSync(
  hook,
  `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(dir, 'record.mjs')).href)});
`,
);

writeFileSync(
  requireRecorder,
  `const fs = require('node:fs');
const { pathToFileURL } = require('node:url');
const read = [];
// The executable loads its chunks itself (electron/cli/code-cache.ts), reading each with readFileSync.
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  if (typeof file === 'string' && /\\.(c|m)?js$/.test(file)) read.push(file);
  return readFileSync.call(this, file, ...rest);
};
process.on('exit', () => {
  for (const file of [...Object.keys(require.cache), ...read]) fs.appendFileSync(${JSON.stringify(record)}, pathToFileURL(file).href + '\\n');
});
`,
);

let server: RunningServer;
beforeAll(async () => {
  ensureCliBuilt();
  server = await startSmtpServer('implicit-tls');
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a cold mailtls check', () => {
  it('loads only the bundle, no zod and no finding words', async () => {
    const args = implicitCheckArgs(server.port);
    const child = spawn(
      process.execPath,
      ['--import', hook, '--require', requireRecorder, cliPath, ...args],
      {
        env: cliEnv(),
        stdio: 'pipe',
      },
    );
    const run = await collect(child, 30_000, '');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ recommendation: { security: 'implicit-tls' } });
    const files = readFileSync(record, 'utf8')
      .split('\n')
      .filter(
        (url) => url.length > 0 && !url.endsWith('/hook.mjs') && !url.endsWith('/require-recorder.cjs'),
      );
    const bundle = pathToFileURL(join(process.cwd(), 'out/cli')).href;
    expect(files).toContain(pathToFileURL(cliPath).href);
    // The command's own chunk was recorded too: the recorders saw past the entry file.
    expect(files.some((url) => /\/chunks\/check-[^/]+\.cjs$/.test(url))).toBe(true);
    expect(files.filter((url) => !url.startsWith(`${bundle}/`))).toEqual([]);
    for (const url of files) {
      const source = readFileSync(new URL(url), 'utf8');
      expect(source, url).not.toMatch(/\bZodError\b|\$ZodType\b/);
      // The title of the finding port-unreachable, in both languages.
      expect(source, url).not.toMatch(/Port closed|ポートが閉じています/);
      // No compiled-code cache: Node's default folder for it is the shared /tmp (README, Security).
      expect(source, url).not.toMatch(/enableCompileCache/);
    }
  });
});
