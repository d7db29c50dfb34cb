/**
 * Fuzzing the background's message router with the real handlers (number judging, user data,
 * feeds, tab state) over a fake storage (Node). A content script runs inside a hostile page's
 * process, so anything may arrive: arbitrary values, messages shaped almost like ours with
 * wrong, huge or prototype-polluting fields, real kinds from the wrong sender. 10,000 cases
 * per property (see fuzz-config.ts), with the worker "restarted" at random between messages.
 *
 * What must hold:
 * - the router always answers `{ ok: true, value }` or `{ ok: false, error }`, never throws,
 *   and the answer is plain data the browser can send back;
 * - a malformed message, or a kind its sender may not send, is refused and changes nothing:
 *   no storage write, no tab opened, no message sent, no download;
 * - nothing a content script sends (valid or not) touches the user's record in storage.local
 *   or reaches the network;
 * - whatever extension pages send, the stored user record stays readable (never broken), and
 *   the background keeps answering.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createFakeBrowser } from '../../src/background/fake-browser.test-helper';
import { parseRequest } from '../../src/core/messages';
import { migrateUserData } from '../../src/core/user-data';
import { FUZZ_TIMEOUT, fuzzParams } from './fuzz-config';

const fake = vi.hoisted(() => ({ current: null as unknown as ReturnType<typeof createFakeBrowser> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy(
    {},
    { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] },
  ),
}));

const { resetStorageCacheForTests, USER_KEY } = await import('../../src/background/storage');
const { resetFeedsForTests } = await import('../../src/background/feeds');
const { resetUserStateForTests } = await import('../../src/background/user-state');
const { handlers } = await import('../../src/background/handlers');
const { createRouter } = await import('../../src/background/router');

const ORIGIN = 'chrome-extension://cbg/';
const env = { extensionId: 'cbg@test', extensionOrigin: ORIGIN, testHooks: false };
const route = createRouter(handlers, env);

/** Every download the background attempts; only our own locale files and stylesheets are served. */
const fetched: string[] = [];
beforeAll(() => {
  fake.current = createFakeBrowser();
  vi.stubGlobal('fetch', async (input: string | URL) => {
    const url = String(input);
    fetched.push(url);
    const locale = /^chrome-extension:\/\/cbg\/_locales\/(ja|en)\/messages\.json$/.exec(url);
    if (locale) return new Response(readFileSync(`public/_locales/${locale[1]}/messages.json`));
    const css = /^chrome-extension:\/\/cbg\/(src\/content\/(card|banner)\.css)$/.exec(url);
    if (css) return new Response(readFileSync(css[1] as string));
    throw new TypeError('network is off in the fuzz tests');
  });
});

function restartWorker(): void {
  resetStorageCacheForTests();
  resetFeedsForTests();
  resetUserStateForTests();
}

// ---- generators -----------------------------------------------------------------------------

const KINDS = [
  'content/candidates',
  'content/ping',
  'content/status',
  'content/ui',
  'content/open-protocol',
  'page/ping',
  'page/lookup',
  'page/tab-numbers',
  'page/get-state',
  'page/update-settings',
  'page/set-site-enabled',
  'page/list-put',
  'page/list-remove',
  'page/lists-import',
  'page/missed-call-add',
  'page/missed-call-remove',
  'page/feed-add',
  'page/feed-remove',
  'page/feed-update-now',
  'test/open-extension-page',
  'test/context-menu',
] as const;

const kind = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KINDS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('bg/status', 'bg/show-verdict', 'Page/ping', 'page/', 'content/ping ', ''),
  },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 30 }), fc.anything({ maxDepth: 1 })) },
);

/** Values that break careless code: prototype names, huge strings, odd numbers, nested junk. */
const junk = fc.oneof(
  fc.anything({
    maxDepth: 2,
    maxKeys: 4,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
  }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'x'.repeat(70_000),
    '<img src=x onerror=alert(1)>',
    Number.NaN,
    -1,
    2 ** 53,
    [],
    {},
    null,
    undefined,
  ),
);

