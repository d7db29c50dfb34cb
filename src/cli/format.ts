import type { NumberReport, PageVerdict, Reason } from '../core/index';

/** The JSON object for one number (documented in the README; `scan` lists these). */
export function numberJson(n: NumberReport) {
  return {
    raw: n.raw,
    start: n.start,
    end: n.end,
    e164: n.e164,
    national: n.national,
    region: n.region,
    valid: n.valid,
    type: n.type,
    ...(n.ext ? { ext: n.ext } : {}),
    verdict: n.verdict,
  };
}

/** One short English phrase per reason, for terminal output. */
export function describeReason(r: Reason): string {
  switch (r.code) {
    case 'registry-official':
      return `official number of ${r.params.org.name.en} (${r.params.purpose.en}); source ${r.source?.url ?? '?'}`;
    case 'registry-secondary':
      return `listed for ${r.params.org.name.en} by a secondary source only (${r.source?.url ?? '?'})`;
    case 'impersonation':
      return `text names ${r.params.org.name.en} ("${r.params.mentionedAs}") but this is not its number; its numbers: ${
        r.params.listed
          .map((g) => `${g.numbers.join(', ')} (${g.purpose.en}${g.official ? '' : '; secondary source'})`)
          .join('; ') || 'none listed'
      }`;
    case 'unassigned-code':
      return `+${r.params.callingCode} is not an assigned country code`;
    case 'malformed':
      return 'not a valid phone number as written';
    case 'letters-for-digits':
      return `written with letters in place of digits ("${r.params.printed}"), checked as the digits they imitate`;
    case 'lookalike-characters':
      return `printed with look-alike, hidden or reordering characters to pass for a number of ${r.params.org.name.en}`;
    case 'one-ring-country':
    case 'international-unexpected':
      return `+${r.params.callingCode}: ${r.params.description.en}`;
    case 'scam-context':
      return `scam wording nearby: ${r.params.phrases.join(', ')}`;
    case 'user-trusted':
    case 'user-blocked':
      return `${r.code === 'user-trusted' ? 'trusted' : 'blocked'} by you${r.params.note ? `: ${r.params.note}` : ''}`;
    default:
      return r.params.description.en;
  }
}

export function numberText(n: NumberReport): string {
  const head = [n.raw, n.e164 ?? '(invalid)', n.type ?? '-', n.verdict.level.toUpperCase()].join('\t');
  const reasons = n.verdict.reasons.map((r) => `\t${r.code} [${r.severity}]: ${describeReason(r)}`);
  return [head, ...reasons].join('\n');
}

export function pageText(page: PageVerdict): string {
  const codes = [...new Set(page.reasons.map((r) => r.code))];
  return `page: ${page.level.toUpperCase()}${codes.length ? ` (${codes.join(', ')})` : ''}`;
}
