/**
 * Fuzzing the user's own data: the list import parser, the stored-record reader (migration),
 * and every change the options page and popup can ask for, through the real background
 * handlers over a fake storage.local (Node). 10,000 cases each (see fuzz-config.ts).
 *
 * What must hold:
 * - whatever sequence of changes the pages send, a restarted worker reads back exactly the
 *   record it had (what we write, we can read: a record we cannot read is a user's lists gone);
 * - a number is in at most one list, once;
 * - the import parser never throws, and a file it accepts only ever adds entries;
 * - export → import gives back the same lists;
 * - the reader never throws, and reading what it returned changes nothing.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeBrowser } from '../../src/background/fake-browser.test-helper';
import type { StateView } from '../../src/core/messages';
import {
  exportLists,
  isFailure,
  LISTS_FORMAT,
  mergeListsImport,
  migrateUserData,
  parseListsImport,
  putListEntry,
} from '../../src/core/user-data';
import { emptyUserData, type UserData } from '../../src/core/user-data-types';
import { FUZZ_TIMEOUT, fuzzParams } from './fuzz-config';

const fake = vi.hoisted(() => ({ current: null as unknown as ReturnType<typeof createFakeBrowser> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy(
    {},
    { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] },
  ),
}));

const { resetStorageCacheForTests } = await import('../../src/background/storage');
const { resetFeedsForTests } = await import('../../src/background/feeds');
const { resetUserStateForTests } = await import('../../src/background/user-state');
const { handlers } = await import('../../src/background/handlers');
const { createRouter } = await import('../../src/background/router');

const ORIGIN = 'chrome-extension://cbg/';
const route = createRouter(handlers, { extensionId: 'cbg@test', extensionOrigin: ORIGIN, testHooks: false });
const optionsPage = { id: 'cbg@test', url: `${ORIGIN}src/options/index.html` };

beforeAll(() => {
  vi.stubGlobal('fetch', async () => {
    throw new TypeError('network is off in the fuzz tests');
  });
});

/** What the options page shows, as it asks for it. */
async function state(): Promise<StateView> {
  const reply = await route({ kind: 'page/get-state' }, optionsPage);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as StateView;
}

function restartWorker(): void {
  resetStorageCacheForTests();
  resetFeedsForTests();
  resetUserStateForTests();
}

// ---- generators -----------------------------------------------------------------------------

/**
 * Numbers as people type them: known valid ones in many regions and writings, long valid
 * numbers (German fixed lines have up to 15 national digits, Indonesian toll-free 17), and
 * random digits behind a calling code.
 */
const numberText = fc.oneof(
  fc.constantFrom(
    '0120-210-364',
    '03-1234-5678',
    '０３－１２３４－５６７８',
    '090 1234 5678',
    '+81 3 1234 5678',
    '+44 20 7946 0958',
    '(415) 555-0100',
    '+1 415 555 0100',
    '+4977695248535508',
    '+49 3391 5597595 3503',
    '+6834002',
    '188',
    '非通知',
    '',
    '  ',
  ),
  fc
    .tuple(
      fc.constantFrom('+81', '+1', '+44', '+49', '+62', '+82', '+598', '+683', '0', ''),
      fc.stringMatching(/^[0-9]{4,18}$/),
    )
    .map(([cc, digits]) => `${cc}${digits}`),
  fc.string({ maxLength: 70 }),
);

const note = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('x'.repeat(500), 'x'.repeat(501), ' ~ '));

/** Import files: arbitrary text, and JSON shaped like an export with each part good or bad. */
const entry = fc.oneof(
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        number: fc.oneof({ weight: 4, arbitrary: numberText }, { weight: 1, arbitrary: fc.anything() }),
        e164: fc.oneof(fc.constantFrom('+81312345678', '+4977695248535508', '+81x'), fc.anything()),
        note: fc.oneof({ weight: 4, arbitrary: note }, { weight: 1, arbitrary: fc.anything() }),
        added: fc.oneof(fc.constantFrom('2026-01-01', '2026-01-01T10:00:00Z', 'soon'), fc.anything()),
      },
      { requiredKeys: ['number'] },
    ),
  },
);
const importFile = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .record(
      {
        format: fc.oneof(
          { weight: 5, arbitrary: fc.constant(LISTS_FORMAT) },
          { weight: 1, arbitrary: fc.anything() },
        ),
        version: fc.oneof({ weight: 5, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.anything() }),
        trusted: fc.oneof(
          { weight: 5, arbitrary: fc.array(entry, { maxLength: 5 }) },
          { weight: 1, arbitrary: fc.anything() },
        ),
        blocked: fc.oneof(
          { weight: 5, arbitrary: fc.array(entry, { maxLength: 5 }) },
          { weight: 1, arbitrary: fc.anything() },
        ),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v) ?? ''),
);

