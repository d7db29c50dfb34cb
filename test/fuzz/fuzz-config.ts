/**
 * How many cases each fuzz property runs. `npm test` (CI) runs the full 10,000; set FUZZ_RUNS
 * to run fewer while working, or more for a long hunt (`FUZZ_RUNS=200000 npx vitest run test/fuzz`).
 * A failure prints fast-check's seed and path: `FUZZ_SEED=<seed> FUZZ_PATH=<path>` replays it.
 */
const env = (name: string): string | undefined => process.env[name] || undefined;

export const FUZZ_RUNS = Number(env('FUZZ_RUNS') ?? 10_000);

export const fuzzParams = {
  numRuns: FUZZ_RUNS,
  ...(env('FUZZ_SEED') ? { seed: Number(env('FUZZ_SEED')) } : {}),
  ...(env('FUZZ_PATH') ? { path: env('FUZZ_PATH') } : {}),
};

/** Generous per-test timeouts: 10,000 cases of real engine work, on a loaded CI machine. */
export const FUZZ_TIMEOUT = 180_000;
