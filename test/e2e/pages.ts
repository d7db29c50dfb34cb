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
  close(): Promise<void>;
}

export interface TestBrowser {
  name: string;
  newPage(): Promise<TestPage>;
  close(): Promise<void>;
}

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
    close: () => page.close(),
  };
}

export async function openChromium(): Promise<TestBrowser & { session: ChromiumSession }> {
  const session = await launchChromium();
  return {
    name: 'Chromium',
    session,
    newPage: async () => fromPlaywright(await session.context.newPage()),
    close: () => session.close(),
  };
}

export async function openFirefox(): Promise<TestBrowser & { session: FirefoxSession }> {
  const session = await launchFirefox();
  return {
    name: 'Firefox ESR',
    session,
    newPage: async () => fromPuppeteer(await session.browser.newPage()),
    close: () => session.close(),
  };
}

export const BROWSERS = [
  ['Chromium', openChromium],
  ['Firefox ESR', openFirefox],
] as const;
