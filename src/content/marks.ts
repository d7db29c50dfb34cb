/**
 * The marks on a page. The page's text is never split, moved or rewritten:
 *  - the visible mark is a CSS Custom Highlight over the number (styles in marks.css), which
 *    changes no layout and survives whatever framework owns the text node;
 *  - the DOM contract element is an empty <cbg-mark> inserted just before the text node, with
 *    data-cbg-level and data-cbg-e164 (or data-cbg-raw): what the page already shows, nothing
 *    more. It has no text, so innerText, copy/paste and find-in-page are unchanged, and it is
 *    focusable (for visible levels) so keyboard users can open the card.
 */
import type { Level } from '../core/messages';
import type { MarkingSettings } from '../core/user-data-types';
import type { Verdict } from '../core/verdict/types';
import { MARK_TAG } from './walk';

export interface Occurrence {
  text: Text;
  start: number;
  end: number;
  /** The number as the page prints it; for a tel: link, as its href dials it. */
  raw: string;
  /** text.data.slice(start, end) when marked: the mark goes when the text changes. */
  printed: string;
  verdict: Verdict;
  marker: HTMLElement;
  range: StaticRange;
  /** For tel: links whose text is not the number: the link. */
  link?: HTMLAnchorElement;
  /** Inside a link or button, which keyboard users reach already: the marker takes no focus. */
  inControl: boolean;
}

// all:initial keeps page styles off our element. A visible mark's marker is an empty inline box
// (focusable, so the card is keyboard reachable); an invisible one's is display:none, which adds
// nothing to the page's layout: on a 100,000-node page, 1,500 inline markers for `unknown`
// numbers cost the page 50-240 ms relayouts while they went in.
const SHOWN_STYLE = 'all:initial!important';
const HIDDEN_STYLE = 'all:initial!important;display:none!important';

const highlightName = (level: Level) => `cbg-${level}`;

/** Highlights exist in Chromium and in Firefox 140+; without them marks are still findable. */
const canHighlight = () =>
  typeof Highlight === 'function' && typeof CSS !== 'undefined' && 'highlights' in CSS;

export class Marks {
  readonly #byText = new WeakMap<Text, Occurrence[]>();
  readonly #all = new Set<Occurrence>();
  readonly #highlights = new Map<Level, Highlight>();
  /** Elements whose text holds a mark: hover checks start only over these. */
  readonly hosts = new WeakSet<Element>();
  /** Blank markers by style attribute, cloned for each new mark. */
  readonly #templates = new Map<string, HTMLElement>();

  #marking: MarkingSettings;

  constructor(marking: MarkingSettings) {
    this.#marking = marking;
  }

