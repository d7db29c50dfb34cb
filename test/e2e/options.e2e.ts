/**
 * The options page in real browsers: region and language, personal lists (add, search, edit,
 * remove) and a trusted number winning in the popup, import that refuses a broken file and
 * loses nothing, export/import round trip, per-site switch, feeds form, About. Chromium drives
 * chrome-extension:// pages directly; Firefox opens them through the test build's hook.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ChromiumSession, type FirefoxSession, launchChromium, launchFirefox } from './browsers';
import { scratchDir } from './scratch';

const origin = inject('fixtureOrigin');

async function openOptions(session: ChromiumSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
  await page.locator('#general-heading').waitFor();
  return page;
}

async function popupVerdict(session: ChromiumSession, number: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(
    `chrome-extension://${session.extensionId}/src/popup/index.html?q=${encodeURIComponent(number)}`,
  );
  await page.waitForFunction(
    (want) => document.querySelector('.lookup')?.getAttribute('data-judged') === want,
    number,
  );
  return page;
}

const rows = (page: Page, list: 'trusted' | 'blocked') => page.locator(`[data-list="${list}"] tbody tr`);

/** A file the import tests hand to the file pickers, in this file's scratch folder. */
let pickerDir: string | null = null;
function tempFile(name: string, text: string): string {
  pickerDir ??= scratchDir('cbg-options-');
  const file = join(pickerDir, name);
  writeFileSync(file, text);
  return file;
}

