/**
 * The user store and its handlers over a fake storage.local (Node): persistence across a worker
 * restart, serialised writes, quota errors reported, damaged records backed up, all-or-nothing
 * import, per-tab status pushes, feed subscriptions and their permission check.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { LISTS_FORMAT } from '../core/user-data';
import { createFakeBrowser } from './fake-browser.test-helper';

const fake = vi.hoisted(() => ({ current: null as unknown as ReturnType<typeof createFakeBrowser> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy(
    {},
    { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] },
  ),
}));

const { resetStorageCacheForTests, USER_KEY, BACKUP_PREFIX } = await import('./storage');
const { resetFeedsForTests } = await import('./feeds');
const { userStateHandlers, userLists, userRegion, contentStatusFor, resetUserStateForTests } = await import(
  './user-state'
);

const sender = {} as Runtime.MessageSender;
const h = userStateHandlers;

/** As a restarted service worker: nothing in memory, storage as it was. */
function restart() {
  resetStorageCacheForTests();
  resetFeedsForTests();
  resetUserStateForTests();
}

beforeEach(() => {
  fake.current = createFakeBrowser();
  restart();
});

describe('user store', () => {
  it('starts empty and persists a trusted number across a restart', async () => {
    const empty = await h['page/get-state']({ kind: 'page/get-state' }, sender);
    expect(empty.user.trusted).toEqual([]);
    expect(empty.storageError).toBeNull();
    expect(empty.data.numbers).toBeGreaterThan(0);
    expect(Object.keys(empty.data.byCountry)).toContain('JP');

    const view = await h['page/list-put'](
      { kind: 'page/list-put', list: 'trusted', number: '0120-210-364', note: 'hotline' },
      sender,
    );
    expect(view.user.trusted.map((e) => e.e164)).toEqual(['+81120210364']);
    restart();
    expect((await userLists()).trusted.get('+81120210364')).toBe('hotline');
    expect((fake.current.store.get(USER_KEY) as { schema: number }).schema).toBe(1);
  });

  it('serialises concurrent changes so none is lost', async () => {
    const numbers = ['03-1234-5678', '03-1234-5679', '03-1234-5670', '090-1234-5678', '0120-210-364'];
    await Promise.all(
      numbers.map((number) =>
        h['page/list-put']({ kind: 'page/list-put', list: 'blocked', number, note: '' }, sender),
      ),
    );
    restart();
    expect((await userLists()).blocked.size).toBe(5);
  });

  it('refuses a non-number with a clear message and writes nothing', async () => {
    await expect(
      h['page/list-put']({ kind: 'page/list-put', list: 'trusted', number: 'abc', note: '' }, sender),
    ).rejects.toThrow('"abc" is not a phone number');
    expect(fake.current.store.has(USER_KEY)).toBe(false);
  });

  it('reports a quota error, keeps the old record, and clears the error after a good write', async () => {
    await h['page/list-put'](
      { kind: 'page/list-put', list: 'trusted', number: '03-1234-5678', note: '' },
      sender,
    );
    fake.current.state.failWrites = 'QUOTA_BYTES quota exceeded';
    await expect(
      h['page/list-put'](
        { kind: 'page/list-put', list: 'trusted', number: '03-1234-5679', note: '' },
        sender,
      ),
    ).rejects.toThrow(/could not be saved \(QUOTA_BYTES quota exceeded\)/);
    const state = await h['page/get-state']({ kind: 'page/get-state' }, sender);
    expect(state.storageError).toMatch(/QUOTA_BYTES/);
    expect(state.user.trusted).toHaveLength(1);
    fake.current.state.failWrites = null;
    const after = await h['page/list-put'](
      { kind: 'page/list-put', list: 'trusted', number: '03-1234-5679', note: '' },
      sender,
    );
    expect(after.storageError).toBeNull();
    expect(after.user.trusted).toHaveLength(2);
  });

  it('backs up a damaged record instead of replacing it silently', async () => {
    fake.current.store.set(USER_KEY, { schema: 1, trusted: 'oops' });
    const state = await h['page/get-state']({ kind: 'page/get-state' }, sender);
    expect(state.storageError).toMatch(
      /could not be read \(the saved record is damaged: trusted is not a list\)/,
    );
    const backups = [...fake.current.store.keys()].filter((k) => k.startsWith(BACKUP_PREFIX));
    expect(backups).toHaveLength(1);
    expect(fake.current.store.get(backups[0] as string)).toEqual({ schema: 1, trusted: 'oops' });
    expect(state.storageError).toContain(backups[0]);
    // The damaged record is still there until the user changes something; restarts add no copies.
    restart();
    await h['page/get-state']({ kind: 'page/get-state' }, sender);
    expect([...fake.current.store.keys()].filter((k) => k.startsWith(BACKUP_PREFIX))).toHaveLength(1);
    expect(fake.current.store.get(USER_KEY)).toEqual({ schema: 1, trusted: 'oops' });
  });

  it('saves nothing when a damaged record cannot even be backed up', async () => {
    fake.current.store.set(USER_KEY, 'not a record');
    fake.current.state.failWrites = 'disk full';
    await expect(
      h['page/list-put'](
        { kind: 'page/list-put', list: 'trusted', number: '03-1234-5678', note: '' },
        sender,
      ),
    ).rejects.toThrow(/nor backed up \(disk full\)/);
    fake.current.state.failWrites = null;
    expect(fake.current.store.get(USER_KEY)).toBe('not a record');
  });

  it('a record from a newer version is kept and reported', async () => {
    fake.current.store.set(USER_KEY, { schema: 7 });
    const state = await h['page/get-state']({ kind: 'page/get-state' }, sender);
    expect(state.storageError).toMatch(/schema 7, written by a newer Callback Guard/);
  });
});

