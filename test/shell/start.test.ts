/**
 * `npm start`: Electron when its binary is there, else one line naming the
 * fix (ELECTRON_MIRROR) and browser mode. Electron itself is never launched:
 * the "binary" here is a small script that records its arguments.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { electronPackageDir, findElectronBinary, missingElectronLine, start } from '../../electron/start.js';
import type { WebBridge } from '../../electron/web/server.js';
import { serveCommand } from '../../electron/cli/commands/serve.js';
import { UsageError } from '../../electron/cli/context.js';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project root with a fake electron package; `install` is the body of its install.js. */
function fakeRoot(options: { install?: string; binary?: string } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'mailtls-start-'));
  temporary.push(root);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'mailtls', version: '0.0.0' }));
  const electron = join(root, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  writeFileSync(
    join(electron, 'package.json'),
    JSON.stringify({ name: 'electron', version: '45.5.0', main: 'index.js' }),
  );
  // Requiring it would mean we triggered Electron's own download path: make that loud.
  writeFileSync(join(electron, 'index.js'), 'throw new Error("electron/index.js must not be loaded");');
  writeFileSync(
    join(electron, 'install.js'),
    options.install ?? 'console.error("TypeError: fetch failed\\n    at stack line"); process.exit(1);',
  );
  if (options.binary) {
    mkdirSync(join(electron, 'dist'));
    writeFileSync(join(electron, 'path.txt'), 'electron');
    writeFileSync(join(electron, 'dist', 'electron'), options.binary);
    chmodSync(join(electron, 'dist', 'electron'), 0o755);
  }
  return root;
}

function renderer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailtls-renderer-'));
  temporary.push(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>MailTLS test</title>');
  return dir;
}

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { stream, text: () => text };
}

describe('finding Electron', () => {
  it('reports a missing package, a missing binary and a present one', () => {
    const empty = mkdtempSync(join(tmpdir(), 'mailtls-empty-'));
    temporary.push(empty);
    writeFileSync(join(empty, 'package.json'), '{"name":"mailtls"}');
    expect(electronPackageDir(empty)).toBeNull();
    expect(findElectronBinary(null, {})).toBeNull();

    const without = fakeRoot();
    expect(findElectronBinary(electronPackageDir(without), {})).toBeNull();

    const withBinary = fakeRoot({ binary: '#!/bin/sh\nexit 0\n' });
    expect(findElectronBinary(electronPackageDir(withBinary), {})).toBe(
      join(withBinary, 'node_modules', 'electron', 'dist', 'electron'),
    );
  });

  it('explains the fix in one line, in both languages', () => {
    for (const language of ['en', 'ja'] as const) {
      const line = missingElectronLine(language, 'getaddrinfo ENOTFOUND github.com');
      expect(line).not.toContain('\n');
      expect(line).toContain('ELECTRON_MIRROR');
      expect(line).toContain('ENOTFOUND');
    }
  });
});

