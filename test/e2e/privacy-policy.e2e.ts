/**
 * The privacy policy page (src/privacy) in real browsers: reached from the options page (About)
 * and from the popup (missed-call notes), shown in Japanese and English with every string from
 * _locales (no key left showing), and in the language of the page that links to it.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ChromiumSession, type FirefoxSession, launchChromium, launchFirefox } from './browsers';

const origin = inject('fixtureOrigin');

type Lang = 'en' | 'ja';
const messages = (lang: Lang): Record<string, { message: string }> =>
  JSON.parse(readFileSync(new URL(`../../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8'));
const msg = (lang: Lang, key: string): string => {
  const m = messages(lang)[key]?.message;
  if (!m) throw new Error(`no ${key} in ${lang}`);
  return m;
};

/** What the page shows: language, title, headings and paragraphs per section. */
interface Shown {
  lang: string;
  title: string;
  h1: string;
  summary: string;
  sections: Array<{ id: string; heading: string; paragraphs: string[] }>;
  text: string;
}

function readPage(): Shown {
  const main = document.querySelector('#privacy') as HTMLElement;
  return {
    lang: document.documentElement.lang,
    title: document.title,
    h1: main.querySelector('h1')?.textContent ?? '',
    summary: document.querySelector('#privacy-summary')?.textContent ?? '',
    sections: [...main.querySelectorAll('section')].map((s) => ({
      id: (s as HTMLElement).dataset.privacy ?? '',
      heading: s.querySelector('h2')?.textContent ?? '',
      paragraphs: [...s.querySelectorAll('p')].map((p) => p.textContent ?? ''),
    })),
    text: main.textContent ?? '',
  };
}

/** The policy as _locales says it in `lang`, checked against what the page shows. */
function expectPolicy(shown: Shown, lang: Lang): void {
  expect(shown.lang).toBe(lang);
  expect(shown.h1).toBe(msg(lang, 'privacy_title'));
  expect(shown.title).toBe(msg(lang, 'privacy_title'));
  expect(shown.summary).toBe(msg(lang, 'privacy_summary'));
  expect(shown.sections.map((s) => s.id)).toEqual(['reads', 'stores', 'network', 'never']);
  const section = (id: string) => shown.sections.find((s) => s.id === id);
  expect(section('reads')).toEqual({
    id: 'reads',
    heading: msg(lang, 'privacy_reads_heading'),
    paragraphs: [msg(lang, 'privacy_reads'), msg(lang, 'privacy_reads_typed')],
  });
  expect(section('stores')?.paragraphs).toEqual([
    msg(lang, 'privacy_stores'),
    msg(lang, 'privacy_stores_session'),
    msg(lang, 'privacy_stores_control'),
  ]);
  expect(section('network')?.paragraphs).toEqual([msg(lang, 'privacy_network')]);
  expect(section('never')?.paragraphs).toEqual([msg(lang, 'privacy_never')]);
  // No message key showing instead of its text.
  expect(shown.text).not.toMatch(/privacy_\w+/);
  if (lang === 'ja') expect(shown.text).toMatch(/アナリティクス/);
  else expect(shown.text).toMatch(/No analytics/);
}

// ---------------------------------------------------------------------------------------------
// Chromium
// ---------------------------------------------------------------------------------------------

async function opened(session: ChromiumSession, click: () => Promise<void>): Promise<Page> {
  const [page] = await Promise.all([session.context.waitForEvent('page'), click()]);
  await page.waitForFunction(() => document.querySelector('#privacy')?.getAttribute('aria-busy') === 'false');
  return page;
}

