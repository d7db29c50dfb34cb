/**
 * Conformance of the number engine against the shared evaluation corpus (../shared/corpus):
 *  1. the peer libraries' text-search cases, scored per leniency for our engine and for
 *     libphonenumber-js's own matcher (max metadata) side by side;
 *  2. the saved real pages: every listed number found (all occurrences), nothing else reported.
 * Run: npx tsx scripts/conformance.ts [--verbose]. Exits 1 when a target is missed.
 */

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { visibleTextFromHtml } from '../src/core/html-text';
import { findPhoneNumbers, type Leniency, regionFromHints } from '../src/core/phone';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// CALLBACK_GUARD_CORPUS overrides the location (tests of the skip path, other checkouts).
export const corpusDir = process.env.CALLBACK_GUARD_CORPUS ?? path.resolve(repoRoot, '../shared/corpus');
const verbose = process.argv.includes('--verbose');

/** Target: VALID at least libphonenumber-js's score (exit code); aim: 99%. Pages: all found, nothing extra. */
const AIM = 0.99;

interface Expected {
  raw: string | null;
  start: number | null;
  end: number | null;
  e164?: string | null;
  index?: number;
}
interface Case {
  id: string;
  text: string;
  defaultRegion: string | null;
  leniency: string;
  expected: Expected[];
  match_check: 'exact' | 'prefix' | 'at_most' | 'indexed';
  expected_count?: number;
  maxTries?: number;
  options?: { leniency?: string; extended?: boolean; defaultCallingCode?: string };
  real_metadata_check?: { found: Expected[] };
  java_real_metadata_crosscheck?: { found: Expected[] };
}
interface Got {
  raw: string;
  start: number;
  end: number;
  e164: string | null;
}

const same = (g: Got | undefined, e: Expected): boolean =>
  g !== undefined &&
  (e.raw === null || g.raw === e.raw) &&
  (e.start === null || g.start === e.start) &&
  (e.end === null || g.end === e.end) &&
  (e.e164 == null || g.e164 === e.e164);

/**
 * Scores one case per its match_check, against production-metadata expectations when given.
 * `javaProduction` also replaces the expectations of libphonenumber-js's own tests by what
 * libphonenumber Java finds with production metadata (the corpus's informational cross-check,
 * run at VALID, so only used for VALID-level cases).
 */
export function passes(c: Case, got: Got[], javaProduction = false): boolean {
  const cross =
    javaProduction && leniencyOf(c) === 'VALID' ? c.java_real_metadata_crosscheck?.found : undefined;
  const exp = c.real_metadata_check?.found ?? cross ?? c.expected;
  switch (c.match_check) {
    case 'exact':
      return got.length === exp.length && exp.every((e, i) => same(got[i], e));
    case 'prefix':
      return got.length >= exp.length && exp.every((e, i) => same(got[i], e));
    case 'at_most':
      return got.every((g, i) => i < exp.length && same(g, exp[i] as Expected));
    case 'indexed':
      return got.length === c.expected_count && c.expected.every((e) => same(got[e.index ?? -1], e));
  }
}

/** The leniency a case runs at; legacy cases (no leniency upstream) run at libphonenumber-js's default. */
function leniencyOf(c: Case): Leniency {
  if (c.options?.leniency) return c.options.leniency as Leniency;
  if (c.options?.extended) return 'POSSIBLE';
  return c.leniency.startsWith('n/a') ? 'VALID' : (c.leniency as Leniency);
}

function rowOf(c: Case): string {
  return c.leniency.startsWith('n/a') ? 'legacy (VALID)' : c.leniency;
}

function runEngine(c: Case): Got[] {
  const region = c.defaultRegion && c.defaultRegion !== 'XX' ? c.defaultRegion : 'ZZ';
  return findPhoneNumbers(c.text, {
    region,
    leniency: leniencyOf(c),
    reportMalformed: false,
    ...(c.maxTries ? { maxTries: c.maxTries } : {}),
  })
    .filter((m) => m.valid)
    .map((m) => ({ raw: m.raw, start: m.start, end: m.end, e164: m.e164 }));
}

function runLibphonenumber(c: Case): Got[] {
  const opts: Record<string, unknown> = { leniency: leniencyOf(c) };
  if (c.defaultRegion && c.defaultRegion !== 'ZZ' && c.defaultRegion !== 'XX')
    opts.defaultCountry = c.defaultRegion;
  if (c.options?.defaultCallingCode) opts.defaultCallingCode = c.options.defaultCallingCode;
  if (c.options?.extended) opts.extended = true;
  if (c.maxTries) opts.maxTries = c.maxTries;
  try {
    return findPhoneNumbersInText(c.text, opts).map((m) => ({
      raw: c.text.slice(m.startsAt, m.endsAt),
      start: m.startsAt,
      end: m.endsAt,
      e164: m.number.number as string,
    }));
  } catch {
    return [];
  }
}

const pct = (p: number, n: number): string => (n === 0 ? '-' : `${((100 * p) / n).toFixed(1)}%`);

