import type { Verdict } from '../core/verdict/types';
import { MARK_TAG } from './walk';

/**
 * Wraps one occurrence in a <cbg-mark> element carrying the DOM contract attributes
 * (data-cbg-level plus data-cbg-e164, or data-cbg-raw for a malformed number). The text itself
 * is moved, never rewritten, so innerText, copy/paste and find-in-page stay the same.
 * Only what the page already shows goes into attributes.
 */
export function wrapOccurrence(text: Text, start: number, end: number, verdict: Verdict): Element {
  const doc = text.ownerDocument;
  const numberNode = start > 0 ? text.splitText(start) : text;
  if (end - start < numberNode.data.length) numberNode.splitText(end - start);
  const mark = doc.createElement(MARK_TAG.toLowerCase());
  mark.setAttribute('data-cbg-level', verdict.level);
  if (verdict.e164) mark.setAttribute('data-cbg-e164', verdict.e164);
  else mark.setAttribute('data-cbg-raw', numberNode.data);
  numberNode.replaceWith(mark);
  mark.append(numberNode);
  return mark;
}
