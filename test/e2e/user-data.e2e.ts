/**
 * The user's data through real extension storage, in Chromium and Firefox ESR: a trusted number
 * added from an extension page is in storage.local and still there after the page reloads; a
 * broken import is refused with a clear message and loses nothing; a feed needs https and the
 * host permission. (Feed download failures are covered in Node, src/background/feeds.test.ts:
 * a browser test cannot grant a host permission without a user gesture, and feeds are https.)
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ChromiumSession, type FirefoxSession, launchChromium, launchFirefox } from './browsers';

type Reply =
  | {
      ok: true;
      value: Record<string, unknown> & { user: { trusted: Array<{ e164: string; note: string }> } };
    }
  | { ok: false; error: string };
type Ext = {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};
type ExtensionGlobal = { chrome?: Ext; browser?: Ext };

const origin = inject('fixtureOrigin');
const OPTIONS = 'src/options/index.html';
const MARK = '[data-cbg-e164]';

/** Runs in the extension page: one message to the background, the raw reply back. */
const sendInPage = (message: unknown) => {
  const g = globalThis as unknown as ExtensionGlobal;
  return ((g.browser ?? g.chrome) as Ext).runtime.sendMessage(message);
};
const permittedInPage = (pattern: string) => {
  const g = globalThis as unknown as ExtensionGlobal;
  return ((g.browser ?? g.chrome) as Ext).permissions.contains({ origins: [pattern] });
};
const storedInPage = async () => {
  const g = globalThis as unknown as ExtensionGlobal;
  return ((await ((g.browser ?? g.chrome) as Ext).storage.local.get('cbg:user')) as Record<string, unknown>)[
    'cbg:user'
  ];
};

const BROKEN_FILES = [
  '{"format": "callback-guard-lists", "version": 1, "trusted": [',
  JSON.stringify({
    format: 'callback-guard-lists',
    version: 1,
    trusted: [{ number: '03-1234-5678' }, { number: 'abc' }],
  }),
  JSON.stringify({ format: 'something-else', version: 1, trusted: [] }),
];

interface Driver {
  send(message: unknown): Promise<Reply>;
  /** Marks in an open tab showing the fixture page (127.0.0.1). */
  fixtureMarks(): Promise<number>;
  hasPermission(origin: string): Promise<boolean>;
  stored(): Promise<unknown>;
  reload(): Promise<void>;
}

