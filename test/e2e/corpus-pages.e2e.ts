/**
 * The real saved pages of ../shared/corpus/pages (scam kits, official contact pages, news):
 * every number the manifest lists is marked as often as it is shown, nothing else is, and the
 * page's visible text is exactly what it is without the extension.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findPhoneNumbers } from '../../src/core/phone';
import { regionFromHints } from '../../src/core/phone-region';
import { CORPUS_DIR } from '../fixtures/server';
import { CHROMIUM_PATH, FIREFOX_PATH } from './browsers';
import { BROWSERS, type TestBrowser, type TestPage } from './pages';

interface ManifestEntry {
  file: string;
  language: string;
  numbers_as_printed: string[];
  occurrences_in_visible_text: Record<string, number>;
  tel_links: string[];
}

/**
 * The saved fake-support pages (a warning, a number, pressure to call) that must get the
 * banner: two kinds of scam wording next to a number (in the French Chrome variant, "call
 * immediately" above the number and "infected by a virus" three lines below it). The other scam
 * page (eFax) is a credential-phishing login that prints eFax's own numbers: no phone scam to flag.
 */
const FAKE_SUPPORT_PAGES = new Set([
  'scam_en_fake-mcafee-activation_checkout.html',
  'scam_en_fake-mcafee-activation_thankyou.html',
  'scam_fr_tss-fake-windows-alert_chrome.html',
  'scam_fr_tss-fake-windows-alert_edge.html',
]);

const manifestPath = join(CORPUS_DIR, 'pages/manifest.json');
const present = existsSync(manifestPath);
if (!present) console.warn(`corpus pages not found at ${manifestPath}: skipping the real-page browser tests`);
const manifest: ManifestEntry[] = present ? JSON.parse(readFileSync(manifestPath, 'utf8')) : [];
const origin = inject('fixtureOrigin');

/**
 * What the extension should mark on a page: E.164 for valid numbers, else the text as printed.
 * Same region rules as the background: the page's language, else the user's region (this
 * browser is English: US); a number invalid there is tried in the user's region, JP and US.
 * (So a French page without a lang attribute reads "01 76 36 31 88" as a JP number: a known
 * limit of guessing without hints.)
 */
function expectedMarks(entry: ManifestEntry, pageLang: string): string[] {
  const region = pageLang ? regionFromHints({ lang: pageLang }) : 'US';
  const fallbackRegions = ['US', 'JP'].filter((r) => r !== region);
  const out: string[] = [];
  for (const printed of entry.numbers_as_printed) {
    const parsed = findPhoneNumbers(printed, { region, fallbackRegions })[0];
    const id = parsed?.valid && parsed.e164 ? parsed.e164 : printed;
    for (let i = 0; i < (entry.occurrences_in_visible_text[printed] ?? 0); i++) out.push(id);
  }
  return out.sort();
}

const visible = (page: TestPage) =>
  page.evaluate(() => {
    const levels = [...document.querySelectorAll('[data-cbg-level]')].map((m) =>
      m.getAttribute('data-cbg-level'),
    );
    const marks = [...document.querySelectorAll('[data-cbg-level]')]
      .filter((m) => !m.closest('a[href^="tel:" i]') || /\d/.test(m.parentElement?.textContent ?? ''))
      .map((m) => m.getAttribute('data-cbg-e164') ?? m.getAttribute('data-cbg-raw') ?? '');
    // innerText, not textContent: what the reader sees (and copies) is what must not change.
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point here
    const text = document.body.innerText;
    return { marks: marks.sort(), levels, text, lang: document.documentElement.lang };
  }, undefined);

/** innerText of each page in a browser without the extension. */
// biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point here
const pageText = () => document.body.innerText;

async function baselineTexts(kind: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const read = async (goto: (u: string) => Promise<string>) => {
    for (const e of manifest)
      texts.set(e.file, await goto(`${origin}/corpus/${e.file.slice('pages/'.length)}`));
  };
  if (kind === 'Chromium') {
    const b = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const p = await b.newPage();
    await read(async (u) => {
      await p.goto(u);
      return p.evaluate(pageText);
    });
    await b.close();
  } else {
    const b = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true });
    const p = await b.newPage();
    await read(async (u) => {
      await p.goto(u);
      return p.evaluate(pageText);
    });
    await b.close();
  }
  return texts;
}

describe.skipIf(!present).each(BROWSERS)('real pages in %s', (name, open) => {
  let browser: TestBrowser;
  let baseline: Map<string, string>;
  beforeAll(async () => {
    baseline = await baselineTexts(name);
    browser = await open(origin);
  }, 300_000); // 23 pages loaded once without the extension; slow on a busy machine
  afterAll(() => browser?.close());

  it.each(manifest.map((e) => [e.file.slice('pages/'.length), e] as const))(
    '%s: every listed number marked, nothing else, text unchanged, a banner only on fake support',
    async (file, entry) => {
      const page = await browser.newPage();
      await page.goto(`${origin}/corpus/${entry.file.slice('pages/'.length)}`);
      const total = Object.values(entry.occurrences_in_visible_text).reduce((a, b) => a + b, 0);
      await page.waitFor(
        (n: number) => document.querySelectorAll('[data-cbg-level]').length >= n,
        total,
        15_000,
      );
      await page.evaluate(() => new Promise((r) => setTimeout(r, 500)), undefined);
      const seen = await visible(page);
      expect(seen.marks).toEqual(expectedMarks(entry, seen.lang));
      expect(seen.text).toBe(baseline.get(entry.file));
      const banner = () => document.querySelector('[data-cbg-banner="danger"]') !== null;
      if (FAKE_SUPPORT_PAGES.has(file)) {
        await page.waitFor(banner, undefined);
        expect(seen.levels).toEqual(expect.arrayContaining([expect.stringMatching(/^(caution|danger)$/)]));
      } else expect(await page.evaluate(banner, undefined)).toBe(false);
      await page.close();
    },
  );
});
