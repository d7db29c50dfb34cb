/**
 * Number engine benchmark (plain script: npx tsx bench/engine.bench.ts [--write]).
 *
 * Text: the shared corpus pages' visible text repeated to >= 20 MB, plus a generated
 * Japanese/English mix (numbers in many formats, dates, times, prices, postal codes, order
 * numbers). Measures in one run: (a) findCandidates, (b) findPhoneNumbers, (c) libphonenumber-js
 * findPhoneNumbersInText (max) on a few-MB sample; ratio b/c, recall of b against c, and the
 * minified size of the scanner. MB = 10^6 bytes of UTF-8. With --write, replaces the "Number
 * engine" section of BENCHMARKS.md.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { visibleTextFromHtml } from '../src/core/html-text';
import { clearEngineCaches, findPhoneNumbers, type PhoneMatch, regionFromHints } from '../src/core/phone';
import { parseStats } from '../src/core/phone-parse';
import { findCandidates } from '../src/core/scanner';
import { rng } from '../src/core/seeded-random.test-helper';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = process.env.CALLBACK_GUARD_CORPUS ?? path.resolve(repoRoot, '../shared/corpus');
const PAGE_TARGET_BYTES = 20e6;
const SYNTHETIC_BYTES = 5e6;
/** As the background calls the engine: a national number invalid in the page's region is tried in JP, then US. */
const FALLBACK = ['JP', 'US'];
/** libphonenumber-js sample size (it runs at ~1.6 MB/s). */
const SAMPLE_BYTES = 2e6;
/** Interleaved rounds of every measurement (see interleaved). */
const ROUNDS = 6;

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

interface Segment {
  text: string;
  region: string;
  /** The phone numbers printed in the text, as printed (ground truth), when known. */
  expected: string[];
}

/** One copy of every corpus page's visible text, each with the region of its language. */
function pageSegments(): Segment[] {
  const dir = path.join(corpusDir, 'pages');
  if (!existsSync(dir)) return [];
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    file: string;
    language: string;
    occurrences_in_visible_text: Record<string, number>;
  }[];
  return manifest.map((p) => {
    const html = readFileSync(path.join(corpusDir, p.file), 'utf8');
    const lang = /<html\b[^>]*\blang\s*=\s*["']?([A-Za-z-]+)/i.exec(html)?.[1] ?? p.language;
    const expected = Object.entries(p.occurrences_in_visible_text).flatMap(([raw, n]) =>
      Array<string>(n).fill(raw),
    );
    return { text: visibleTextFromHtml(html), region: regionFromHints({ lang }), expected };
  });
}

/** Copies of `segments` until they hold at least `bytes`. */
function repeat(segments: Segment[], bytes: number): Segment[] {
  if (segments.length === 0) return [];
  const one = segments.reduce((a, s) => a + utf8(s.text), 0);
  const copies = Math.ceil(bytes / one);
  return Array.from({ length: copies }, () => segments).flat();
}

const fw = (s: string): string =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/-/g, '－');

