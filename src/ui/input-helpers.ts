/** Pure helpers for what people type into the options page (unit-tested in Node). */
import type { PersonalEntry } from '../core/user-data-types';

/** A host name from what people paste: "https://www.example.com/path" → "www.example.com". */
export function hostFromInput(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (!text) return null;
  let host = text;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(text)) {
    try {
      host = new URL(text).hostname;
    } catch {
      return null;
    }
  }
  host = host.replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host) && host.length <= 253 ? host : null;
}

/** The origin a feed address needs permission for, or null when it is not an https address. */
export function feedOrigin(input: string): string | null {
  try {
    const url = new URL(input.trim());
    return url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Does an entry match a search? Text in the number, E.164 or note, or the digits of the number. */
export function entryMatches(entry: PersonalEntry, query: string): boolean {
  const q = query.normalize('NFKC').trim().toLowerCase();
  if (!q) return true;
  const hay = `${entry.number}\n${entry.e164}\n${entry.note}`.normalize('NFKC').toLowerCase();
  if (hay.includes(q)) return true;
  const digits = q.replace(/\D/g, '');
  if (digits.length < 2) return false;
  const national = digits.replace(/^0/, '');
  return entry.number.normalize('NFKC').replace(/\D/g, '').includes(digits) || entry.e164.includes(national);
}
