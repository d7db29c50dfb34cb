/**
 * WCAG 2.x contrast, used by the unit test that checks the palette in src/ui/base.css
 * (light and dark) meets 4.5:1 for every text/background pair the pages use. Pure.
 */

export function parseHex(hex: string): [number, number, number] {
  const h = hex.trim().replace(/^#/, '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not a hex colour: ${hex}`);
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The custom properties of the first `:root { … }` block (light) and of the `:root` inside
 * `@media (prefers-color-scheme: dark)`, dark falling back to light for what it does not set.
 */
export function paletteFromCss(css: string): { light: Record<string, string>; dark: Record<string, string> } {
  const vars = (block: string) =>
    Object.fromEntries([...block.matchAll(/(--[\w-]+)\s*:\s*(#[0-9a-f]{3,6})\b/gi)].map((m) => [m[1], m[2]]));
  const light = vars(/:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '');
  const darkBlock = /prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  return { light, dark: { ...light, ...vars(darkBlock) } };
}

/** Text colour → backgrounds it is drawn on. Every pair must reach 4.5:1. */
export const TEXT_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['--fg', '--bg'],
  ['--fg', '--surface'],
  ['--muted', '--bg'],
  ['--muted', '--surface'],
  ['--accent', '--bg'],
  ['--accent', '--surface'],
  ['--official', '--bg'],
  ['--caution', '--bg'],
  ['--danger', '--bg'],
  ['--official', '--surface'],
  ['--caution', '--surface'],
  ['--danger', '--surface'],
  ['--on-level', '--official'],
  ['--on-level', '--caution'],
  ['--on-level', '--danger'],
  ['--on-level', '--unknown'],
  ['--on-accent', '--accent'],
];
