import bundledData from 'virtual:cbg-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FeedTrust,
  MAX_FEED_BYTES,
  mergeKnowledge,
  mergeKnowledgeReport,
  parseFeedBody,
  readBodyCapped,
  sha256Hex,
  summarizeData,
  validateCompiledData,
  verifyFeed,
} from './feeds';
import type { CompiledData, CompiledNumber, CompiledOrg } from './registry/compiled';
import type { PatternRuleSource } from './registry/source-types';
import { Knowledge } from './verdict/knowledge';

const src = (kind: 'official' | 'secondary') => ({
  url: 'https://bank.example/contact',
  checked: '2026-11-01',
  kind,
});
const text = (s: string) => ({ ja: s, en: s });

function org(id: string, domains: string[] = []): CompiledOrg {
  return { id, country: 'JP', name: text(id), aliases: [], category: 'bank', domains };
}
function num(orgIndex: number, e164: string, kind: 'official' | 'secondary' = 'official'): CompiledNumber {
  return {
    org: orgIndex,
    country: e164.startsWith('+44') ? 'GB' : 'JP',
    e164,
    shortCode: null,
    printed: e164,
    purpose: text('desk'),
    kind: 'voice',
    source: src(kind),
    confidence: 'high',
  };
}
function rule(
  id: string,
  match: PatternRuleSource['match'],
  reason: PatternRuleSource['reason'] = 'reported-scam',
): PatternRuleSource {
  return { id, reason, severity: 'danger', match, description: text(id), source: src('secondary') };
}

const BUNDLED: CompiledData = {
  format: 1,
  version: '2026-11-01.aaaa',
  orgs: [org('jp-bank-a', ['bank-a.example']), org('jp-bank-b')],
  numbers: [num(0, '+81120111111'), num(1, '+81120222222', 'secondary'), num(0, '+81312345678')],
  rules: [
    rule('bundled-reported', { e164: ['+81399999999'] }),
    rule('bundled-unassigned', { unassignedCallingCode: true }, 'unassigned-code'),
  ],
};

function feed(over: Partial<CompiledData> = {}): CompiledData {
  return {
    format: 1,
    version: '2026-11-20.ffff',
    orgs: [org('jp-feed-org', ['feed-org.example'])],
    numbers: [num(0, '+81120333333')],
    rules: [rule('feed-reported', { e164: ['+81355555555'] })],
    ...over,
  };
}

