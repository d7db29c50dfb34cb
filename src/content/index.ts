/**
 * Content script: find phone-shaped text, ask the background what each number is (one message
 * per batch), mark the occurrences. Runs in every frame of http(s) pages; the page is hostile
 * ground, so nothing here trusts it and nothing the page can read carries more than it shows.
 */

import { type CandidateInput, MAX_CONTEXT_LENGTH } from '../core/messages';
import { findCandidates } from '../core/scanner';
import { send } from '../messaging/send';
import { wrapOccurrence } from './mark';
import { forEachProseTextNode } from './walk';

interface Occurrence {
  text: Text;
  start: number;
  end: number;
  key: string;
}

const CONTEXT_RADIUS = 80;

/**
 * The words around a number, for impersonation and scam-wording checks: the smallest enclosing
 * element whose text is long enough to name a company (a table cell alone often is not), capped.
 */
function contextOf(text: Text, start: number, end: number): string {
  let best = text.data.slice(Math.max(0, start - CONTEXT_RADIUS), end + CONTEXT_RADIUS);
  let el = text.parentElement;
  for (let depth = 0; el && depth < 3 && best.length < 160; depth++, el = el.parentElement) {
    const all = el.textContent ?? '';
    if (all.length > MAX_CONTEXT_LENGTH) break;
    best = all;
  }
  return best.slice(0, MAX_CONTEXT_LENGTH);
}

function pageHints() {
  return {
    lang: (document.documentElement.lang || navigator.language || '').slice(0, 35),
    hostname: location.hostname.slice(0, 253),
    title: document.title.slice(0, 200),
  };
}

async function scan(root: Node): Promise<void> {
  const occurrences: Occurrence[] = [];
  const unique = new Map<string, CandidateInput>();
  forEachProseTextNode(root, (text) => {
    for (const c of findCandidates(text.data)) {
      const key = `${c.digits}\u0000${c.raw}`;
      if (!unique.has(key))
        unique.set(key, { raw: c.raw, digits: c.digits, context: contextOf(text, c.start, c.end) });
      occurrences.push({ text, start: c.start, end: c.end, key });
    }
  });
  if (unique.size === 0) return;
  const keys = [...unique.keys()];
  const { verdicts } = await send({
    kind: 'content/candidates',
    candidates: [...unique.values()],
    page: pageHints(),
  });
  const verdictByKey = new Map(keys.map((k, i) => [k, verdicts[i]]));
  // Right to left within each text node, so earlier offsets stay valid after each split.
  for (let i = occurrences.length - 1; i >= 0; i--) {
    const o = occurrences[i] as Occurrence;
    const verdict = verdictByKey.get(o.key);
    if (verdict && o.text.isConnected) wrapOccurrence(o.text, o.start, o.end, verdict);
  }
}

if (document.documentElement instanceof HTMLElement && document.body) {
  scan(document.body).catch(() => {
    // The background can be unavailable during an update; the page must never see our errors.
  });
}

if (__CBG_TEST_HOOKS__) {
  // Test builds only: Firefox refuses driver navigation to moz-extension:// pages, so a test
  // page on 127.0.0.1 asks us to open one. Compiled out of store builds.
  window.addEventListener('message', (event) => {
    const data = event.data as { cbgTestOpen?: unknown } | null;
    if (event.source !== window || location.hostname !== '127.0.0.1' || typeof data?.cbgTestOpen !== 'string')
      return;
    send({ kind: 'test/open-extension-page', path: data.cbgTestOpen }).catch(() => {});
  });
}
