/**
 * Nothing the user browses or looks up leaves the browser. Each browser runs behind a recording
 * proxy: every request that is not to the 127.0.0.1 fixture server goes through it, whoever
 * makes it (page, content script, service worker, popup). While the extension marks pages,
 * opens cards and answers lookups, the proxy must see nothing from us. The page, for its part,
 * must not be able to read verdicts beyond the marker attributes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CORPUS_DIR } from '../fixtures/server';
import { launchChromium, launchFirefox } from './browsers';
import { openChromiumWith, openFirefoxWith, type TestBrowser, type TestPage } from './pages';

const origin = inject('fixtureOrigin');

async function recordingProxy(): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const PAGES = [
  'impersonation-card-company',
  'tech-support-scam',
  'official-card-company-contact',
  'iframe-parent',
];

/** The real saved pages, when ../shared/corpus is here (the fixture server strips their scripts). */
const corpusManifest = `${CORPUS_DIR}/pages/manifest.json`;
const CORPUS_PAGES: string[] = existsSync(corpusManifest)
  ? (JSON.parse(readFileSync(corpusManifest, 'utf8')) as Array<{ file: string }>).map((e) =>
      e.file.slice('pages/'.length),
    )
  : [];
if (!CORPUS_PAGES.length)
  console.warn(`corpus pages not found at ${corpusManifest}: privacy test browses the fixtures only`);

/** Browsers' own housekeeping that an offline profile may still attempt; none of it is ours. */
const BROWSER_NOISE =
  /^(CONNECT |[A-Z]+ https?:\/\/)[a-z0-9.-]*\b(google|googleapis|gstatic|gvt1|mozilla|firefox)\.(com|net|org)[:/]/i;

describe.each([
  ['Chromium', async (proxy: string) => openChromiumWith(await launchChromium({ proxy }))],
  ['Firefox ESR', async (proxy: string) => openFirefoxWith(await launchFirefox({ proxy }), origin)],
] as const)('%s', (_name, open) => {
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let browser: TestBrowser;
  beforeAll(async () => {
    proxy = await recordingProxy();
    browser = await open(proxy.url);
  });
  afterAll(async () => {
    await browser?.close();
    proxy?.server.close();
  });

  it('sends nothing anywhere while it marks pages, shows cards, verifies selections and answers lookups', async () => {
    for (const name of PAGES) {
      const page: TestPage = await browser.newPage();
      await page.goto(`${origin}/in-page/${name}.html`);
      await page.waitFor(() => document.querySelector('[data-cbg-level]'), undefined);
      await page.evaluate(
        () => (document.querySelector('cbg-mark') as HTMLElement | null)?.focus(),
        undefined,
      );
      await page.evaluate(() => new Promise((r) => setTimeout(r, 300)), undefined);
      await page.close();
    }
    for (const file of CORPUS_PAGES) {
      const page: TestPage = await browser.newPage();
      await page.goto(`${origin}/corpus/${file}`);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 300)), undefined);
      await page.close();
    }
    // "Verify this number" from the context menu: the card in the page, and the popup tab
    // opened where the page cannot show one.
    const page = await browser.newPage();
    await page.goto(`${origin}/in-page/dates-prices-postal-codes-only.html`);
    await page.evaluate(() => window.postMessage({ cbgTestMenu: '03-1234-5678' }, '*'), undefined);
    await page.waitFor(() => document.querySelector('cbg-card'), undefined);
    await page.evaluate(
      () => window.postMessage({ cbgTestMenu: '0990-123-456', cbgTestMenuUnscriptable: true }, '*'),
      undefined,
    );
    const lookup = await browser.findExtensionPage(
      `/src/popup/index.html?q=${encodeURIComponent('0990-123-456')}`,
    );
    await lookup.waitFor(() => document.querySelector('section.verdict[data-cbg-level]'), undefined);
    await lookup.close();
    await page.close();
    for (const input of ['0990-123-456', '+675 7089 1234', '03-1234-5678', '188']) {
      expect(await browser.extensionMessage({ kind: 'page/lookup', input })).toMatchObject({ ok: true });
    }
    const ours = proxy.seen.filter((r) => !BROWSER_NOISE.test(r));
    expect(ours, `requests through the proxy: ${JSON.stringify(proxy.seen)}`).toEqual([]);
  });

  it('gives the page no globals, no messages and no attributes beyond what it shows', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/in-page/dates-prices-postal-codes-only.html`);
    const before = await page.evaluate(() => {
      const w = window as unknown as { __cbgSeen: unknown[]; __cbgKeys: string[] };
      w.__cbgSeen = [];
      window.addEventListener('message', (e) => w.__cbgSeen.push(e.data));
      w.__cbgKeys = Object.getOwnPropertyNames(window);
      const p = document.createElement('p');
      p.textContent = '【三井住友カード】至急 03-1234-5678 へ';
      document.body.append(p);
      return w.__cbgKeys.length;
    }, undefined);
    await page.waitFor(() => document.querySelector('[data-cbg-level]'), undefined);
    await page.evaluate(() => (document.querySelector('cbg-mark') as HTMLElement).focus(), undefined);
    await page.waitFor(() => document.querySelector('cbg-card'), undefined);
    const after = await page.evaluate(() => {
      const w = window as unknown as { __cbgSeen: unknown[]; __cbgKeys: string[] };
      const mark = document.querySelector('cbg-mark') as Element;
      const card = document.querySelector('cbg-card') as Element;
      return {
        // __cbg*: this test's own; __aria*: puppeteer's query helpers.
        newGlobals: Object.getOwnPropertyNames(window).filter(
          (k) => !w.__cbgKeys.includes(k) && !k.startsWith('__cbg') && !k.startsWith('__aria'),
        ),
        messages: w.__cbgSeen,
        markAttributes: [...mark.attributes].map((a) => a.name).sort(),
        cardAttributes: [...card.attributes].map((a) => a.name),
        cardShadowVisible: card.shadowRoot !== null,
        cardText: card.textContent,
      };
    }, undefined);
    expect(before).toBeGreaterThan(0);
    expect(after).toEqual({
      newGlobals: [],
      messages: [],
      markAttributes: ['data-cbg-e164', 'data-cbg-level', 'style', 'tabindex'],
      cardAttributes: ['style'],
      cardShadowVisible: false,
      cardText: '',
    });
    await page.close();
  });
});
