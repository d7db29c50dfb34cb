import { findCandidates } from '../src/core/scanner';
import { findPhoneNumbers } from '../src/core/phone';
for (const p of ['0', '-', '0-', '1 ', '(0', '+1', '0.', '12:', '1,', '0120-123-456 ', '03 1234 5678 ']) {
  const s1 = p.repeat(Math.ceil(1e6 / p.length)), s5 = p.repeat(Math.ceil(5e6 / p.length));
  let t0 = performance.now(); const n1 = findCandidates(s1).length; const a = performance.now() - t0;
  t0 = performance.now(); const n5 = findCandidates(s5).length; const b = performance.now() - t0;
  t0 = performance.now(); const m1 = findPhoneNumbers(s1).length; const c = performance.now() - t0;
  t0 = performance.now(); const m5 = findPhoneNumbers(s5).length; const d = performance.now() - t0;
  console.log(JSON.stringify(p), 'scan', a.toFixed(0), b.toFixed(0), n1, n5, 'engine', c.toFixed(0), d.toFixed(0), m1, m5);
}