for (const lang of ['en', 'ja'] as const) {
  describe(`privacy policy in Chromium (${lang})`, () => {
    let session: ChromiumSession;
    beforeAll(async () => {
      session = await launchChromium({ lang });
    });
    afterAll(() => session?.close());

    it('opens from the options page (About) in the options language', async () => {
      const options = await session.context.newPage();
      await options.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
      const link = options.locator('#about-privacy-policy');
      expect(await link.textContent()).toBe(msg(lang, 'privacy_link'));
      const page = await opened(session, () => link.click());
      expect(new URL(page.url()).pathname).toBe('/src/privacy/index.html');
      expectPolicy(await page.evaluate(readPage), lang);
      await page.close();
      await options.close();
    });

    it('opens from the popup (missed-call notes)', async () => {
      const popup = await session.context.newPage();
      await popup.goto(`chrome-extension://${session.extensionId}/src/popup/index.html?view=missed`);
      const link = popup.locator('#missed-privacy');
      expect(await link.textContent()).toBe(msg(lang, 'privacy_link'));
      const page = await opened(session, () => link.click());
      expectPolicy(await page.evaluate(readPage), lang);
      await page.close();
      await popup.close();
    });

    it("follows the browser's language when opened on its own, and ?lang= when given", async () => {
      const page = await session.context.newPage();
      await page.goto(`chrome-extension://${session.extensionId}/src/privacy/index.html`);
      await page.waitForFunction(
        () => document.querySelector('#privacy')?.getAttribute('aria-busy') === 'false',
      );
      expectPolicy(await page.evaluate(readPage), lang);
      const other: Lang = lang === 'ja' ? 'en' : 'ja';
      await page.goto(`chrome-extension://${session.extensionId}/src/privacy/index.html?lang=${other}`);
      await page.waitForFunction(
        () => document.querySelector('#privacy')?.getAttribute('aria-busy') === 'false',
      );
      expectPolicy(await page.evaluate(readPage), other);
      await page.close();
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Firefox ESR (extension pages through the test hook)
// ---------------------------------------------------------------------------------------------

async function ffOpen(session: FirefoxSession, site: PuppeteerPage, path: string): Promise<PuppeteerPage> {
  const page = await session.openExtensionPage(site, path);
  if (path.startsWith('src/privacy/')) {
    await page.waitForFunction(
      () => document.querySelector('#privacy')?.getAttribute('aria-busy') === 'false',
    );
  }
  return page;
}

for (const lang of ['en', 'ja'] as const) {
  describe(`privacy policy in Firefox ESR (${lang})`, () => {
    let session: FirefoxSession;
    let site: PuppeteerPage;
    beforeAll(async () => {
      session = await launchFirefox({ lang });
      site = await session.browser.newPage();
      await site.goto(`${origin}/index.html`);
    });
    afterAll(() => session?.close());

    it('is linked from options and the popup, and shows the policy in both languages', async () => {
      const options = await ffOpen(session, site, 'src/options/index.html');
      await options.waitForSelector('#about-privacy-policy');
      const fromOptions = await options.$eval('#about-privacy-policy', (a) => [
        (a as HTMLAnchorElement).href,
        a.textContent,
      ]);
      expect(fromOptions[1]).toBe(msg(lang, 'privacy_link'));
      expect(new URL(fromOptions[0] as string).pathname).toBe('/src/privacy/index.html');
      expect(new URL(fromOptions[0] as string).searchParams.get('lang')).toBe(lang);
      await options.close();

      const popup = await ffOpen(session, site, 'src/popup/index.html?view=missed');
      await popup.waitForSelector('#missed-privacy');
      const href = await popup.$eval('#missed-privacy', (a) => (a as HTMLAnchorElement).href);
      expect(new URL(href).pathname).toBe('/src/privacy/index.html');
      await popup.close();

      for (const shown of ['ja', 'en'] as const) {
        const page = await ffOpen(session, site, `src/privacy/index.html?lang=${shown}`);
        expectPolicy(await page.evaluate(readPage), shown);
        await page.close();
      }
      const own = await ffOpen(session, site, 'src/privacy/index.html');
      expectPolicy(await own.evaluate(readPage), lang);
      await own.close();
    });
  });
}
