/**
 * One frame's Callback Guard: scan, ask, mark, explain, follow changes. Start/stop are
 * idempotent and everything hangs off one AbortController, so pausing or switching a site off
 * removes every listener, observer, mark, card and banner at once.
 *
 * Budgets (DESIGN.md): work runs in slices of at most SLICE_MS and yields to the page between
 * them; mutations only queue work (never scan in the observer callback) and a burst of more
 * than MUTATION_BURST becomes one rescan. Total work is capped by a WorkBudget (a burst, then a
 * small share of the main thread), so a page that changes forever costs a bounded share of CPU
 * and still gets its latest numbers marked; a frame stops marking at MAX_MARKS.
 *
 * Scanning and judging form a pipeline: candidates from all queued roots go to the background
 * in batches (one message per batch, never per node), and the replies are marked in slices
 * while scanning goes on.
 */
import {
  type CandidateInput,
  type CandidateResult,
  type ContentStatus,
  type ContentUi,
  MAX_CANDIDATES_PER_MESSAGE,
} from '../core/messages';
import { findCandidates, MIN_DIGITS, scanCandidates } from '../core/scanner';
import type { PageVerdict, Verdict } from '../core/verdict/types';
import { send } from '../messaging/send';
import { showDangerBanner } from './banner';
import { Card } from './card';
import { contextOf } from './context';
import { Marks, type Occurrence } from './marks';
import { reasonText } from './reason-text';
import { contentUi, fill, pageUiLang } from './strings';
import { isInsideSkipped, MARK_TAG, OWN_TAGS, ProseTexts } from './walk';
import { WorkBudget } from './work-budget';

const SLICE_MS = 5;
/** Candidates per message: small enough for the first marks to come early and stay in slices. */
const BATCH_SIZE = 400;
const MAX_MARKS = 5000;
const MUTATION_BURST = 1000;
const FLUSH_DELAY_MS = 250;
/** A page that keeps deleting our marker gets it back at most this often per text node. */
const MAX_REMARKS = 3;

interface Found {
  text: Text;
  start: number;
  end: number;
  raw: string;
  digits: string;
  context: string;
  link?: HTMLAnchorElement;
}

/**
 * Lets the page run: the rest of our work waits behind the tasks the page has queued. Not
 * scheduler.yield(), which by design resumes a yielding script ahead of them: measured, the 5 MB
 * page's 5 ms timer did not run for 0.6-0.8 s while we marked it in 5 ms slices. A task posted
 * at the page's own priority (else a macrotask) takes its turn in order.
 */
function yieldToPage(): Promise<void> {
  const s = (
    globalThis as {
      scheduler?: { postTask?: (task: () => void, options: { priority: string }) => Promise<void> };
    }
  ).scheduler;
  if (s?.postTask) return s.postTask(() => {}, { priority: 'user-visible' });
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * How long our slices wait after one that wrote to the page: long enough for the page to lay
 * out our writes (its next frame) and to run the tasks it queued meanwhile. A slice that follows
 * our writes at once stretched the page's longest pause to that layout plus our slice (Firefox,
 * 5 MB page, 8 loads each: longest timer gap 53 ms median without this wait, 34 ms with it;
 * marking took about 80 ms longer). A timer, not requestAnimationFrame: our callback would run
 * inside the page's rendering task, which would then count as ours, and a hidden tab has no
 * frames.
 */
const AFTER_WRITE_MS = 20;

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const d = document as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

function rectOf(o: Occurrence): DOMRect {
  const range = document.createRange();
  range.setStart(o.text, Math.min(o.start, o.text.length));
  range.setEnd(o.text, Math.min(o.end, o.text.length));
  const rect = range.getBoundingClientRect();
  range.detach();
  return rect;
}

const isOwn = (n: Node) => n.nodeType === Node.ELEMENT_NODE && OWN_TAGS.has((n as Element).tagName);
const onlyOwn = (nodes: NodeList) => {
  for (const n of nodes) if (!isOwn(n)) return false;
  return true;
};

