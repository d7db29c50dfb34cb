/**
 * The words around a number on a page, which the background reads for who the number is
 * presented as and for scam wording. Bounded: a page's elements can hold megabytes of text.
 */
import { MAX_CONTEXT_LENGTH } from '../core/messages';
import { isSkippedElement } from './walk';

/** Characters of a number's own text node taken on each side of it. */
const CONTEXT_RADIUS = 80;

/** The text of up to 8 nodes beside `node` on one side (160 characters of each), whitespace folded. */
function besideText(node: Node, step: 'previousSibling' | 'nextSibling'): string {
  let out = '';
  for (let n = node[step], i = 0; n && i < 8; n = n[step], i++) {
    if (n.nodeType === 3 || (n.childNodes.length < 25 && !isSkippedElement(n as Element))) {
      const t = n.textContent ?? '';
      out = step === 'nextSibling' ? `${out} ${t.slice(0, 160)}` : `${t.slice(-160)} ${out}`;
    }
  }
  return out.replace(/\s+/g, ' ');
}

/**
 * The words around a number: the smallest enclosing element long enough to name a company.
 * Elements with many children are not read whole (their textContent can be megabytes); inside
 * one (a block of <br>-separated lines, a long list) the lines next to ours are read instead:
 * "Call us now: <br><span>number</span>" is how scam pages put it.
 */
export function contextOf(text: Text, start: number, end: number): string {
  let best = text.data.slice(Math.max(0, start - CONTEXT_RADIUS), end + CONTEXT_RADIUS);
  let node: Node = text;
  for (let depth = 0, el = text.parentElement; el && depth < 3 && best.length < 160; depth++) {
    const all = el.childNodes.length < 25 ? (el.textContent ?? '') : '';
    if (!all || all.length > MAX_CONTEXT_LENGTH) {
      // The lines after the number get what the lines before it leave: fake alerts put the
      // number under "call now" and the claim ("infected", "blocked") a few lines below.
      const before = `${besideText(node, 'previousSibling').slice(-160)} ${best} `;
      best = before + besideText(node, 'nextSibling').slice(0, MAX_CONTEXT_LENGTH - before.length);
      break;
    }
    best = all;
    node = el;
    el = el.parentElement;
  }
  return best.slice(0, MAX_CONTEXT_LENGTH);
}
