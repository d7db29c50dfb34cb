import { hasDigit } from '../core/normalize';
import { MIN_DIGITS } from '../core/scanner';

/**
 * Which text on a page is the page's visible prose. A bare text-only TreeWalker with the checks
 * in the loop (a JavaScript filter callback was 6x slower in Chromium) that leaves out text in
 * subtrees we must never touch: code, editable fields, SVG, reversed text, and our own marks.
 */

/** Elements the extension adds; never scanned, never counted as page content. */
export const MARK_TAG = 'CBG-MARK';
export const OWN_TAGS = new Set([MARK_TAG, 'CBG-CARD', 'CBG-BANNER']);

const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'HEAD',
  'TITLE',
  // <bdo dir=rtl> shows its text reversed: the digits we would read are not the ones on screen.
  'BDO',
  ...OWN_TAGS,
]);

const HTML_NS = 'http://www.w3.org/1999/xhtml';

export function isSkippedElement(el: Element): boolean {
  if (el.namespaceURI !== HTML_NS) return true; // SVG and MathML text is drawing, not prose
  if (SKIPPED_TAGS.has(el.tagName)) return true;
  if (el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

/** True when the node sits inside something we skip (used for nodes that arrive by mutation). */
export function isInsideSkipped(node: Node): boolean {
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (isSkippedElement(el)) return true;
  }
  return false;
}

/**
 * Whether `el` or an ancestor below `root` is skipped, remembering the answer for every element
 * on the way (siblings and cousins share most of their ancestors).
 */
function skippedBelow(el: Element | null, root: Node, memo: Map<Element, boolean>): boolean {
  const path: Element[] = [];
  let skipped = false;
  for (let e = el; e && e !== root; e = e.parentElement) {
    const known = memo.get(e);
    if (known !== undefined) {
      skipped = known;
      break;
    }
    path.push(e);
    if (isSkippedElement(e)) {
      skipped = true;
      break;
    }
  }
  for (const e of path) memo.set(e, skipped);
  return skipped;
}

/** Long enough for a number, and holding a digit: the scanner need not look at the rest. */
const mayHoldNumber = (text: Text) => text.data.length >= MIN_DIGITS && hasDigit(text.data);

/**
 * The text nodes under `root` worth scanning: those with a digit (every phone number has some),
 * outside the subtrees we skip. A generator, so the scanner can stop after a few milliseconds and
 * resume later without losing its place. The walker visits text only and the digit test comes
 * first, so the elements of a page cost nothing unless they hold a digit: on pages with few
 * numbers, checking every element on the way was the content script's largest cost.
 */
export function* proseTextNodes(root: Node): Generator<Text, void, undefined> {
  if (root.nodeType === Node.TEXT_NODE) {
    if (mayHoldNumber(root as Text) && !isInsideSkipped(root)) yield root as Text;
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE && root.nodeType !== Node.DOCUMENT_NODE) return;
  if (root.nodeType === Node.ELEMENT_NODE && (isSkippedElement(root as Element) || isInsideSkipped(root)))
    return;
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const memo = new Map<Element, boolean>();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    if (mayHoldNumber(text) && !skippedBelow(text.parentElement, root, memo)) yield text;
  }
}