export class PageGuard {
  readonly #abort = new AbortController();
  readonly #marks: Marks;
  readonly #card: Card;
  readonly #scanned = new WeakMap<Text, string>();
  readonly #remarks = new WeakMap<Text, number>();
  readonly #queue: Node[] = [];
  readonly #pending = new Set<Node>();
  readonly #telVerdicts = new Map<string, { raw: string; verdict: Verdict }>();
  /** tel: links already judged, with the href they had then. */
  readonly #telLinks = new WeakMap<HTMLAnchorElement, string>();
  readonly #budget = new WorkBudget();
  #observer: MutationObserver | null = null;
  #running = false;
  #mutations = 0;
  #fullRescan = false;
  #needsPrune = false;
  #flushTimer = 0;
  #hoverFrame = 0;
  #hovered: Occurrence | null = null;
  #pointer: MouseEvent | null = null;
  #bannerShown = false;
  /** Pending for AFTER_WRITE_MS after our last DOM writes: no slice of ours starts meanwhile. */
  #afterWrite: Promise<void> | null = null;
  #ui: ContentUi | null = null;

  #status: ContentStatus;

  constructor(status: ContentStatus) {
    this.#status = status;
    this.#marks = new Marks(status.marking);
    this.#card = new Card(this.#abort.signal);
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  get #lang() {
    return pageUiLang(this.#status.uiLanguage);
  }

  start(): void {
    const { signal } = this.#abort;
    const body = document.body;
    if (!body) return;
    this.#observer = new MutationObserver((records) => this.#onMutations(records));
    this.#observer.observe(body, { childList: true, subtree: true, characterData: true });
    signal.addEventListener('abort', () => this.#observer?.disconnect());
    document.addEventListener('mousemove', (e) => this.#onMouseMove(e), { passive: true, signal });
    document.addEventListener('focusin', (e) => this.#onFocus(e), { signal });
    document.addEventListener('keydown', (e) => this.#onKeyDown(e), { signal });
    document.addEventListener('click', (e) => this.#onClick(e), { capture: true, signal });
    this.#enqueue(body);
  }

  stop(): void {
    this.#abort.abort();
    clearTimeout(this.#flushTimer);
    cancelAnimationFrame(this.#hoverFrame);
    this.#marks.clear();
    this.#queue.length = 0;
    this.#pending.clear();
  }

  updateStatus(status: ContentStatus): void {
    this.#status = status;
    this.#marks.setMarking(status.marking);
  }

  // ---- scanning -------------------------------------------------------------------------

  #enqueue(node: Node): void {
    if (this.#abort.signal.aborted) return;
    // The drain starts once the caller has queued all it has (a flush queues hundreds of nodes),
    // so they are scanned together, in slices, and asked about in one message. Started at the
    // push, it would find that one node, scan it, send its candidates alone and stop: one
    // message per node, all inside the caller's task.
    if (this.#queue.push(node) === 1) queueMicrotask(() => void this.#drain());
  }

  /** Scans every queued root in slices, sending candidates in batches as they fill up. */
  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      let texts: ProseTexts | null = null;
      let batch: Found[] = [];
      while (!this.#abort.signal.aborted && this.#marks.size < MAX_MARKS) {
        const wait = this.#budget.waitMs(performance.now());
        if (wait > 0) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        if (this.#afterWrite) {
          await this.#afterWrite;
          continue;
        }
        const sliceStart = performance.now();
        do {
          if (!texts) {
            const root = this.#queue.shift();
            if (!root) break;
            // A live page removes much of what it adds before we get to it.
            if (!root.isConnected) continue;
            texts = new ProseTexts(root);
            this.#collectTelLinks(root, batch);
          }
          for (let i = 0; i < 64; i++) {
            const text = texts.next();
            if (!text) {
              texts = null;
              break;
            }
            this.#collect(text, texts.data, batch);
          }
        } while (batch.length < BATCH_SIZE && performance.now() - sliceStart < SLICE_MS);
        this.#budget.spend(performance.now() - sliceStart, performance.now());
        const idle = !texts && !this.#queue.length;
        if (batch.length >= BATCH_SIZE || (idle && batch.length)) {
          void this.#judgeAndMark(batch);
          batch = [];
        }
        if (idle) return;
        await yieldToPage();
      }
      this.#queue.length = 0;
    } finally {
      this.#running = false;
    }
  }

  /**
   * Most text nodes hold no number, so the scanner runs first and only nodes with candidates
   * are remembered (a WeakMap entry per text node cost more than scanning it again). The text
   * comes from ProseTexts, which already checked its length and digit: the scanner's own loop
   * is all that is left to run (findCandidates would test for a digit again).
   */
  #collect(text: Text, data: string, batch: Found[]): void {
    const found = scanCandidates(data, MIN_DIGITS);
    if (!found.length || this.#scanned.get(text) === data || this.#marks.hasText(text)) return;
    this.#scanned.set(text, data);
    for (const c of found) batch.push({ ...c, text, context: contextOf(text, c.start, c.end) });
  }

  /**
   * tel: links under (or around) a scan root, found with one query instead of a closest() per
   * text node: a link whose text does not show the number ("Call us") is judged by its href.
   */
  #collectTelLinks(root: Node, batch: Found[]): void {
    const around = (root.nodeType === Node.ELEMENT_NODE ? (root as Element) : root.parentElement)?.closest(
      'a[href]',
    );
    if (around) this.#collectTelLink(around as HTMLAnchorElement, batch);
    if (root.nodeType !== Node.ELEMENT_NODE && root.nodeType !== Node.DOCUMENT_NODE) return;
    // Iterated, not spread: a hostile page may hold more links than a call takes arguments.
    for (const link of (root as ParentNode).querySelectorAll<HTMLAnchorElement>('a[href^="tel:" i]'))
      this.#collectTelLink(link, batch);
  }

  #collectTelLink(link: HTMLAnchorElement, batch: Found[]): void {
    const href = link.getAttribute('href') ?? '';
    if (!/^tel:/i.test(href) || this.#telLinks.get(link) === href) return;
    // The link's first words, after any icon: <a href="tel:…"><i class="icon"></i> Call now</a>.
    // A link with no words (an image button) is still judged, so that calling it asks first and
    // the badge counts it; with no text to mark, it gets no mark (a detached text node).
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    let text = walker.nextNode() as Text | null;
    while (text && !text.data.trim()) text = walker.nextNode() as Text | null;
    if (text && isInsideSkipped(text)) return;
    text ??= document.createTextNode('');
    this.#telLinks.set(link, href);
    let number: string;
    try {
      number = decodeURIComponent(href.slice(4)).slice(0, 40);
    } catch {
      number = href.slice(4, 44);
    }
    const found = findCandidates(number)[0];
    // When the link's words show the number it dials, their own mark covers the link. One that
    // shows a number and dials another (0120… shown, 0990… dialled) is judged by what it dials:
    // the same number is taken to end in the same nine digits (03-… shown, +81-3-… dialled).
    const data = text.data;
    const tail = (digits: string) => digits.replace(/\D/g, '').slice(-9);
    if (!found || findCandidates(data).some((c) => tail(c.digits) === tail(found.digits))) return;
    batch.push({
      text,
      start: 0,
      end: data.length,
      raw: found.raw,
      digits: found.digits,
      context: contextOf(text, 0, data.length),
      link,
    });
  }

  /** Asks the background about a batch (in messages within its limit) and marks the replies. */
  async #judgeAndMark(batch: Found[]): Promise<void> {
    const unique = new Map<string, CandidateInput>();
    const keyOf = (f: Found) => `${f.digits}\u0000${f.raw}\u0000${f.context}`;
    for (const f of batch) {
      const key = keyOf(f);
      if (!unique.has(key)) unique.set(key, { raw: f.raw, digits: f.digits, context: f.context });
    }
    const keys = [...unique.keys()];
    const inputs = [...unique.values()];
    const byKey = new Map<string, CandidateResult[]>();
    for (let from = 0; from < inputs.length; from += MAX_CANDIDATES_PER_MESSAGE) {
      let reply: { results: CandidateResult[][]; page: PageVerdict };
      try {
        reply = await send({
          kind: 'content/candidates',
          candidates: inputs.slice(from, from + MAX_CANDIDATES_PER_MESSAGE),
          page: this.#pageHints(),
        });
      } catch {
        return; // background unavailable (extension updating): leave the page alone
      }
      reply.results.forEach((r, i) => {
        byKey.set(keys[from + i] as string, r);
      });
      if (reply.page.level === 'danger') void this.#showBanner(reply.page);
    }
    await this.#markInSlices(batch, (f) => byKey.get(keyOf(f)) ?? []);
  }

  /**
   * Marks a reply in two steps, each in slices: the marks are made ready off the page, then put
   * on it together. Every slice that writes to the page costs the page a style and layout pass,
   * and on a 100,000-node page that pass (40-140 ms), not our script, was the expensive part:
   * inserting as we went gave it one per frame for a second.
   */
  async #markInSlices(batch: Found[], resultsOf: (f: Found) => CandidateResult[]): Promise<void> {
    const ready: Occurrence[] = [];
    for (let i = 0; i < batch.length; ) {
      if (this.#abort.signal.aborted) return;
      const sliceStart = performance.now();
      for (; i < batch.length && performance.now() - sliceStart < SLICE_MS; i++) {
        const f = batch[i] as Found;
        const results = resultsOf(f);
        // The page may have rewritten the text while we asked; its rescan is already queued.
        const unchanged = f.link || f.text.data.slice(f.start, f.end) === f.raw;
        if (results.length && unchanged) this.#prepareMarks(f, results, ready);
      }
      this.#budget.spend(performance.now() - sliceStart, performance.now());
      if (i < batch.length) await yieldToPage();
    }
    for (let k = 0; k < ready.length; ) {
      while (this.#afterWrite) await this.#afterWrite;
      // After the wait too: a pause or a site switched off during it has already cleared the
      // page, and the marks of every reply still on its way would come back.
      if (this.#abort.signal.aborted) return;
      const sliceStart = performance.now();
      for (; k < ready.length && performance.now() - sliceStart < SLICE_MS; k++) {
        if (this.#marks.size >= MAX_MARKS) return;
        this.#marks.attach(ready[k] as Occurrence);
      }
      this.#budget.spend(performance.now() - sliceStart, performance.now());
      const pause = new Promise((resolve) => setTimeout(resolve, AFTER_WRITE_MS)).then(() => {
        if (this.#afterWrite === pause) this.#afterWrite = null;
      });
      this.#afterWrite = pause;
    }
  }

  #prepareMarks(f: Found, results: CandidateResult[], ready: Occurrence[]): void {
    const link = f.link ?? (f.text.parentElement?.closest('a[href]') as HTMLAnchorElement | null);
    const href = link?.getAttribute('href');
    for (const { start, end, verdict } of results) {
      // A link's words and what it dials are judged apart: calling asks if either is dangerous.
      if (href && /^tel:/i.test(href) && this.#telVerdicts.get(href)?.verdict.level !== 'danger')
        this.#telVerdicts.set(href, { raw: f.raw.slice(start, end), verdict });
      const o = f.link
        ? this.#marks.prepare(f.text, 0, f.text.data.length, verdict, {
            el: f.link,
            dials: f.raw.slice(start, end),
          })
        : this.#marks.prepare(f.text, f.start + start, f.start + end, verdict);
      if (o) ready.push(o);
      if (verdict.level === 'danger') this.#loadUi().catch(() => {});
    }
  }

  #pageHints() {
    return {
      lang: (document.documentElement.lang || '').slice(0, 35),
      hostname: location.hostname.slice(0, 253),
      title: document.title.slice(0, 200),
    };
  }

  // ---- following the page ---------------------------------------------------------------

  #onMutations(records: MutationRecord[]): void {
    if (this.#fullRescan) return;
    for (const r of records) {
      // Markers being added are not page changes (2,000 new marks would otherwise count as a
      // burst and rescan the whole page). Removals still count: the page may be removing ours.
      if (r.type === 'childList' && !r.removedNodes.length && onlyOwn(r.addedNodes)) continue;
      if (++this.#mutations > MUTATION_BURST) {
        this.#fullRescan = true;
        this.#pending.clear();
        break;
      }
      if (r.type === 'characterData') this.#pending.add(r.target);
      else {
        for (const n of r.addedNodes) if (!isOwn(n)) this.#pending.add(n);
        if (r.removedNodes.length) this.#needsPrune = true;
      }
    }
    if (!this.#flushTimer && (this.#mutations || this.#fullRescan))
      this.#flushTimer = window.setTimeout(() => this.#flush(), FLUSH_DELAY_MS);
  }

  #flush(): void {
    this.#flushTimer = 0;
    this.#mutations = 0;
    if (this.#needsPrune || this.#pending.size) {
      this.#needsPrune = false;
      for (const text of this.#marks.prune()) {
        const n = (this.#remarks.get(text) ?? 0) + 1;
        this.#remarks.set(text, n);
        if (n <= MAX_REMARKS) {
          this.#scanned.delete(text);
          this.#pending.add(text);
        }
      }
    }
    if (this.#fullRescan) {
      this.#fullRescan = false;
      this.#pending.clear();
      if (document.body) this.#enqueue(document.body);
      return;
    }
    for (const node of this.#pending) if (node.isConnected) this.#enqueue(node);
    this.#pending.clear();
  }

  // ---- explaining -----------------------------------------------------------------------

  async #loadUi(): Promise<ContentUi> {
    this.#ui ??= await contentUi(this.#lang);
    return this.#ui;
  }

  async #showBanner(page: PageVerdict): Promise<void> {
    if (this.#bannerShown) return;
    this.#bannerShown = true;
    const ui = await this.#loadUi().catch(() => null);
    if (ui && !this.#abort.signal.aborted) showDangerBanner(page, ui, this.#lang, this.#abort.signal);
  }

  async #openCard(o: Occurrence, returnFocus?: HTMLElement): Promise<void> {
    const ui = await this.#loadUi().catch(() => null);
    if (!ui || this.#abort.signal.aborted) return;
    this.#hovered = o;
    this.#card.open(
      o.raw,
      o.verdict,
      o.link ? o.link.getBoundingClientRect() : rectOf(o),
      ui,
      this.#lang,
      returnFocus,
    );
  }

  /** Context menu "Verify this number": the card next to the selection. */
  async showSelectionVerdict(selection: string, verdict: Verdict | null): Promise<void> {
    const ui = await this.#loadUi().catch(() => null);
    if (!ui || this.#abort.signal.aborted) return;
    const sel = window.getSelection();
    // A menu card is not a hover card: pointer moves must not close it, even if a hover card
    // was open before (closed by Escape, which leaves `#hovered` set).
    this.#hovered = null;
    const rect =
      sel && sel.rangeCount > 0
        ? sel.getRangeAt(0).getBoundingClientRect()
        : new DOMRect(window.innerWidth / 2, 40, 0, 0);
    this.#card.open(
      selection,
      verdict ?? { level: 'unknown', e164: null, reasons: [] },
      rect,
      // No number in the selection: not "unknown number", which would call it one.
      verdict
        ? ui
        : {
            ...ui,
            strings: {
              ...ui.strings,
              level_unknown: fill(ui.strings, 'card_no_number_title'),
              levelUnknownExplained: fill(ui.strings, 'card_no_number'),
            },
          },
      this.#lang,
    );
    this.#card.focus();
  }

  /** One check per frame, at the pointer's latest position (not the first move of the frame). */
  #onMouseMove(e: MouseEvent): void {
    this.#pointer = e;
    if (this.#hoverFrame) return;
    this.#hoverFrame = requestAnimationFrame(() => {
      this.#hoverFrame = 0;
      const { clientX: x, clientY: y, target } = this.#pointer as MouseEvent;
      if (this.#card.contains(target as Node)) return;
      const host = target instanceof Element && this.#marks.hosts.has(target);
      const pos = host ? caretAt(x, y) : null;
      const o = pos ? this.#marks.at(pos.node, pos.offset) : null;
      if (o && this.#marks.visible(o.verdict.level)) {
        if (o !== this.#hovered || !this.#card.isOpen()) void this.#openCard(o);
      } else if (this.#hovered && this.#card.isOpen() && document.activeElement?.tagName !== MARK_TAG) {
        this.#hovered = null;
        this.#card.close();
      }
    });
  }

  #onFocus(e: FocusEvent): void {
    const target = e.target as Element;
    if (target.tagName !== MARK_TAG) return;
    const o = this.#marks.byMarker(target);
    if (o) void this.#openCard(o, target as HTMLElement);
  }

  #onKeyDown(e: KeyboardEvent): void {
    const target = e.target as Element;
    if ((e.key === 'Enter' || e.key === ' ') && target.tagName === MARK_TAG && this.#card.isOpen()) {
      e.preventDefault();
      this.#card.focus();
    }
  }

  /** Calling a dangerous tel: link asks first. */
  #onClick(e: MouseEvent): void {
    const link = (e.target as Element | null)?.closest?.('a[href]');
    const href = link?.getAttribute('href');
    if (!href || !/^tel:/i.test(href)) return;
    const judged = this.#telVerdicts.get(href);
    if (judged?.verdict.level !== 'danger') return;
    // The strings are fetched as soon as a number is judged dangerous, so the fallback (the
    // click must be answered synchronously) only shows if the background has not answered yet.
    const s = this.#ui?.strings;
    const why = s ? judged.verdict.reasons.map((r) => reasonText(r, s, this.#lang)).join(' / ') : '';
    const message = s
      ? fill(s, 'confirm_tel_danger', judged.raw, why)
      : this.#lang === 'ja'
        ? `かけ直しガード：${judged.raw} は危険な番号の可能性があります。それでも電話をかけますか？`
        : `Callback Guard: ${judged.raw} looks dangerous. Call it anyway?`;
    if (!window.confirm(message)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }
}