describe('options in Chromium (English)', () => {
  let session: ChromiumSession;
  let page: Page;
  beforeAll(async () => {
    session = await launchChromium({ lang: 'en' });
    page = await openOptions(session);
  });
  afterAll(() => session?.close());

  it('sets the region (numbers are then read as Japanese)', async () => {
    await page.locator('#opt-region').selectOption('JP');
    await expect.poll(() => page.locator('#general-heading ~ [role="status"]').textContent()).toBe('Saved.');
    expect(await page.locator('#opt-region').inputValue()).toBe('JP');
  });

  it('adds a trusted number that then wins over the data in the popup', async () => {
    const before = await popupVerdict(session, '0990-123-456');
    expect(await before.locator('.verdict').getAttribute('data-cbg-level')).toBe('danger');
    await before.close();

    await page.locator('#add-number-trusted').fill('0990-123-456');
    await page.locator('#add-note-trusted').fill('my test line');
    await page.locator('#add-note-trusted').press('Enter');
    await expect.poll(() => rows(page, 'trusted').count()).toBe(1);
    expect(await rows(page, 'trusted').first().getAttribute('data-e164')).toBe('+81990123456');

    const after = await popupVerdict(session, '0990-123-456');
    const verdict = after.locator('.verdict');
    expect(await verdict.getAttribute('data-cbg-level')).toBe('unknown');
    expect(await verdict.locator('[data-reason="user-trusted"]').textContent()).toContain('my test line');
    expect(await verdict.locator('[data-reason="premium-rate"]').count()).toBe(0);
    expect(await verdict.locator('.cbg-badge').first().textContent()).toBe('Trusted by you');
    await after.close();
  });

  it('blocks a number, which the popup then calls dangerous', async () => {
    await page.locator('#add-number-blocked').fill('03-1234-5678');
    await page.locator('[data-list="blocked"] form button[type=submit]').click();
    await expect.poll(() => rows(page, 'blocked').count()).toBe(1);
    const popup = await popupVerdict(session, '03-1234-5678');
    expect(await popup.locator('.verdict').getAttribute('data-cbg-level')).toBe('danger');
    expect(await popup.locator('[data-reason="user-blocked"]').count()).toBe(1);
    await popup.close();
  });

  it('refuses a bad number with the background’s message', async () => {
    await page.locator('#add-number-trusted').fill('12');
    await page.locator('[data-list="trusted"] form button[type=submit]').click();
    const alert = page.locator('[data-list="trusted"] [role="alert"]');
    await expect.poll(() => alert.textContent()).toMatch(/^Not saved: .+/);
    expect(await rows(page, 'trusted').count()).toBe(1);
  });

  it('searches, edits and keeps the list in order', async () => {
    await page.locator('#add-number-trusted').fill('0120-936-795');
    await page.locator('#add-note-trusted').fill('card company');
    await page.locator('#add-note-trusted').press('Enter');
    await expect.poll(() => rows(page, 'trusted').count()).toBe(2);

    await page.locator('#search-trusted').fill('test line');
    expect(await rows(page, 'trusted').count()).toBe(1);
    await page.locator('#search-trusted').fill('0120936');
    expect(await rows(page, 'trusted').first().getAttribute('data-e164')).toBe('+81120936795');
    await page.locator('#search-trusted').fill('nothing like this');
    expect(await page.locator('[data-list="trusted"]').textContent()).toContain(
      'No number matches your search.',
    );
    await page.locator('#search-trusted').fill('');

    await page.getByRole('button', { name: 'Edit 0120-936-795' }).click();
    // Focus is already in the row's first field when the row appears (keyboard users type on).
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Number');
    const note = page.locator('[data-editing] input[aria-label="Note"]');
    await note.fill('card company (lost cards)');
    await note.press('Enter');
    await expect
      .poll(() => page.locator('[data-e164="+81120936795"] td.note').textContent())
      .toBe('card company (lost cards)');
    expect(await rows(page, 'trusted').count()).toBe(2);
  });

  it('refuses a broken import file, shows why, and changes nothing', async () => {
    const alert = page.locator('.import-export [role="alert"]');
    await page
      .locator('#lists-import')
      .setInputFiles(tempFile('broken.json', '{ "format": "callback-guard-lists", '));
    await expect.poll(() => alert.textContent()).toMatch(/nothing was changed: .*JSON/);
    const wrong = JSON.stringify({
      format: 'callback-guard-lists',
      version: 1,
      trusted: [{ number: '0120-000-000', note: 'fine' }, { number: 'not a number' }],
    });
    await page.locator('#lists-import').setInputFiles(tempFile('wrong.json', wrong));
    await expect.poll(() => alert.textContent()).toMatch(/nothing was changed: trusted entry 2/);
    expect(await rows(page, 'trusted').count()).toBe(2);
    expect(await rows(page, 'blocked').count()).toBe(1);
    const state = (await page.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ kind: 'page/get-state' }),
    )) as { value: { user: { trusted: unknown[]; blocked: unknown[] } } };
    expect(state.value.user.trusted).toHaveLength(2);
    expect(state.value.user.blocked).toHaveLength(1);
  });

  it('exports the lists and imports them back', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export your lists (JSON)' }).click(),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    const file = JSON.parse(text);
    expect(file.format).toBe('callback-guard-lists');
    expect(file.trusted).toHaveLength(2);

    await page.getByRole('button', { name: 'Remove 0120-936-795' }).click();
    await expect.poll(() => rows(page, 'trusted').count()).toBe(1);

    await page.locator('#lists-import').setInputFiles(tempFile('export.json', text));
    await expect
      .poll(() => page.locator('.import-export [role="status"]').textContent())
      .toMatch(/^Imported \d+ trusted and \d+ blocked numbers\.$/);
    await expect.poll(() => rows(page, 'trusted').count()).toBe(2);
  });

  it('turns checking off for a site and back on', async () => {
    await page.locator('#site-add').fill('https://Example.com/some/page');
    await page.locator('#site-add').press('Enter');
    await page.locator('[data-site="example.com"]').waitFor();
    await page.getByRole('button', { name: 'Turn checking back on for example.com' }).click();
    await expect.poll(() => page.locator('[data-site]').count()).toBe(0);
    await page.locator('#site-add').fill('not a host!');
    await page.locator('#site-add').press('Enter');
    expect(await page.locator('#sites-heading ~ [role="alert"]').textContent()).toContain('host name');
  });

  it('pauses and resumes, and the popup says so', async () => {
    await page.locator('#opt-paused').check();
    await expect.poll(() => page.locator('#general-heading ~ [role="status"]').textContent()).toBe('Saved.');
    const popup = await popupVerdict(session, '188');
    await popup.locator('.paused').waitFor();
    await popup.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => popup.locator('.paused').count()).toBe(0);
    await popup.close();
    await page.reload();
    await page.locator('#opt-paused').waitFor();
    expect(await page.locator('#opt-paused').isChecked()).toBe(false);
  });

  it('refuses a feed address that is not https, before asking for any permission', async () => {
    await page.locator('#feed-url').fill('http://feeds.example.org/list.json');
    await page.getByRole('button', { name: 'Add feed' }).click();
    await expect
      .poll(() => page.locator('#feeds-heading ~ [role="alert"]').textContent())
      .toBe('Enter an address that starts with https://.');
    expect(await page.locator('#feeds-heading ~ p.muted').nth(1).textContent()).toBe('No feeds.');
  });

  it('shows the data version, counts per country and the privacy statement', async () => {
    const about = page.locator('section[aria-labelledby="about-heading"]');
    expect(await about.locator('[data-data-version]').textContent()).toMatch(
      /^Data version \S+: [\d,]+ numbers/,
    );
    for (const country of ['JP', 'US', 'GB']) {
      expect(
        Number((await about.locator(`[data-country="${country}"] td.num`).textContent())?.replace(/,/g, '')),
      ).toBeGreaterThan(0);
    }
    expect(await about.textContent()).toContain('never sent anywhere');
  });

  it('switches the language of the options and the popup', async () => {
    await page.locator('#opt-language').selectOption('ja');
    await expect.poll(() => page.locator('h1').textContent()).toBe('かけ直しガードの設定');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    const popup = await popupVerdict(session, '03-9876-5432');
    expect(await popup.locator('#lookup-heading').textContent()).toBe('電話番号を確認');
    // Japanese from the popup's first frame: the options page left the messages for it.
    expect(
      await popup.evaluate(
        () =>
          (performance.getEntriesByName('cbg-popup-rendered')[0] as PerformanceMark | undefined)?.detail
            ?.lang,
      ),
    ).toBe('ja');
    expect(await popup.locator('.unknown-note').textContent()).toContain('安全だという証明ではありません');
    await popup.close();
    await page.locator('#opt-language').selectOption('auto');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Callback Guard settings');
  });

  it('can be used from the keyboard, with a visible focus ring', async () => {
    await page.locator('#opt-language').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('opt-region');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    // Every control has an accessible name.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, button, textarea')]
        .filter((el) => {
          const e = el as HTMLInputElement;
          return !(e.labels?.length || e.getAttribute('aria-label') || e.textContent?.trim());
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
  });
});