const pageChange = fc.oneof(
  fc.record({
    kind: fc.constant('page/list-put'),
    list: fc.constantFrom('trusted', 'blocked'),
    number: numberText,
    note,
  }),
  fc.record({
    kind: fc.constant('page/list-remove'),
    list: fc.constantFrom('trusted', 'blocked'),
    e164: fc.constantFrom('+81312345678', '+81120210364', '+4977695248535508', '+14155550100'),
  }),
  fc.record({
    kind: fc.constant('page/missed-call-add'),
    number: numberText,
    when: fc.constantFrom('2026-11-30T09:15', '2026-11-30', 'yesterday', ''),
    said: note,
  }),
  fc.record({ kind: fc.constant('page/missed-call-remove'), id: fc.string({ maxLength: 36 }) }),
  fc.record({
    kind: fc.constant('page/update-settings'),
    patch: fc.record(
      {
        region: fc.constantFrom('auto', 'JP', 'US', 'DE'),
        language: fc.constantFrom('auto', 'ja', 'en'),
        paused: fc.boolean(),
        marking: fc.record({
          official: fc.boolean(),
          caution: fc.boolean(),
          danger: fc.boolean(),
          unknown: fc.boolean(),
        }),
        disabledSites: fc.array(fc.domain(), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    kind: fc.constant('page/set-site-enabled'),
    hostname: fc.oneof(fc.domain(), fc.constantFrom('Example.COM', 'a.b', '-')),
    enabled: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('page/lists-import'), json: importFile }),
  fc.record({
    kind: fc.constant('page/feed-remove'),
    url: fc.constantFrom('https://feeds.example/jp.json', 'not a url'),
  }),
);

/** A user's existing lists, built the way the pages build them. */
const existingData: fc.Arbitrary<UserData> = fc
  .array(
    fc.tuple(fc.constantFrom('trusted', 'blocked') as fc.Arbitrary<'trusted' | 'blocked'>, numberText, note),
    {
      maxLength: 6,
    },
  )
  .map((puts) => {
    let data = emptyUserData();
    for (const [list, number, n] of puts) {
      const out = putListEntry(data, list, number, n, { region: 'JP', now: '2026-12-01T10:00:00.000Z' });
      if (!isFailure(out)) data = out.data;
    }
    return data;
  });

// ---- invariants -----------------------------------------------------------------------------

function expectListsSound(data: UserData): void {
  const all = [...data.trusted, ...data.blocked].map((e) => e.e164);
  expect(new Set(all).size).toBe(all.length);
  for (const e of all) expect(e).toMatch(/^\+[1-9]\d+$/);
}

/** What the next worker start will read: a stored record must come back exactly. */
function expectReadsBack(data: unknown): void {
  const stored = JSON.parse(JSON.stringify(data));
  const read = migrateUserData(stored);
  expect(read, 'a record we wrote must read back').toMatchObject({ ok: true });
  if (read.ok) expect(read.data).toEqual(data);
}

// ---- properties -----------------------------------------------------------------------------

describe('user data fuzzing (10,000 cases each)', () => {
  it('any sequence of changes from the pages survives a worker restart exactly', {
    timeout: FUZZ_TIMEOUT,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pageChange, { minLength: 1, maxLength: 4 }), async (changes) => {
        fake.current = createFakeBrowser();
        restartWorker();
        for (const change of changes) {
          const reply = await route(change, optionsPage);
          expect(reply.ok === true || typeof reply.error === 'string').toBe(true);
        }
        const before = await state();
        restartWorker();
        const after = await state();
        expect(after.storageError).toBeNull();
        expect(after.user).toEqual(before.user);
        expectListsSound(after.user);
      }),
      fuzzParams,
    );
  });

  it('the import parser never throws, and an accepted file only adds entries to a readable record', {
    timeout: FUZZ_TIMEOUT,
  }, () => {
    fc.assert(
      fc.property(importFile, existingData, fc.constantFrom('JP', 'US', 'DE', 'ZZ'), (file, data, region) => {
        const parsed = parseListsImport(file, region);
        if (isFailure(parsed)) {
          expect(parsed.error).toBeTypeOf('string');
          return;
        }
        expectListsSound({ ...emptyUserData(), ...parsed });
        for (const e of [...parsed.trusted, ...parsed.blocked])
          expect(e.note.length).toBeLessThanOrEqual(500);
        const merged = mergeListsImport(data, parsed, '2026-12-02T00:00:00.000Z');
        if (isFailure(merged)) return;
        for (const list of ['trusted', 'blocked'] as const) {
          for (const old of data[list]) expect(merged.data[list]).toContainEqual(old);
        }
        expectListsSound(merged.data);
        expectReadsBack(merged.data);
      }),
      fuzzParams,
    );
  });

  it('export then import gives back the same lists', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(existingData, (data) => {
        const parsed = parseListsImport(exportLists(data), 'US');
        if (isFailure(parsed)) throw new Error(parsed.error);
        expect(parsed.trusted).toEqual(data.trusted);
        expect(parsed.blocked).toEqual(data.blocked);
      }),
      fuzzParams,
    );
  });

  it('the stored-record reader never throws, and what it returns reads back unchanged', {
    timeout: FUZZ_TIMEOUT,
  }, () => {
    const almost = fc.record(
      {
        schema: fc.oneof(fc.constantFrom(1, 0, 2, 1.5, '1'), fc.anything()),
        settings: fc.oneof(
          fc.record(
            {
              region: fc.oneof(fc.constantFrom('auto', 'JP', 'jp'), fc.anything()),
              language: fc.oneof(fc.constantFrom('auto', 'ja', 'fr'), fc.anything()),
              paused: fc.anything(),
              marking: fc.oneof(fc.record({ official: fc.boolean(), unknown: fc.anything() }), fc.anything()),
              disabledSites: fc.oneof(fc.array(fc.domain()), fc.anything()),
            },
            { requiredKeys: [] },
          ),
          fc.anything(),
        ),
        trusted: fc.oneof(
          existingData.map((d) => d.trusted),
          fc.array(fc.anything(), { maxLength: 2 }),
        ),
        blocked: fc.oneof(
          existingData.map((d) => d.blocked),
          fc.anything(),
        ),
        missedCalls: fc.anything(),
        feeds: fc.oneof(
          fc.array(
            fc.record(
              { url: fc.webUrl(), added: fc.string(), publicKey: fc.anything() },
              { requiredKeys: ['url'] },
            ),
          ),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), almost), (raw) => {
        const r = migrateUserData(raw);
        if (!r.ok) {
          expect(r.error).toBeTypeOf('string');
          return;
        }
        expectReadsBack(r.data);
      }),
      fuzzParams,
    );
  });
});