  /** A level's highlight, made and registered with the page when it first has a range. */
  #highlight(level: Level): Highlight | undefined {
    let h = this.#highlights.get(level);
    if (!h && canHighlight()) {
      h = new Highlight();
      this.#highlights.set(level, h);
      CSS.highlights.set(highlightName(level), h);
    }
    return h;
  }

  get size(): number {
    return this.#all.size;
  }

  visible(level: Level): boolean {
    return this.#marking[level];
  }

  /**
   * A mark made ready off the page: its marker and range are built but nothing is inserted, so
   * `attach` can put many on the page at once (see PageGuard's marking).
   */
  prepare(
    text: Text,
    start: number,
    end: number,
    verdict: Verdict,
    link?: { el: HTMLAnchorElement; dials: string },
  ): Occurrence | null {
    if (!text.parentNode || !text.isConnected) return null;
    const marker = this.#blankMarker(text.ownerDocument, this.visible(verdict.level));
    marker.setAttribute('data-cbg-level', verdict.level);
    const printed = text.data.slice(start, end);
    // A tel: link that shows no number ("Call us"): the card shows what it would dial.
    const raw = link?.dials || printed;
    if (verdict.e164) marker.setAttribute('data-cbg-e164', verdict.e164);
    else marker.setAttribute('data-cbg-raw', raw);
    const range = new StaticRange({
      startContainer: text,
      startOffset: start,
      endContainer: text,
      endOffset: end,
    });
    const occurrence: Occurrence = {
      text,
      start,
      end,
      raw,
      printed,
      verdict,
      marker,
      range,
      inControl: !!link || !!text.parentElement?.closest('a,button'),
      ...(link ? { link: link.el } : {}),
    };
    if (this.visible(verdict.level) && !occurrence.inControl) marker.tabIndex = 0;
    return occurrence;
  }

  /** Puts a prepared mark on the page, unless its text changed or left in the meantime. */
  attach(o: Occurrence): boolean {
    const { text, link } = o;
    const parent = text.parentNode;
    if (!parent || !text.isConnected || text.data.slice(o.start, o.end) !== o.printed) return false;
    if (link && !link.isConnected) return false;
    if (link) link.insertBefore(o.marker, link.firstChild);
    else parent.insertBefore(o.marker, text);
    const list = this.#byText.get(text);
    if (list) list.push(o);
    else this.#byText.set(text, [o]);
    this.#all.add(o);
    if (text.parentElement) this.hosts.add(text.parentElement);
    if (link) this.hosts.add(link);
    if (this.visible(o.verdict.level)) this.#highlight(o.verdict.level)?.add(o.range);
    return true;
  }

  /** The occurrence at a caret position (hover), if any. */
  at(node: Node, offset: number): Occurrence | null {
    const list = node.nodeType === Node.TEXT_NODE ? this.#byText.get(node as Text) : undefined;
    return list?.find((o) => offset >= o.start && offset < o.end) ?? null;
  }

  byMarker(el: Element): Occurrence | null {
    for (const o of this.#all) if (o.marker === el) return o;
    return null;
  }

  hasText(text: Text): boolean {
    return this.#byText.has(text);
  }

  occurrences(): IterableIterator<Occurrence> {
    return this.#all.values();
  }

  #drop(o: Occurrence): void {
    this.#all.delete(o);
    const list = this.#byText.get(o.text);
    if (list) {
      const rest = list.filter((x) => x !== o);
      if (rest.length) this.#byText.set(o.text, rest);
      else this.#byText.delete(o.text);
    }
    this.#highlights.get(o.verdict.level)?.delete(o.range);
    o.marker.remove();
  }

  /**
   * Drops marks whose text is gone or changed (pages rewrite text nodes; frameworks remove
   * them), so no stale highlight or marker survives. Returns the text nodes to scan again.
   */
  prune(): Text[] {
    const rescan: Text[] = [];
    for (const o of this.#all) {
      if (o.text.isConnected && o.text.data.slice(o.start, o.end) === o.printed && o.marker.isConnected)
        continue;
      this.#drop(o);
      if (o.text.isConnected && !rescan.includes(o.text)) rescan.push(o.text);
    }
    return rescan;
  }

  setMarking(marking: MarkingSettings): void {
    this.#marking = marking;
    for (const h of this.#highlights.values()) h.clear();
    for (const o of this.#all) {
      if (this.visible(o.verdict.level)) this.#highlight(o.verdict.level)?.add(o.range);
      this.#present(o);
    }
  }

  /**
   * A new marker, cloned from one made per visibility: cloning shares the parsed
   * style attribute, where setting it on each marker re-parsed `all:initial` every time (140 ms
   * of 930 in Firefox on a page with 1,900 numbers).
   */
  #blankMarker(doc: Document, shown: boolean): HTMLElement {
    const style = shown ? SHOWN_STYLE : HIDDEN_STYLE;
    let template = this.#templates.get(style);
    if (template?.ownerDocument !== doc) {
      template = doc.createElement(MARK_TAG.toLowerCase());
      template.setAttribute('style', style);
      this.#templates.set(style, template);
    }
    return template.cloneNode(false) as HTMLElement;
  }

  #present(o: Occurrence): void {
    const shown = this.visible(o.verdict.level);
    o.marker.setAttribute('style', shown ? SHOWN_STYLE : HIDDEN_STYLE);
    if (shown && !o.inControl) o.marker.tabIndex = 0;
    else o.marker.removeAttribute('tabindex');
  }

  clear(): void {
    for (const o of [...this.#all]) this.#drop(o);
    for (const [level, h] of this.#highlights) {
      if (CSS.highlights.get(highlightName(level)) === h) CSS.highlights.delete(highlightName(level));
    }
    this.#highlights.clear();
  }
}
