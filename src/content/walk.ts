import { hasDigit } from '../core/normalize';
import { MIN_DIGITS } from '../core/scanner';

/**
 * Which text on a page is the page's visible prose. A bare text-only TreeWalker with the checks
 * in the loop (a JavaScript filter callback was 6x slower in Chromium) that leaves out text in
 * subtrees we must never touch: code, editable fields, SVG, reversed text, and our own marks.
 * Buttons are read: fake alerts put their number on one ("Call Support now: 1-8…").
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

/**
 * The text nodes under a root worth scanning: those long enough for a number and holding a digit
 * (every phone number has some), outside the subtrees we skip. A cursor, so the scanner can stop
 * after a few milliseconds and resume later without losing its place. Not a generator: its
 * resumptions, with a second read of each string, were a sixth of the content script's time on
 * ordinary pages (Chromium profile of the corpus pages). The walker visits text only and the
 * cheap tests come first, so a page's elements cost nothing unless they hold a digit.
 */
export class ProseTexts {
  readonly #root: Node;
  readonly #walker: TreeWalker | null = null;
  readonly #memo = new Map<Element, boolean>();
  #single: Text | null = null;
  /** The text of the node `next()` returned last. */
  data = '';

  constructor(root: Node) {
    this.#root = root;
    const type = root.nodeType;
    if (type === Node.TEXT_NODE) {
      this.#single = root as Text;
      return;
    }
    if (type !== Node.ELEMENT_NODE && type !== Node.DOCUMENT_NODE) return;
    if (type === Node.ELEMENT_NODE && (isSkippedElement(root as Element) || isInsideSkipped(root))) return;
    this.#walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  }

  /** The next text node worth scanning (its text in `data`), or null when the root is done. */
  next(): Text | null {
    const single = this.#single;
    if (single) {
      this.#single = null;
      return this.#accepts(single) && !isInsideSkipped(single) ? single : null;
    }
    const walker = this.#walker;
    if (!walker) return null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text;
      if (this.#accepts(text) && !skippedBelow(text.parentElement, this.#root, this.#memo)) return text;
    }
    return null;
  }

  #accepts(text: Text): boolean {
    // CharacterData.length first: it makes no string, and most text nodes are short.
    if (text.length < MIN_DIGITS) return false;
    const data = text.data;
    if (!hasDigit(data)) return false;
    this.data = data;
    return true;
  }
}