function userDataTests(open: () => Promise<Driver>) {
  it('adds a trusted number that persists in storage.local across a reload', async () => {
    const page = await open();
    const put = await page.send({
      kind: 'page/list-put',
      list: 'trusted',
      number: '0120-210-364',
      note: 'hotline',
    });
    expect(put.ok).toBe(true);
    expect(put.ok && put.value.user.trusted).toEqual([
      expect.objectContaining({ e164: '+81120210364', number: '0120-210-364', note: 'hotline' }),
    ]);
    await page.reload();
    const state = await page.send({ kind: 'page/get-state' });
    expect(state.ok && state.value.user.trusted.map((e) => e.e164)).toEqual(['+81120210364']);
    expect(state.ok && state.value.storageError).toBeNull();
    expect(await page.stored()).toMatchObject({
      schema: 1,
      trusted: [{ e164: '+81120210364', note: 'hotline' }],
    });
  });

  it('refuses a non-number and broken import files, and loses nothing', async () => {
    const page = await open();
    const bad = await page.send({ kind: 'page/list-put', list: 'blocked', number: 'abc', note: '' });
    expect(bad).toEqual({ ok: false, error: '"abc" is not a phone number' });
    const before = await page.stored();
    const errors: string[] = [];
    for (const json of BROKEN_FILES) {
      const reply = await page.send({ kind: 'page/lists-import', json });
      expect(reply.ok).toBe(false);
      if (!reply.ok) errors.push(reply.error);
    }
    expect(errors[0]).toMatch(/^the file is not JSON/);
    expect(errors[1]).toBe('trusted entry 2: "abc" is not a phone number');
    expect(errors[2]).toMatch(/not a Callback Guard lists export/);
    await page.reload();
    expect(await page.stored()).toEqual(before);
    const state = await page.send({ kind: 'page/get-state' });
    expect(state.ok && state.value.user.trusted.map((e) => e.e164)).toEqual(['+81120210364']);

    const good = JSON.stringify({
      format: 'callback-guard-lists',
      version: 1,
      blocked: [{ number: '090-1234-5678' }],
    });
    const imported = await page.send({ kind: 'page/lists-import', json: good });
    expect(imported.ok && imported.value.imported).toEqual({ trusted: 0, blocked: 1 });
    expect(imported.ok && imported.value.user.trusted.map((e) => e.e164)).toEqual(['+81120210364']);
  });

  it('a feed must be https; without the host permission it is refused, with it a failed download is reported', async () => {
    const page = await open();
    const http = await page.send({ kind: 'page/feed-add', url: `${origin}/feeds/registry.json` });
    expect(http.ok === false && http.error).toMatch(/feeds must use https:\/\//);
    const url = 'https://feeds.invalid/registry.json';
    const granted = await page.hasPermission('https://feeds.invalid/*');
    const added = await page.send({ kind: 'page/feed-add', url });
    if (!granted) {
      // Chromium: optional_host_permissions are not granted until the user allows them.
      expect(added.ok === false && added.error).toMatch(/may not download from https:\/\/feeds\.invalid yet/);
      const state = await page.send({ kind: 'page/get-state' });
      expect(state.ok && state.value.user).toMatchObject({ feeds: [] });
      return;
    }
    // Firefox grants the content scripts' https://*/* hosts at install: the subscription is made
    // and the failed download (.invalid never resolves) is reported, with no data swapped in.
    expect(added.ok).toBe(true);
    expect(added.ok && added.value.feeds).toEqual([
      expect.objectContaining({
        url,
        lastSuccess: null,
        version: null,
        lastError: expect.stringMatching(/could not be downloaded/),
      }),
    ]);
    const removed = await page.send({ kind: 'page/feed-remove', url });
    expect(removed.ok && removed.value.feeds).toEqual([]);
  });

  it('switching the site off or pausing reaches an open tab at once (bg/status push)', async () => {
    const page = await open();
    await expect.poll(() => page.fixtureMarks(), { timeout: 10_000 }).toBeGreaterThan(0);
    const off = await page.send({ kind: 'page/set-site-enabled', hostname: '127.0.0.1', enabled: false });
    expect(off.ok && off.value.user).toMatchObject({ settings: { disabledSites: ['127.0.0.1'] } });
    await expect.poll(() => page.fixtureMarks(), { timeout: 5_000 }).toBe(0);
    await page.send({ kind: 'page/set-site-enabled', hostname: '127.0.0.1', enabled: true });
    await expect.poll(() => page.fixtureMarks(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.send({ kind: 'page/update-settings', patch: { paused: true } });
    await expect.poll(() => page.fixtureMarks(), { timeout: 5_000 }).toBe(0);
    await page.send({ kind: 'page/update-settings', patch: { paused: false } });
    await expect.poll(() => page.fixtureMarks(), { timeout: 10_000 }).toBeGreaterThan(0);
  });
}

describe('Chromium', () => {
  let session: ChromiumSession;
  beforeAll(async () => {
    session = await launchChromium();
  });
  afterAll(() => session?.close());

  userDataTests(async () => {
    const fixture = await session.context.newPage();
    await fixture.goto(`${origin}/index.html`);
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/${OPTIONS}`);
    return {
      fixtureMarks: () => fixture.locator(MARK).count(),
      send: (m) => page.evaluate(sendInPage, m) as Promise<Reply>,
      hasPermission: (p) => page.evaluate(permittedInPage, p),
      stored: () => page.evaluate(storedInPage),
      async reload() {
        await page.reload();
      },
    };
  });
});

describe('Firefox ESR', () => {
  let session: FirefoxSession;
  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(() => session?.close());

  userDataTests(async () => {
    const from = await session.browser.newPage();
    await from.goto(`${origin}/index.html`);
    let page = await session.openExtensionPage(from, OPTIONS);
    return {
      fixtureMarks: () => from.$$eval(MARK, (els) => els.length),
      send: (m) => page.evaluate(sendInPage, m) as Promise<Reply>,
      hasPermission: (p) => page.evaluate(permittedInPage, p),
      stored: () => page.evaluate(storedInPage),
      async reload() {
        // The driver may not navigate to moz-extension:// pages: open a fresh one instead.
        await page.close();
        page = await session.openExtensionPage(from, OPTIONS);
      },
    };
  });
});