const numberText = fc.oneof(
  fc.constantFrom('0120-210-364', '03-1234-5678', '+675 7089 1234', '188', '#9110', '0990-123-456', ''),
  fc.string({
    unit: fc.constantFrom(...'0123456789０１２+-() #x内線\u200b\u202e'.split('')),
    maxLength: 24,
  }),
);

const shortText = fc.oneof(fc.string({ maxLength: 60 }), numberText);
const maybe = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: junk });

const candidate = maybe(
  fc.record(
    {
      raw: maybe(numberText),
      digits: maybe(fc.oneof(fc.stringMatching(/^\+?[0-9]{0,20}$/), fc.string({ maxLength: 10 }))),
      context: maybe(shortText),
    },
    { requiredKeys: [] },
  ),
);

const hostname = maybe(
  fc.oneof(fc.domain(), fc.constantFrom('example.jp', 'www.smbc-card.com', '', '..', 'a'.repeat(300))),
);

const settingsPatch = maybe(
  fc.record(
    {
      region: maybe(fc.constantFrom('auto', 'JP', 'US', 'jp', 'ZZ', '__proto__')),
      language: maybe(fc.constantFrom('auto', 'ja', 'en', 'fr')),
      paused: maybe(fc.boolean()),
      marking: maybe(
        fc.record(
          {
            official: maybe(fc.boolean()),
            caution: fc.boolean(),
            danger: fc.boolean(),
            unknown: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
      ),
      disabledSites: maybe(fc.array(hostname, { maxLength: 4 })),
      __proto__: junk,
      constructor: junk,
    },
    { requiredKeys: [] },
  ),
);

const listsJson = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc
    .record(
      {
        format: maybe(fc.constant('callback-guard-lists')),
        version: maybe(fc.constant(1)),
        trusted: maybe(fc.array(maybe(fc.record({ number: maybe(numberText), note: maybe(shortText) })))),
        blocked: maybe(fc.array(maybe(fc.record({ number: maybe(numberText), note: maybe(shortText) })))),
      },
      { requiredKeys: [] },
    )
    .map((v) => {
      try {
        return JSON.stringify(v) ?? '';
      } catch {
        return '';
      }
    }),
);

/** A message: any value at all, or our shape with each field good, wrong or missing. */
const message = fc.oneof(
  { weight: 1, arbitrary: junk },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        kind,
        candidates: maybe(fc.array(candidate, { maxLength: 6 })),
        page: maybe(
          fc.record(
            { lang: maybe(fc.constantFrom('ja', 'en', '', 'en-GB')), hostname, title: maybe(shortText) },
            { requiredKeys: [] },
          ),
        ),
        input: maybe(shortText),
        context: maybe(shortText),
        hostname,
        lang: maybe(fc.constantFrom('ja', 'en', 'fr')),
        tabId: maybe(fc.integer({ min: -2, max: 5 })),
        patch: settingsPatch,
        enabled: maybe(fc.boolean()),
        list: maybe(fc.constantFrom('trusted', 'blocked', 'official')),
        number: maybe(numberText),
        note: maybe(shortText),
        e164: maybe(fc.constantFrom('+81120210364', '+81312345678', '')),
        json: maybe(listsJson),
        when: maybe(fc.constantFrom('2026-11-30T09:15', '', 'yesterday')),
        said: maybe(shortText),
        id: maybe(fc.string({ maxLength: 40 })),
        url: maybe(fc.oneof(fc.webUrl(), fc.constantFrom('https://feeds.example/jp.json', 'http://x/', ''))),
        publicKey: maybe(fc.string({ maxLength: 60 })),
        selectionText: maybe(shortText),
        path: maybe(fc.constantFrom('src/popup/index.html', 'https://evil.example/', '../../x.html')),
      },
      { requiredKeys: ['kind'] },
    ),
  },
);

const tab = (id: number) => ({
  id,
  index: 0,
  highlighted: false,
  active: true,
  pinned: false,
  incognito: false,
});