export function scoreCases(): { ok: boolean; lines: string[] } {
  const cases = JSON.parse(readFileSync(path.join(corpusDir, 'matcher-cases.json'), 'utf8')) as Case[];
  type Row = { n: number; ours: number; lpn: number; oursJava: number; lpnJava: number };
  const rows = new Map<string, Row>();
  const failures: string[] = [];
  for (const c of cases) {
    const row = rows.get(rowOf(c)) ?? { n: 0, ours: 0, lpn: 0, oursJava: 0, lpnJava: 0 };
    rows.set(rowOf(c), row);
    row.n++;
    const ours = runEngine(c);
    const lpn = runLibphonenumber(c);
    if (passes(c, ours)) row.ours++;
    else
      failures.push(
        `${c.id} ${rowOf(c)} ${c.defaultRegion} ${JSON.stringify(c.text.slice(0, 90))} got ${JSON.stringify(ours.map((g) => g.raw))}`,
      );
    if (passes(c, lpn)) row.lpn++;
    if (passes(c, ours, true)) row.oursJava++;
    if (passes(c, lpn, true)) row.lpnJava++;
  }
  const lines = [
    '| leniency | cases | engine | engine % | libphonenumber-js | libphonenumber-js % | engine % (Java prod.) | libphonenumber-js % (Java prod.) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const order = ['POSSIBLE', 'VALID', 'STRICT_GROUPING', 'EXACT_GROUPING', 'legacy (VALID)'];
  const total: Row = { n: 0, ours: 0, lpn: 0, oursJava: 0, lpnJava: 0 };
  for (const k of order) {
    const r = rows.get(k);
    if (!r) continue;
    lines.push(
      `| ${k} | ${r.n} | ${r.ours} | ${pct(r.ours, r.n)} | ${r.lpn} | ${pct(r.lpn, r.n)} | ${pct(r.oursJava, r.n)} | ${pct(r.lpnJava, r.n)} |`,
    );
    for (const key of ['n', 'ours', 'lpn', 'oursJava', 'lpnJava'] as const) total[key] += r[key];
  }
  lines.push(
    `| all | ${total.n} | ${total.ours} | ${pct(total.ours, total.n)} | ${total.lpn} | ${pct(total.lpn, total.n)} | ${pct(total.oursJava, total.n)} | ${pct(total.lpnJava, total.n)} |`,
  );
  const valid = rows.get('VALID') ?? { n: 1, ours: 0, lpn: 0, oursJava: 0, lpnJava: 0 };
  const ok = valid.ours >= valid.lpn;
  lines.push(
    '',
    '"Java prod." columns: expectations of libphonenumber-js\'s own VALID-level tests replaced by what',
    'libphonenumber Java finds with production metadata (corpus java_real_metadata_crosscheck).',
    '',
    `VALID target (engine >= libphonenumber-js): ${ok ? 'met' : 'MISSED'}; aim ${AIM * 100}%: ${valid.ours / valid.n >= AIM ? 'met' : 'not met'} (${pct(valid.ours, valid.n)}; ${pct(valid.oursJava, valid.n)} against Java production)`,
  );
  if (verbose) lines.push('', 'Engine failures:', ...failures);
  else lines.push(`(${failures.length} engine failures over all leniencies; --verbose lists them)`);
  return { ok, lines };
}

interface PageEntry {
  file: string;
  language: string;
  numbers_as_printed: string[];
  occurrences_in_visible_text: Record<string, number>;
}

/** The page's own lang attribute when it has one (fr-CA says more than the manifest's fr). */
function htmlLang(html: string): string | undefined {
  return /<html\b[^>]*\blang\s*=\s*["']?([A-Za-z-]+)/i.exec(html)?.[1];
}

export function scorePages(): { ok: boolean; lines: string[] } {
  const manifest = JSON.parse(
    readFileSync(path.join(corpusDir, 'pages/manifest.json'), 'utf8'),
  ) as PageEntry[];
  const lines = [
    '| page | region | listed occurrences | found | extras |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  let allFound = 0;
  let allListed = 0;
  let allExtras = 0;
  const details: string[] = [];
  for (const page of manifest) {
    const html = readFileSync(path.join(corpusDir, page.file), 'utf8');
    const text = visibleTextFromHtml(html);
    const region = regionFromHints({ lang: htmlLang(html) ?? page.language });
    // A Japanese user meets JP numbers on English pages: try JP, then US, for national numbers.
    const found = findPhoneNumbers(text, { region, fallbackRegions: ['JP', 'US'] });
    const remaining = new Map(Object.entries(page.occurrences_in_visible_text));
    let hits = 0;
    let extras = 0;
    for (const m of found) {
      const left = remaining.get(m.raw) ?? 0;
      if (left > 0) {
        remaining.set(m.raw, left - 1);
        hits++;
      } else {
        extras++;
        details.push(`  extra in ${page.file}: ${JSON.stringify(m.raw)} valid=${m.valid} e164=${m.e164}`);
      }
    }
    for (const [raw, left] of remaining) {
      if (left > 0) details.push(`  missed in ${page.file}: ${JSON.stringify(raw)} x${left}`);
    }
    const listed = Object.values(page.occurrences_in_visible_text).reduce((a, b) => a + b, 0);
    allFound += hits;
    allListed += listed;
    allExtras += extras;
    lines.push(`| ${path.basename(page.file)} | ${region} | ${listed} | ${hits} | ${extras} |`);
  }
  lines.push(`| all ${manifest.length} pages | | ${allListed} | ${allFound} | ${allExtras} |`);
  const ok = allFound === allListed && allExtras === 0;
  lines.push('', `Pages target (100% found, 0 extras): ${ok ? 'met' : 'MISSED'}`, ...details);
  return { ok, lines };
}

function main(): void {
  if (!existsSync(path.join(corpusDir, 'matcher-cases.json'))) {
    console.log(`corpus not found at ${corpusDir}, skipping`);
    return;
  }
  const cases = scoreCases();
  console.log('## Matcher cases (real_metadata_check where present)\n');
  console.log(cases.lines.join('\n'));
  const pages = scorePages();
  console.log('\n## Real pages\n');
  console.log(pages.lines.join('\n'));
  if (!cases.ok || !pages.ok) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
