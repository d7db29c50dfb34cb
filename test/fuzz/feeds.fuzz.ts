/**
 * Fuzzing the feed path: the body parser and validator (any bytes: random, cut short, with a
 * byte changed), the signature check (any key, any signature), merging a feed into the bundled
 * data, and a background update that downloads whatever a hostile server sends.
 * 10,000 cases each (see fuzz-config.ts).
 *
 * What must hold:
 * - nothing throws or rejects; a bad body is one error line;
 * - what the validator accepts it accepts again unchanged, and the engine can use it;
 * - a feed can never change a bundled entry, and an unsigned feed can never make a number
 *   "official";
 * - a signature is accepted only for the exact bytes it signed, with the right key;
 * - a failed update keeps the last good copy in use and says why.
 */
import bundledData from 'virtual:cbg-data';
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBrowser } from '../../src/background/fake-browser.test-helper';
import {
  type FeedTrust,
  mergeKnowledge,
  parseFeedBody,
  validateCompiledData,
  verifyFeed,
} from '../../src/core/feeds';
import type { CompiledData } from '../../src/core/registry/compiled';
import { emptyUserData } from '../../src/core/user-data-types';
import { Knowledge } from '../../src/core/verdict/knowledge';
import { checkNumber } from '../../src/core/verdict/scan';
import { FUZZ_TIMEOUT, fuzzParams } from './fuzz-config';

const fake = vi.hoisted(() => ({ current: null as unknown as ReturnType<typeof createFakeBrowser> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy(
    {},
    { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] },
  ),
}));

const { resetStorageCacheForTests, USER_KEY } = await import('../../src/background/storage');
const feeds = await import('../../src/background/feeds');
const { knowledge } = await import('../../src/background/knowledge');

const bundled = bundledData as CompiledData;
const encode = (s: string) => new TextEncoder().encode(s);
const buffer = (u: Uint8Array) => u.slice().buffer as ArrayBuffer;

// ---- a feed to start from -------------------------------------------------------------------

const text = (s: string) => ({ ja: s, en: s });
const source = (kind: 'official' | 'secondary') => ({
  url: 'https://feed.example/',
  checked: '2026-11-01',
  kind,
});
const bundledOrgId = bundled.orgs[0]?.id ?? 'jp-none';
const bundledOfficial = bundled.numbers.find((n) => n.e164 && n.source.kind === 'official');

/** A valid feed that tries everything a hostile one would: claim bundled orgs and numbers. */
function goodFeed(version = '2026-11-20.ffff'): CompiledData {
  return {
    format: 1,
    version,
    orgs: [
      {
        id: 'jp-feed-bank',
        country: 'JP',
        name: text('Feed Bank'),
        aliases: ['FB'],
        category: 'bank',
        domains: ['feed.example'],
      },
      { ...(bundled.orgs[0] as CompiledData['orgs'][number]), id: bundledOrgId },
    ],
    numbers: [
      {
        org: 0,
        country: 'JP',
        e164: '+81120333333',
        shortCode: null,
        printed: '0120-333-333',
        purpose: text('desk'),
        kind: 'voice',
        source: source('official'),
        confidence: 'high',
      },
      {
        org: 1,
        country: 'JP',
        e164: '+81120444444',
        shortCode: null,
        printed: '0120-444-444',
        purpose: text('desk'),
        kind: 'voice',
        source: source('official'),
        confidence: 'high',
      },
      ...(bundledOfficial ? [{ ...bundledOfficial, org: 0, source: source('official') }] : []),
    ],
    rules: [
      {
        id: 'feed-reported',
        reason: 'reported-scam',
        severity: 'danger',
        match: { e164: ['+81355555555', ...(bundledOfficial?.e164 ? [bundledOfficial.e164] : [])] },
        description: text('reported'),
        source: source('secondary'),
      },
      {
        id: 'feed-prefix',
        reason: 'premium-rate',
        severity: 'danger',
        match: { e164Prefix: ['+8112'] },
        description: text('prefix'),
        source: source('secondary'),
      },
    ],
  };
}

