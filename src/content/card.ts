/**
 * The verdict card: level, organisation, reasons, the company's real numbers when a page
 * impersonates it, three protocol steps and a link to the full protocol. It lives in a closed
 * shadow root (page CSS cannot reach in, ours cannot leak out) and is built with textContent
 * only: page text never becomes markup.
 */
import type { ContentUi, Level } from '../core/messages';
import { isOfficialSmsSender } from '../core/verdict/sms-sender';
import type { Verdict } from '../core/verdict/types';
import { send } from '../messaging/send';
import { reasonText } from './reason-text';
import { fill, type UiLang } from './strings';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  attrs: Record<string, string> = {},
) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/**
 * A host element with a closed shadow root. A hostile page may have defined `tag` as a custom
 * element: one that refuses a shadow root (static disabledFeatures = ['shadow']), attaches its
 * own, or, worst, reads ours through ElementInternals (a closed root attached to an element
 * that is already custom is handed to its internals). Such a host (:defined) is never used: a
 * span, which no page can redefine, takes the shadow root instead, marked with `fallbackAttr`.
 */
export function shadowHost(tag: string, fallbackAttr: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tag);
  if (!host.matches(':defined')) {
    try {
      return { host, root: host.attachShadow({ mode: 'closed' }) };
    } catch {
      // Refused (the page's definition, or a shadow root it attached): use a span.
    }
  }
  const span = document.createElement('span');
  span.setAttribute(fallbackAttr, '');
  return { host: span, root: span.attachShadow({ mode: 'closed' }) };
}

const LEVEL_KEY: Record<Level, string> = {
  official: 'level_official',
  unknown: 'level_unknown',
  caution: 'level_caution',
  danger: 'level_danger',
};

export class Card {
  #host: HTMLElement | null = null;
  #root: ShadowRoot | null = null;
  #returnFocus: HTMLElement | null = null;
  readonly #onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.isOpen()) {
      this.close();
      this.#returnFocus?.focus();
    }
  };

  constructor(signal: AbortSignal) {
    document.addEventListener('keydown', this.#onKey, { capture: true, signal });
    signal.addEventListener('abort', () => this.#dispose());
  }

  isOpen(): boolean {
    return this.#host?.isConnected ?? false;
  }

  contains(node: Node | null): boolean {
    return node !== null && node === this.#host;
  }

  /** Shows the card for `verdict` next to `anchor` (a viewport rectangle). */
  open(
    raw: string,
    verdict: Verdict,
    anchor: DOMRect,
    { strings: s, css }: ContentUi,
    lang: UiLang,
    returnFocus?: HTMLElement,
  ) {
    this.close();
    this.#returnFocus = returnFocus ?? null;
    const { host, root } = shadowHost('cbg-card', 'data-cbg-card');
    host.setAttribute('style', 'all:initial!important');
    const style = el('style', css.card);
    const card = el('div', undefined, {
      class: 'card',
      role: 'dialog',
      'aria-label': fill(s, 'card_label'),
      'data-level': verdict.level,
      lang,
    });
    const close = el('button', '×', { class: 'close', type: 'button', 'aria-label': fill(s, 'card_close') });
    close.addEventListener('click', () => {
      this.close();
      this.#returnFocus?.focus();
    });
    card.append(close, el('h2', fill(s, LEVEL_KEY[verdict.level])), el('div', raw, { class: 'number' }));

    const reasons = el('ul');
    for (const r of verdict.reasons) {
      const li = el('li', reasonText(r, s, lang));
      if (r.code === 'impersonation' && r.params.listed.length) {
        // What each number is for: an SMS sender or an outbound-only line is no desk to call.
        const listed = el('ul');
        for (const g of r.params.listed) {
          const key = g.official ? 'card_listed_official' : 'card_listed_secondary';
          listed.append(el('li', fill(s, key, g.numbers.join(lang === 'ja' ? '、' : ', '), g.purpose[lang])));
        }
        li.append(el('div', fill(s, 'card_reason_impersonation_numbers', r.params.org.name[lang])), listed);
      }
      if (r.source && /^https:\/\//.test(r.source.url)) {
        li.append(
          ' ',
          el('a', fill(s, 'card_source'), {
            href: r.source.url,
            target: '_blank',
            rel: 'noopener noreferrer',
          }),
        );
      }
      reasons.append(li);
    }
    if (verdict.reasons.length) card.append(reasons);
    if (verdict.level === 'unknown' && !verdict.reasons.some((r) => r.code === 'user-trusted')) {
      card.append(el('p', fill(s, 'levelUnknownExplained'), { class: 'note' }));
    }
    if (verdict.level === 'official') {
      const note = isOfficialSmsSender(verdict) ? 'advice_official_sms_sender' : 'card_official_note';
      card.append(el('p', fill(s, note), { class: 'note' }));
    }

    card.append(el('div', fill(s, 'card_steps_heading'), { class: 'note' }));
    const steps = el('ol');
    // Three steps of the safe callback protocol (src/ui/protocol.ts), by their titles.
    for (const key of [
      'protocol_check_first_title',
      'protocol_dial_it_yourself_title',
      'protocol_never_by_phone_title',
    ])
      steps.append(el('li', fill(s, key)));
    const more = el('button', fill(s, 'card_full_protocol'), { class: 'more', type: 'button' });
    more.addEventListener('click', () => {
      send({ kind: 'content/open-protocol' }).catch(() => {});
    });
    card.append(steps, more);
    root.append(style, card);
    document.documentElement.append(host);
    this.#host = host;
    this.#root = root;
    this.#place(card, anchor);
  }

  /** Below the number when it fits, else above; always inside the viewport. */
  #place(card: HTMLElement, anchor: DOMRect): void {
    const margin = 8;
    const { innerWidth: vw, innerHeight: vh } = window;
    const box = card.getBoundingClientRect();
    const below = anchor.bottom + 6;
    const top = below + box.height <= vh - margin ? below : Math.max(margin, anchor.top - 6 - box.height);
    const left = Math.min(Math.max(margin, anchor.left), Math.max(margin, vw - box.width - margin));
    card.style.top = `${top}px`;
    card.style.left = `${left}px`;
  }

  /** Moves keyboard focus into the card (Enter on a mark). */
  focus(): void {
    (this.#root?.querySelector('button.close') as HTMLElement | null)?.focus();
  }

  close(): void {
    this.#host?.remove();
    this.#host = null;
    this.#root = null;
  }

  #dispose(): void {
    this.close();
  }
}