describe('import', () => {
  it('a broken file changes nothing; a good one merges', async () => {
    await h['page/list-put'](
      { kind: 'page/list-put', list: 'trusted', number: '03-1234-5678', note: 'mine' },
      sender,
    );
    const before = structuredClone(fake.current.store.get(USER_KEY));
    for (const json of [
      '{"format":',
      JSON.stringify({
        format: LISTS_FORMAT,
        version: 1,
        trusted: [{ number: '0120-210-364' }, { number: 'abc' }],
      }),
    ]) {
      await expect(h['page/lists-import']({ kind: 'page/lists-import', json }, sender)).rejects.toThrow();
      expect(fake.current.store.get(USER_KEY)).toEqual(before);
    }
    const good = JSON.stringify({
      format: LISTS_FORMAT,
      version: 1,
      trusted: [{ number: '0120-210-364' }],
      blocked: [{ number: '090-1234-5678' }],
    });
    const view = await h['page/lists-import']({ kind: 'page/lists-import', json: good }, sender);
    expect(view.imported).toEqual({ trusted: 1, blocked: 1 });
    expect(view.user.trusted.map((e) => e.note)).toEqual(['mine', '']);
  });
});

describe('settings and content status', () => {
  it('pushes the new status at once to every frame that asked, each for its own host', async () => {
    const frame = (tabId: number, frameId: number, hostname: string) =>
      h['content/status']({ kind: 'content/status', hostname }, {
        tab: { id: tabId },
        frameId,
      } as Runtime.MessageSender);
    await frame(1, 0, 'shop.example');
    await frame(1, 5, 'ads.example');
    await frame(2, 0, 'gone.example');
    fake.current.state.frames = new Set(['1:0', '1:5']);
    await h['page/set-site-enabled'](
      { kind: 'page/set-site-enabled', hostname: 'shop.example', enabled: false },
      sender,
    );
    const status = (active: boolean) => ({
      kind: 'bg/status',
      status: expect.objectContaining({ active, uiLanguage: 'ja' }),
    });
    expect(fake.current.state.sent).toEqual([
      { tabId: 1, frameId: 0, message: status(false) },
      { tabId: 1, frameId: 5, message: status(true) },
    ]);
    expect((await contentStatusFor('shop.example')).active).toBe(false);
    expect((await contentStatusFor('other.example')).active).toBe(true);

    // The frame map survives a worker restart; the frame that did not answer was forgotten.
    restart();
    fake.current.state.sent = [];
    await h['page/update-settings']({ kind: 'page/update-settings', patch: { paused: true } }, sender);
    expect(fake.current.state.sent).toEqual([
      { tabId: 1, frameId: 0, message: status(false) },
      { tabId: 1, frameId: 5, message: status(false) },
    ]);
    expect(Object.keys(fake.current.session.get('cbg:frames') as object)).toEqual(['1']);

    // A new top-level document updates its frame's host.
    await frame(1, 0, 'next.example');
    expect(fake.current.session.get('cbg:frames')).toEqual({ 1: { 0: 'next.example', 5: 'ads.example' } });
  });

  it('region follows the UI language on auto, else the setting', async () => {
    expect(await userRegion()).toBe('JP');
    fake.current.state.uiLanguage = 'en-GB';
    expect(await userRegion()).toBe('GB');
    await h['page/update-settings']({ kind: 'page/update-settings', patch: { region: 'US' } }, sender);
    expect(await userRegion()).toBe('US');
  });
});

describe('missed calls', () => {
  it('adds and removes a note', async () => {
    const view = await h['page/missed-call-add'](
      { kind: 'page/missed-call-add', number: '03-1234-5678', when: '2026-11-30T09:00', said: 'bank' },
      sender,
    );
    expect(view.note.e164).toBe('+81312345678');
    expect(view.user.missedCalls).toHaveLength(1);
    const after = await h['page/missed-call-remove'](
      { kind: 'page/missed-call-remove', id: view.note.id },
      sender,
    );
    expect(after.user.missedCalls).toEqual([]);
  });
});

describe('feed subscriptions', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{', { status: 200 })),
    );
  });

  it('refuses other schemes before asking about permissions', async () => {
    await expect(
      h['page/feed-add']({ kind: 'page/feed-add', url: 'http://feeds.example/jp.json' }, sender),
    ).rejects.toThrow(/feeds must use https:\/\//);
  });

  it('refuses without the host permission, with a clear message', async () => {
    await expect(
      h['page/feed-add']({ kind: 'page/feed-add', url: 'https://feeds.example/jp.json' }, sender),
    ).rejects.toThrow(
      'Callback Guard may not download from https://feeds.example yet: allow it when asked (permission https://feeds.example/*)',
    );
    expect(fake.current.store.has(USER_KEY)).toBe(false);
  });

  it('subscribes when permitted, reports the first download, and gives the permission back on removal', async () => {
    fake.current.state.granted.add('https://feeds.example/*');
    const view = await h['page/feed-add'](
      { kind: 'page/feed-add', url: 'https://feeds.example/jp.json' },
      sender,
    );
    expect(view.user.feeds.map((f) => f.url)).toEqual(['https://feeds.example/jp.json']);
    expect(view.feeds[0]).toMatchObject({
      url: 'https://feeds.example/jp.json',
      lastSuccess: null,
      lastError: expect.stringMatching(/not JSON/),
    });
    const removed = await h['page/feed-remove'](
      { kind: 'page/feed-remove', url: 'https://feeds.example/jp.json' },
      sender,
    );
    expect(removed.user.feeds).toEqual([]);
    expect(removed.feeds).toEqual([]);
    expect(fake.current.state.granted.size).toBe(0);
  });
});
