import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPresets } from '../../electron/engine/discover/index.js';
import { createExternalUrlPolicy } from '../../electron/main/policy/external.js';
import {
  appEntryUrl,
  isAllowedNavigation,
  isAppUrl,
  isTrustedSender,
} from '../../electron/main/policy/navigation.js';
import { decidePermission } from '../../electron/main/policy/permissions.js';
import { appProtocolResponse, appUrlToPath } from '../../electron/main/policy/protocol.js';
import { mimeTypeFor, rendererCsp, rendererCspHeader } from '../../electron/service/csp.js';
import { resolveStaticPath } from '../../electron/service/static-path.js';

describe('navigation and IPC sender', () => {
  it('allows only app://mailtls pages', () => {
    expect(isAllowedNavigation(appEntryUrl)).toBe(true);
    expect(isAllowedNavigation('app://mailtls/assets/index.js?x=1#y')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'app://mailtls.evil.com/index.html',
      'app://evil/index.html',
      'app://user:pass@mailtls/index.html',
      'app://mailtls:8080/index.html',
      'APP://other/',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      '',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('trusts only our top frame', () => {
    expect(isTrustedSender({ url: appEntryUrl, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: appEntryUrl, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: undefined, isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'https://mailtls/', isMainFrame: true })).toBe(false);
    expect(isAppUrl('app://MAILTLS/index.html')).toBe(true); // host names are case-insensitive
  });
});

describe('openExternal allowlist', () => {
  const shipped = listPresets().map((preset) => preset.sourceUrl);
  const policy = createExternalUrlPolicy(shipped);
  it('allows exactly the documentation pages we ship, nothing else on their hosts', () => {
    expect(shipped.length).toBeGreaterThan(0);
    for (const url of shipped) expect(policy.isAllowed(url), url).toBe(true);
    const page = new URL(shipped[0]!);
    for (const url of [
      `${page.origin}/`,
      `${page.origin}/evil`,
      `${page.href}x`,
      `${page.href}${page.search ? '&' : '?'}continue=https://evil.example/`,
      page.href.replace('https:', 'http:'),
      page.href.replace(page.hostname, `${page.hostname}.evil.com`),
      page.href.replace('https://', 'https://user@'),
      page.href.replace(page.hostname, `${page.hostname}:8443`),
      // Documentation hosts the old allowlist accepted wholesale.
      'https://www.rfc-editor.org/rfc/rfc8314',
      'https://support.google.com/mail/answer/7126229?hl=ja',
      'https://help.yahoo.com/kb/SLN0000.html',
      'https://evil.com/?https://www.rfc-editor.org/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'mailto:a@example.com',
      'ms-settings:',
      'app://mailtls/index.html',
      'javascript:alert(1)',
      '',
    ]) {
      expect(policy.isAllowed(url), url).toBe(false);
    }
  });
  it('ignores fragments and never allows a shipped URL that is not https', () => {
    const p = createExternalUrlPolicy(['https://help.example.net/smtp#settings', 'http://insecure.example/']);
    expect(p.isAllowed('https://help.example.net/smtp')).toBe(true);
    expect(p.isAllowed('https://help.example.net/smtp#other')).toBe(true);
    expect(p.isAllowed('https://help.example.net/other')).toBe(false);
    expect(p.isAllowed('http://insecure.example/')).toBe(false);
    expect(p.isAllowed('https://insecure.example/')).toBe(false);
  });
});

describe('permissions', () => {
  it('denies everything except clipboard writes from our own page', () => {
    expect(decidePermission('clipboard-sanitized-write', 'app://mailtls/index.html')).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'app://mailtls')).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', undefined)).toBe(false);
    for (const permission of [
      'clipboard-read',
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fullscreen',
      'hid',
      'usb',
      'serial',
      'unknown',
    ]) {
      expect(decidePermission(permission, 'app://mailtls/index.html'), permission).toBe(false);
    }
  });
});

describe('app:// protocol and static paths', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'mailtls-proto-'));
    mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'renderer', '.hidden'), 'x');
    writeFileSync(join(root, 'secret.txt'), 'secret');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('maps our URLs into the renderer folder', () => {
    const dir = join(root, 'renderer');
    expect(appUrlToPath('app://mailtls/', dir)).toBe(join(dir, 'index.html'));
    expect(appUrlToPath('app://mailtls/index.html', dir)).toBe(join(dir, 'index.html'));
    expect(appUrlToPath('app://mailtls/assets/app.js?v=1#x', dir)).toBe(join(dir, 'assets', 'app.js'));
    expect(appUrlToPath('app://mailtls/assets/%61pp.js', dir)).toBe(join(dir, 'assets', 'app.js'));
  });

  it('never leaves the renderer folder', () => {
    const dir = join(root, 'renderer');
    for (const url of [
      'app://mailtls/../secret.txt',
      'app://mailtls/%2e%2e/secret.txt',
      'app://mailtls/%2E%2E%2Fsecret.txt',
      'app://mailtls/assets/..%2F..%2Fsecret.txt',
      'app://mailtls/..%5Csecret.txt',
      'app://mailtls/%00index.html',
      'app://mailtls/C:%5CWindows%5Cwin.ini',
      'app://mailtls/.hidden',
      'app://mailtls/%',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      const mapped = appUrlToPath(url, dir);
      // Either refused, or (after the URL parser removed the dot segments) still inside the folder.
      if (mapped !== null) expect(mapped.startsWith(dir + sep), url).toBe(true);
      expect(mapped, url).not.toBe(join(root, 'secret.txt'));
    }
    expect(appUrlToPath('app://mailtls/.hidden', dir)).toBeNull();
    expect(appUrlToPath('app://mailtls/..%5Csecret.txt', dir)).toBeNull();
    expect(appUrlToPath('app://mailtls/%00index.html', dir)).toBeNull();
    expect(appUrlToPath('app://other/index.html', dir)).toBeNull();
    // Raw paths (not parsed as URLs) are checked segment by segment.
    for (const raw of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/a/%2E%2E/%2E%2E/secret.txt',
    ]) {
      expect(resolveStaticPath(raw, dir), raw).toBeNull();
    }
    expect(resolveStaticPath('//etc/passwd', dir)).toBe(join(dir, 'etc', 'passwd'));
    expect(resolveStaticPath('relative', dir)).toBeNull();
    expect(resolveStaticPath('/', resolve(dir, '.'))).toBe(join(dir, 'index.html'));
  });

  it('refuses Windows device names and names Windows would trim, on every platform', () => {
    const dir = join(root, 'renderer');
    for (const raw of [
      '/CON',
      '/nul',
      '/aux.js',
      '/assets/NUL.txt',
      '/prn.tar.gz',
      '/Com1',
      '/lpt9.html',
      '/COM%C2%B9',
      '/con%20.txt',
      '/CONOUT$',
      '/index.html.',
      '/index.html%20',
      '/assets./app.js',
      '/assets%20/app.js',
    ]) {
      expect(resolveStaticPath(raw, dir), raw).toBeNull();
    }
    // Names that only start like a device are ordinary files.
    for (const raw of ['/console.js', '/assets/nullable-1a2b.js', '/com10.js', '/lpt0.css', '/aux-3f.js']) {
      expect(resolveStaticPath(raw, dir), raw).not.toBeNull();
    }
  });

  it('serves regular files only: a directory or a FIFO is a 404, never a hanging read', async () => {
    const dir = join(root, 'renderer');
    execFileSync('mkfifo', [join(dir, 'assets', 'pipe.js')]);
    for (const url of ['app://mailtls/assets', 'app://mailtls/assets/pipe.js']) {
      expect((await appProtocolResponse({ url, method: 'GET' }, dir)).status, url).toBe(404);
    }
  });

  it('answers with the CSP and security headers, 404 otherwise', async () => {
    const dir = join(root, 'renderer');
    const page = await appProtocolResponse({ url: 'app://mailtls/index.html', method: 'GET' }, dir);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(rendererCspHeader);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('<title>t</title>');
    const script = await appProtocolResponse({ url: 'app://mailtls/assets/app.js', method: 'GET' }, dir);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBeNull();
    expect((await appProtocolResponse({ url: 'app://mailtls/missing.js', method: 'GET' }, dir)).status).toBe(
      404,
    );
    expect(
      (await appProtocolResponse({ url: 'app://mailtls/../secret.txt', method: 'GET' }, dir)).status,
    ).toBe(404);
    expect((await appProtocolResponse({ url: 'app://mailtls/index.html', method: 'POST' }, dir)).status).toBe(
      405,
    );
  });

  it('knows the content types the renderer uses', () => {
    expect(mimeTypeFor('a/b.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a/b.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.b/c')).toBe('application/octet-stream');
  });
});

describe('CSP', () => {
  it('renderer/index.html carries exactly the policy the shell sends as a header', () => {
    const html = readFileSync(resolve('renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(rendererCsp);
    expect(rendererCspHeader.startsWith(rendererCsp)).toBe(true);
    expect(rendererCsp).toContain("script-src 'self'");
    expect(rendererCsp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});
