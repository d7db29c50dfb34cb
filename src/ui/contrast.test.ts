import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio, paletteFromCss, TEXT_PAIRS } from './contrast';

const css = readFileSync(new URL('./base.css', import.meta.url), 'utf8');

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  const palette = paletteFromCss(css);
  for (const scheme of ['light', 'dark'] as const) {
    it(`reaches 4.5:1 for every text colour on its background (${scheme})`, () => {
      const colours = palette[scheme];
      for (const [fg, bg] of TEXT_PAIRS) {
        const a = colours[fg];
        const b = colours[bg];
        expect(a, `${scheme} ${fg}`).toBeDefined();
        expect(b, `${scheme} ${bg}`).toBeDefined();
        const ratio = contrastRatio(a as string, b as string);
        expect(ratio, `${scheme}: ${fg} ${a} on ${bg} ${b} is ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(
          4.5,
        );
      }
    });
  }
});
