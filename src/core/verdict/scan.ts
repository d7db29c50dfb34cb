/**
 * The library's judgement API over plain text: `scanText` for a page or message, `checkNumber`
 * for one number someone typed. Both return the number facts plus a verdict with reasons.
 */
import { findPhoneNumbers, type PhoneMatch, parsePhone } from '../phone';
import { scanCandidates } from '../scanner';
import { findScamPhrases, shortCodeVerdict, type UserLists, verdictFor } from './engine';
import { digitsOf, type Knowledge } from './knowledge';
import { readLettersAsDigits } from './letters';
import type { Level, PageVerdict, Reason, Verdict } from './types';

export interface NumberReport extends PhoneMatch {
  verdict: Verdict;
}

export interface ScanReport {
  numbers: NumberReport[];
  page: PageVerdict;
}

export interface ScanOptions {
  region?: string;
  /** BCP 47 language of the text; guessed from the script when absent. */
  lang?: string;
  pageUrl?: string;
  pageTitle?: string;
  userLists?: UserLists;
}

/** Regions tried, in order, for a national number that is not valid in the user's region. */
export const FALLBACK_REGIONS = ['JP', 'US'] as const;

/** How far around a number its "nearby text" reaches, in UTF-16 units each side. */
export const CONTEXT_RADIUS = 80;

/** Kana anywhere is a strong sign the text is Japanese (kanji alone could be Chinese). */
export function guessLang(text: string): string | undefined {
  return /[\u3041-\u30ff]/.test(text.slice(0, 20_000)) ? 'ja' : undefined;
}

const hostnameOf = (url?: string): string | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
};

const LEVEL_RANK: Record<Level, number> = { unknown: 0, official: 0, caution: 1, danger: 2 };

/**
 * Page verdict: what the page itself is. Danger, which puts up the banner "this page looks like
 * a scam", only when the page is the scam: it presents a company next to a number that is not
 * the company's (impersonation, unless it reports someone else doing so), it pushes a number we
 * cannot vouch for with scam wording of two or more kinds (say "virus" and "call now":
 * tech-support and refund scam pages), or it puts scam wording next to a number that is
 * dangerous with it (a foreign number under "unpaid fee, legal action"). A page that only lists
 * dangerous numbers is at most caution: a police or consumer-centre warning naming scam numbers,
 * a news report, a fortune-telling line on 0990. Those numbers still carry their own danger
 * marks, and calling them still asks first; the banner's "do not call the numbers on this page"
 * would have covered the police's own help line too.
 */
export function pageVerdictFor(
  numbers: readonly { verdict: Verdict }[],
  pageText: string,
  k: Knowledge,
): PageVerdict {
  const reasons: Reason[] = [];
  const seen = new Set<string>();
  let level: Level = 'unknown';
  let pageIsTheScam = false;
  for (const { verdict } of numbers) {
    if (LEVEL_RANK[verdict.level] > LEVEL_RANK[level]) level = verdict.level;
    for (const r of verdict.reasons) {
      if (
        (r.code === 'impersonation' && !r.params.reported) ||
        (r.code === 'scam-context' && verdict.level === 'danger')
      )
        pageIsTheScam = true;
      if (r.severity === 'info' || r.code === 'scam-context') continue;
      const key = `${r.code}:${JSON.stringify(r.params)}`;
      if (!seen.has(key)) {
        seen.add(key);
        reasons.push(r);
      }
    }
  }
  if (level === 'danger' && !pageIsTheScam) level = 'caution';
  const phrases = findScamPhrases(pageText, k);
  const unvouched = numbers.some((n) => n.verdict.level !== 'official');
  if (phrases.phrases.length > 0) {
    reasons.push({
      code: 'scam-context',
      severity: 'caution',
      params: { phrases: phrases.phrases, categories: phrases.categories },
    });
    if (unvouched) {
      const pageLevel: Level = phrases.categories.length >= 2 ? 'danger' : 'caution';
      if (LEVEL_RANK[pageLevel] > LEVEL_RANK[level]) level = pageLevel;
    }
  }
  if (level === 'unknown' && numbers.length > 0 && numbers.every((n) => n.verdict.level === 'official'))
    level = 'official';
  return { level, reasons };
}

