import metadata from 'libphonenumber-js/max/metadata';

type Metadata = { country_calling_codes: Record<string, unknown>; nonGeographic?: Record<string, unknown> };
const { country_calling_codes, nonGeographic } = metadata as Metadata;
/** Country codes plus non-geographic ones (+800 freephone, +870 Inmarsat, +882/+883 networks…). */
const assigned = new Set([...Object.keys(country_calling_codes), ...Object.keys(nonGeographic ?? {})]);

/**
 * The country calling code at the start of international digits ("+675…" → "675"), or null
 * when no assigned code starts them (ITU codes are prefix-free, so at most one can match).
 */
export function callingCodeOf(international: string): string | null {
  const digits = international.startsWith('+') ? international.slice(1) : international;
  for (let len = 1; len <= 3 && len <= digits.length; len++) {
    const cc = digits.slice(0, len);
    if (assigned.has(cc)) return cc;
  }
  return null;
}