describe('options in Chromium (Japanese)', () => {
  let session: ChromiumSession;
  beforeAll(async () => {
    session = await launchChromium({ lang: 'ja' });
  });
  afterAll(() => session?.close());

  it('follows the browser language and explains itself in Japanese', async () => {
    const page = await openOptions(session);
    expect(await page.locator('h1').textContent()).toBe('かけ直しガードの設定');
    expect(await page.locator('#opt-region option[value="auto"]').textContent()).toBe(
      '自動（ブラウザーの言語から）',
    );
    await page.locator('#add-number-trusted').fill('03-1234-5678');
    await page.locator('#add-note-trusted').press('Enter');
    await expect.poll(() => rows(page, 'trusted').count()).toBe(1);
    await page.locator('#lists-import').setInputFiles(tempFile('ja-broken.json', 'not json'));
    await expect
      .poll(() => page.locator('.import-export [role="alert"]').textContent())
      .toMatch(/^ファイルは読み込まれず、何も変更されていません：/);
    expect(await rows(page, 'trusted').count()).toBe(1);
    await page.close();
  });
});

// ---------------------------------------------------------------------------------------------
// Firefox ESR (pages opened through the test hook)
// ---------------------------------------------------------------------------------------------

async function ffOpen(
  session: FirefoxSession,
  path: string,
): Promise<{ site: PuppeteerPage; page: PuppeteerPage }> {
  const site = await session.browser.newPage();
  await site.goto(`${origin}/index.html`);
  const page = await session.openExtensionPage(site, path);
  return { site, page };
}

for (const lang of ['en', 'ja'] as const) {
  describe(`options in Firefox ESR (${lang})`, () => {
    let session: FirefoxSession;
    beforeAll(async () => {
      session = await launchFirefox({ lang });
    });
    afterAll(() => session?.close());

    it('adds a trusted number that wins in the popup; a broken import changes nothing', async () => {
      const { site, page } = await ffOpen(session, 'src/options/index.html');
      await page.waitForSelector('#general-heading');
      expect(await page.$eval('h1', (el) => el.textContent)).toBe(
        lang === 'ja' ? 'かけ直しガードの設定' : 'Callback Guard settings',
      );
      await page.select('#opt-region', 'JP');
      await page.waitForFunction(
        () => document.querySelector('#general-heading ~ [role="status"]')?.textContent !== '',
      );
      await page.type('#add-number-trusted', '0990-123-456');
      await page.type('#add-note-trusted', 'firefox test');
      await page.click('[data-list="trusted"] form button[type=submit]');
      await page.waitForSelector('[data-list="trusted"] tbody tr[data-e164="+81990123456"]');

      const input = await page.$('input#lists-import');
      await input?.uploadFile(
        tempFile(`ff-${lang}-broken.json`, '{"format":"callback-guard-lists","version":1,"trusted":7}'),
      );
      await page.waitForFunction(
        () => (document.querySelector('.import-export [role="alert"]')?.textContent ?? '') !== '',
      );
      expect(await page.$$eval('[data-list="trusted"] tbody tr', (r) => r.length)).toBe(1);

      const popup = await session.openExtensionPage(site, 'src/popup/index.html?q=0990-123-456');
      await popup.waitForFunction(
        () => document.querySelector('.lookup')?.getAttribute('data-judged') === '0990-123-456',
      );
      expect(await popup.$eval('.verdict', (el) => el.getAttribute('data-cbg-level'))).toBe('unknown');
      expect(await popup.$$eval('[data-reason="user-trusted"]', (els) => els.length)).toBe(1);
      await popup.close();
      await page.close();
      await site.close();
    });
  });
}
