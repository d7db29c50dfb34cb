/**
 * The safe callback protocol: which steps, in what order, and which help lines step 6 lists.
 * Its words live in _locales, like every other string, in both languages; one set of keys per
 * step, which the popup and the in-page card both read:
 *   protocol_<step>_title  the step in one line (the in-page card lists the titles of
 *                          check-first, dial-it-yourself and never-by-phone)
 *   protocol_<step>_body   the step explained (popup)
 *   protocol_read_title, protocol_read_<n>   the "read this to the caller" card (step 4)
 *   protocol_help_<line>_name, protocol_help_<line>_note   step 6's help lines
 * where <step> / <line> is the id with '-' as '_'. No Preact, no DOM, no extension API here,
 * so Node tests can import it.
 */

export const protocolSteps = [
  'check-first',
  'dial-it-yourself',
  'caller-id-faked',
  'they-identify-first',
  'never-by-phone',
  'get-help',
] as const;

export type ProtocolStep = (typeof protocolSteps)[number];

const keyPart = (id: string) => id.replace(/-/g, '_');

/** The _locales keys of one step. */
export function stepKeys(step: ProtocolStep): { title: string; body: string } {
  return { title: `protocol_${keyPart(step)}_title`, body: `protocol_${keyPart(step)}_body` };
}

/** "Read this to the caller": step 4 as a short script to read aloud. */
export const readToCaller = {
  title: 'protocol_read_title',
  lines: ['protocol_read_1', 'protocol_read_2', 'protocol_read_3'],
} as const;

/**
 * Step 6's help lines. `lookup` is what the popup asks the background about, so the number
 * shown, its organisation and its level come from the registry like every other number; a
 * line the registry does not answer for (a short code of another country) is shown without a
 * number. `url` is the service's own web page where the service is mainly online. The name,
 * and the note where `note` is set, are `helpKeys(line)` in _locales.
 */
export interface HelpLine {
  id: string;
  country: 'JP' | 'US' | 'GB';
  lookup?: string;
  url?: string;
  note?: true;
}

/** The _locales keys of one help line. */
export function helpKeys(line: HelpLine): { name: string; note?: string } {
  const base = `protocol_help_${keyPart(line.id)}`;
  return { name: `${base}_name`, ...(line.note ? { note: `${base}_note` } : {}) };
}

export const helpLines: readonly HelpLine[] = [
  { id: 'jp-police-consultation', country: 'JP', lookup: '#9110' },
  { id: 'jp-consumer-hotline', country: 'JP', lookup: '188' },
  { id: 'jp-intl-call-suspension', country: 'JP', lookup: '+81 120-210-364', note: true },
  { id: 'jp-police-emergency', country: 'JP', lookup: '110' },
  { id: 'us-ftc', country: 'US', lookup: '+1 877-382-4357', url: 'https://reportfraud.ftc.gov/' },
  { id: 'gb-159', country: 'GB', lookup: '159', note: true },
  {
    id: 'gb-action-fraud',
    country: 'GB',
    lookup: '+44 300 123 2040',
    url: 'https://www.actionfraud.police.uk/',
  },
];
