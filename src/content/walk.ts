/**
 * Which text on a page is the page's visible prose. A bare TreeWalker with the checks in the
 * loop (a JavaScript filter callback was 6x slower in Chromium) that skips whole subtrees we
 * must never touch: code, editable fields, SVG, reversed text, and our own marks.
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
 * The text nodes under `root` worth scanning, skipping whole subtrees. A generator, so the
 * scanner can stop after a few milliseconds and resume later without losing its place.
 */
export function* proseTextNodes(root: Node): Generator<Text, void, undefined> {
  if (root.nodeType === Node.TEXT_NODE) {
    if (!isInsideSkipped(root)) yield root as Text;
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE && root.nodeType !== Node.DOCUMENT_NODE) return;
  if (root.nodeType === Node.ELEMENT_NODE && (isSkippedElement(root as Element) || isInsideSkipped(root)))
    return;
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let node = walker.nextNode();
  while (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      yield node as Text;
      node = walker.nextNode();
    } else if (isSkippedElement(node as Element)) {
      node = nextOutside(walker, root);
    } else {
      node = walker.nextNode();
    }
  }
}

function nextOutside(walker: TreeWalker, root: Node): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    const parent = walker.parentNode();
    if (!parent || parent === root) return null;
  }
}