/** Who the browser says sent it. The page cannot choose this; it is the browser's word. */
const sender: fc.Arbitrary<{ from: 'content' | 'page' | 'other'; sender: Runtime.MessageSender }> = fc.oneof(
  fc
    .record({
      tabId: fc.integer({ min: 0, max: 5 }),
      frameId: fc.integer({ min: 0, max: 3 }),
      url: fc.webUrl(),
    })
    .map(({ tabId, frameId, url }) => ({
      from: 'content' as const,
      sender: { id: 'cbg@test', url, tab: tab(tabId), frameId },
    })),
  fc.constantFrom('src/popup/index.html', 'src/options/index.html').map((path) => ({
    from: 'page' as const,
    sender: { id: 'cbg@test', url: `${ORIGIN}${path}` },
  })),
  fc.constantFrom(
    { from: 'other' as const, sender: { id: 'someone-else', url: 'chrome-extension://zzz/x.html' } },
    { from: 'other' as const, sender: { id: 'someone-else', url: 'https://evil.example/', tab: tab(1) } },
    { from: 'other' as const, sender: { url: 'https://evil.example/' } },
    { from: 'other' as const, sender: { id: 'cbg@test' } },
  ),
);

// ---- helpers --------------------------------------------------------------------------------

/** Everything the background could have changed outside its memory. */
function snapshot() {
  const { store, session, state } = fake.current;
  return structuredClone({
    local: [...store.entries()],
    session: [...session.entries()],
    created: state.created.length,
    sent: state.sent.length,
    /** Downloads from anywhere but our own package (content/ui reads _locales and our stylesheets). */
    online: fetched.filter((u) => !u.startsWith(ORIGIN)).length,
  });
}

function expectReplyShape(reply: unknown): void {
  expect(reply).toBeTypeOf('object');
  const r = reply as { ok: unknown; value?: unknown; error?: unknown };
  if (r.ok === true) expect('value' in r).toBe(true);
  else {
    expect(r.ok).toBe(false);
    expect(r.error).toBeTypeOf('string');
  }
  // Replies cross a process boundary: plain data only.
  expect(() => structuredClone(reply)).not.toThrow();
}

async function stillAnswers(): Promise<void> {
  const pong = await route({ kind: 'page/ping' }, { id: 'cbg@test', url: `${ORIGIN}src/popup/index.html` });
  expect(pong).toEqual({ ok: true, value: { pong: true, version: '0.0.0' } });
}

function expectStoredRecordReadable(): void {
  const stored = fake.current.store.get(USER_KEY);
  if (stored !== undefined) expect(migrateUserData(stored)).toMatchObject({ ok: true });
}

// ---- properties -----------------------------------------------------------------------------

describe('message router fuzzing (10,000 cases each)', () => {
  it('refuses every malformed message and every kind from the wrong sender, changing nothing', {
    timeout: FUZZ_TIMEOUT,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(message, sender, fc.boolean(), async (msg, { from, sender: s }, restart) => {
        if (restart) restartWorker();
        const parsed = parseRequest(msg);
        const wrongSender =
          'error' in parsed ||
          from === 'other' ||
          parsed.kind.startsWith('test/') ||
          (from === 'content') !== parsed.kind.startsWith('content/');
        if (!wrongSender) return; // the next property covers accepted messages
        const before = snapshot();
        const reply = await route(msg, s);
        expectReplyShape(reply);
        expect(reply.ok).toBe(false);
        expect(snapshot()).toEqual(before);
      }),
      fuzzParams,
    );
    await stillAnswers();
  });

  it('answers every message without throwing; content scripts never touch the user record or the network', {
    timeout: FUZZ_TIMEOUT,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(message, sender, fc.boolean(), async (msg, { from, sender: s }, restart) => {
        if (restart) restartWorker();
        const before = snapshot();
        const reply = await route(msg, s);
        expectReplyShape(reply);
        const after = snapshot();
        if (from !== 'page') {
          expect(new Map(after.local)).toEqual(new Map(before.local));
          expect(after.online).toBe(before.online);
        }
        if (reply.ok && from === 'content')
          expect(String((msg as { kind: string }).kind)).toMatch(/^content\//);
        expectStoredRecordReadable();
      }),
      fuzzParams,
    );
    await stillAnswers();
    // Only our own files were ever fetched: no message makes the background go online.
    expect(fetched.filter((u) => !u.startsWith(ORIGIN))).toEqual([]);
  });
});