/** Generated pages of about `pageBytes`, region JP, with the numbers they print. */
export function syntheticPages(bytes: number, pageBytes: number): Segment[] {
  const r = rng(20261127);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const d = (n: number): string => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  // A pool of numbers, as pages repeat the same few numbers.
  const pool: string[] = [];
  for (let i = 0; i < 400; i++) {
    const n = pick([
      () => `0120-${d(3)}-${d(3)}`,
      () => `03-${d(4)}-${d(4)}`,
      () => `06(${d(4)})${d(4)}`,
      () => `090-${d(4)}-${d(4)}`,
      () => fw(`0120-${d(6)}`),
      () => `+81 3-${d(4)}-${d(4)}`,
      () => `050-${d(4)}-${d(4)}`,
      () => `0570-${d(3)}-${d(3)}`,
      () => `(${pick(['212', '415', '646', '213'])}) ${d(3)}-${d(4)}`,
      () => `1-800-${d(3)}-${d(4)}`,
      () => `+1 ${pick(['212', '415', '646'])} ${d(3)} ${d(4)}`,
      () => `+44 20 ${d(4)} ${d(4)}`,
      () => `0101-${d(5)}-${d(5)}`,
    ])();
    pool.push(n);
  }
  let printed: string[] = [];
  const say = (n: string): string => {
    printed.push(n);
    return n;
  };
  const ja = [
    (n: string) =>
      `お問い合わせはフリーダイヤル${say(n)}（受付時間 9:00～18:00、土日祝を除く）までご連絡ください。`,
    (n: string) => `【重要】お客様のアカウントが停止されました。至急 ${say(n)} にお電話ください。`,
    (n: string) => `TEL：${say(n)}　FAX：${say(pick(pool))}`,
    () =>
      `${2020 + Math.floor(r() * 7)}年${1 + Math.floor(r() * 12)}月${1 + Math.floor(r() * 28)}日に発売、価格は¥${d(2)},${d(3)}（税込）です。`,
    () => `〒${d(3)}-${d(4)} 東京都千代田区丸の内${d(1)}-${d(1)}-${d(1)} 営業時間 10:00~18:00`,
    () =>
      `ご注文番号：${d(4)}-${d(4)}-${d(4)} の商品は ${d(2)},${d(3)}円 で、2026/${1 + Math.floor(r() * 12)}/${1 + Math.floor(r() * 28)} に発送しました。`,
    () => `本日は晴れ。気温は${d(2)}度、降水確率は${d(2)}%でした。詳しくは天気予報をご覧ください。`,
  ];
  const en = [
    (n: string) => `Call our support team at ${say(n)} (Mon-Fri, 9:00-17:00) or write to us.`,
    (n: string) => `WARNING: your computer is infected! Call Microsoft support ${say(n)} immediately.`,
    () =>
      `Order #${d(10)} shipped on ${1 + Math.floor(r() * 12)}/${1 + Math.floor(r() * 28)}/2026; total $${d(1)},${d(3)}.${d(2)}.`,
    () =>
      `Version v${d(1)}.${d(2)}.${d(1)} fixes CVE-2026-${d(5)}; server 10.${d(2)}.${d(1)}.${d(2)} at 2026-11-27 ${10 + Math.floor(r() * 10)}:${Math.floor(r() * 6)}${d(1)}.`,
    () => `ISBN 978-4-${d(2)}-${d(6)}-${d(1)}, tracking number ${d(22)}, hash ${d(8)}abcdef${d(6)}.`,
    () => 'The quick brown fox jumps over the lazy dog while the committee reviews the annual report.',
  ];
  const pages: Segment[] = [];
  let total = 0;
  while (total < bytes) {
    const lines: string[] = [];
    let size = 0;
    printed = [];
    while (size < pageBytes) {
      const t = r() < 0.55 ? pick(ja) : pick(en);
      const line = t(pick(pool));
      lines.push(line);
      size += utf8(line) + 1;
    }
    pages.push({ text: lines.join('\n'), region: 'JP', expected: printed });
    total += size;
  }
  return pages;
}

interface Job {
  run: () => unknown;
  /** Runs untimed before each timed run (emptying the caches for cold figures). */
  before?: () => void;
}

/**
 * Runs every job once per round (after an untimed run of the same job), in order, for `rounds`
 * rounds, and keeps each job's best time and last result. Interleaving means a burst of load on
 * the shared machine slows the engines alike within a round instead of one engine's whole
 * measurement; the best of several rounds is each engine with its code optimised by the JIT
 * and the least interference.
 */
function interleaved<K extends string>(
  jobs: Record<K, Job>,
  rounds: number,
): Record<K, { ms: number; result: unknown }> {
  const out = {} as Record<K, { ms: number; result: unknown }>;
  for (const k of Object.keys(jobs) as K[]) out[k] = { ms: Number.POSITIVE_INFINITY, result: undefined };
  for (let r = 0; r < rounds; r++) {
    for (const k of Object.keys(jobs) as K[]) {
      const job = jobs[k];
      // An untimed run first: it pays for the garbage the job before left (libphonenumber-js
      // leaves a lot), so that each timed run follows a run of its own engine.
      job.before?.();
      job.run();
      job.before?.();
      const t0 = performance.now();
      const result = job.run();
      const ms = performance.now() - t0;
      out[k].result = result;
      out[k].ms = Math.min(out[k].ms, ms);
    }
  }
  return out;
}

