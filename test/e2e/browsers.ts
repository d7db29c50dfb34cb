/**
 * Launching real browsers with the test build of the extension loaded.
 * Chromium: Debian's build driven by playwright-core. Firefox ESR: Debian's build driven by
 * puppeteer-core over WebDriver BiDi. Paths come from CHROMIUM_PATH / FIREFOX_PATH; a missing
 * browser is an error with the install command, never a silent skip.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const TEST_BUILD = resolve(import.meta.dirname, '../../.test-build');

export function requireBrowser(path: string, debianPackage: string): void {
  if (!existsSync(path)) {
    throw new Error(
      `Browser not found at ${path}: install it with "sudo apt-get install ${debianPackage}" (or set ${
        debianPackage === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'
      }). Browser tests never skip.`,
    );
  }
}

export interface ChromiumSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * `proxy`: an http://host:port every non-loopback request goes through (privacy tests).
 * `profile` / `extensionDir`: a user-data dir and an unpacked extension to use instead of fresh
 * ones (durability tests: the same profile across restarts, an updatable copy of the build);
 * a given profile is kept on close.
 */
export async function launchChromium(
  options: { lang?: 'en' | 'ja'; proxy?: string; profile?: string; extensionDir?: string } = {},
): Promise<ChromiumSession> {
  requireBrowser(CHROMIUM_PATH, 'chromium');
  const ext = options.extensionDir ?? join(TEST_BUILD, 'chrome');
  const lang = options.lang ?? 'en';
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'cbg-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: lang,
    env: { ...process.env, LANGUAGE: lang, LANG: lang === 'ja' ? 'ja_JP.UTF-8' : 'en_US.UTF-8' },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--lang=${lang}`,
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      ...(options.proxy ? [`--proxy-server=${options.proxy}`] : []),
    ],
  });
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      if (!options.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface FirefoxSession {
  browser: PuppeteerBrowser;
  extensionId: string;
  /** Opens an extension page through the test build's hook and returns it. */
  openExtensionPage(fromPage: PuppeteerPage, path: string): Promise<PuppeteerPage>;
  close(): Promise<void>;
}

/**
 * `profile`: a Firefox profile dir to use and keep (durability tests). The extension is then not
 * installed as a temporary add-on (those are gone after a restart) but must already be in the
 * profile, as `extensions/<gecko id>.xpi` (a profile-scope install, enabled without a prompt;
 * ESR accepts it unsigned with xpinstall.signatures.required off).
 */
export async function launchFirefox(
  options: { lang?: 'en' | 'ja'; proxy?: string; profile?: string } = {},
): Promise<FirefoxSession> {
  requireBrowser(FIREFOX_PATH, 'firefox-esr');
  const lang = options.lang ?? 'en';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    ...(options.profile ? { userDataDir: options.profile } : {}),
    extraPrefsFirefox: {
      ...(options.profile ? { 'extensions.autoDisableScopes': 0, 'extensions.enabledScopes': 15 } : {}),
      'xpinstall.signatures.required': false,
      'intl.locale.requested': lang,
      'intl.accept_languages': lang,
      // No network: updates, telemetry and remote settings stay off in tests.
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      ...(options.proxy ? firefoxProxyPrefs(options.proxy) : {}),
    },
  });
  const extensionId = options.profile
    ? (JSON.parse(readFileSync(join(TEST_BUILD, 'firefox', 'manifest.json'), 'utf8'))
        .browser_specific_settings.gecko.id as string)
    : await browser.installExtension(join(TEST_BUILD, 'firefox'));
  return {
    browser,
    extensionId,
    async openExtensionPage(fromPage, path) {
      const before = new Set(await browser.pages());
      await fromPage.evaluate((p) => window.postMessage({ cbgTestOpen: p }, '*'), path);
      // Over BiDi, Firefox reports the new tab's URL as about:blank, so ask each new page where it is.
      const wanted = `/${path}`;
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
        for (const page of await browser.pages()) {
          if (before.has(page)) continue;
          const href = await page.evaluate(() => location.href).catch(() => '');
          if (
            href.startsWith('moz-extension://') &&
            new URL(href).pathname + new URL(href).search === wanted
          ) {
            await page.waitForFunction(() => document.readyState === 'complete');
            return page;
          }
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the test hook did not open ${path}`);
    },
    close: () => browser.close(),
  };
}

function firefoxProxyPrefs(proxy: string): Record<string, unknown> {
  const { hostname, port } = new URL(proxy);
  return {
    'network.proxy.type': 1,
    'network.proxy.http': hostname,
    'network.proxy.http_port': Number(port),
    'network.proxy.ssl': hostname,
    'network.proxy.ssl_port': Number(port),
    'network.proxy.no_proxies_on': '127.0.0.1, localhost',
    'network.proxy.allow_hijacking_localhost': false,
  };
}
