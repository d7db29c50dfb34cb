import bundledData from 'virtual:cbg-data';
import type { CompiledData } from '../core/registry/compiled';
import { Knowledge } from '../core/verdict/knowledge';

/**
 * The data verdicts are made from. Built synchronously from the bundled data at start-up
 * (a service worker restarts often; this takes well under the 20 ms budget, see BENCHMARKS.md).
 */
let current = new Knowledge(bundledData as CompiledData);

export function knowledge(): Knowledge {
  return current;
}

/** Swap in newer data (feeds); the old object stays valid for verdicts already in flight. */
export function replaceKnowledge(next: Knowledge): void {
  current = next;
}
