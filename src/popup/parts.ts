/**
 * Everything the popup shows after its first frame: verdicts, the tab's numbers, the protocol
 * and the missed-call notes. Loaded as a chunk of its own (`deferred.ts`) so the first frame,
 * the lookup box, needs only the small entry chunk.
 */
export { Protocol } from '../ui/Protocol';
export { VerdictView } from '../ui/VerdictView';
export { MissedCalls } from './MissedCalls';
export { TabNumbers } from './TabNumbers';
