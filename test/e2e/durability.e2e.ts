/**
 * The user's data survives what happens to a real extension, in real browsers:
 * - an extension update: the installed files replaced by a newer build (version bumped) and the
 *   browser started again on the same profile, as a store update lands;
 * - a browser restart on the same profile;
 * - (Chromium) the service worker stopped in the middle of a burst of writes, through the
 *   DevTools protocol (ServiceWorker.stopAllWorkers), as Chrome stops idle or busy workers:
 *   the one versioned record is the old one or a newer one, never a broken one, and no write
 *   that was acknowledged is lost.
 * Settings, both personal lists (with a valid number longer than 15 digits), a missed-call note
 * and a per-site switch are written from an extension page, as the options page and the popup
 * write them. Firefox ESR runs the extension installed in its profile (temporary add-ons do not
 * survive a restart).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-expect-error: plain ESM helper without type declarations
import { listFiles, writeZip } from '../../scripts/zip.mjs';
import { migrateUserData } from '../../src/core/user-data';
import { USER_KEY, type UserData } from '../../src/core/user-data-types';
import {
  type ChromiumSession,
  type FirefoxSession,
  launchChromium,
  launchFirefox,
  TEST_BUILD,
} from './browsers';

const origin = inject('fixtureOrigin');

type Reply = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };
interface State {
  user: UserData;
  storageError: string | null;
}

/** Talks to the background from one of our pages, as the options page and popup do. */
interface Driver {
  send(message: unknown): Promise<Reply>;
  stored(): Promise<unknown>;
  version(): Promise<string>;
}

type Ext = {
  runtime: { sendMessage(m: unknown): Promise<unknown>; getManifest(): { version: string } };
  storage: { local: { get(k: string): Promise<Record<string, unknown>> } };
};
type ExtensionGlobal = { browser?: Ext; chrome?: Ext };
// These run inside the extension page (serialised by the driver): no outside references.
const sendInPage = (m: unknown) => {
  const g = globalThis as unknown as ExtensionGlobal;
  return ((g.browser ?? g.chrome) as Ext).runtime.sendMessage(m);
};
const storedInPage = async (key: string) => {
  const g = globalThis as unknown as ExtensionGlobal;
  return (await ((g.browser ?? g.chrome) as Ext).storage.local.get(key))[key];
};
const versionInPage = () => {
  const g = globalThis as unknown as ExtensionGlobal;
  return ((g.browser ?? g.chrome) as Ext).runtime.getManifest().version;
};

/** What the user did: settings, a site switched off, both lists, a missed call. */
const WRITES: unknown[] = [
  {
    kind: 'page/update-settings',
    patch: {
      region: 'JP',
      language: 'en',
      marking: { official: true, caution: true, danger: true, unknown: true },
    },
  },
  { kind: 'page/set-site-enabled', hostname: 'shop.example', enabled: false },
  { kind: 'page/list-put', list: 'trusted', number: '0120-210-364', note: 'the real hotline' },
  { kind: 'page/list-put', list: 'trusted', number: '+4977695248535508', note: 'office in Germany' },
  { kind: 'page/list-put', list: 'blocked', number: '090-1234-5678', note: 'said it was my bank' },
  {
    kind: 'page/missed-call-add',
    number: '03-6631-1511',
    when: '2026-11-30T09:15:00.000Z',
    said: 'asked me to call back about a refund',
  },
];

async function writeEverything(d: Driver): Promise<State> {
  for (const w of WRITES) {
    const reply = await d.send(w);
    if (!reply.ok) throw new Error(`${(w as { kind: string }).kind}: ${reply.error}`);
  }
  return state(d);
}

async function state(d: Driver): Promise<State> {
  const reply = await d.send({ kind: 'page/get-state' });
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as unknown as State;
}

function expectWritten(s: State): void {
  expect(s.storageError).toBeNull();
  expect(s.user.settings).toMatchObject({ region: 'JP', language: 'en', disabledSites: ['shop.example'] });
  expect(s.user.settings.marking.unknown).toBe(true);
  expect(s.user.trusted.map((e) => [e.e164, e.note])).toEqual([
    ['+81120210364', 'the real hotline'],
    ['+4977695248535508', 'office in Germany'],
  ]);
  expect(s.user.blocked.map((e) => [e.e164, e.note])).toEqual([['+819012345678', 'said it was my bank']]);
  expect(s.user.missedCalls).toEqual([
    expect.objectContaining({ number: '03-6631-1511', said: 'asked me to call back about a refund' }),
  ]);
}

