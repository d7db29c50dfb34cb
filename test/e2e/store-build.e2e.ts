/**
 * `npm run build` from this checkout: what the stores get. Manifests per browser, a classic
 * content script, no test hooks, reproducible zips, Mozilla's linter, and the library and CLI
 * that ship beside the extension.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Script } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM helper without type declarations
import { listFiles, writeZip } from '../../scripts/zip.mjs';

const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dist');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
const manifest = (browser: string) => JSON.parse(readFileSync(join(dist, browser, 'manifest.json'), 'utf8'));

describe('store build', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
  }, 180_000);

  it('gives Chrome a service worker and Firefox background scripts plus its gecko settings', () => {
    const chrome = manifest('chrome');
    expect(chrome.background.service_worker).toBeTruthy();
    expect(chrome.background.scripts).toBeUndefined();
    expect(chrome.browser_specific_settings).toBeUndefined();
    const firefox = manifest('firefox');
    expect(firefox.background.scripts).toHaveLength(1);
    expect(firefox.background.service_worker).toBeUndefined();
    expect(firefox.browser_specific_settings.gecko).toMatchObject({
      id: expect.any(String),
      strict_min_version: '142.0',
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('asks only for the permissions the features need', () => {
    for (const browser of ['chrome', 'firefox']) {
      expect(manifest(browser).permissions.sort()).toEqual(['alarms', 'contextMenus', 'storage']);
      expect(manifest(browser).host_permissions).toBeUndefined();
      expect(manifest(browser).content_security_policy).toBeUndefined();
    }
  });

  it('ships the content script as a classic script, small, without test hooks', () => {
    for (const browser of ['chrome', 'firefox']) {
      const file = join(dist, browser, manifest(browser).content_scripts[0].js[0]);
      const code = readFileSync(file, 'utf8');
      expect(() => new Script(code)).not.toThrow(); // import/export would be a syntax error here
      expect(code.length).toBeLessThanOrEqual(30 * 1024);
      expect(code).not.toContain('cbgTest');
      expect(code).not.toContain('test/open-extension-page');
    }
  });

  it('writes the store zips and the source zip, reproducibly', () => {
    for (const name of ['chrome', 'firefox', 'source']) {
      expect(existsSync(join(dist, `callback-guard-${name}-${version}.zip`))).toBe(true);
    }
    for (const browser of ['chrome', 'firefox']) {
      const again = join(mkdtempSync(join(tmpdir(), 'cbg-zip-')), 'again.zip');
      writeZip(again, join(dist, browser), listFiles(join(dist, browser)));
      expect(
        readFileSync(again).equals(readFileSync(join(dist, `callback-guard-${browser}-${version}.zip`))),
      ).toBe(true);
    }
  });

  it('passes Mozilla addons-linter with no errors', () => {
    const out = execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/addons-linter/bin/addons-linter'),
        '--self-hosted=false',
        '--output=json',
        join(dist, 'firefox'),
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(out) as { errors: unknown[]; warnings: Array<{ code: string; file: string }> };
    expect(report.errors).toEqual([]);
    // The only warning allowed is Preact's innerHTML support for dangerouslySetInnerHTML, which
    // the extension never uses (README, Decisions).
    for (const w of report.warnings) expect(w.code).toBe('UNSAFE_VAR_ASSIGNMENT');
  });

  it('ships a CLI that runs with plain node', () => {
    const out = execFileSync(
      process.execPath,
      [join(dist, 'cli/callback-guard.js'), 'check', '+675 7089 1234', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(out)).toMatchObject({ e164: '+67570891234', verdict: { level: 'danger' } });
  });

  it('ships the library with its declared exports', async () => {
    const lib = await import(join(dist, 'lib/index.js'));
    expect(Object.keys(lib)).toEqual(
      expect.arrayContaining(['findPhoneNumbers', 'parsePhone', 'checkNumber', 'scanText']),
    );
    expect(lib.findPhoneNumbers('TEL：０１２０－２１０－３６４', { region: 'JP' })[0].e164).toBe(
      '+81120210364',
    );
    expect(existsSync(join(dist, 'lib/index.d.ts'))).toBe(true);
  });
});
