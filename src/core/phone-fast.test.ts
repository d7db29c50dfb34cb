/**
 * The fast path (phone-fast.ts) against libphonenumber-js's own parse, on numbers generated from
 * the metadata's patterns for every region, written nationally, internationally, with the
 * region's international prefix and without the plus sign, mutated (a digit changed, one too
 * few, one too many), plus random digit strings (fast-check). Every field the engine reads must
 * be identical: calling code, national number, region, carrier code, type (so validity),
 * possible length, national and international formats with an extension.
 */

import fc from 'fast-check';
import {
  type CountryCode,
  Metadata,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import {
  type FastNumber,
  fastFormat,
  fastIsPossible,
  fastParse,
  fastPathAvailable,
  fastType,
} from './phone-fast';
import { clearParseCache, parseNumber } from './phone-parse';
import { rng } from './seeded-random.test-helper';

type PlanJson = unknown[];
const json = (new Metadata() as unknown as { metadata: { countries: Record<string, PlanJson> } }).metadata;
const regions = Object.keys(json.countries);

// A random string matching a metadata pattern: the regex subset the metadata uses (digits, \d,
// classes, groups, alternation, ?, *, +, {n}, {n,m}).
type Node =
  | { k: 'alt'; options: Node[][] }
  | { k: 'set'; chars: string }
  | { k: 'lit'; ch: string }
  | { k: 'rep'; node: Node; min: number; max: number };

function parsePattern(src: string): Node[][] {
  let i = 0;
  const alternatives = (): Node[][] => {
    const options: Node[][] = [[]];
    while (i < src.length && src[i] !== ')') {
      const c = src[i] as string;
      if (c === '|') {
        i++;
        options.push([]);
        continue;
      }
      let atom: Node;
      if (c === '(') {
        i += src.startsWith('?:', i + 1) ? 3 : 1;
        atom = { k: 'alt', options: alternatives() };
        i++; // ')'
      } else if (c === '[') {
        i++;
        let chars = '';
        const negate = src[i] === '^';
        if (negate) i++;
        while (src[i] !== ']') {
          if (src[i] === '\\') {
            chars += src[i + 1] === 'd' ? '0123456789' : (src[i + 1] as string);
            i += 2;
          } else if (src[i + 1] === '-' && src[i + 2] !== ']') {
            for (let x = src.charCodeAt(i); x <= src.charCodeAt(i + 2); x++) chars += String.fromCharCode(x);
            i += 3;
          } else chars += src[i++] as string;
        }
        i++;
        if (negate) chars = [...'0123456789'].filter((d) => !chars.includes(d)).join('');
        atom = { k: 'set', chars };
      } else if (c === '\\') {
        atom =
          src[i + 1] === 'd' ? { k: 'set', chars: '0123456789' } : { k: 'lit', ch: src[i + 1] as string };
        i += 2;
      } else {
        i++;
        if (c === '$' || c === '^') continue;
        atom = { k: 'lit', ch: c };
      }
      const q = src[i];
      if (q === '?' || q === '*' || q === '+') {
        i++;
        atom = { k: 'rep', node: atom, min: q === '+' ? 1 : 0, max: q === '?' ? 1 : 3 };
      } else if (q === '{') {
        const close = src.indexOf('}', i);
        const [a, b] = src.slice(i + 1, close).split(',');
        const min = Number(a);
        atom = { k: 'rep', node: atom, min, max: b === undefined ? min : b === '' ? min + 3 : Number(b) };
        i = close + 1;
      }
      (options[options.length - 1] as Node[]).push(atom);
    }
    return options;
  };
  return alternatives();
}

function sample(pattern: string, rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const gen = (n: Node): string => {
    if (n.k === 'lit') return n.ch;
    if (n.k === 'set') return pick([...n.chars]);
    if (n.k === 'alt') return pick(n.options).map(gen).join('');
    let s = '';
    const times = n.min + Math.floor(rand() * (n.max - n.min + 1));
    for (let t = 0; t < times; t++) s += gen(n.node);
    return s;
  };
  return pick(parsePattern(pattern)).map(gen).join('');
}

/** What the engine reads from a parse, from libphonenumber-js. */
function slowFacts(digits: string, plus: boolean, region: string | undefined, ext?: string): unknown {
  let n: PhoneNumber | undefined;
  try {
    n = parsePhoneNumberFromString(plus ? `+${digits}` : digits, { defaultCountry: region as CountryCode });
  } catch {
    n = undefined;
  }
  if (!n) return null;
  if (ext) n.setExt(ext);
  return [
    n.countryCallingCode,
    n.nationalNumber,
    n.country,
    n.carrierCode,
    n.getType(),
    n.isPossible(),
    n.formatNational(),
    n.format('INTERNATIONAL'),
  ];
}

/** The same facts from the fast path. */
function fastFacts(digits: string, plus: boolean, region: string | undefined, ext?: string): unknown {
  const n: FastNumber | null | undefined = fastParse(digits, plus, region);
  if (n === undefined) return 'unsupported';
  if (n === null) return null;
  return [
    n.countryCallingCode,
    n.nationalNumber,
    n.country,
    n.carrierCode,
    fastType(n),
    fastIsPossible(n),
    fastFormat(n, 'NATIONAL', ext),
    fastFormat(n, 'INTERNATIONAL', ext),
  ];
}

interface Case {
  digits: string;
  plus: boolean;
  region: string | undefined;
  ext?: string;
}

function differences(cases: Iterable<Case>): { count: number; valid: number; diffs: string[] } {
  let count = 0;
  let valid = 0;
  const diffs: string[] = [];
  for (const c of cases) {
    count++;
    const slow = slowFacts(c.digits, c.plus, c.region, c.ext);
    const fast = fastFacts(c.digits, c.plus, c.region, c.ext);
    if (Array.isArray(slow) && slow[4] !== undefined) valid++;
    if (JSON.stringify(slow) !== JSON.stringify(fast) && diffs.length < 10) {
      diffs.push(
        `${c.region} ${c.plus ? '+' : ''}${c.digits}: ${JSON.stringify(slow)} vs ${JSON.stringify(fast)}`,
      );
    }
  }
  return { count, valid, diffs };
}

/** Numbers of every type of every region, written the ways pages write them, some mutated. */
function* generated(perRegion: number, seed: number): Generator<Case> {
  const rand = rng(seed);
  const digit = (): string => String(Math.floor(rand() * 10));
  for (const region of regions) {
    const plan = json.countries[region] as PlanJson;
    const cc = plan[0] as string;
    const np = (plan[5] as string) || '';
    const types = ((plan[11] as unknown[]) || []).filter((t): t is [string] => Array.isArray(t) && !!t[0]);
    for (let k = 0; k < perRegion; k++) {
      const t = types[Math.floor(rand() * types.length)];
      let nsn = sample(t && rand() < 0.85 ? t[0] : (plan[2] as string), rand);
      const r = rand();
      if (r < 0.15) {
        const i = Math.floor(rand() * nsn.length);
        nsn = nsn.slice(0, i) + digit() + nsn.slice(i + 1);
      } else if (r < 0.22) nsn = nsn.slice(0, -1);
      else if (r < 0.29) nsn += digit();
      const home = regions[Math.floor(rand() * regions.length)] as string;
      const ext = rand() < 0.05 ? '123' : undefined;
      const way = rand();
      if (way < 0.3) yield { digits: np + nsn, plus: false, region, ext };
      else if (way < 0.45) yield { digits: nsn, plus: false, region, ext };
      else if (way < 0.65) yield { digits: cc + nsn, plus: true, region: undefined, ext };
      else if (way < 0.75) yield { digits: cc + nsn, plus: true, region: home, ext };
      else if (way < 0.85) yield { digits: cc + nsn, plus: false, region, ext };
      else if (way < 0.95) {
        const idd = sample((json.countries[home] as PlanJson)[1] as string, rand);
        yield { digits: idd + cc + nsn, plus: false, region: home, ext };
      } else yield { digits: np + nsn, plus: false, region: home, ext };
    }
  }
}

/** The numbers Japanese and English pages print most, in their own regions and as fallbacks. */
function* common(count: number, seed: number): Generator<Case> {
  const rand = rng(seed);
  const d = (n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  const shapes = [
    () => `0120${d(6)}`,
    () => `0800${d(7)}`,
    () => `0570${d(6)}`,
    () => `050${d(8)}`,
    () => `03${d(8)}`,
    () => `06${d(8)}`,
    () => `090${d(8)}`,
    () => `080${d(8)}`,
    () => `070${d(8)}`,
    () => `0${d(9)}`,
    () => `0101${d(10)}`,
    () => `${2 + Math.floor(rand() * 8)}${d(9)}`,
    () => `1${2 + Math.floor(rand() * 8)}${d(9)}`,
    () => `1800${d(7)}`,
    () => `011${d(11)}`,
    () => `020${d(8)}`,
    () => `07${d(9)}`,
    () => `0800${d(6)}`,
    () => `0${d(10)}`,
  ];
  for (let i = 0; i < count; i++) {
    const digits = (shapes[Math.floor(rand() * shapes.length)] as () => string)();
    const region = (['JP', 'US', 'GB', 'CA'] as const)[Math.floor(rand() * 4)];
    yield { digits, plus: false, region };
    if (rand() < 0.3) yield { digits: digits.replace(/^0/, '81'), plus: true, region };
  }
}

describe('fast path: same answers as libphonenumber-js', () => {
  it('reads the metadata libphonenumber-js ships (so the engine uses it)', () => {
    expect(fastPathAvailable).toBe(true);
    expect(fastParse('0120123456', false, 'JP')).toMatchObject({ countryCallingCode: '81', country: 'JP' });
  });

  it('on numbers of every type of every region, national, international, dialled out, mutated', () => {
    const { count, valid, diffs } = differences(generated(120, 20261128));
    expect(diffs).toEqual([]);
    expect(count).toBeGreaterThan(25_000);
    expect(valid).toBeGreaterThan(count / 4);
  });

  it('on Japanese, North American and British numbers as pages print them', () => {
    const { count, valid, diffs } = differences(common(20_000, 7));
    expect(diffs).toEqual([]);
    expect(count).toBeGreaterThan(20_000);
    expect(valid).toBeGreaterThan(count / 4);
  });

  it('on arbitrary digit strings with any region', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 2, maxLength: 22 }),
        fc.boolean(),
        fc.option(fc.constantFrom(...regions, 'JP', 'US', 'GB'), { nil: undefined }),
        (digits, plus, region) => {
          expect(fastFacts(digits, plus, region)).toEqual(slowFacts(digits, plus, region));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('gives the matcher the same parse either way (parseNumber on the fast path vs the full parse)', () => {
    clearParseCache();
    for (const c of common(2_000, 11)) {
      const p = parseNumber(c.plus ? `+${c.digits}` : c.digits, c.region);
      const slow = slowFacts(c.digits, c.plus, c.region) as unknown[] | null;
      if (!slow || !p) {
        expect(p === null || slow === null).toBe(true);
        continue;
      }
      expect([p.countryCallingCode, p.nationalNumber, p.country, p.type, p.possible, p.national]).toEqual([
        slow[0],
        slow[1],
        slow[2],
        slow[4],
        slow[5],
        slow[6],
      ]);
      expect(p.e164).toBe(p.number.number);
      expect(p.international).toBe(p.number.format('INTERNATIONAL'));
    }
  });
});