/** What the next version or the next start sees: the same user data, the same stored bytes. */
async function expectAllKept(d: Driver, written: State, raw: unknown): Promise<void> {
  const after = await state(d);
  expect(after.user).toEqual(written.user);
  expectWritten(after);
  expect(await d.stored()).toEqual(raw);
}

/** The build under test with another version in its manifest, as an update would ship it. */
function buildCopy(browser: 'chrome' | 'firefox', into: string, version: string): string {
  rmSync(into, { recursive: true, force: true });
  cpSync(join(TEST_BUILD, browser), into, { recursive: true });
  const file = join(into, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  manifest.version = version;
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return into;
}

const baseVersion = JSON.parse(readFileSync(join(TEST_BUILD, 'chrome', 'manifest.json'), 'utf8'))
  .version as string;
const nextVersion = `${baseVersion}.1`;

// ---------------------------------------------------------------------------------------------
// Chromium
// ---------------------------------------------------------------------------------------------

describe('durability in Chromium', () => {
  // Made when the tests run (not when the file is collected), and removed after them.
  let dir = '';
  let profile = '';
  let ext = '';
  let session: ChromiumSession | null = null;
  let page: Page;
  let written: State;
  let raw: unknown;

  const driver = (p: Page): Driver => ({
    send: (m) => p.evaluate(sendInPage, m) as Promise<Reply>,
    stored: () => p.evaluate(storedInPage, USER_KEY),
    version: () => p.evaluate(versionInPage),
  });

  /** Starts Chromium on the kept profile with the extension copy, and opens the options page. */
  async function start(): Promise<Driver> {
    session = await launchChromium({ profile, extensionDir: ext });
    page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
    return driver(page);
  }
  async function stop(): Promise<void> {
    await session?.close();
    session = null;
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cbg-durability-chromium-'));
    profile = join(dir, 'profile');
    ext = join(dir, 'extension');
    buildCopy('chrome', ext, baseVersion);
  });
  afterAll(async () => {
    await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `phase` in a browser started for it, and always closes that browser (kept profile). */
  async function inBrowser(phase: (d: Driver) => Promise<void>): Promise<void> {
    try {
      await phase(await start());
    } finally {
      await stop();
    }
  }

  it('writes settings, both lists and a missed-call note', () =>
    inBrowser(async (d) => {
      written = await writeEverything(d);
      expectWritten(written);
      raw = await d.stored();
      expect(migrateUserData(raw)).toEqual({ ok: true, data: written.user, from: 1 });
    }));

  it('keeps all of it through an extension update (new files, new version)', () => {
    buildCopy('chrome', ext, nextVersion);
    return inBrowser(async (d) => {
      expect(await d.version()).toBe(nextVersion);
      await expectAllKept(d, written, raw);
    });
  });

  it('keeps all of it through a browser restart on the same profile', () =>
    inBrowser(async (d) => {
      await expectAllKept(d, written, raw);
    }));

  it('keeps one readable record, and every acknowledged write, when the worker is stopped mid-burst', () =>
    inBrowser(async (d) => {
      if (!session) throw new Error('no browser');
      const cdp = await session.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      const N = 120;
      const rounds: Array<{ delay: number; acknowledged: number; stored: number }> = [];
      let sent = 0;
      for (const delay of [10, 40, 80, 160]) {
        const before = (await state(d)).user;
        const first = sent;
        sent += N;
        // N changes fired at once, as fast clicks or an import would; each rewrites the record.
        const burst = page.evaluate(
          ({ first, n }) =>
            Promise.all(
              Array.from({ length: n }, (_, i) => {
                const k = first + i;
                const g = globalThis as unknown as {
                  browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
                  chrome?: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
                };
                return (g.browser ?? g.chrome)?.runtime
                  .sendMessage({
                    kind: 'page/list-put',
                    list: 'blocked',
                    number: `03-5${String(k).padStart(3, '0').slice(-3)}-${String(1000 + (k % 9000))}`,
                    note: `burst ${k}`,
                  })
                  .then(
                    (r) => ((r as { ok?: boolean } | undefined)?.ok === true ? 'ok' : 'refused'),
                    () => 'lost',
                  );
              }),
            ),
          { first, n: N },
        );
        await new Promise((r) => setTimeout(r, delay));
        await cdp.send('ServiceWorker.stopAllWorkers');
        const outcome = await burst;

        // Read storage directly (no worker needed): one whole, readable, current-schema record.
        const stored = await d.stored();
        const read = migrateUserData(stored);
        expect(read.ok, JSON.stringify(read).slice(0, 200)).toBe(true);
        if (!read.ok) return;
        const notes = new Set(read.data.blocked.map((e) => e.note));
        // Nothing acknowledged is lost; nothing but what was sent is there.
        outcome.forEach((o, i) => {
          if (o === 'ok') expect(notes.has(`burst ${first + i}`), `burst ${first + i}`).toBe(true);
        });
        for (const note of notes) expect(note).toMatch(/^(said it was my bank|burst \d+)$/);
        expect(new Set(read.data.blocked.map((e) => e.e164)).size).toBe(read.data.blocked.length);
        // Everything written before the burst is as it was.
        expect(read.data.settings).toEqual(before.settings);
        expect(read.data.trusted).toEqual(before.trusted);
        expect(read.data.missedCalls).toEqual(before.missedCalls);
        expect(read.data.blocked.slice(0, before.blocked.length)).toEqual(before.blocked);
        // A new worker starts on the next message and sees exactly what is stored.
        const after = await state(d);
        expect(after.storageError).toBeNull();
        expect(after.user).toEqual(read.data);
        rounds.push({
          delay,
          acknowledged: outcome.filter((o) => o === 'ok').length,
          stored: read.data.blocked.length - before.blocked.length,
        });
      }
      // The kill did land in the middle of a burst at least once (some writes done, some not).
      expect(
        rounds.some((r) => r.stored > 0 && r.stored < N),
        JSON.stringify(rounds),
      ).toBe(true);
      await cdp.detach();
    }));
});

// ---------------------------------------------------------------------------------------------
// Firefox ESR
// ---------------------------------------------------------------------------------------------

describe('durability in Firefox ESR', () => {
  let dir = '';
  let profile = '';
  const geckoId = JSON.parse(readFileSync(join(TEST_BUILD, 'firefox', 'manifest.json'), 'utf8'))
    .browser_specific_settings.gecko.id as string;
  let session: FirefoxSession | null = null;
  let written: State;
  let raw: unknown;

  /** The build, version `version`, installed in the profile as Firefox keeps an installed add-on. */
  function install(version: string): void {
    const unpacked = buildCopy('firefox', join(dir, `unpacked-${version}`), version);
    mkdirSync(join(profile, 'extensions'), { recursive: true });
    writeZip(join(profile, 'extensions', `${geckoId}.xpi`), unpacked, listFiles(unpacked));
  }

  async function start(): Promise<Driver> {
    session = await launchFirefox({ profile });
    const site = await session.browser.newPage();
    await site.goto(`${origin}/index.html`);
    // The content script is running (it opens extension pages for the test build's hook).
    await site.waitForFunction(() => document.querySelector('[data-cbg-e164]') !== null, {
      timeout: 30_000,
    });
    const options: PuppeteerPage = await session.openExtensionPage(site, 'src/options/index.html');
    return {
      send: (m) => options.evaluate(sendInPage, m) as Promise<Reply>,
      stored: () => options.evaluate(storedInPage, USER_KEY),
      version: () => options.evaluate(versionInPage),
    };
  }
  async function stop(): Promise<void> {
    await session?.close();
    session = null;
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cbg-durability-firefox-'));
    profile = join(dir, 'profile');
    install(baseVersion);
  });
  afterAll(async () => {
    await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function inBrowser(phase: (d: Driver) => Promise<void>): Promise<void> {
    try {
      await phase(await start());
    } finally {
      await stop();
    }
  }

  it('writes settings, both lists and a missed-call note', () =>
    inBrowser(async (d) => {
      expect(await d.version()).toBe(baseVersion);
      written = await writeEverything(d);
      expectWritten(written);
      raw = await d.stored();
      expect(migrateUserData(raw)).toEqual({ ok: true, data: written.user, from: 1 });
    }));

  it('keeps all of it through an extension update (new package, new version)', () => {
    install(nextVersion);
    return inBrowser(async (d) => {
      expect(await d.version()).toBe(nextVersion);
      await expectAllKept(d, written, raw);
    });
  });

  it('keeps all of it through a browser restart on the same profile', () =>
    inBrowser(async (d) => {
      await expectAllKept(d, written, raw);
    }));
});