export function scanText(text: string, options: ScanOptions & { knowledge: Knowledge }): ScanReport {
  const k = options.knowledge;
  const region = options.region ?? 'JP';
  const lang = options.lang ?? guessLang(text) ?? (region === 'JP' ? 'ja' : undefined);
  const hostname = hostnameOf(options.pageUrl);
  const numbers = findPhoneNumbers(text, { region }).map((m): NumberReport => {
    const nearbyText = text.slice(Math.max(0, m.start - CONTEXT_RADIUS), m.end + CONTEXT_RADIUS);
    const verdict = verdictFor(
      m,
      {
        nearbyText,
        ...(lang ? { pageLang: lang } : {}),
        ...(options.pageTitle ? { pageTitle: options.pageTitle } : {}),
        ...(hostname ? { hostname } : {}),
        ...(options.userLists ? { userLists: options.userLists } : {}),
      },
      k,
    );
    return { ...m, verdict };
  });
  return { numbers, page: pageVerdictFor(numbers, `${options.pageTitle ?? ''}\n${text}`, k) };
}

export interface CheckOptions {
  region?: string;
  /** What the caller or message said, or the text the number came with. */
  context?: string;
  /**
   * The input was selected on a page ("Verify this number"): its words are the page's, judged as
   * on the page (quoted scam wording and a company merely named do not count). Otherwise the
   * context is someone's account of a call or message, where both do.
   */
  fromPage?: boolean;
  lang?: string;
  userLists?: UserLists;
}

/** A lookup may be shorter than a page's numbers: "110" or a 5-digit sender gets a verdict. */
const SHORTEST_LOOKUP_DIGITS = 3;

/** The number in a lookup's text, tried in the fallback regions when not valid in `region`. */
function lookupMatch(input: string, region: string): PhoneMatch | null {
  // A date, a time, a price or a postal code ("2026年11月29日", "〒100-0001") is no number to
  // judge: the page scanner, which knows them, finds no run in it even at 3 digits. Without
  // this, the lenient parse below called such a selection a malformed number, with the warning
  // that scam pages use those.
  if (scanCandidates(input, SHORTEST_LOOKUP_DIGITS).length === 0) return null;
  // Someone with an English browser looking up a Japanese number (or the reverse): a national
  // number that is not valid in their region is tried in Japan, then the US.
  let match = parsePhone(input, { region });
  if (match && !match.valid && !/^\s*[+＋]/.test(match.raw)) {
    for (const other of FALLBACK_REGIONS) {
      if (other === region) continue;
      const retry = parsePhone(input, { region: other });
      if (retry?.valid) {
        match = retry;
        break;
      }
    }
  }
  return match;
}

/** One number, as a person types or pastes it (text around it is allowed). */
export function checkNumber(
  input: string,
  options: CheckOptions & { knowledge: Knowledge },
): NumberReport | null {
  const k = options.knowledge;
  const region = options.region ?? 'JP';
  const trimmed = input.normalize('NFKC').trim();
  if (/^#?\d{3,4}$/.test(trimmed)) {
    const verdict = shortCodeVerdict(trimmed, region, k);
    if (verdict) {
      // Offsets of the code itself, so that raw === input.slice(start, end) as everywhere else.
      const start = input.length - input.trimStart().length;
      const end = input.trimEnd().length;
      return {
        start,
        end,
        raw: input.slice(start, end),
        e164: null,
        national: trimmed,
        region,
        type: 'SHORT_CODE',
        valid: true,
        verdict,
      };
    }
  }
  let match = lookupMatch(input, region);
  // "1-8OO-555-O1OO": read as the digits its letters pass for, and say it was written so. Also
  // when the plain reading is valid: "O6-6445-3474" reads as 6-6445-3474 without its O, the same
  // number, which must not be vouched for as printed.
  const lettersRead = readLettersAsDigits(input);
  const read = lettersRead ? lookupMatch(lettersRead, region) : null;
  const byLetters =
    read?.valid === true && lettersRead?.slice(read.start, read.end) !== input.slice(read.start, read.end);
  if (read && byLetters) match = { ...read, raw: input.slice(read.start, read.end) };
  if (!match) return null;
  const context = options.context ?? input;
  const lang = options.lang ?? guessLang(context) ?? (region === 'JP' ? 'ja' : undefined);
  const verdict = verdictFor(
    { ...match, ...(byLetters ? { lettersForDigits: true } : {}) },
    {
      nearbyText: context,
      nearbyIsReport: !options.fromPage,
      ...(lang ? { pageLang: lang } : {}),
      ...(options.userLists ? { userLists: options.userLists } : {}),
    },
    k,
  );
  return { ...match, verdict };
}

export { digitsOf };