describe('npm start', () => {
  const env = (dataDir: string) => ({
    PATH: process.env.PATH,
    LANG: 'en_US.UTF-8',
    MAILTLS_NO_OPEN: '1',
    MAILTLS_DATA_DIR: dataDir,
  });

  it('without an Electron binary: tries the download, prints one line, then serves browser mode', async () => {
    const root = fakeRoot();
    const out = capture();
    const err = capture();
    const controller = new AbortController();
    let bridge: WebBridge | undefined;
    const finished = start([], {
      stdout: out.stream,
      stderr: err.stream,
      env: env(join(root, 'data')),
      signal: controller.signal,
      root,
      rendererDir: renderer(),
      onListening: (b) => (bridge = b),
    });
    await expect.poll(() => bridge, { timeout: 20_000 }).toBeDefined();
    const lines = out.text().split('\n');
    expect(lines[0]).toBe('Downloading the Electron binary…');
    expect(lines[1]).toMatch(
      /^MailTLS: the Electron binary is missing and could not be downloaded \(TypeError: fetch failed\);.*ELECTRON_MIRROR=.*Starting browser mode instead\.$/,
    );
    expect(out.text()).toContain(bridge!.url);
    expect(out.text()).not.toContain('at stack line');

    const page = await fetch(bridge!.origin);
    expect(await page.text()).toContain('MailTLS test');
    controller.abort();
    expect(await finished).toBe(0);
    expect(err.text()).toBe('');
  });

  it('says the download was skipped when asked to', async () => {
    const root = fakeRoot({ install: 'throw new Error("must not run")' });
    const out = capture();
    const controller = new AbortController();
    const finished = start(['--no-open'], {
      stdout: out.stream,
      stderr: capture().stream,
      env: { ...env(join(root, 'data')), MAILTLS_SKIP_ELECTRON_DOWNLOAD: '1', LANG: 'ja_JP.UTF-8' },
      signal: controller.signal,
      root,
      rendererDir: renderer(),
      onListening: () => controller.abort(),
    });
    expect(await finished).toBe(0);
    const first = out.text().split('\n')[0]!;
    expect(first).toContain('MAILTLS_SKIP_ELECTRON_DOWNLOAD=1');
    expect(first).toContain('ELECTRON_MIRROR');
    expect(out.text()).toMatch(/http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}/);
  });

  it.skipIf(process.platform === 'win32')(
    'with an Electron binary: launches it on the project and returns its exit code',
    async () => {
      const mark = join(tmpdir(), `mailtls-electron-args-${process.pid}-${Date.now()}`);
      temporary.push(mark);
      const root = fakeRoot({ binary: `#!/bin/sh\nprintf '%s' "$1" > "${mark}"\nexit 7\n` });
      const out = capture();
      const code = await start([], {
        stdout: out.stream,
        stderr: capture().stream,
        env: env(join(root, 'data')),
        signal: new AbortController().signal,
        root,
      });
      expect(code).toBe(7);
      expect(readFileSync(mark, 'utf8')).toBe(root);
      expect(out.text()).toBe('');
    },
  );

  it('rejects unknown options with a usage line', async () => {
    const err = capture();
    const code = await start(['--bogus'], {
      stdout: capture().stream,
      stderr: err.stream,
      env: { LANG: 'C' },
      signal: new AbortController().signal,
      root: fakeRoot(),
    });
    expect(code).toBe(2);
    expect(err.text()).toBe('mailtls: Unknown option --bogus.\n');
  });
});

describe('mailtls serve', () => {
  it.skipIf(!existsSync('out/renderer/index.html'))(
    'prints the URL with the token fragment and stops on Ctrl-C',
    async () => {
      const out = capture();
      const controller = new AbortController();
      const data = mkdtempSync(join(tmpdir(), 'mailtls-serve-'));
      temporary.push(data);
      const running = serveCommand.run(['--no-open'], {
        stdout: out.stream,
        stderr: capture().stream,
        stdin: new PassThrough(),
        env: { MAILTLS_DATA_DIR: data },
        language: 'en',
        signal: controller.signal,
      });
      await expect.poll(() => /#token=/.test(out.text()), { timeout: 20_000 }).toBe(true);
      const url = /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}/.exec(out.text())![0];
      const origin = url.slice(0, url.indexOf('#'));
      const token = url.slice(url.indexOf('=') + 1);
      const reply = await fetch(`${origin}api/settings:get-language`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mailtls-token': token },
        body: '{}',
      });
      expect(await reply.json()).toEqual({ ok: true, value: 'en' });
      controller.abort();
      expect(await running).toBe(0);
    },
  );

  it('checks its options', async () => {
    const base = {
      stdout: capture().stream,
      stderr: capture().stream,
      stdin: new PassThrough(),
      env: {},
      language: 'en' as const,
      signal: new AbortController().signal,
    };
    await expect(serveCommand.run(['--port', '0'], base)).rejects.toThrow(
      /--port must be a whole number from 1 to 65535/,
    );
    await expect(serveCommand.run(['extra'], base)).rejects.toThrow(/no arguments/);
    // A resolver that is not an IP address is refused before anything listens, in both languages.
    const refused = serveCommand.run(['--no-open', '--dns-server', 'dns.example:53'], base);
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toMatchObject({
      text: { en: expect.stringContaining('IP address'), ja: expect.stringContaining('IP アドレス') },
    });
  });
});
