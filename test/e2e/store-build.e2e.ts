/**
 * `npm run build` from this checkout: what the stores get. Manifests per browser, a classic
 * content script, no test hooks, reproducible zips, Mozilla's linter, and the library and CLI
 * that ship beside the extension.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, ftruncateSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Script } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlSinksIn, REFUSAL } from '../../scripts/vite-no-html-sinks';
// @ts-expect-error: plain ESM helper without type declarations
import { listFiles, writeZip } from '../../scripts/zip.mjs';
import { scratchDir } from './scratch';

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
      // The budget is 30 KB of file, so bytes (Japanese words in the scanner take three each).
      expect(Buffer.byteLength(code, 'utf8')).toBeLessThanOrEqual(30 * 1024);
      expect(code).not.toContain('cbgTest');
      expect(code).not.toContain('test/open-extension-page');
    }
  });

  it('writes the store zips and the source zip, reproducibly', () => {
    for (const name of ['chrome', 'firefox', 'source']) {
      expect(existsSync(join(dist, `callback-guard-${name}-${version}.zip`))).toBe(true);
    }
    for (const browser of ['chrome', 'firefox']) {
      const again = join(scratchDir('cbg-zip-'), 'again.zip');
      writeZip(again, join(dist, browser), listFiles(join(dist, browser)));
      expect(
        readFileSync(again).equals(readFileSync(join(dist, `callback-guard-${browser}-${version}.zip`))),
      ).toBe(true);
    }
  });

  it('passes Mozilla addons-linter with no errors and no warnings', () => {
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
    const report = JSON.parse(out) as {
      errors: unknown[];
      warnings: Array<{ code: string; file: string }>;
      notices: unknown[];
    };
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.notices).toEqual([]);
  });

  it("parses no string as HTML in any bundle: no innerHTML assignment, Preact's branch replaced", () => {
    for (const browser of ['chrome', 'firefox']) {
      const scripts = listFiles(join(dist, browser)).filter((f: string) => f.endsWith('.js'));
      expect(scripts.length).toBeGreaterThan(0);
      const all = scripts.map((f: string) => readFileSync(join(dist, browser, f), 'utf8')).join('\n');
      for (const f of scripts) {
        expect(htmlSinksIn(readFileSync(join(dist, browser, f), 'utf8')), `${browser}/${f}`).toEqual([]);
      }
      // The popup and options pages use Preact: its dangerouslySetInnerHTML now throws.
      expect(all).toContain(REFUSAL);
    }
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

  describe('CLI', () => {
    const cli = (args: string[], input?: string) => {
      const r = spawnSync(process.execPath, [join(dist, 'cli/callback-guard.js'), ...args], {
        encoding: 'utf8',
        cwd: root,
        ...(input !== undefined ? { input } : {}),
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    const scan = (text: string, ...flags: string[]) =>
      JSON.parse(cli(['scan', '-', '--json', ...flags], text).out);

    it('judges a card-company page: its registry number official, another number impersonation', () => {
      const official = scan('【三井住友カード】ご利用確認SMSの送信元は 0120-936-795 です。');
      expect(official.numbers[0]).toMatchObject({ raw: '0120-936-795', e164: '+81120936795', valid: true });
      expect(official.numbers[0].verdict.level).toBe('official');
      const fake = scan('【三井住友カード】ご利用を停止しました。至急 03-1234-5678 へお電話ください。');
      expect(fake.numbers[0].verdict.level).toBe('danger');
      const imp = fake.numbers[0].verdict.reasons.find((r: { code: string }) => r.code === 'impersonation');
      expect(imp.params.listed.flatMap((g: { numbers: string[] }) => g.numbers)).toContain('0120-936-795');
      expect(fake.page.level).toBe('danger');
    });

    it('flags +44 with unpaid-fee wording on a Japanese page, 0990 and +675', () => {
      expect(
        scan('料金未納のため電話が利用停止になります。+44 20 7946 0000 までお電話ください。').numbers[0]
          .verdict.level,
      ).toBe('danger');
      const codes = (n: string) =>
        JSON.parse(cli(['check', n, '--json']).out).verdict.reasons.map((r: { code: string }) => r.code);
      expect(codes('0990-123-456')).toContain('premium-rate');
      expect(codes('+675 7089 1234')).toContain('one-ring-country');
    });

    it('prints text output with levels and reasons', () => {
      const r = cli(['check', '0990-123-456']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/DANGER/);
      expect(r.out).toMatch(/premium-rate/);
    });

    it('scans the visible text of an HTML file', () => {
      const dir = scratchDir('cbg-cli-');
      const file = join(dir, 'page.html');
      writeFileSync(
        file,
        '<p>お問い合わせ &#48;120-210-364</p><script>var x="03-1234-5678"</script><style>.a{}</style>',
      );
      const out = JSON.parse(cli(['scan', file, '--html', '--json']).out);
      expect(out.numbers.map((n: { e164: string }) => n.e164)).toEqual(['+81120210364']);
    });

    it("judges an HTML file in its own language's region, as the extension would", () => {
      const file = join(scratchDir('cbg-cli-'), 'page.html');
      writeFileSync(
        file,
        '<html lang="en-US"><title>Dock news</title><p>Call the dock at (206) 555-0142</p>',
      );
      const scanned = (...extra: string[]) =>
        JSON.parse(cli(['scan', file, '--json', ...extra]).out).numbers[0];
      expect(scanned('--html').e164).toBe('+12065550142');
      // As plain text there is no lang: the default region (JP) finds no valid number in it.
      expect(scanned().valid).toBe(false);
    });

    it('fails with one clear line and exit code 2 on bad usage and bad input', () => {
      expect(cli(['scan', '/no/such/file'])).toMatchObject({
        code: 2,
        err: expect.stringMatching(/no such file/),
      });
      expect(cli(['check'])).toMatchObject({ code: 2 });
      expect(cli(['scan', '-', '--bogus'], '')).toMatchObject({
        code: 2,
        err: expect.stringMatching(/unknown option --bogus/),
      });
      expect(cli(['scan', '-'], 'a\u0000b')).toMatchObject({ code: 2, err: expect.stringMatching(/binary/) });
      expect(cli(['frobnicate'])).toMatchObject({ code: 2 });
    });

    it('refuses input larger than its cap without running out of memory', () => {
      const dir = scratchDir('cbg-cli-');
      const file = join(dir, 'huge.txt');
      const fd = openSync(file, 'w');
      ftruncateSync(fd, 200 * 1024 * 1024); // sparse: 200 MB on paper, nothing on disk
      closeSync(fd);
      expect(cli(['scan', file])).toMatchObject({ code: 2, err: expect.stringMatching(/larger than 32 MB/) });
    });

    it('registry check passes on the shipped data and fails on a broken copy with file:line messages', () => {
      expect(cli(['registry', 'check'])).toMatchObject({
        code: 0,
        out: expect.stringMatching(/registry check: ok/),
      });
      const copy = scratchDir('cbg-data-');
      cpSync(join(root, 'data'), copy, { recursive: true });
      const jp = join(copy, 'registry/jp.json');
      writeFileSync(jp, readFileSync(jp, 'utf8').replace('"0120-936-795"', '"0120-936-79"'));
      const r = cli(['registry', 'check', copy]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/registry\/jp\.json:\d+: "0120-936-79" is not a valid JP phone number/);
      writeFileSync(jp, '{ "country": "JP", "entries": [ oops ] }');
      expect(cli(['registry', 'check', copy]).err).toMatch(/jp\.json:1: not valid JSON/);
    });
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
