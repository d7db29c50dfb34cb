import { readFileSync } from 'node:fs';
import { visibleTextFromHtml } from '../src/core/html-text';
import { clearEngineCaches, findPhoneNumbers, regionFromHints } from '../src/core/phone';
const manifest = JSON.parse(readFileSync('/work/shared/corpus/pages/manifest.json', 'utf8')) as { file: string; language: string }[];
const segs = manifest.map((p) => ({ text: visibleTextFromHtml(readFileSync('/work/shared/corpus/' + p.file, 'utf8')), region: regionFromHints({ lang: p.language }) }));
const syn = readFileSync('/tmp/cg/syn.txt', 'utf8').slice(0, 50000);
segs.push({ text: syn, region: 'JP' });
let tot = 0;
for (let k = 0; k < 20; k++) {
  clearEngineCaches();
  const t0 = performance.now();
  for (const s of segs) findPhoneNumbers(s.text, { region: s.region });
  tot += performance.now() - t0;
}
console.log('cold ms', tot / 20);
const t1 = performance.now();
for (const s of segs) findPhoneNumbers(s.text, { region: s.region });
console.log('warm ms', performance.now() - t1);
clearEngineCaches(); (globalThis as any).__keys = [];
for (const s of segs) findPhoneNumbers(s.text, { region: s.region });
const keys = (globalThis as any).__keys as string[];
console.log('parse calls cold', keys.length);
const byRegion: Record<string, number> = {};
for (const k of keys) { const r = k.split('|')[1]!; byRegion[r] = (byRegion[r] ?? 0) + 1; }
console.log(byRegion, keys.filter((k) => k.includes('|JP|')).slice(0, 40).join(' '));
