/**
 * electron-builder.yml checked with electron-builder's own loader and schema
 * validation (packaging itself needs the network). app-builder-lib's config
 * module is internal API: pinned with electron-builder 26.17.0 and used only here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean;
  files?: unknown;
  directories?: { buildResources?: string };
  electronFuses?: Record<string, boolean>;
  linux?: { target?: unknown[]; icon?: string };
  win?: { target?: unknown[]; icon?: string };
  mac?: { target?: unknown[]; icon?: string };
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (projectDir: string, configPath: string | null, fromOptions: null) => Promise<BuilderConfig>;
  validateConfiguration: (config: BuilderConfig, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const project = resolve('.');
const scratch = mkdtempSync(join(tmpdir(), 'mailtls-builder-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function load(configPath: string): Promise<BuilderConfig> {
  const config = await getConfig(project, configPath, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    const config = await load(join(project, 'electron-builder.yml'));
    expect(config.appId).toBe('org.mailtls.desktop');
    expect(config.productName).toBe('MailTLS');
    expect(config.asar).toBe(true);
    expect(config.directories?.buildResources).toBe('assets');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    const files = JSON.stringify(config.files);
    for (const pattern of ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']) {
      expect(files).toContain(JSON.stringify(pattern));
    }
  });

  it('sets the fuses', async () => {
    const config = await load(join(project, 'electron-builder.yml'));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('rejects a misspelled key (the validation really runs)', async () => {
    const original = readFileSync(join(project, 'electron-builder.yml'), 'utf8');
    for (const [from, to] of [
      ['runAsNode: false', 'runAsNod: false'],
      ['productName: MailTLS', 'productNam: MailTLS'],
      ['  target:\n    - nsis', '  targets:\n    - nsis'],
    ] as const) {
      expect(original).toContain(from);
      const broken = join(scratch, `broken-${to.length}.yml`);
      writeFileSync(broken, original.replace(from, to));
      await expect(load(broken), to).rejects.toThrow(
        /configuration object that does not match the API schema/,
      );
    }
  });

  it('points at icons that exist: a 512x512 PNG and its SVG source', async () => {
    const config = await load(join(project, 'electron-builder.yml'));
    for (const icon of [config.linux?.icon, config.win?.icon, config.mac?.icon])
      expect(icon).toBe('assets/icon.png');
    const png = readFileSync(resolve('assets/icon.png'));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect(readFileSync(resolve('assets/icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
  });
});
