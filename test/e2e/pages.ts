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
  /**
   * The text nodes under the first element matching `selector`, one per line, shadow roots
   * included, closed ones too: read through the driver's protocol (page scripts cannot see into
   * our closed roots). Style sheets are left out. Null when nothing matches.
   */
  shadowText(selector: string): Promise<string | null>;
  close(): Promise<void>;
}

export interface TestBrowser {
  name: string;
  newPage(): Promise<TestPage>;
  /** Sends a message to the background from one of our own pages (as the popup would). */
  extensionMessage(message: unknown): Promise<unknown>;
  /** The toolbar badge of the tab showing `pageUrl`, read from one of our pages. */
  badge(pageUrl: string): Promise<{ text: string; color: number[] }>;
  /** A tab the extension opened, found by the end of its path and query (e.g. a popup tab). */
  findExtensionPage(pathAndQuery: string): Promise<TestPage>;
  close(): Promise<void>;
}

const PAGE_SEARCH_MS = 15_000;
const samePathAndQuery = (href: string, wanted: string) =>
  /^(chrome|moz)-extension:/.test(href) && `${new URL(href).pathname}${new URL(href).search}` === wanted;

type RuntimeGlobal = { runtime: { sendMessage(m: unknown): Promise<unknown> } };
type BadgeGlobal = {
  tabs: { query(q: object): Promise<Array<{ id?: number; url?: string; active?: boolean }>> };
  action: {
    getBadgeText(d: { tabId: number }): Promise<string>;
    getBadgeBackgroundColor(d: { tabId: number }): Promise<number[]>;
  };
};
const badgeFromPage = async (pageUrl: string) => {
  const g = globalThis as unknown as { browser?: BadgeGlobal; chrome?: BadgeGlobal };
  const api = (g.browser ?? g.chrome) as BadgeGlobal;
  // Chromium shows a tab's url only with host permissions the test build has not been granted:
  // there the page is found as the active tab (nothing else is opened in the test).
  const tabs = await api.tabs.query({});
  const tabId = (tabs.find((t) => t.url === pageUrl) ?? tabs.find((t) => t.active && !t.url))?.id;
  if (tabId === undefined) throw new Error(`no tab at ${pageUrl}`);
  return {
    text: await api.action.getBadgeText({ tabId }),
    color: [...(await api.action.getBadgeBackgroundColor({ tabId }))],
  };
};
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
    shadowText: async (selector) => {
      const cdp = await page.context().newCDPSession(page);
      try {
        const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
        if (!nodeId) return null;
        const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: -1, pierce: true });
        type CdpNode = {
          nodeType: number;
          nodeName: string;
          nodeValue: string;
          children?: CdpNode[];
          shadowRoots?: CdpNode[];
        };
        return textLines(node as CdpNode, (n) => ({
          text: n.nodeType === 3 ? n.nodeValue : null,
          isStyle: n.nodeName === 'STYLE',
          children: [...(n.shadowRoots ?? []), ...(n.children ?? [])],
        }));
      } finally {
        await cdp.detach();
      }
    },
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
    shadowText: async (selector) => {
      // WebDriver BiDi serialises a node with its closed shadow root when asked to. The session is
      // reached through puppeteer's BiDi frame, which it does not document: an upgrade that moves
      // it makes this throw, not pass.
      const context = (page.mainFrame() as unknown as { browsingContext: BidiContext }).browsingContext;
      const reply = await context.userContext.browser.session.send('script.evaluate', {
        expression: `document.querySelector(${JSON.stringify(selector)})`,
        target: { context: context.id },
        awaitPromise: false,
        resultOwnership: 'none',
        serializationOptions: { maxDomDepth: null, includeShadowTree: 'all' },
      });
      const result = reply.result.result as BidiNode | { type: 'null' };
      if (result.type !== 'node') return null;
      return textLines(result, (n) => ({
        text: n.value?.nodeType === 3 ? (n.value.nodeValue ?? '') : null,
        isStyle: n.value?.localName === 'style',
        children: [...(n.value?.shadowRoot ? [n.value.shadowRoot] : []), ...(n.value?.children ?? [])],
      }));
    },
    close: () => page.close(),
  };
}

type BidiNode = {
  type: 'node';
  value?: {
    nodeType: number;
    localName?: string;
    nodeValue?: string;
    children?: BidiNode[];
    shadowRoot?: BidiNode | null;
  };
};
type BidiContext = {
  id: string;
  userContext: {
    browser: { session: { send(method: string, params: object): Promise<{ result: { result: unknown } }> } };
  };
};

/** Non-blank text nodes in tree order, shadow content first (as it renders), style sheets left out. */
function textLines<N>(
  root: N,
  read: (n: N) => { text: string | null; isStyle: boolean; children: N[] },
): string {
  const lines: string[] = [];
  const visit = (n: N) => {
    const { text, isStyle, children } = read(n);
    if (isStyle) return;
    if (text !== null && text.trim() !== '') lines.push(text.trim());
    for (const c of children) visit(c);
  };
  visit(root);
  return lines.join('\n');
}

export async function openChromium(): Promise<TestBrowser & { session: ChromiumSession }> {
  return openChromiumWith(await launchChromium());
}

export function openChromiumWith(session: ChromiumSession): TestBrowser & { session: ChromiumSession } {
  let extensionPage: PlaywrightPage | null = null;
  const ourPage = async () => {
    if (!extensionPage) {
      extensionPage = await session.context.newPage();
      await extensionPage.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
    }
    return extensionPage;
  };
  return {
    name: 'Chromium',
    session,
    newPage: async () => fromPlaywright(await session.context.newPage()),
    async extensionMessage(message) {
      return (await ourPage()).evaluate(sendFromPage, message);
    },
    async badge(pageUrl) {
      // From the service worker: an extension page would be the active tab.
      return session.worker.evaluate(badgeFromPage, pageUrl);
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
  const ourPage = async () => {
    if (!extensionPage) {
      const from = await session.browser.newPage();
      await from.goto(`${origin}/index.html`);
      extensionPage = await session.openExtensionPage(from, 'src/options/index.html');
    }
    return extensionPage;
  };
  return {
    name: 'Firefox ESR',
    session,
    newPage: async () => fromPuppeteer(await session.browser.newPage()),
    async extensionMessage(message) {
      return (await ourPage()).evaluate(sendFromPage, message);
    },
    async badge(pageUrl) {
      return (await ourPage()).evaluate(badgeFromPage, pageUrl);
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
