/**
 * One small page API over both drivers, so each in-page scenario is written once and run in
 * Chromium (playwright-core) and Firefox ESR (puppeteer-core).
 */
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { type ChromiumSession, type FirefoxSession, launchChromium, launchFirefox } from './browsers';

export interface TestPage {
  goto(url: string): Promise<void>;
  evaluate<T, A>(fn: (arg: A) => T, arg: A): Promise<T>;
  waitFor<A>(fn: (arg: A) => unknown, arg: A, timeout?: number): Promise<void>;
  click(selector: string): Promise<void>;
  /** Answers the next dialog (confirm) and resolves with its message. */
  answerDialog(accept: boolean): Promise<string>;
  /** The viewport as the browser paints it: a PNG, base64. */
  screenshot(): Promise<string>;
  close(): Promise<void>;
}

export interface TestBrowser {
  name: string;
  newPage(): Promise<TestPage>;
  /** Sends a message to the background from one of our own pages (as the popup would). */
  extensionMessage(message: unknown): Promise<unknown>;
  /** A tab the extension opened, found by the end of its path and query (e.g. a popup tab). */
  findExtensionPage(pathAndQuery: string): Promise<TestPage>;
  close(): Promise<void>;
}

const PAGE_SEARCH_MS = 15_000;
const samePathAndQuery = (href: string, wanted: string) =>
  /^(chrome|moz)-extension:/.test(href) && `${new URL(href).pathname}${new URL(href).search}` === wanted;

type RuntimeGlobal = { runtime: { sendMessage(m: unknown): Promise<unknown> } };
const sendFromPage = (m: unknown) => {
  const g = globalThis as unknown as { browser?: RuntimeGlobal; chrome?: RuntimeGlobal };
  return (g.browser ?? g.chrome)?.runtime.sendMessage(m);
};

function fromPlaywright(page: PlaywrightPage): TestPage {
  return {
    goto: async (url) => {
      await page.goto(url);
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: async (fn, arg, timeout = 10_000) => {
      await page.waitForFunction(fn as never, arg, { timeout });
    },
    click: (selector) => page.click(selector),
    answerDialog: (accept) =>
      new Promise((resolve) => {
        page.once('dialog', (d) => {
          resolve(d.message());
          void (accept ? d.accept() : d.dismiss());
        });
      }),
    screenshot: async () => (await page.screenshot()).toString('base64'),
    close: () => page.close(),
  };
}

function fromPuppeteer(page: PuppeteerPage): TestPage {
  return {
    goto: async (url) => {
      await page.goto(url);
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: async (fn, arg, timeout = 10_000) => {
      await page.waitForFunction(fn as never, { timeout }, arg);
    },
    click: (selector) => page.click(selector),
    answerDialog: (accept) =>
      new Promise((resolve) => {
        page.once('dialog', (d) => {
          resolve(d.message());
          void (accept ? d.accept() : d.dismiss());
        });
      }),
    screenshot: () => page.screenshot({ encoding: 'base64' }),
    close: () => page.close(),
  };
}

export async function openChromium(): Promise<TestBrowser & { session: ChromiumSession }> {
  return openChromiumWith(await launchChromium());
}

export function openChromiumWith(session: ChromiumSession): TestBrowser & { session: ChromiumSession } {
  let extensionPage: PlaywrightPage | null = null;
  return {
    name: 'Chromium',
    session,
    newPage: async () => fromPlaywright(await session.context.newPage()),
    async extensionMessage(message) {
      if (!extensionPage) {
        extensionPage = await session.context.newPage();
        await extensionPage.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
      }
      return extensionPage.evaluate(sendFromPage, message);
    },
    async findExtensionPage(wanted) {
      for (const deadline = Date.now() + PAGE_SEARCH_MS; Date.now() < deadline; ) {
        const found = session.context.pages().find((p) => samePathAndQuery(p.url(), wanted));
        if (found) {
          await found.waitForLoadState('load');
          return fromPlaywright(found);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no extension page at ${wanted}`);
    },
    close: () => session.close(),
  };
}

export async function openFirefox(origin: string): Promise<TestBrowser & { session: FirefoxSession }> {
  return openFirefoxWith(await launchFirefox(), origin);
}

export function openFirefoxWith(
  session: FirefoxSession,
  origin: string,
): TestBrowser & { session: FirefoxSession } {
  let extensionPage: PuppeteerPage | null = null;
  return {
    name: 'Firefox ESR',
    session,
    newPage: async () => fromPuppeteer(await session.browser.newPage()),
    async extensionMessage(message) {
      if (!extensionPage) {
        const from = await session.browser.newPage();
        await from.goto(`${origin}/index.html`);
        extensionPage = await session.openExtensionPage(from, 'src/options/index.html');
      }
      return extensionPage.evaluate(sendFromPage, message);
    },
    async findExtensionPage(wanted) {
      // Over BiDi, Firefox reports a new tab's URL as about:blank, so ask each page where it is.
      for (const deadline = Date.now() + PAGE_SEARCH_MS; Date.now() < deadline; ) {
        for (const page of await session.browser.pages()) {
          const href = await page.evaluate(() => location.href).catch(() => '');
          if (samePathAndQuery(href, wanted)) {
            await page.waitForFunction(() => document.readyState === 'complete');
            return fromPuppeteer(page);
          }
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no extension page at ${wanted}`);
    },
    close: () => session.close(),
  };
}

export const BROWSERS: ReadonlyArray<readonly [string, (origin: string) => Promise<TestBrowser>]> = [
  ['Chromium', () => openChromium()],
  ['Firefox ESR', (origin) => openFirefox(origin)],
];
