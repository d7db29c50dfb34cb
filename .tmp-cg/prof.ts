import { findCandidates } from '../src/core/scanner';
import { readFileSync } from 'node:fs';
// reuse bench generator by importing? quick inline: read synthetic from file
const syn = readFileSync('/tmp/cg/syn.txt', 'utf8');
let t0 = performance.now();
for (let i = 0; i < 5; i++) findCandidates(syn);
console.log('scan syn MB/s', (Buffer.byteLength(syn) / 1e6) / ((performance.now() - t0) / 5000), findCandidates(syn).length);
