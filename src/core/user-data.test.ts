import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addFeed,
  addMissedCall,
  applySettingsPatch,
  exportLists,
  exportMissedCalls,
  isFailure,
  LISTS_FORMAT,
  MAX_IMPORT_LENGTH,
  mergeListsImport,
  migrateUserData,
  normalizeFeedKey,
  parseListsImport,
  putListEntry,
  removeFeed,
  removeListEntry,
  removeMissedCall,
  setSiteEnabled,
  siteActive,
  userListsOf,
} from './user-data';
import { DEFAULT_SETTINGS, emptyUserData, type UserData } from './user-data-types';

const NOW = '2026-12-01T10:00:00.000Z';
const opts = { region: 'JP', now: NOW };

function ok<T>(v: T | { error: string }): T {
  if (isFailure(v)) throw new Error(`unexpected failure: ${v.error}`);
  return v;
}

function withTrusted(...numbers: string[]): UserData {
  let data = emptyUserData();
  for (const n of numbers) data = ok(putListEntry(data, 'trusted', n, `note ${n}`, opts)).data;
  return data;
}

describe('migrateUserData', () => {
  it('nothing stored → empty data, from null', () => {
    expect(migrateUserData(undefined)).toEqual({ ok: true, data: emptyUserData(), from: null });
    expect(migrateUserData(null)).toEqual({ ok: true, data: emptyUserData(), from: null });
  });

  it('reads a complete v1 record unchanged', () => {
    const data = withTrusted('0120-210-364');
    data.settings.paused = true;
    data.missedCalls.push({
      id: 'a',
      number: '非通知',
      e164: null,
      when: '2026-11-30T09:00',
      said: 'bank',
      recorded: NOW,
    });
    data.feeds.push({ url: 'https://feeds.example/jp.json', added: NOW });
    const raw = JSON.parse(JSON.stringify(data));
    expect(migrateUserData(raw)).toEqual({ ok: true, data, from: 1 });
  });

  it('fills settings added later within v1 from the defaults', () => {
    const r = migrateUserData({ schema: 1, settings: { paused: true }, trusted: [], blocked: [] });
    expect(r).toEqual({
      ok: true,
      from: 1,
      data: { ...emptyUserData(), settings: { ...DEFAULT_SETTINGS, paused: true } },
    });
  });

  it('drops unknown fields rather than carrying them along', () => {
    const r = migrateUserData({ ...emptyUserData(), extra: 1 });
    expect(r.ok && 'extra' in r.data).toBe(false);
  });

  it.each([
    ['a string', 'garbage', 'not an object'],
    ['an array', [1, 2], 'not an object'],
    ['no schema', { settings: {} }, 'no schema version'],
    ['schema 0', { schema: 0 }, 'no schema version'],
    ['a newer schema', { schema: 99 }, 'newer Callback Guard'],
    ['a bad setting', { schema: 1, settings: { paused: 'yes' } }, 'settings.paused'],
    [
      'a bad list entry',
      { schema: 1, trusted: [{ e164: 'x', number: '', note: '', added: '' }] },
      'trusted[0].e164',
    ],
    ['a list that is not a list', { schema: 1, blocked: {} }, 'blocked is not a list'],
    ['a feed over http', { schema: 1, feeds: [{ url: 'http://x.example/', added: '' }] }, 'feeds[0].url'],
  ])('refuses %s with an error, never an empty default', (_name, raw, message) => {
    const r = migrateUserData(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(message);
  });

  it('reads back a record holding a valid number longer than 15 digits (found by fuzzing)', () => {
    // A German fixed line with 15 national digits: valid, so it can be saved; it must also load.
    const data = ok(putListEntry(emptyUserData(), 'trusted', '+4977695248535508', '', opts)).data;
    const call = { number: '+4920100000000000', when: '2026-11-30', said: '' };
    const saved = ok(addMissedCall(data, call, { ...opts, id: 'n1' })).data;
    expect(migrateUserData(JSON.parse(JSON.stringify(saved)))).toEqual({ ok: true, data: saved, from: 1 });
    const file = parseListsImport(exportLists(saved, NOW), 'JP');
    expect(ok(file).trusted.map((e) => e.e164)).toEqual(['+4977695248535508']);
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.record({ schema: fc.constant(1) }, { requiredKeys: [] })),
        (raw) => {
          const r = migrateUserData(raw);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('settings', () => {
  it('applies a patch without touching other settings', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, {
      paused: true,
      marking: { ...DEFAULT_SETTINGS.marking, unknown: true },
    });
    expect(next).toEqual({
      ...DEFAULT_SETTINGS,
      paused: true,
      marking: { ...DEFAULT_SETTINGS.marking, unknown: true },
    });
    expect(DEFAULT_SETTINGS.paused).toBe(false);
  });

  it('normalises and de-duplicates disabled sites', () => {
    expect(
      applySettingsPatch(DEFAULT_SETTINGS, { disabledSites: ['Example.COM.', 'example.com', ''] })
        .disabledSites,
    ).toEqual(['example.com']);
  });

  it('switches one site off and on', () => {
    const off = setSiteEnabled(DEFAULT_SETTINGS, 'Shop.Example', false);
    expect(off.disabledSites).toEqual(['shop.example']);
    expect(siteActive(off, 'shop.example')).toBe(false);
    expect(siteActive(off, 'other.example')).toBe(true);
    expect(setSiteEnabled(off, 'shop.example', true).disabledSites).toEqual([]);
    expect(siteActive({ ...DEFAULT_SETTINGS, paused: true }, 'other.example')).toBe(false);
  });
});

describe('personal lists', () => {
  it('puts a number with its E.164 and note', () => {
    const { data, entry } = ok(putListEntry(emptyUserData(), 'trusted', ' 0120-210-364 ', ' my bank ', opts));
    expect(entry).toEqual({ e164: '+81120210364', number: '0120-210-364', note: 'my bank', added: NOW });
    expect(data.trusted).toEqual([entry]);
    expect(userListsOf(data).trusted.get('+81120210364')).toBe('my bank');
  });

  it('refuses what is not a phone number, with the input in the message', () => {
    expect(putListEntry(emptyUserData(), 'trusted', 'abc', '', opts)).toEqual({
      error: '"abc" is not a phone number',
    });
    expect(putListEntry(emptyUserData(), 'blocked', '', '', opts)).toEqual({ error: 'enter a phone number' });
    const invalid = putListEntry(emptyUserData(), 'blocked', '0120-27753-5399', '', opts);
    expect(isFailure(invalid) && invalid.error).toMatch(/not a valid phone number/);
    expect(isFailure(putListEntry(emptyUserData(), 'blocked', '03-1234-5678', 'x'.repeat(501), opts))).toBe(
      true,
    );
  });

  it('keeps a number in one list only: putting it in one removes it from the other', () => {
    const trusted = withTrusted('03-1234-5678');
    const { data } = ok(putListEntry(trusted, 'blocked', '+81 3 1234 5678', 'scam', opts));
    expect(data.trusted).toEqual([]);
    expect(data.blocked.map((e) => e.e164)).toEqual(['+81312345678']);
  });

  it('re-putting updates the note and keeps the original date', () => {
    const first = withTrusted('03-1234-5678');
    const { data } = ok(putListEntry(first, 'trusted', '0312345678', 'new', { region: 'JP', now: 'later' }));
    expect(data.trusted).toEqual([{ e164: '+81312345678', number: '0312345678', note: 'new', added: NOW }]);
  });

  it('parses national numbers in the given region', () => {
    const { entry } = ok(
      putListEntry(emptyUserData(), 'trusted', '(212) 555-0100', '', { region: 'US', now: NOW }),
    );
    expect(entry.e164).toBe('+12125550100');
  });

  it('removes by E.164; removing a missing number changes nothing', () => {
    const data = withTrusted('03-1234-5678', '0120-210-364');
    expect(removeListEntry(data, 'trusted', '+81312345678').trusted.map((e) => e.e164)).toEqual([
      '+81120210364',
    ]);
    expect(removeListEntry(data, 'blocked', '+81312345678')).toEqual(data);
  });
});

describe('export and import of lists', () => {
  it('round-trips through export', () => {
    let data = withTrusted('03-1234-5678', '0120-210-364');
    data = ok(putListEntry(data, 'blocked', '+44 20 7946 0958', 'fake bank', opts)).data;
    const file = exportLists(data, NOW);
    expect(JSON.parse(file)).toMatchObject({ format: LISTS_FORMAT, version: 1, exported: NOW });
    const parsed = ok(parseListsImport(file, 'US'));
    expect(parsed).toEqual({ trusted: data.trusted, blocked: data.blocked });
    const merged = ok(mergeListsImport(emptyUserData(), parsed, 'later'));
    expect(merged.data.trusted).toEqual(data.trusted);
    expect(merged.data.blocked).toEqual(data.blocked);
    expect(merged.added).toEqual({ trusted: 2, blocked: 1 });
  });

  it('accepts a hand-written file with numbers only', () => {
    const json = JSON.stringify({ format: LISTS_FORMAT, version: 1, blocked: [{ number: '090-1234-5678' }] });
    expect(ok(parseListsImport(json, 'JP'))).toEqual({
      trusted: [],
      blocked: [{ e164: '+819012345678', number: '090-1234-5678', note: '', added: '' }],
    });
  });

  const file = (body: object) => JSON.stringify({ format: LISTS_FORMAT, version: 1, ...body });
  it.each([
    ['not JSON', '{"format": "callback-guard-lists", ', /^the file is not JSON/],
    ['empty', '', /^the file is not JSON/],
    ['a JSON array', '[]', /not a JSON object/],
    [
      'the wrong format marker',
      JSON.stringify({ format: 'other', version: 1, trusted: [] }),
      /format is "other"/,
    ],
    ['no format marker', JSON.stringify({ version: 1, trusted: [] }), /format is/],
    [
      'a newer version',
      JSON.stringify({ format: LISTS_FORMAT, version: 2, trusted: [] }),
      /newer Callback Guard/,
    ],
    ['no lists', file({}), /neither a "trusted" nor a "blocked"/],
    ['a list that is an object', file({ trusted: {} }), /^"trusted" is not a list$/],
    [
      'a bad number',
      file({ trusted: [{ number: '03-1234-5678' }, { number: '03-1234-5679' }, { number: 'abc' }] }),
      /^trusted entry 3: "abc" is not a phone number$/,
    ],
    [
      'an entry that is not an object',
      file({ blocked: ['03-1234-5678'] }),
      /^blocked entry 1: not an object/,
    ],
    ['a number that is not text', file({ blocked: [{ number: 312345678 }] }), /^blocked entry 1: "number"/],
    ['a bad e164', file({ blocked: [{ number: 'x', e164: '+0' }] }), /^blocked entry 1: "e164"/],
    [
      'a bad date',
      file({ blocked: [{ number: '03-1234-5678', added: 'yesterday' }] }),
      /"added" "yesterday" is not a date/,
    ],
    [
      'a note too long',
      file({ blocked: [{ number: '03-1234-5678', note: 'x'.repeat(501) }] }),
      /note is longer/,
    ],
    [
      'a number in both lists',
      file({ trusted: [{ number: '03-1234-5678' }], blocked: [{ number: '+81312345678' }] }),
      /^blocked entry 1: \+81312345678 is also in the trusted list$/,
    ],
    [
      'too many entries',
      file({ trusted: Array.from({ length: 10_001 }, () => ({ number: '03-1234-5678' })) }),
      /at most 10000/,
    ],
    ['a file too big', ' '.repeat(MAX_IMPORT_LENGTH + 1), /too big/],
  ])('rejects %s with one clear line', (_name, json, message) => {
    const r = parseListsImport(json, 'JP');
    expect(isFailure(r)).toBe(true);
    expect(isFailure(r) && r.error).toMatch(message);
    expect(isFailure(r) && r.error.includes('\n')).toBe(false);
  });

  it('merges: never removes or rewrites an existing entry', () => {
    let data = withTrusted('03-1234-5678', '0120-210-364');
    data = ok(putListEntry(data, 'blocked', '090-1234-5678', 'scammer', opts)).data;
    const imported = ok(
      parseListsImport(
        file({
          trusted: [
            { number: '03-1234-5678', note: 'changed?' },
            { number: '090-1234-5678', note: 'now trusted?' },
            { number: '06-6445-3474' },
          ],
          blocked: [{ number: '0120-210-364' }, { number: '+44 20 7946 0958' }],
        }),
        'JP',
      ),
    );
    const out = ok(mergeListsImport(data, imported, 'later'));
    // Every existing entry is still there, unchanged, in the same list.
    for (const list of ['trusted', 'blocked'] as const) {
      for (const e of data[list]) expect(out.data[list]).toContainEqual(e);
    }
    expect(out.added).toEqual({ trusted: 1, blocked: 1 });
    expect(out.skipped.sort()).toEqual(['+81120210364', '+819012345678']);
    expect(out.data.trusted.find((e) => e.e164 === '+81664453474')?.added).toBe('later');
  });

  it('nothing is applied from a file with one bad entry', () => {
    const r = parseListsImport(file({ trusted: [{ number: '03-1234-5678' }, { number: 'nope' }] }), 'JP');
    expect(r).toEqual({ error: 'trusted entry 2: "nope" is not a phone number' });
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = parseListsImport(text, 'JP');
        expect(isFailure(r) || Array.isArray(r.trusted)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary JSON with the right marker', () => {
    const entry = fc.oneof(
      fc.anything(),
      fc.record(
        {
          number: fc.oneof(
            fc.string(),
            fc.constantFrom('03-1234-5678', '+44 20 7946 0958', '0120'),
            fc.anything(),
          ),
          e164: fc.oneof(fc.string(), fc.constant('+81312345678'), fc.anything()),
          note: fc.oneof(fc.string(), fc.anything()),
          added: fc.oneof(fc.string(), fc.constant('2026-01-01'), fc.anything()),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            format: fc.oneof(fc.constant(LISTS_FORMAT), fc.anything()),
            version: fc.oneof(fc.constant(1), fc.anything()),
            trusted: fc.oneof(fc.array(entry, { maxLength: 5 }), fc.anything()),
            blocked: fc.oneof(fc.array(entry, { maxLength: 5 }), fc.anything()),
          },
          { requiredKeys: [] },
        ),
        (value) => {
          const r = parseListsImport(JSON.stringify(value) ?? '', 'JP');
          if (!isFailure(r)) {
            for (const e of [...r.trusted, ...r.blocked]) expect(e.e164).toMatch(/^\+\d+$/);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('missed calls', () => {
  const add = (data: UserData, number: string, id: string, when = '2026-11-30T09:15') =>
    addMissedCall(data, { number, when, said: 'said it was the bank' }, { region: 'JP', now: NOW, id });

  it('records a note, with the E.164 when the number is valid', () => {
    const { data, note } = ok(add(emptyUserData(), '03-1234-5678', 'n1'));
    expect(note).toEqual({
      id: 'n1',
      number: '03-1234-5678',
      e164: '+81312345678',
      when: '2026-11-30T09:15',
      said: 'said it was the bank',
      recorded: NOW,
    });
    expect(data.missedCalls).toEqual([note]);
    expect(ok(add(emptyUserData(), '非通知', 'n2')).note.e164).toBeNull();
  });

  it('refuses an empty number or a bad date', () => {
    expect(add(emptyUserData(), ' ', 'x')).toEqual({ error: 'enter the number the call came from' });
    expect(isFailure(add(emptyUserData(), '03-1234-5678', 'x', 'someday'))).toBe(true);
  });

  it('removes by id and exports newest call first', () => {
    let data = ok(add(emptyUserData(), '03-1234-5678', 'old', '2026-11-01T09:00')).data;
    data = ok(add(data, '090-1234-5678', 'new', '2026-11-30T09:00')).data;
    const exported = JSON.parse(exportMissedCalls(data, NOW));
    expect(exported.format).toBe('callback-guard-missed-calls');
    expect(exported.notes.map((n: { id: string }) => n.id)).toEqual(['new', 'old']);
    expect(removeMissedCall(data, 'old').missedCalls.map((n) => n.id)).toEqual(['new']);
  });
});

describe('feed subscriptions', () => {
  it('adds an https feed, canonical URL, optional key', () => {
    const { data, feed } = ok(addFeed(emptyUserData(), { url: 'https://Feeds.Example/jp.json#x' }, NOW));
    expect(feed).toEqual({ url: 'https://feeds.example/jp.json', added: NOW });
    expect(data.feeds).toEqual([feed]);
    const pinned = ok(
      addFeed(data, { url: 'https://feeds.example/b.json', publicKey: `SHA256:${'AB'.repeat(32)}` }, NOW),
    );
    expect(pinned.feed.publicKey).toBe(`sha256:${'ab'.repeat(32)}`);
  });

  it.each([
    ['http://feeds.example/jp.json', /must use https:\/\/ \("http" is not allowed\)/],
    ['ftp://feeds.example/jp.json', /"ftp" is not allowed/],
    ['javascript:alert(1)', /"javascript" is not allowed/],
    ['file:///etc/passwd', /"file" is not allowed/],
    ['not a url', /is not a web address/],
    ['https://user:pw@feeds.example/', /user name or password/],
  ])('refuses %s', (url, message) => {
    const r = addFeed(emptyUserData(), { url }, NOW);
    expect(isFailure(r) && r.error).toMatch(message);
  });

  it('refuses a malformed key and a duplicate subscription', () => {
    expect(
      isFailure(addFeed(emptyUserData(), { url: 'https://a.example/', publicKey: 'sha256:12' }, NOW)),
    ).toBe(true);
    expect(isFailure(addFeed(emptyUserData(), { url: 'https://a.example/', publicKey: 'AAAA' }, NOW))).toBe(
      true,
    );
    const { data } = ok(addFeed(emptyUserData(), { url: 'https://a.example/' }, NOW));
    expect(addFeed(data, { url: 'https://a.example/' }, NOW)).toEqual({
      error: 'already subscribed to https://a.example/',
    });
  });

  it('accepts a raw 32-byte Ed25519 key and reduces an SPKI key to raw', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const raw = Buffer.from(await crypto.subtle.exportKey('raw', pair.publicKey)).toString('base64');
    const spki = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString('base64');
    expect(normalizeFeedKey(raw)).toEqual({ key: raw });
    expect(normalizeFeedKey(spki)).toEqual({ key: raw });
  });

  it('removes a feed', () => {
    const { data } = ok(addFeed(emptyUserData(), { url: 'https://a.example/x' }, NOW));
    expect(removeFeed(data, 'https://a.example/x').feeds).toEqual([]);
  });
});

describe('regions for typed numbers', () => {
  it('falls back to JP, then US, for a national number invalid in the user region', () => {
    const us = { region: 'US', now: NOW };
    expect(ok(putListEntry(emptyUserData(), 'trusted', '0120-210-364', '', us)).entry.e164).toBe(
      '+81120210364',
    );
    expect(ok(putListEntry(emptyUserData(), 'trusted', '(212) 555-0100', '', opts)).entry.e164).toBe(
      '+12125550100',
    );
    expect(
      ok(putListEntry(emptyUserData(), 'trusted', '020 7946 0958', '', { region: 'GB', now: NOW })).entry
        .e164,
    ).toBe('+442079460958');
  });
});

describe('regions for typed numbers, continued', () => {
  it('parses a Japanese mobile number typed with a US region', () => {
    expect(
      ok(putListEntry(emptyUserData(), 'blocked', '090-1234-5678', '', { region: 'US', now: NOW })).entry
        .e164,
    ).toBe('+819012345678');
    expect(putListEntry(emptyUserData(), 'blocked', 'abc', '', { region: 'US', now: NOW })).toEqual({
      error: '"abc" is not a phone number',
    });
  });
});
