/**
 * E.164 number → registry records, built for lookups on every number of every page.
 * E.164 numbers have at most 15 digits, so each fits exactly in a float64: the index is a
 * sorted Float64Array searched by bisection, with a parallel Uint32Array of record indices.
 * A million entries take 12 MB and a lookup is about twenty comparisons.
 */

/** "+81120210364" → 81120210364, or NaN when it is not an E.164 string. */
export function e164Key(e164: string): number {
  if (e164.length < 3 || e164.length > 16 || e164.charCodeAt(0) !== 43 /* + */) return Number.NaN;
  let key = 0;
  for (let i = 1; i < e164.length; i++) {
    const d = e164.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    key = key * 10 + d;
  }
  return key;
}

export class RegistryIndex {
  private readonly keys: Float64Array;
  private readonly refs: Uint32Array;

  /** `entries[i]` is [e164, record index]; the same number may map to several records. */
  constructor(entries: ReadonlyArray<readonly [string, number]>) {
    const pairs: Array<[number, number]> = [];
    for (const [e164, ref] of entries) {
      const key = e164Key(e164);
      if (!Number.isNaN(key)) pairs.push([key, ref]);
    }
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.keys = new Float64Array(pairs.length);
    this.refs = new Uint32Array(pairs.length);
    pairs.forEach(([key, ref], i) => {
      this.keys[i] = key;
      this.refs[i] = ref;
    });
  }

  /** Builds straight from typed arrays (benchmarks with a million synthetic entries). */
  static fromSorted(keys: Float64Array, refs: Uint32Array): RegistryIndex {
    const index = Object.create(RegistryIndex.prototype) as { keys: Float64Array; refs: Uint32Array };
    index.keys = keys;
    index.refs = refs;
    return index as unknown as RegistryIndex;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Record indices for an E.164 number, in insertion order; empty when unknown. */
  lookup(e164: string): number[] {
    const key = e164Key(e164);
    if (Number.isNaN(key)) return [];
    const { keys } = this;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < keys.length && keys[i] === key; i++) out.push(this.refs[i] as number);
    return out;
  }
}