const mbps = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);
const f1 = (x: number): string => x.toFixed(1);

function scannerSize(): { min: number; gz: number; tool: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-scanner-'));
  const out = path.join(dir, 'scanner.js');
  try {
    execFileSync(
      path.join(repoRoot, 'node_modules/.bin/rolldown'),
      [
        path.join(repoRoot, 'src/core/scanner.ts'),
        '--format',
        'iife',
        '--name',
        'S',
        '--minify',
        '--file',
        out,
      ],
      { stdio: 'pipe' },
    );
    const code = readFileSync(out);
    return { min: statSync(out).size, gz: gzipSync(code).length, tool: 'rolldown --minify (iife)' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bytesOf = (segs: Segment[]): number => segs.reduce((a, s) => a + utf8(s.text), 0);
const scanAll = (segs: Segment[]): number => segs.reduce((a, s) => a + findCandidates(s.text).length, 0);
/** Matches in all segments, counted (the results of 25 MB are not kept: only their number is shown). */
const engineAll = (segs: Segment[]): number =>
  segs.reduce(
    (a, s) => a + findPhoneNumbers(s.text, { region: s.region, fallbackRegions: FALLBACK }).length,
    0,
  );

function main(): void {
  const load = os.loadavg()[0]?.toFixed(1);
  const onePageSet = pageSegments();
  if (onePageSet.length === 0)
    console.log(`corpus not found at ${corpusDir}: measuring the synthetic text only`);
  const pages = repeat(onePageSet, PAGE_TARGET_BYTES);
  const synthetic = syntheticPages(SYNTHETIC_BYTES, 100_000);
  const all = [...pages, ...synthetic];
  const bytesAll = bytesOf(all);
  const bytesPages = bytesOf(pages);
  const bytesSyn = bytesOf(synthetic);
  console.log(
    `text: pages ${f1(bytesPages / 1e6)} MB + synthetic ${f1(bytesSyn / 1e6)} MB = ${f1(bytesAll / 1e6)} MB`,
  );

  // (c) runs on a sample with the same mix (it is slow): a few copies of the pages and the same
  // share of synthetic pages; our engine runs on the same sample, cold and warm, and on all text.
  const pageCopies = Math.max(1, Math.round(SAMPLE_BYTES / 1.25 / Math.max(1, bytesOf(onePageSet))));
  const synShare = Math.max(
    1,
    Math.round((synthetic.length * pageCopies * bytesOf(onePageSet)) / Math.max(1, bytesPages)),
  );
  const samplePages = repeat(onePageSet, pageCopies * bytesOf(onePageSet));
  const sampleSyn = synthetic.slice(0, synShare);
  const sample = [...samplePages, ...sampleSyn];
  const bytesSample = bytesOf(sample);
  const lpnOn = (segs: Segment[]) => () =>
    segs.map((seg) =>
      findPhoneNumbersInText(seg.text, { defaultCountry: seg.region, leniency: 'VALID' } as never),
    );
  const oursOn = (segs: Segment[]) => () =>
    segs.map((seg) => findPhoneNumbers(seg.text, { region: seg.region, fallbackRegions: FALLBACK }));
  const cold = clearEngineCaches;
  // Each round: (a) the scanner, (b) the engine cold (caches emptied first) then warm, and (c)
  // with our engine on the same text right after it, cold then warm.
  const m = interleaved(
    {
      scan: { run: () => scanAll(all) },
      scanPages: { run: () => scanAll(pages) },
      scanSyn: { run: () => scanAll(synthetic) },
      engineCold: { run: () => engineAll(all), before: cold },
      engineWarm: { run: () => engineAll(all) },
      lpnPages: { run: lpnOn(samplePages) },
      oursPagesCold: { run: oursOn(samplePages), before: cold },
      oursPagesWarm: { run: oursOn(samplePages) },
      lpnSyn: { run: lpnOn(sampleSyn) },
      oursSynCold: { run: oursOn(sampleSyn), before: cold },
      oursSynWarm: { run: oursOn(sampleSyn) },
      oursSampleCold: { run: oursOn(sample), before: cold },
      oursSampleWarm: { run: oursOn(sample) },
    },
    ROUNDS,
  );
  const scan = { ms: m.scan.ms, result: m.scan.result as number };
  const engineResults = m.engineWarm.result as number;
  // c on the sample: its two parts, which are the sample, in the same rounds.
  const lpn = {
    ms: m.lpnPages.ms + m.lpnSyn.ms,
    result: [
      ...(m.lpnPages.result as ReturnType<typeof findPhoneNumbersInText>[]),
      ...(m.lpnSyn.result as ReturnType<typeof findPhoneNumbersInText>[]),
    ],
  };
  const oursSampleWarm = { ms: m.oursSampleWarm.ms, result: m.oursSampleWarm.result as PhoneMatch[][] };
  const halves = [
    {
      name: 'sample, pages part',
      segs: samplePages,
      c: m.lpnPages,
      cold: m.oursPagesCold,
      warm: m.oursPagesWarm,
    },
    {
      name: 'sample, synthetic part',
      segs: sampleSyn,
      c: m.lpnSyn,
      cold: m.oursSynCold,
      warm: m.oursSynWarm,
    },
  ]
    .filter(({ segs }) => segs.length > 0)
    .map(({ name, segs, c, cold, warm }) => {
      const bytes = bytesOf(segs);
      return { name, c: mbps(bytes, c.ms), cold: mbps(bytes, cold.ms), warm: mbps(bytes, warm.ms) };
    });

  // Recall of (b) against (c): numbers libphonenumber-js finds that our engine also finds
  // (same E.164, overlapping), and valid numbers ours finds that libphonenumber-js does not.
  let recalled = 0;
  let lpnCount = 0;
  let extra = 0;
  const missed: string[] = [];
  const extras: string[] = [];
  let missedNotPrinted = 0;
  let recalledMalformed = 0;
  // Ground truth: the numbers each text prints (manifest; generator), some invalid on purpose.
  // A found number counts when its digits equal a printed number's; b counts what it reports,
  // valid or malformed (the extension marks and warns about both).
  const truth = { printed: 0, ours: 0, lpn: 0, lpnNotPrinted: 0, oursNotPrinted: 0 };
  const digitsOf = (s: string): string => s.replace(/\s*(?:ext|x|#|内線).*$/i, '').replace(/\D/g, '');
  sample.forEach((seg, i) => {
    const theirs = lpn.result[i] ?? [];
    const reported = oursSampleWarm.result[i] ?? [];
    const ours = reported.filter((m) => m.valid);
    lpnCount += theirs.length;
    const printedSet = new Set(seg.expected.map(digitsOf));
    for (const m of theirs) {
      const raw = seg.text.slice(m.startsAt, m.endsAt);
      const same = reported.find(
        (o) => o.e164 === m.number.number && o.start < m.endsAt && m.startsAt < o.end,
      );
      if (same) {
        recalled++;
        if (!same.valid) recalledMalformed++;
        continue;
      }
      if (!printedSet.has(digitsOf(raw))) missedNotPrinted++;
      if (missed.length < 10) missed.push(`${seg.region}: ${raw}`);
    }
    for (const o of ours) {
      if (!theirs.some((m) => o.start < m.endsAt && m.startsAt < o.end)) {
        extra++;
        if (extras.length < 10) extras.push(`${seg.region}: ${o.raw}`);
      }
    }
    const printed = seg.expected.map(digitsOf);
    truth.printed += printed.length;
    const score = (found: string[]): { hit: number; other: number } => {
      const left = [...printed];
      let hit = 0;
      for (const f of found) {
        const k = left.indexOf(f);
        if (k >= 0) {
          left.splice(k, 1);
          hit++;
        }
      }
      return { hit, other: found.length - hit };
    };
    const a = score(reported.map((o) => digitsOf(o.raw)));
    const b = score(theirs.map((m) => digitsOf(seg.text.slice(m.startsAt, m.endsAt))));
    truth.ours += a.hit;
    truth.oursNotPrinted += a.other;
    truth.lpn += b.hit;
    truth.lpnNotPrinted += b.other;
  });

  // Parse work in one cold run over the sample: distinct strings parsed, and how many of them
  // the fast path answered (the rest went to libphonenumber-js).
  clearEngineCaches();
  Object.assign(parseStats, { calls: 0, misses: 0, fast: 0 });
  oursOn(sample)();
  const stats = { ...parseStats };
  const size = scannerSize();
  const r = {
    scanAll: mbps(bytesAll, m.scan.ms),
    scanPages: mbps(bytesPages, m.scanPages.ms),
    scanSyn: mbps(bytesSyn, m.scanSyn.ms),
    engineCold: mbps(bytesAll, m.engineCold.ms),
    engineWarm: mbps(bytesAll, m.engineWarm.ms),
    sampleCold: mbps(bytesSample, m.oursSampleCold.ms),
    sampleWarm: mbps(bytesSample, m.oursSampleWarm.ms),
    lpn: mbps(bytesSample, lpn.ms),
  };
  const recall = lpnCount === 0 ? 1 : recalled / lpnCount;
  const cpu =
    /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '?';
  const date = new Date().toISOString().slice(0, 10);
  const lines = [
    '## Number engine',
    '',
    `Measured ${date} with \`npx tsx bench/engine.bench.ts\` on a ${os.availableParallelism()}-vCPU machine (\`nproc\` = ${os.availableParallelism()}), CPU "${cpu}", Node ${process.version}, load average ${load} at the start (other work shares the machine). MB = 10^6 bytes of UTF-8; every figure is the best of ${ROUNDS} rounds in which all the measurements take turns, each timed run right after an untimed run of the same measurement (so every engine runs with its code optimised by the JIT, a burst of load on the shared machine hits both engines alike, and no run pays for the garbage of another engine's run); cold = the engine's caches emptied before the run; all figures from one run.`,
    '',
    `Text: the ${onePageSet.length} corpus pages' visible text (each page with the region of its language) repeated to ${f1(bytesPages / 1e6)} MB, plus ${f1(bytesSyn / 1e6)} MB of generated Japanese/English sentences in 100 kB pages, region JP (numbers in 13 formats from a pool of 400, dates, times, prices, postal codes, order and tracking numbers, versions, IPs, ISBNs, hashes). The engine runs as the background calls it (fallback regions JP then US for national numbers invalid in the page's region). libphonenumber-js runs on a ${f1(bytesSample / 1e6)} MB sample with the same mix (${pageCopies} copies of the pages and ${synShare} synthetic pages). Ratio b/c: our engine on the whole text (the brief's definition; caches warm up as pages repeat, as they do in a browser session) and on the sample itself, cold and warm, against libphonenumber-js on the sample.`,
    '',
    '| what | text | throughput | target |',
    '| --- | --- | ---: | --- |',
    `| (a) \`findCandidates\` (scanner) | all ${f1(bytesAll / 1e6)} MB | ${f1(r.scanAll)} MB/s | ≥ 100 MB/s |`,
    `| (a) \`findCandidates\` | pages only | ${f1(r.scanPages)} MB/s | |`,
    `| (a) \`findCandidates\` | synthetic only (a number in every sentence) | ${f1(r.scanSyn)} MB/s | |`,
    `| (b) \`findPhoneNumbers\` (scan + validate), cold caches | all | ${f1(r.engineCold)} MB/s | |`,
    `| (b) \`findPhoneNumbers\`, warm caches | all | ${f1(r.engineWarm)} MB/s | |`,
    `| (b) \`findPhoneNumbers\`, cold caches | sample | ${f1(r.sampleCold)} MB/s | |`,
    `| (b) \`findPhoneNumbers\`, warm caches | sample | ${f1(r.sampleWarm)} MB/s | |`,
    `| (c) libphonenumber-js \`findPhoneNumbersInText\` (max, VALID) | sample | ${f1(r.lpn)} MB/s | (reference ~1.6) |`,
    `| ratio b/c: b on all text from cold caches / c | | ${f1(r.engineCold / r.lpn)}× | ≥ 20× |`,
    `| ratio b/c: b on all text, warm / c | | ${f1(r.engineWarm / r.lpn)}× | ≥ 20× |`,
    `| ratio b/c, both on the sample, cold caches | sample | ${f1(r.sampleCold / r.lpn)}× | ≥ 20× |`,
    `| ratio b/c, both on the sample, warm caches | sample | ${f1(r.sampleWarm / r.lpn)}× | ≥ 20× |`,
    ...halves.map(
      (h) =>
        `| ${h.name}: c ${f1(h.c)} MB/s; b cold ${f1(h.cold)}, warm ${f1(h.warm)} MB/s | ${h.name} | ratio cold ${f1(h.cold / h.c)}×, warm ${f1(h.warm / h.c)}× | |`,
    ),
    `| recall of b against c | sample | ${(100 * recall).toFixed(1)}% (${recalled} of ${lpnCount}, ${recalledMalformed} of them reported as malformed); ${missedNotPrinted} of the ${lpnCount - recalled} misses are not printed phone numbers | ≥ 100% of c's |`,
    `| valid numbers b finds that c does not | sample | ${extra} | |`,
    `| printed numbers found, b, valid or malformed (ground truth: manifest + generator) | sample | ${truth.ours} of ${truth.printed}; ${truth.oursNotPrinted} other results | |`,
    `| printed numbers found, c | sample | ${truth.lpn} of ${truth.printed}; ${truth.lpnNotPrinted} other results | |`,
    `| scanner bundle (\`src/core/scanner.ts\` and its imports, ${size.tool}) | | ${size.min} B minified, ${size.gz} B gzip | ≤ 20 KB |`,
    '',
    `Candidates in all text: ${scan.result}; engine results (valid + malformed): ${engineResults}. Printed numbers include ones invalid in the region on purpose (US national formats on a JP page, 0101-xxxxx-xxxxx scam forms): b reports them as malformed, c skips the first and reads the second as valid US numbers.`,
    missed.length > 0
      ? `c found, b did not (first ${missed.length}): ${missed.map((m) => `\`${m}\``).join(', ')}.`
      : 'b found every number c found.',
    extras.length > 0
      ? `b found, c did not (first ${extras.length}): ${extras.map((m) => `\`${m}\``).join(', ')}.`
      : '',
    '',
    'Notes:',
    missedNotPrinted === lpnCount - recalled
      ? `- Recall: all ${lpnCount - recalled} numbers libphonenumber-js (c) finds and the engine (b) does not are not printed phone numbers: order numbers after "Order #" and dates with an hour, read as Japanese numbers without their trunk 0 (libphonenumber Java rejects those at VALID too: it requires the national prefix). Against the printed numbers b finds ${truth.ours - truth.lpn >= 0 ? 'at least as many as' : 'fewer than'} c.`
      : `- Recall: of the ${lpnCount - recalled} numbers c finds and b does not, ${missedNotPrinted} are not printed phone numbers.`,
    `- Cold caches: the engine validates and types each distinct number once. That parse is libphonenumber-js's own algorithm run straight on its \`max\` metadata with each pattern compiled once (\`src/core/phone-fast.ts\`; \`phone-fast.test.ts\` checks it gives the same answers as libphonenumber-js on about 75,000 generated numbers of every region), not libphonenumber-js's parse, which compiles a new regular expression for every pattern it tests: in one cold run over the sample the engine parsed ${stats.misses} distinct strings, ${stats.fast} of them on the fast path. A cold run then costs the scanner, one parse per distinct number and the matcher's checks; the synthetic part (a number in most sentences, a pool of 400 numbers) is the hardest case for it.`,
    '- Figures vary with the load of the shared machine: compare ratios within one run.',
    '',
  ];
  console.log(lines.join('\n'));
  if (process.argv.includes('--write')) writeSection(lines.join('\n'));
}

/** Replaces (or appends) the "## Number engine" section of BENCHMARKS.md, leaving others alone. */
function writeSection(section: string): void {
  const file = path.join(repoRoot, 'BENCHMARKS.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const start = old.indexOf('## Number engine');
  let next = start < 0 ? -1 : old.indexOf('\n## ', start + 1);
  if (next >= 0) next += 1;
  const updated =
    start < 0
      ? `${old.trimEnd()}\n\n${section}`
      : `${old.slice(0, start)}${section}${next >= 0 ? `\n${old.slice(next)}` : ''}`;
  writeFileSync(file, `${updated.trimEnd()}\n`);
  console.log(`wrote ${path.relative(repoRoot, file)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
