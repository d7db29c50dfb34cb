/**
 * Registry benchmark (plain script: npx tsx bench/registry.bench.ts [--write]).
 *
 * 1. A synthetic registry of 1,000,000 distinct E.164 numbers (Japanese, US and UK ranges,
 *    deterministic PRNG) indexed with RegistryIndex (src/core/registry/registry-index.ts), built
 *    both ways: the constructor from [e164, record] pairs and `fromSorted` from typed arrays.
 *    Reports build time, retained memory (heap + array buffers, after gc) and the median lookup
 *    time over batches of 1,000 lookups (half hits, half misses). Budgets: ≤ 2 µs, ≤ 40 MB.
 * 2. `new Knowledge(bundled compiled data)`: the start-up cost of every service-worker wake-up
 *    (budget ≤ 20 ms), from `checkAndCompile(readDataDir('data'))`.
 * With --write, replaces (or appends) the "Registry" section of BENCHMARKS.md, leaving every
 * other section as it is. Re-runs itself with --expose-gc when needed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataDir } from '../src/cli/data-dir';
import { checkAndCompile } from '../src/core/registry/check';
import { e164Key, RegistryIndex } from '../src/core/registry/registry-index';
import { rng } from '../src/core/seeded-random.test-helper';
import { Knowledge } from '../src/core/verdict/knowledge';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  const r = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
const collect = () => {
  for (let i = 0; i < 3; i++) gc?.();
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRIES = 1_000_000;
const BATCH = 1_000;
const BATCHES = 2_000;

const PREFIXES = ['+81120', '+81800', '+813', '+816', '+8190', '+8180', '+1212', '+1800', '+4420', '+44800'];
const E164_LENGTH: Record<string, number> = { '+81': 12, '+1': 12, '+44': 13 };

function syntheticNumbers(count: number, seed: number, exclude?: Set<string>): string[] {
  const random = rng(seed);
  const out = new Set<string>();
  while (out.size < count) {
    const prefix = PREFIXES[Math.floor(random() * PREFIXES.length)] as string;
    const cc = prefix.startsWith('+81') ? '+81' : prefix.startsWith('+44') ? '+44' : '+1';
    let n = prefix;
    while (n.length < (E164_LENGTH[cc] as number)) n += Math.floor(random() * 10);
    if (!exclude?.has(n)) out.add(n);
  }
  return [...out];
}

const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] as number;
};

function lookupTimes(
  index: RegistryIndex,
  hits: string[],
  misses: string[],
): { median: number; p99: number; found: number } {
  const random = rng(7);
  const queries: string[] = [];
  for (let i = 0; i < BATCH * 20; i++) {
    const pool = i % 2 === 0 ? hits : misses;
    queries.push(pool[Math.floor(random() * pool.length)] as string);
  }
  let found = 0;
  // Warm-up (JIT), then timed batches.
  for (const q of queries) found += index.lookup(q).length;
  const perLookup: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const start = (b * BATCH) % queries.length;
    const t0 = performance.now();
    for (let i = start; i < start + BATCH; i++) found += index.lookup(queries[i] as string).length;
    perLookup.push(((performance.now() - t0) * 1000) / BATCH);
  }
  return { median: median(perLookup), p99: percentile(perLookup, 0.99), found };
}

// --- 1. Synthetic registry ------------------------------------------------------------------

const numbers = syntheticNumbers(ENTRIES, 42);
const misses = syntheticNumbers(100_000, 4242, new Set(numbers));
const entries: Array<[string, number]> = numbers.map((n, i) => [n, i]);

collect();
let before = memory();
let t0 = performance.now();
let index: RegistryIndex | null = new RegistryIndex(entries);
const ctorMs = performance.now() - t0;
collect();
const ctorBytes = memory() - before;
const ctorLookup = lookupTimes(index, numbers, misses);
if (index.size !== ENTRIES) throw new Error(`index has ${index.size} entries`);
index = null;

// fromSorted: the typed arrays a precompiled registry would ship.
const sortedPairs = entries.map(([e, i]) => [e164Key(e), i] as const).sort((a, b) => a[0] - b[0]);
collect();
before = memory();
t0 = performance.now();
const keys = new Float64Array(ENTRIES);
const refs = new Uint32Array(ENTRIES);
sortedPairs.forEach(([k, r], i) => {
  keys[i] = k;
  refs[i] = r;
});
const sorted = RegistryIndex.fromSorted(keys, refs);
const sortedMs = performance.now() - t0;
collect();
const sortedBytes = memory() - before;
const sortedLookup = lookupTimes(sorted, numbers, misses);
const expectedHits = ctorLookup.found;
if (sortedLookup.found !== expectedHits) throw new Error('the two indexes disagree');

// --- 2. Knowledge from the bundled data -------------------------------------------------------

const compiled = checkAndCompile(readDataDir(path.join(repoRoot, 'data'), repoRoot));
if (!compiled.ok) throw new Error(compiled.errors.join('\n'));
const data = compiled.data;
t0 = performance.now();
new Knowledge(data);
const knowledgeCold = performance.now() - t0;
const knowledgeRuns: number[] = [];
for (let i = 0; i < 50; i++) {
  const t = performance.now();
  new Knowledge(data);
  knowledgeRuns.push(performance.now() - t);
}
const knowledgeMedian = median(knowledgeRuns);

// --- Report -----------------------------------------------------------------------------------

const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const date = new Date().toISOString().slice(0, 10);
const us = (x: number) => `${x.toFixed(3)} µs`;
const verdict = (ok: boolean) => (ok ? 'within budget' : '**over budget**');
const section = `## Registry

Measured ${date} on ${cpu}, ${os.availableParallelism?.() ?? os.cpus().length} CPUs (nproc), Node ${process.version}
(\`npx tsx bench/registry.bench.ts\`; one run, gc between phases).

Synthetic registry: ${ENTRIES.toLocaleString('en')} distinct E.164 numbers (JP, US, UK ranges); lookups in
batches of ${BATCH.toLocaleString('en')}, half hits, half misses, median of ${BATCHES.toLocaleString('en')} batches.

| what | result | budget |
| --- | --- | --- |
| lookup, index built by the constructor, median (p99 batch) | ${us(ctorLookup.median)} (${us(ctorLookup.p99)}) | ≤ 2 µs, ${verdict(ctorLookup.median <= 2)} |
| lookup, index from sorted typed arrays, median (p99 batch) | ${us(sortedLookup.median)} (${us(sortedLookup.p99)}) | ≤ 2 µs, ${verdict(sortedLookup.median <= 2)} |
| memory retained by the index (heap + array buffers) | ${mb(ctorBytes)} MB (constructor), ${mb(sortedBytes)} MB (fromSorted) | ≤ 40 MB, ${verdict(Math.max(ctorBytes, sortedBytes) <= 40 * 1024 * 1024)} |
| build, constructor from 1M [e164, record] pairs | ${ctorMs.toFixed(0)} ms | (build time, not a budget) |
| build, fromSorted from typed arrays | ${sortedMs.toFixed(0)} ms | |
| \`new Knowledge(bundled data)\` (${data.numbers.length} numbers, ${data.orgs.length} orgs, ${data.rules.length} rules), median of 50 (first run) | ${knowledgeMedian.toFixed(2)} ms (${knowledgeCold.toFixed(2)} ms) | ≤ 20 ms, ${verdict(knowledgeMedian <= 20 && knowledgeCold <= 20)} |

The index holds only the keys (Float64Array) and record indices (Uint32Array): 12 bytes per entry,
so the memory figure is the index itself; the records it points to are whatever the registry
ships (the bundled registry has ${data.numbers.length} numbers).
`;

console.log(section);

if (process.argv.includes('--write')) {
  const file = path.join(repoRoot, 'BENCHMARKS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.search(/^## Registry\b.*$/m);
  let next: string;
  if (start < 0) {
    next = `${current.replace(/\n*$/, '\n\n')}${section}`;
  } else {
    const rest = current.slice(start + 1);
    const end = rest.search(/^## /m);
    next = current.slice(0, start) + section + (end < 0 ? '' : `\n${rest.slice(end)}`);
  }
  writeFileSync(file, next);
  console.log(`updated the Registry section of ${path.relative(process.cwd(), file)}`);
}
