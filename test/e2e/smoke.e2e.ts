/**
 * The foundation works in both real browsers: the content script runs on a page served from
 * 127.0.0.1 and marks a number with the background's verdict, the background answers a
 * message, and the popup renders.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ChromiumSession, type FirefoxSession, launchChromium, launchFirefox } from './browsers';

type Runtime = { runtime: { sendMessage(message: unknown): Promise<unknown> } };
type ExtensionGlobal = { chrome: Runtime; browser: Runtime };

const origin = inject('fixtureOrigin');
const HOTLINE = '[data-cbg-e164="+81120210364"]';

describe('Chromium', () => {
  let session: ChromiumSession;
  beforeAll(async () => {
    session = await launchChromium();
  });
  afterAll(() => session?.close());

  it('marks a number on a 127.0.0.1 page with the verdict from the background', async () => {
    const page = await session.context.newPage();
    await page.goto(`${origin}/index.html`);
    const mark = page.locator(HOTLINE).first();
    await mark.waitFor({ state: 'attached', timeout: 10_000 });
    expect(await mark.getAttribute('data-cbg-level')).toMatch(/^(official|unknown|caution|danger)$/);
    // The mark is an empty element before the text holding the number: the text stays as it was.
    expect(
      await mark.evaluate((el) => [el.textContent, el.nextSibling?.textContent?.includes('0120-210-364')]),
    ).toEqual(['', true]);
    // The editable copies of the same number stay untouched.
    expect(await page.locator('textarea').inputValue()).toBe('0120-210-364');
    expect(await page.locator('[contenteditable] cbg-mark').count()).toBe(0);
  });

  it('the background answers a ping from an extension page', async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/src/popup/index.html`);
    const reply = await page.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ kind: 'page/ping' }),
    );
    expect(reply).toEqual({ ok: true, value: { pong: true, version: expect.any(String) } });
  });

  it('the popup renders its lookup box, focused', async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/src/popup/index.html`);
    const input = page.locator('input#lookup');
    await input.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lookup');
    await input.fill('0990-123-456');
    await expect.poll(() => page.locator('[data-cbg-level]').count()).toBeGreaterThan(0);
  });
});

describe('Firefox ESR', () => {
  let session: FirefoxSession;
  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(() => session?.close());

  it('marks a number on a 127.0.0.1 page with the verdict from the background', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${origin}/index.html`);
    const mark = await page.waitForSelector(HOTLINE, { timeout: 10_000 });
    expect(await mark?.evaluate((el) => el.getAttribute('data-cbg-level'))).toMatch(
      /^(official|unknown|caution|danger)$/,
    );
    expect(
      await mark?.evaluate((el) => [el.textContent, el.nextSibling?.textContent?.includes('0120-210-364')]),
    ).toEqual(['', true]);
    expect(await page.$$eval('[contenteditable] cbg-mark', (els) => els.length)).toBe(0);
  });

  it('the popup renders and the background answers it', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${origin}/index.html`);
    const popup = await session.openExtensionPage(page, 'src/popup/index.html');
    await popup.waitForSelector('input#lookup');
    const reply = await popup.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).browser.runtime.sendMessage({ kind: 'page/ping' }),
    );
    expect(reply).toEqual({ ok: true, value: { pong: true, version: expect.any(String) } });
  });
});
