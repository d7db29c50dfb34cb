/**
 * Feed updates in the background over a fake storage.local and a fake fetch (Node): a good
 * download is stored and swapped in; a failed, truncated, corrupt, oversized or badly signed one
 * keeps the last good copy in use and records the error; a restarted worker loads the copy.
 * (The browser tests cannot grant a host permission without a user gesture, so this is where
 * the failure paths are covered.)
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CompiledData } from '../core/registry/compiled';
import { emptyUserData } from '../core/user-data-types';
import { createFakeBrowser } from './fake-browser.test-helper';

const fake = vi.hoisted(() => ({ current: null as unknown as ReturnType<typeof createFakeBrowser> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy(
    {},
    { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] },
  ),
}));

const { resetStorageCacheForTests, USER_KEY } = await import('./storage');
const feeds = await import('./feeds');
const { knowledge } = await import('./knowledge');

const URL_A = 'https://feeds.example/jp.json';
const NUMBER = '+81120333333';

function feedData(version = '2026-11-20.ffff', e164 = NUMBER): CompiledData {
  const text = { ja: 'x', en: 'x' };
  return {
    format: 1,
    version,
    orgs: [{ id: 'jp-feed-org', country: 'JP', name: text, aliases: [], category: 'bank', domains: [] }],
    numbers: [
      {
        org: 0,
        country: 'JP',
        e164,
        shortCode: null,
        printed: e164,
        purpose: text,
        kind: 'voice',
        source: { url: 'https://feed-org.example/', checked: '2026-11-01', kind: 'official' },
        confidence: 'high',
      },
    ],
    rules: [],
  };
}

const body = (data: unknown): Uint8Array<ArrayBuffer> => new TextEncoder().encode(JSON.stringify(data));

type Route = (init: RequestInit | undefined) => Response | Promise<Response>;
let routes: Record<string, Route>;
let requests: Array<{ url: string; headers: Record<string, string> }>;

function subscribe(publicKey?: string) {
  const data = emptyUserData();
  data.feeds.push({ url: URL_A, ...(publicKey ? { publicKey } : {}), added: '2026-11-01T00:00:00Z' });
  fake.current.store.set(USER_KEY, data);
}

function restart() {
  resetStorageCacheForTests();
  feeds.resetFeedsForTests();
}

async function status() {
  const [s] = await feeds.feedStatuses([{ url: URL_A, added: '' }]);
  return s;
}

beforeEach(() => {
  fake.current = createFakeBrowser();
  restart();
  routes = {};
  requests = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      requests.push({ url, headers: { ...(init?.headers as Record<string, string>) } });
      const route = routes[url];
      if (!route) return new Response('not found', { status: 404 });
      return route(init);
    }),
  );
});

describe('feed updates', () => {
  it('stores a good download, swaps it in, and loads it again after a restart', async () => {
    subscribe();
    routes[URL_A] = () => new Response(body(feedData()), { headers: { etag: '"v1"' } });
    await feeds.updateFeeds();
    expect(knowledge().recordsForE164(NUMBER)).toHaveLength(1);
    // Unsigned feed: its "official" entry is used as secondary.
    expect(knowledge().recordsForE164(NUMBER)[0]?.source.kind).toBe('secondary');
    expect(await status()).toMatchObject({
      version: '2026-11-20.ffff',
      entries: 1,
      lastError: null,
      lastSuccess: expect.any(String),
    });
    expect(fake.current.store.get(feeds.feedKey(URL_A))).toMatchObject({ etag: '"v1"', trust: 'unsigned' });
    expect(feeds.dataInUse().version).toMatch(/\+2026-11-20\.ffff$/);

    restart();
    await feeds.feedsReady();
    expect(knowledge().recordsForE164(NUMBER)).toHaveLength(1);

    // A conditional request next time; 304 keeps the copy.
    routes[URL_A] = () => new Response(null, { status: 304 });
    await feeds.updateFeeds();
    expect(requests.at(-1)?.headers['If-None-Match']).toBe('"v1"');
    expect(knowledge().recordsForE164(NUMBER)).toHaveLength(1);
    expect((await status())?.lastError).toBeNull();
  });

  const failures: Array<[string, Route, RegExp]> = [
    [
      'a truncated body',
      () => new Response(JSON.stringify(feedData('v2', '+81120444444')).slice(0, 200)),
      /not JSON, or was cut short/,
    ],
    [
      'a corrupt shape',
      () => new Response(body({ ...feedData('v2'), numbers: [{ e164: 1 }] })),
      /^numbers\[0\]/,
    ],
    [
      'a server error',
      () => new Response('oops', { status: 503, statusText: 'Service Unavailable' }),
      /answered 503 Service Unavailable/,
    ],
    [
      'a network failure',
      () => {
        throw new TypeError('Failed to fetch');
      },
      /could not be downloaded \(Failed to fetch\)/,
    ],
    [
      'a body that breaks off',
      () => {
        let sent = false;
        return new Response(
          new ReadableStream({
            pull(c) {
              if (sent) c.error(new Error('reset'));
              else {
                sent = true;
                c.enqueue(new TextEncoder().encode('{"format":1,'));
              }
            },
          }),
        );
      },
      /broke off \(reset\)/,
    ],
    [
      'a 50 MB body',
      () => {
        let sent = 0;
        const chunk = new Uint8Array(1024 * 1024).fill(32);
        return new Response(
          new ReadableStream({
            pull(c) {
              if (sent >= 50) c.close();
              else {
                sent++;
                c.enqueue(chunk);
              }
            },
          }),
        );
      },
      /larger than 10 MB/,
    ],
  ];

  it.each(failures)(
    'keeps the last good copy after %s and records the error',
    async (_name, route, message) => {
      subscribe();
      routes[URL_A] = () => new Response(body(feedData()));
      await feeds.updateFeeds();
      const good = await status();
      routes[URL_A] = route;
      await feeds.updateFeeds();
      expect(knowledge().recordsForE164(NUMBER)).toHaveLength(1);
      expect(knowledge().recordsForE164('+81120444444')).toHaveLength(0);
      const after = await status();
      expect(after?.lastError).toMatch(message);
      expect(after?.lastSuccess).toBe(good?.lastSuccess);
      expect(after?.version).toBe('2026-11-20.ffff');
      // And after a restart, the last good copy is what loads.
      restart();
      await feeds.feedsReady();
      expect(knowledge().recordsForE164(NUMBER)).toHaveLength(1);
    },
  );

  it('a failed first download leaves the bundled data in use and says why', async () => {
    subscribe();
    routes[URL_A] = () => new Response('{"format":1');
    await feeds.updateFeeds();
    expect(knowledge().recordsForE164(NUMBER)).toHaveLength(0);
    expect(await status()).toMatchObject({
      lastSuccess: null,
      version: null,
      lastError: expect.stringMatching(/not JSON/),
    });
  });

  it('keeps the last good copy when the new one cannot be stored (quota)', async () => {
    subscribe();
    routes[URL_A] = () => new Response(body(feedData()));
    await feeds.updateFeeds();
    routes[URL_A] = () => new Response(body(feedData('v2', '+81120444444')));
    fake.current.state.failWrites = 'QUOTA_BYTES quota exceeded';
    await feeds.updateFeeds();
    fake.current.state.failWrites = null;
    expect(knowledge().recordsForE164('+81120444444')).toHaveLength(0);
    expect(knowledge().recordsForE164(NUMBER)).toHaveLength(1);
  });

  it('verifies Ed25519 signatures from <url>.sig: good ones make the feed official, bad ones are refused', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const publicKey = Buffer.from(await crypto.subtle.exportKey('raw', pair.publicKey)).toString('base64');
    const sign = async (bytes: Uint8Array<ArrayBuffer>) =>
      Buffer.from(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, bytes)).toString('base64');
    subscribe(publicKey);
    const good = body(feedData());
    const goodSig = await sign(good);
    routes[URL_A] = () => new Response(good);
    routes[`${URL_A}.sig`] = () => new Response(goodSig);
    await feeds.updateFeeds();
    expect(knowledge().recordsForE164(NUMBER)[0]?.source.kind).toBe('official');

    // A new body with the old signature: refused, the signed copy stays.
    routes[URL_A] = () => new Response(body(feedData('v2', '+81120444444')));
    await feeds.updateFeeds();
    expect((await status())?.lastError).toBe('the signature does not match the feed and the public key');
    expect(knowledge().recordsForE164(NUMBER)[0]?.source.kind).toBe('official');

    // No signature file at all.
    delete routes[`${URL_A}.sig`];
    await feeds.updateFeeds();
    expect((await status())?.lastError).toMatch(/no signature/);
  });

  it('checks a sha256 pin', async () => {
    const good = body(feedData());
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', good)).toString('hex');
    subscribe(`sha256:${digest}`);
    routes[URL_A] = () => new Response(good);
    await feeds.updateFeeds();
    expect(knowledge().recordsForE164(NUMBER)[0]?.source.kind).toBe('official');
    routes[URL_A] = () => new Response(body(feedData('v2')));
    await feeds.updateFeeds();
    expect((await status())?.lastError).toMatch(/not the pinned/);
    expect(knowledge().version).toMatch(/\+2026-11-20\.ffff$/);
  });

  it('registers the alarm listener and schedules checks', async () => {
    feeds.registerFeedListeners();
    expect(fake.current.state.alarmListeners).toHaveLength(1);
    await vi.waitFor(() =>
      expect(fake.current.state.alarms.get(feeds.FEED_ALARM)).toMatchObject({ periodInMinutes: 360 }),
    );
  });
});
