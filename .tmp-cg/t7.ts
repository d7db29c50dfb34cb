import { findPhoneNumbers, clearEngineCaches } from '../src/core/phone';
const blocks = Array.from({ length: 24 }, (_, i) => String(10000000000000000n + BigInt(i * 7919)).slice(0, 17));
const mk = (k: number) => blocks.map((b, i) => (i === 3 ? '(' : '') + b.slice(0, 17 - (k % 5))).join(' ') ;
for (const variant of ['plain', 'paren']) {
  const runs: string[] = [];
  for (let k = 0; k < 2000; k++) runs.push(variant === 'paren' ? mk(k) + String(k) : blocks.join(' ') + ' ' + String(k));
  const text = runs.join(' abc ');
  clearEngineCaches();
  const t0 = performance.now();
  const r = findPhoneNumbers(text, { region: 'US' });
  console.log(variant, text.length, ((performance.now() - t0) / 2000).toFixed(3), 'ms/run', r.length);
}
