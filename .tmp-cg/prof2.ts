import { findCandidates } from '../src/core/scanner';
import { CLASS, DIGIT, LEAD } from '../src/core/normalize';
import { readFileSync } from 'node:fs';
const syn = readFileSync('/tmp/cg/syn.txt', 'utf8');
const B = Buffer.byteLength(syn) / 1e6;
function loop(t: string) { let k = 0; for (let i = 0; i < t.length; i++) if ((CLASS[t.charCodeAt(i)] as number) & (DIGIT | LEAD)) k++; return k; }
for (const [name, fn] of [['loop', () => loop(syn)], ['scan', () => findCandidates(syn)]] as const) {
  fn(); const t0 = performance.now(); for (let i = 0; i < 5; i++) fn(); const ms = (performance.now() - t0) / 5;
  console.log(name, (B / (ms / 1000)).toFixed(1), 'MB/s', ms.toFixed(1), 'ms');
}
