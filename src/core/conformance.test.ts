import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, scoreCases, scorePages } from '../../scripts/conformance';

// The shared evaluation corpus lives beside the repository and is never committed to it.
const present = existsSync(path.join(corpusDir, 'matcher-cases.json'));
const suite = present ? describe : describe.skip;
if (!present) console.warn(`corpus not found at ${corpusDir}: skipping the conformance tests`);

suite(`conformance against ${present ? 'the shared corpus' : 'the shared corpus (absent, skipped)'}`, () => {
  it('scores at least libphonenumber-js at VALID leniency on the peer test suites', {
    timeout: 120_000,
  }, () => {
    const { ok, lines } = scoreCases();
    expect(ok, lines.join('\n')).toBe(true);
  });

  it('finds every number on the real pages and reports nothing else', { timeout: 120_000 }, () => {
    const { ok, lines } = scorePages();
    expect(ok, lines.join('\n')).toBe(true);
  });
});