describe('validateCompiledData', () => {
  it('accepts the bundled registry as compiled from data/', () => {
    const bundled = bundledData as CompiledData;
    expect(bundled.numbers.length).toBeGreaterThan(10);
    expect(validateCompiledData(JSON.parse(JSON.stringify(bundled)))).toEqual(bundled);
  });

  it('accepts a small feed and rebuilds it without unknown fields', () => {
    expect(validateCompiledData(feed())).toEqual(feed());
  });

  it.each([
    ['not an object', 'x', /^feed: must be an object$/],
    ['a wrong format', { ...feed(), format: 2 }, /^format: is 2/],
    ['no version', { ...feed(), version: undefined }, /^version: must be text$/],
    ['an unknown top-level field', { ...feed(), extra: 1 }, /unexpected field "extra"/],
    [
      'a number with a bad e164',
      feed({ numbers: [{ ...num(0, '+81120333333'), e164: '+81abc' }] }),
      /^numbers\[0\]\.e164: "\+81abc" has the wrong form$/,
    ],
    [
      'a number pointing at no org',
      feed({ numbers: [num(5, '+81120333333')] }),
      /^numbers\[0\]\.org: must be the index/,
    ],
    [
      'a number with neither e164 nor short code',
      feed({ numbers: [{ ...num(0, '+81120333333'), e164: null }] }),
      /exactly one of e164 and shortCode/,
    ],
    [
      'a bad source kind',
      feed({
        numbers: [{ ...num(0, '+81120333333'), source: { ...src('official'), kind: 'trusted' as never } }],
      }),
      /source\.kind: must be one of/,
    ],
    [
      'a javascript: source url',
      feed({ numbers: [{ ...num(0, '+81120333333'), source: { ...src('official'), url: 'javascript:x' } }] }),
      /source\.url/,
    ],
    ['duplicate org ids', feed({ orgs: [org('jp-x'), org('jp-x')] }), /orgs\[1\]\.id: "jp-x" is used twice/],
    [
      'a rule mixing match kinds',
      feed({ rules: [rule('r', { e164Prefix: ['+81990'], callingCode: ['44'] } as never)] }),
      /unexpected field "callingCode"/,
    ],
    ['an empty match', feed({ rules: [rule('r', {} as never)] }), /match: is empty/],
    [
      'a phrase rule with another reason',
      feed({ rules: [rule('r', { phrases: { ja: ['至急'] }, category: 'urgency' })] }),
      /phrase rules must be "scam-context"/,
    ],
    [
      'too many numbers',
      feed({ numbers: Array.from({ length: 200_001 }, () => num(0, '+81120333333')) }),
      /^numbers: has more than 200000 items$/,
    ],
    [
      'an overlong string',
      feed({ orgs: [{ ...org('jp-x'), name: text('x'.repeat(2001)) }] }),
      /longer than 2000/,
    ],
  ])('rejects %s, naming where', (_name, value, message) => {
    const r = validateCompiledData(value);
    expect('error' in r && r.error).toMatch(message);
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const r = validateCompiledData(v);
        expect('error' in r || r.format === 1).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on values shaped almost like compiled data', () => {
    const almost = fc.record(
      {
        format: fc.oneof(fc.constant(1), fc.anything()),
        version: fc.oneof(fc.string(), fc.anything()),
        orgs: fc.oneof(
          fc.array(fc.oneof(fc.constant(org('jp-a')), fc.anything()), { maxLength: 3 }),
          fc.anything(),
        ),
        numbers: fc.oneof(
          fc.array(
            fc.oneof(
              fc.constant(num(0, '+81120333333')),
              fc.record(
                { org: fc.anything(), e164: fc.anything(), shortCode: fc.anything() },
                { requiredKeys: [] },
              ),
              fc.anything(),
            ),
            { maxLength: 3 },
          ),
          fc.anything(),
        ),
        rules: fc.oneof(
          fc.array(
            fc.oneof(
              fc.constant(rule('r', { e164: ['+81355555555'] })),
              fc.record(
                { id: fc.string(), match: fc.dictionary(fc.string(), fc.anything()) },
                { requiredKeys: [] },
              ),
              fc.anything(),
            ),
            { maxLength: 3 },
          ),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(almost, (v) => {
        const r = validateCompiledData(v);
        if (!('error' in r)) expect(new Knowledge(r).version).toBe(r.version);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseFeedBody', () => {
  const bytes = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;
  it('refuses truncated JSON, bad UTF-8 and wrong shapes', () => {
    const full = JSON.stringify(feed());
    expect(parseFeedBody(bytes(full))).toEqual(feed());
    expect(parseFeedBody(bytes(full.slice(0, full.length / 2)))).toMatchObject({
      error: expect.stringMatching(/^the feed is not JSON, or was cut short/),
    });
    expect(parseFeedBody(new Uint8Array([0xff, 0xfe, 0x7b]).buffer)).toEqual({
      error: 'the feed is not UTF-8 text',
    });
    expect(parseFeedBody(bytes('{"format":1}'))).toMatchObject({ error: expect.stringMatching(/^version/) });
  });
});

/** A response whose body streams `total` bytes in 64 KB chunks, counting what was pulled. */
function streamingResponse(total: number, headers: Record<string, string> = {}) {
  const pulled = { bytes: 0, cancelled: false };
  const chunk = new Uint8Array(64 * 1024).fill(32);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) {
        controller.close();
        return;
      }
      const n = Math.min(chunk.length, total - pulled.bytes);
      pulled.bytes += n;
      controller.enqueue(chunk.slice(0, n));
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
  return { response: new Response(body, { headers }), pulled };
}

describe('readBodyCapped', () => {
  it('reads a body under the cap', async () => {
    const { response } = streamingResponse(200_000);
    const out = await readBodyCapped(response);
    expect(out instanceof ArrayBuffer && out.byteLength).toBe(200_000);
  });

  it('refuses a 50 MB body while streaming, long before reading it all', async () => {
    const { response, pulled } = streamingResponse(50 * 1024 * 1024);
    const controller = new AbortController();
    expect(await readBodyCapped(response, MAX_FEED_BYTES, controller)).toEqual({
      error: 'the feed is larger than 10 MB',
    });
    expect(pulled.bytes).toBeLessThan(MAX_FEED_BYTES + 512 * 1024);
    expect(pulled.cancelled).toBe(true);
    expect(controller.signal.aborted).toBe(true);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const { response, pulled } = streamingResponse(50 * 1024 * 1024, {
      'content-length': String(50 * 1024 * 1024),
    });
    expect(await readBodyCapped(response)).toEqual({ error: 'the feed is larger than 10 MB' });
    expect(pulled.bytes).toBeLessThanOrEqual(128 * 1024);
  });

  it('reports a body that breaks off', async () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (!sent) {
          sent = true;
          c.enqueue(new Uint8Array(10));
        } else c.error(new Error('connection reset'));
      },
    });
    expect(await readBodyCapped(new Response(body))).toEqual({
      error: 'the download broke off (connection reset)',
    });
  });
});

describe('verifyFeed', () => {
  const body = new TextEncoder().encode(JSON.stringify(feed())).buffer as ArrayBuffer;
  const b64 = (buf: ArrayBuffer) => Buffer.from(buf).toString('base64');

  it('accepts an unkeyed feed as unsigned', async () => {
    expect(await verifyFeed(body, null, undefined)).toEqual({ ok: true, trust: 'unsigned' });
  });

  it('checks a sha256 pin of the body', async () => {
    const digest = await sha256Hex(body);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyFeed(body, null, `sha256:${digest}`)).toEqual({ ok: true, trust: 'pinned' });
    const other = new TextEncoder().encode('{}').buffer as ArrayBuffer;
    const r = await verifyFeed(other, null, `sha256:${digest}`);
    expect(r.ok === false && r.error).toMatch(/not the pinned/);
  });

  it('checks an Ed25519 signature with a key generated here', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const publicKey = b64(await crypto.subtle.exportKey('raw', pair.publicKey));
    const signature = b64(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, body));
    expect(await verifyFeed(body, signature, publicKey)).toEqual({ ok: true, trust: 'signed' });

    const tampered = new Uint8Array(body.slice(0));
    tampered[10] = (tampered[10] as number) ^ 1;
    const bad = await verifyFeed(tampered.buffer, signature, publicKey);
    expect(bad.ok === false && bad.error).toBe('the signature does not match the feed and the public key');

    const otherPair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const otherKey = b64(await crypto.subtle.exportKey('raw', otherPair.publicKey));
    expect((await verifyFeed(body, signature, otherKey)).ok).toBe(false);
    const missing = await verifyFeed(body, null, publicKey);
    expect(missing.ok === false && missing.error).toMatch(/no signature/);
    const garbage = await verifyFeed(body, 'not base64!', publicKey);
    expect(garbage.ok === false && garbage.error).toMatch(/not a base64 Ed25519 signature/);
    const shortKey = await verifyFeed(body, signature, 'AAAA');
    expect(shortKey.ok === false && shortKey.error).toMatch(/not a base64 Ed25519 key/);
  });
});