const GOOD = JSON.stringify(goodFeed());

// ---- generators -----------------------------------------------------------------------------

/** Bodies a server might send: random bytes, the good feed cut short or with a byte changed. */
const body: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.nat({ max: GOOD.length }).map((cut) => encode(GOOD.slice(0, cut))),
  fc.tuple(fc.nat({ max: GOOD.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => {
    const b = encode(GOOD);
    b[at] = byte;
    return b;
  }),
  fc
    .tuple(fc.nat({ max: GOOD.length }), fc.string({ maxLength: 20 }))
    .map(([at, s]) => encode(`${GOOD.slice(0, at)}${s}${GOOD.slice(at)}`)),
  fc.constant(encode(GOOD)),
  fc.constantFrom('', 'null', '[]', '{}', '"x"', '1e999', '{"format":1}', '\ufeff{}').map(encode),
);

/** Shapes close to compiled data, each part right or wrong. */
const almost = fc.record(
  {
    format: fc.oneof(fc.constant(1), fc.anything()),
    version: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.anything()),
    orgs: fc.oneof(
      fc.array(fc.oneof(fc.constantFrom(...goodFeed().orgs), fc.anything({ maxDepth: 2 })), { maxLength: 3 }),
      fc.anything(),
    ),
    numbers: fc.oneof(
      fc.array(
        fc.oneof(
          fc.constantFrom(...goodFeed().numbers),
          fc.record(
            {
              org: fc.oneof(fc.nat(3), fc.anything()),
              country: fc.constantFrom('JP', 'US', 'jp', ''),
              e164: fc.oneof(fc.constantFrom('+81120555555', '+81x', '', null), fc.anything()),
              shortCode: fc.constantFrom(null, '188', '#9110', 'x'),
              printed: fc.string({ maxLength: 20 }),
              purpose: fc.oneof(fc.constant(text('x')), fc.anything()),
              kind: fc.constantFrom('voice', 'sms-sender', 'fax', 'x'),
              source: fc.oneof(
                fc.constant(source('official')),
                fc.constant(source('secondary')),
                fc.anything(),
              ),
              confidence: fc.constantFrom('high', 'medium', 'low', 'x'),
            },
            { requiredKeys: [] },
          ),
        ),
        { maxLength: 3 },
      ),
      fc.anything(),
    ),
    rules: fc.oneof(
      fc.array(
        fc.oneof(
          fc.constantFrom(...goodFeed().rules),
          fc.record(
            {
              id: fc.string({ maxLength: 12 }),
              reason: fc.constantFrom('reported-scam', 'premium-rate', 'one-ring-country', 'x'),
              severity: fc.constantFrom('danger', 'caution', 'info', 'x'),
              match: fc.oneof(
                fc.record({
                  e164Prefix: fc.array(fc.constantFrom('+81', '+8112', '+1', 'x'), { maxLength: 2 }),
                }),
                fc.record({ callingCode: fc.array(fc.constantFrom('81', '675', '1', ''), { maxLength: 2 }) }),
                fc.record({ nanpAreaCode: fc.array(fc.constantFrom('876', '415', '1'), { maxLength: 2 }) }),
                fc.record({
                  phrases: fc.record({ ja: fc.array(fc.string({ maxLength: 5 })) }),
                  category: fc.string(),
                }),
                fc.record(
                  {
                    e164: fc.array(fc.string(), { maxLength: 2 }),
                    raw: fc.array(fc.string(), { maxLength: 2 }),
                  },
                  { requiredKeys: [] },
                ),
                fc.anything(),
              ),
              description: fc.constant(text('d')),
              source: fc.constant(source('secondary')),
            },
            { requiredKeys: [] },
          ),
        ),
        { maxLength: 3 },
      ),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);

const trust = fc.constantFrom<FeedTrust>('unsigned', 'pinned', 'signed');

// ---- properties -----------------------------------------------------------------------------

/** Official numbers of the bundled data: the only ones an unsigned feed may leave official. */
const bundledOfficialE164 = new Set(
  bundled.numbers.filter((n) => n.source.kind === 'official' && n.e164).map((n) => n.e164 as string),
);

/** A few bundled official numbers (toll-free ones first: the feed's prefix rule aims at them) and their levels. */
const bundledKnowledge = new Knowledge(bundled);
const officialLevels = [...bundledOfficialE164]
  .sort((a, b) => Number(!a.startsWith('+81120')) - Number(!b.startsWith('+81120')))
  .slice(0, 4)
  .map((e164) => [e164, checkNumber(e164, { knowledge: bundledKnowledge })?.verdict.level] as const);

function expectSafeMerge(data: CompiledData, t: FeedTrust): void {
  const merged = mergeKnowledge(bundled, [{ data, trust: t }]);
  // Bundled entries: all there, unchanged, same places.
  expect(merged.numbers.slice(0, bundled.numbers.length)).toEqual(bundled.numbers);
  expect(merged.orgs.slice(0, bundled.orgs.length)).toEqual(bundled.orgs);
  expect(merged.rules.slice(0, bundled.rules.length)).toEqual(bundled.rules);
  const k = new Knowledge(merged);
  for (const n of merged.numbers.slice(bundled.numbers.length)) {
    if (t === 'unsigned') expect(n.source.kind).not.toBe('official');
    if (!n.e164) continue;
    const v = checkNumber(n.e164, { knowledge: k })?.verdict;
    if (v?.level === 'official' && t === 'unsigned') expect(bundledOfficialE164.has(n.e164)).toBe(true);
  }
  // A feed never changes the verdict on a bundled official number.
  for (const [e164, level] of officialLevels) {
    expect(checkNumber(e164, { knowledge: k })?.verdict.level).toBe(level);
  }
}

describe('feed fuzzing (10,000 cases each)', () => {
  it('parseFeedBody: any bytes give data or one error line; accepted data validates again unchanged', {
    timeout: FUZZ_TIMEOUT,
  }, () => {
    fc.assert(
      fc.property(body, (b) => {
        const r = parseFeedBody(buffer(b));
        if ('error' in r) {
          expect(r.error).toBeTypeOf('string');
          expect(r.error).not.toContain('\n');
          return;
        }
        expect(validateCompiledData(JSON.parse(JSON.stringify(r)))).toEqual(r);
        expect(new Knowledge(r).version).toBe(r.version);
      }),
      fuzzParams,
    );
  });

  it('validateCompiledData + merge: never throws; bundled entries untouched; unsigned feeds never make "official"', {
    timeout: FUZZ_TIMEOUT,
  }, () => {
    fc.assert(
      fc.property(fc.oneof(almost, fc.anything()), trust, (value, t) => {
        const r = validateCompiledData(value);
        if ('error' in r) return;
        expectSafeMerge(r, t);
      }),
      fuzzParams,
    );
  });

  describe('verifyFeed', () => {
    let keys: { publicKey: string; sign: (b: Uint8Array) => Promise<string> };
    beforeAll(async () => {
      const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
      const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));
      keys = {
        publicKey: b64(raw),
        sign: async (b) =>
          b64(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, buffer(b)))),
      };
    });

    it('never rejects on any key and signature, and accepts only the exact signed bytes', {
      timeout: FUZZ_TIMEOUT,
    }, async () => {
      const keyText = fc.oneof(
        fc.constant(undefined),
        fc.string({ maxLength: 80 }),
        fc.constantFrom('', 'sha256:', `sha256:${'0'.repeat(64)}`, 'AAAA', `${'A'.repeat(43)}=`),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 200 }),
          fc.option(fc.string({ maxLength: 100 })),
          keyText,
          fc.nat(),
          fc.boolean(),
          async (b, sig, key, flip, useRealKey) => {
            // Arbitrary key and signature: an answer, never an exception.
            const any = await verifyFeed(buffer(b), sig, key);
            expect(typeof any.ok).toBe('boolean');
            if (any.ok) expect(key === undefined || key === '' ? 'unsigned' : any.trust).not.toBe('signed');
            if (!useRealKey) return;
            // The real key: the real signature passes; any change to the bytes fails.
            const good = await keys.sign(b);
            expect(await verifyFeed(buffer(b), good, keys.publicKey)).toEqual({ ok: true, trust: 'signed' });
            if (b.length === 0) return;
            const changed = b.slice();
            changed[flip % b.length] = ((changed[flip % b.length] as number) + 1) % 256;
            expect((await verifyFeed(buffer(changed), good, keys.publicKey)).ok).toBe(false);
          },
        ),
        fuzzParams,
      );
    });
  });

  describe('a background update against a hostile server', () => {
    const URL_A = 'https://feeds.example/jp.json';
    let response: () => Response | Promise<Response>;

    beforeAll(() => {
      vi.stubGlobal('fetch', async () => response());
    });
    beforeEach(() => {
      fake.current = createFakeBrowser();
      const data = emptyUserData();
      data.feeds.push({ url: URL_A, added: '2026-11-01T00:00:00Z' });
      fake.current.store.set(USER_KEY, data);
      resetStorageCacheForTests();
      feeds.resetFeedsForTests();
    });

    const reply: fc.Arbitrary<() => Response | Promise<Response>> = fc.oneof(
      fc
        .tuple(
          body,
          fc.constantFrom(200, 200, 200, 204, 304, 404, 500),
          fc.option(fc.constantFrom('"v2"', '', '\u0000')),
        )
        .map(
          ([b, status, etag]) =>
            () =>
              new Response(status === 204 || status === 304 ? null : buffer(b), {
                status,
                ...(etag ? { headers: { etag } } : {}),
              }),
        ),
      fc.constant(() => Promise.reject(new TypeError('network error'))),
      fc.constant(
        () =>
          new Response(
            new ReadableStream({
              start(c) {
                c.enqueue(encode(GOOD.slice(0, 100)));
                c.error(new Error('connection reset'));
              },
            }),
          ),
      ),
      fc.constant(() => new Response('{}', { headers: { 'content-length': String(50 * 1024 * 1024) } })),
    );

    it('keeps the last good copy unless a complete valid feed arrives, and reports why', {
      timeout: FUZZ_TIMEOUT,
    }, async () => {
      // The last good copy.
      response = () => new Response(GOOD, { headers: { etag: '"v1"' } });
      await feeds.updateFeeds();
      const lastGood = structuredClone(fake.current.store.get(feeds.feedKey(URL_A)));
      expect(lastGood).toMatchObject({ data: { version: '2026-11-20.ffff' } });
      const baseline = structuredClone([...fake.current.store.entries()]);

      // Every case starts with the good copy stored and in use. A failed update leaves it so
      // (asserted below); after a successful one, storage and memory are put back.
      let replaced = false;
      await fc.assert(
        fc.asyncProperty(reply, async (r) => {
          if (replaced) {
            fake.current.store.clear();
            for (const [key, value] of structuredClone(baseline)) fake.current.store.set(key, value);
            resetStorageCacheForTests();
            feeds.resetFeedsForTests();
            await feeds.feedsReady();
            replaced = false;
          }
          expect(knowledge().recordsForE164('+81120333333')).toHaveLength(1);

          response = r;
          await feeds.updateFeeds();
          const [status] = await feeds.feedStatuses([{ url: URL_A, added: '' }]);
          const stored = fake.current.store.get(feeds.feedKey(URL_A)) as { data: CompiledData } | undefined;
          if (status?.lastError) {
            expect(stored).toEqual(lastGood);
            expect(knowledge().recordsForE164('+81120333333')).toHaveLength(1);
          } else {
            // Success: a copy that validates is stored and in use (or 304: the same one).
            expect(stored).toBeDefined();
            expect(validateCompiledData(stored?.data)).toEqual(stored?.data);
            replaced = true;
          }
          // The user's record is never touched by a feed update.
          expect(fake.current.store.get(USER_KEY)).toEqual(baseline.find(([k]) => k === USER_KEY)?.[1]);
        }),
        fuzzParams,
      );
    });
  });
});
