/**
 * The danger banner: shown once per page when the page verdict is `danger` (a tech-support
 * scam, an impersonation page), dismissible, fixed to the top so it shifts nothing. The host
 * element carries data-cbg-banner="danger"; its content lives in a closed shadow root.
 */
import type { ContentUi } from '../core/messages';
import type { PageVerdict } from '../core/verdict/types';
import { shadowHost } from './card';
import { reasonText } from './reason-text';
import { fill, type UiLang } from './strings';

/** Ours, not whatever the page calls cbg-banner (a page may put a decoy there to stop ours). */
let shown: HTMLElement | null = null;

export function showDangerBanner(
  page: PageVerdict,
  { strings: s, css }: ContentUi,
  lang: UiLang,
  signal: AbortSignal,
): void {
  if (shown?.isConnected) return;
  const { host, root } = shadowHost('cbg-banner', 'data-cbg-banner');
  host.setAttribute('data-cbg-banner', 'danger');
  host.setAttribute('style', 'all:initial!important');
  const style = document.createElement('style');
  style.textContent = css.banner;
  const bar = document.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'alert');
  bar.lang = lang;
  const text = document.createElement('div');
  text.className = 'text';
  const title = document.createElement('strong');
  title.textContent = fill(s, 'banner_title');
  const why = [...new Set(page.reasons.map((r) => reasonText(r, s, lang, true)))].slice(0, 3).join(' / ');
  const body = document.createElement('span');
  body.textContent = fill(s, 'banner_body', why);
  text.append(title, body);
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = fill(s, 'banner_dismiss');
  dismiss.addEventListener('click', () => host.remove());
  bar.append(text, dismiss);
  root.append(style, bar);
  document.documentElement.append(host);
  shown = host;
  signal.addEventListener('abort', () => host.remove());
}