describe('mergeKnowledge', () => {
  const merged = (f: CompiledData, trust: FeedTrust = 'signed') =>
    mergeKnowledgeReport(BUNDLED, [{ data: f, trust }]);

  it('keeps every bundled entry, unchanged and at the same index, and adds the feed', () => {
    const { data } = merged(feed());
    expect(data.orgs.slice(0, BUNDLED.orgs.length)).toEqual(BUNDLED.orgs);
    expect(data.numbers.slice(0, BUNDLED.numbers.length)).toEqual(BUNDLED.numbers);
    expect(data.rules.slice(0, BUNDLED.rules.length)).toEqual(BUNDLED.rules);
    expect(data.numbers).toHaveLength(4);
    expect(data.numbers[3]).toMatchObject({ e164: '+81120333333', org: 2, source: { kind: 'official' } });
    expect(data.orgs[2]?.domains).toEqual(['feed-org.example']);
    expect(data.version).toBe('2026-11-01.aaaa+2026-11-20.ffff');
    const k = new Knowledge(data);
    expect(k.recordsForE164('+81120333333')).toHaveLength(1);
    expect(k.reportedE164.has('+81355555555')).toBe(true);
  });

  it('never drops a bundled entry, whatever the feeds hold (property)', () => {
    const e164 = fc.constantFrom(
      '+81120111111',
      '+81120222222',
      '+81312345678',
      '+81120333333',
      '+81399999999',
    );
    const anyFeed = fc.record({
      orgs: fc.constant([org('jp-bank-a'), org('jp-new')]),
      numbers: fc.array(
        fc.tuple(fc.integer({ min: 0, max: 1 }), e164, fc.constantFrom('official', 'secondary')),
        { maxLength: 6 },
      ),
      rules: fc.array(
        fc.oneof(
          fc.record({ e164: fc.array(e164, { minLength: 1, maxLength: 3 }) }),
          fc.record({
            e164Prefix: fc.array(fc.constantFrom('+81120', '+8131', '+44', '+8199'), {
              minLength: 1,
              maxLength: 2,
            }),
          }),
          fc.constant({ unassignedCallingCode: true as const }),
        ),
        { maxLength: 4 },
      ),
      trust: fc.constantFrom<FeedTrust>('signed', 'pinned', 'unsigned'),
    });
    fc.assert(
      fc.property(fc.array(anyFeed, { maxLength: 3 }), (feeds) => {
        const out = mergeKnowledge(
          BUNDLED,
          feeds.map((f, i) => ({
            trust: f.trust,
            data: feed({
              orgs: [...f.orgs],
              numbers: f.numbers.map(([o, e, kind]) => num(o, e, kind as 'official' | 'secondary')),
              rules: f.rules.map((m, j) => rule(`f${i}-r${j}`, m as PatternRuleSource['match'])),
            }),
          })),
        );
        expect(out.orgs.slice(0, 2)).toEqual(BUNDLED.orgs);
        expect(out.numbers.slice(0, 3)).toEqual(BUNDLED.numbers);
        expect(out.rules.slice(0, 2)).toEqual(BUNDLED.rules);
        // No feed rule touches a bundled official number, and no number is listed twice.
        const k = new Knowledge(out);
        for (const official of ['+81120111111', '+81312345678']) {
          expect(k.reportedE164.has(official)).toBe(false);
          expect(k.prefixRules.some((p) => official.startsWith(p.prefix))).toBe(false);
          expect(k.recordsForE164(official)).toHaveLength(1);
        }
        expect(out.rules.filter((r) => 'unassignedCallingCode' in r.match)).toHaveLength(1);
        // Official entries only from verified feeds.
        if (feeds.every((f) => f.trust === 'unsigned')) {
          expect(out.numbers.slice(3).filter((n) => n.source.kind === 'official')).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a feed cannot override or take over a bundled number', () => {
    const f = feed({ numbers: [num(0, '+81120111111'), num(0, '+81120222222')] });
    const { data, feeds } = merged(f);
    expect(data.numbers).toHaveLength(3);
    expect(feeds[0]?.dropped).toEqual(['+81120111111: already listed', '+81120222222: already listed']);
  });

  it('a feed rule cannot flag a bundled official number', () => {
    const f = feed({
      rules: [
        rule('prefix-hits', { e164Prefix: ['+81120'] }, 'premium-rate'),
        rule('prefix-misses', { e164Prefix: ['+81990'] }, 'premium-rate'),
        rule('cc-hits', { callingCode: ['81'] }, 'one-ring-country'),
        rule('reported-mixed', { e164: ['+81120111111', '+81355555555'] }),
        rule('reported-only-official', { e164: ['+81312345678'] }),
        rule('bundled-reported', { e164: ['+81344444444'] }),
        rule('unassigned-again', { unassignedCallingCode: true }, 'unassigned-code'),
      ],
    });
    const { data } = merged(f);
    const added = data.rules.slice(BUNDLED.rules.length);
    expect(added.map((r) => r.id)).toEqual(['prefix-misses', 'reported-mixed']);
    expect(added[1]?.match).toEqual({ e164: ['+81355555555'] });
  });

  it('an unverified feed cannot make anything official, claim domains, or attach to bundled orgs', () => {
    const f = feed({
      orgs: [org('jp-feed-org', ['evil.example']), org('jp-bank-a', ['evil.example'])],
      numbers: [num(0, '+81120333333', 'official'), num(1, '+81120444444', 'official')],
    });
    const { data, feeds } = merged(f, 'unsigned');
    expect(data.numbers.slice(3)).toEqual([{ ...num(2, '+81120333333'), source: src('secondary') }]);
    expect(data.orgs[2]?.domains).toEqual([]);
    expect(data.orgs[0]).toEqual(BUNDLED.orgs[0]);
    expect(feeds[0]?.dropped[0]).toMatch(/unverified feed cannot add numbers to "jp-bank-a"/);
    const k = new Knowledge(data);
    expect(k.recordsForE164('+81120333333')[0]?.source.kind).toBe('secondary');
  });

  it('a verified feed may add official numbers to a bundled organisation, but not change it', () => {
    const f = feed({
      orgs: [{ ...org('jp-bank-a', ['evil.example']), name: text('renamed') }],
      numbers: [num(0, '+81120444444')],
    });
    const { data } = merged(f, 'pinned');
    expect(data.orgs).toHaveLength(2);
    expect(data.orgs[0]).toEqual(BUNDLED.orgs[0]);
    expect(data.numbers[3]).toMatchObject({ org: 0, source: { kind: 'official' } });
  });

  it('the first feed wins a collision between feeds', () => {
    const a = feed({ version: 'a', numbers: [num(0, '+81120333333', 'secondary')] });
    const b = feed({ version: 'b', orgs: [org('jp-other')], numbers: [num(0, '+81120333333')] });
    const out = mergeKnowledge(BUNDLED, [
      { data: a, trust: 'signed' },
      { data: b, trust: 'signed' },
    ]);
    expect(out.numbers.filter((n) => n.e164 === '+81120333333')).toEqual([
      { ...num(2, '+81120333333', 'secondary') },
    ]);
    expect(out.rules.filter((r) => r.id === 'feed-reported')).toHaveLength(1);
  });

  it('summarises numbers per country', () => {
    expect(
      summarizeData(
        mergeKnowledge(BUNDLED, [{ data: feed({ numbers: [num(0, '+442079460958')] }), trust: 'signed' }]),
      ),
    ).toEqual({
      version: '2026-11-01.aaaa+2026-11-20.ffff',
      numbers: 4,
      byCountry: { JP: 3, GB: 1 },
      rules: 3,
    });
  });
});

describe('mergeKnowledge between feeds', () => {
  it('an unverified feed cannot attach numbers to an organisation another feed introduced', () => {
    const signed = feed({ version: 's' });
    const unsigned = feed({ version: 'u', numbers: [num(0, '+81120555555', 'secondary')], rules: [] });
    const { data, feeds } = mergeKnowledgeReport(BUNDLED, [
      { data: signed, trust: 'signed' },
      { data: unsigned, trust: 'unsigned' },
    ]);
    expect(data.numbers.map((n) => n.e164)).not.toContain('+81120555555');
    expect(feeds[1]?.dropped).toEqual([
      '+81120555555: an unverified feed cannot add numbers to "jp-feed-org"',
    ]);
  });
});
