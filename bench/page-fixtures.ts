/**
 * Pages for bench/page.bench.ts, generated at run time and served from memory (nothing large is
 * written to the repository):
 *  - /big.html: ~5 MB of Japanese/English prose in exactly 100,000 text nodes, 2,000 phone numbers;
 *  - /mutate.html: a page that changes its DOM 1,000 times a second for 10 s;
 *  - /corpus/<file>: the shared corpus pages with their scripts removed (and a CSP that forbids
 *    page scripts and every other origin, which extension content scripts are exempt from).
 * The generated pages carry a small probe script (see PROBE) that records long tasks (Chromium),
 * timer and rAF gaps, and, when asked, when the extension's marks appear. Corpus pages run no page
 * script at all; the driver reads their navigation timing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { rng } from '../src/core/seeded-random.test-helper';

export { rng };

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The probe every page loads first (inline, so it runs before the body is parsed). Page-side
 * measurement only: it reads `?probe=` from the URL.
 *  - always: a buffered 'longtask' PerformanceObserver where the browser has one (Chromium);
 *  - probe=gap: setInterval(5 ms) and requestAnimationFrame, recording every gap (start time,
 *    length) over 8 ms (timers) or 20 ms (frames), for the driver to take maxima over windows;
 *  - probe=marks: polls document.querySelectorAll('[data-cbg-level]').length every 20 ms and
 *    records when it first reaches ?want=; a MutationObserver gives the exact insertion times.
 * Results live on window.__cbgProbe for the driver to read.
 */
export const PROBE = `
(() => {
  const p = (window.__cbgProbe = { longtasks: [], gaps: [], rafGaps: [], maxMarks: 0, ticks: 0 });
  const mode = new URLSearchParams(location.search).get('probe') || '';
  p.longtaskApi = typeof PerformanceObserver === 'function' && (PerformanceObserver.supportedEntryTypes || []).includes('longtask');
  if (p.longtaskApi) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) p.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  }
  if (mode.includes('gap')) {
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      p.ticks++;
      if (now - last > 8) p.gaps.push({ at: last, gap: now - last });
      last = now;
    }, 5);
    let lastFrame = 0;
    const frame = (t) => {
      if (lastFrame && t - lastFrame > 20) p.rafGaps.push({ at: lastFrame, gap: t - lastFrame });
      lastFrame = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }
  if (mode.includes('marks')) {
    const want = Number(new URLSearchParams(location.search).get('want') || '0');
    // Exact times from a MutationObserver (a microtask right after the task that inserted the
    // marks, so page timers being held back cannot delay it), attached after parsing.
    let seen = 0;
    document.addEventListener('DOMContentLoaded', () => {
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'CBG-MARK') seen++;
        if (seen && p.moFirst === undefined) p.moFirst = performance.now();
        p.moCount = seen;
        if (want && seen >= want && p.moAll === undefined) p.moAll = performance.now();
      }).observe(document.body, { childList: true, subtree: true });
    });
    const timer = setInterval(() => {
      const n = document.querySelectorAll('[data-cbg-level]').length;
      if (n > p.maxMarks) {
        p.maxMarks = n;
        p.lastMarkChange = performance.now();
        if (p.firstMark === undefined) p.firstMark = performance.now();
      }
      if (want && n >= want && p.allMarked === undefined) {
        p.allMarked = performance.now();
        clearInterval(timer);
      }
    }, 20);
  }
})();
`;

// ---- the 5 MB page --------------------------------------------------------------------------

const JA_PIECES = [
  '本日のお知らせをご確認ください',
  '新しいサービスの提供を開始しました',
  'ご利用の皆様にはご不便をおかけしますが',
  '詳しくは下記のページをご覧ください',
  '営業時間は平日の午前九時から午後六時までです',
  'お客様の個人情報は適切に管理しております',
  '配送状況は会員ページから確認できます',
  'よくあるご質問をまとめました',
  '天気が良い日は公園を散歩するのが楽しみです',
  '駅から徒歩五分の便利な場所にあります',
  'キャンペーンは今月末までの期間限定です',
  '会員登録をすると割引クーポンがもらえます',
];
const EN_PIECES = [
  'Please read the notice below before you continue',
  'Our office is open on weekdays from nine to six',
  'The quick brown fox jumps over the lazy dog',
  'Thank you for choosing our service this year',
  'Your order has been shipped and will arrive soon',
  'Read the frequently asked questions for more help',
  'The committee reviews the annual report in spring',
  'Sign up today and receive a discount coupon',
];
/** Digits that are not phone numbers: a realistic page has dates, prices and postal codes. */
const DISTRACTORS: Array<(d: (n: number) => string) => string> = [
  (d) => `2026年${1 + (Number(d(1)) % 9)}月${10 + Number(d(1))}日`,
  (d) => `価格は¥${d(1)},${d(3)}（税込）`,
  (d) => `〒${d(3)}-${d(4)}`,
  (d) => `Order #${d(6)} total $${d(2)}.${d(2)}`,
  (d) => `${10 + Number(d(1))}:${d(1)}0～18:00`,
];

export interface BigPage {
  html: string;
  textNodes: number;
  textBytes: number;
  numbers: string[];
  byFormat: Record<string, number>;
}

/**
 * A page of `textNodes` text nodes holding about `textBytes` bytes of UTF-8 text, with `numbers`
 * phone numbers spread through it (one per text node that has one). No whitespace-only text
 * nodes: the body holds exactly `textNodes` text nodes.
 */
export function bigPage(options: { textNodes?: number; textBytes?: number; numbers?: number } = {}): BigPage {
  const N = options.textNodes ?? 100_000;
  const BYTES = options.textBytes ?? 5_000_000;
  const NUMBERS = options.numbers ?? 2_000;
  const r = rng(20261128);
  const d = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  const d1 = () => String(2 + Math.floor(r() * 8)); // a subscriber number's first digit: 2-9
  const formats: Array<[string, () => string]> = [
    ['0120-xxx-xxx (toll free)', () => `0120-${d1()}${d(2)}-${d(3)}`],
    ['03-xxxx-xxxx (Tokyo)', () => `03-${d1()}${d(3)}-${d(4)}`],
    ['06-xxxx-xxxx (Osaka)', () => `06-${d1()}${d(3)}-${d(4)}`],
    ['+44 20 xxxx xxxx (London)', () => `+44 20 ${['7', '8'][Math.floor(r() * 2)]}${d(3)} ${d(4)}`],
    ['090-xxxx-xxxx (mobile)', () => `090-${d1()}${d(3)}-${d(4)}`],
    ['080-xxxx-xxxx (mobile)', () => `080-${d1()}${d(3)}-${d(4)}`],
    ['0990-xxx-xxx (premium)', () => `0990-${d1()}${d(2)}-${d(3)}`],
    ['+81 3-xxxx-xxxx', () => `+81 3-${d1()}${d(3)}-${d(4)}`],
    ['(03) xxxx-xxxx', () => `(03) ${d1()}${d(3)}-${d(4)}`],
    ['0120-xxx-xxx (toll free)', () => `0120-${d1()}${d(2)}-${d(3)}`],
  ];
  const byFormat: Record<string, number> = {};
  const seen = new Set<string>();
  const numbers: string[] = [];
  for (let i = 0; numbers.length < NUMBERS; i++) {
    const [name, make] = formats[i % formats.length] as [string, () => string];
    const n = make();
    if (seen.has(n)) continue;
    seen.add(n);
    numbers.push(n);
    byFormat[name] = (byFormat[name] ?? 0) + 1;
  }
  // Which text nodes carry a number: spread evenly with jitter.
  const carriers = new Map<number, string>();
  const step = N / NUMBERS;
  numbers.forEach((n, i) => {
    carriers.set(Math.min(N - 1, Math.floor(i * step + r() * (step - 1))), n);
  });
  const perNode = BYTES / N;
  const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
  const filler = (bytes: number, ja: boolean) => {
    let s = '';
    while (utf8(s) < bytes) {
      const piece = ja
        ? (JA_PIECES[Math.floor(r() * JA_PIECES.length)] as string)
        : (EN_PIECES[Math.floor(r() * EN_PIECES.length)] as string);
      s += ja ? `${piece}。` : `${piece}. `;
      if (r() < 0.08)
        s += `${(DISTRACTORS[Math.floor(r() * DISTRACTORS.length)] as (d: (n: number) => string) => string)(d)} `;
    }
    // Cut back to the size asked for (at a character boundary, digits never cut).
    let cut = Math.ceil((s.length * bytes) / utf8(s));
    while (cut < s.length && /[0-9,.:#$¥〒～-]/.test(s.charAt(cut))) cut++;
    return s.slice(0, Math.max(cut, 4));
  };
  const texts: string[] = [];
  let bytes = 0;
  for (let i = 0; i < N; i++) {
    const ja = r() < 0.6;
    // Aim each node at the running average so the total lands near BYTES.
    const target = Math.max(8, perNode * (i + 1) - bytes) * (0.6 + r() * 0.8);
    let t = filler(Math.min(target, perNode * 3), ja);
    const n = carriers.get(i);
    if (n) {
      t = ja
        ? `${t.slice(0, 20)}お問い合わせは ${n} まで（受付 9:00～18:00）。${t.slice(20)}`
        : `${t.slice(0, 20)} Call us at ${n} (9:00-18:00). ${t.slice(20)}`;
    }
    texts.push(t);
    bytes += utf8(t);
  }
  // 5 text nodes per paragraph: text <b>text</b> text <span>text</span> text; 100 per section.
  const out: string[] = [];
  for (let i = 0; i < N; i += 5) {
    if (i % 500 === 0) out.push(i ? '</section><section>' : '<section>');
    const t = (k: number) => escapeHtml(texts[i + k] ?? '');
    const count = Math.min(5, N - i);
    if (count === 5) out.push(`<p>${t(0)}<b>${t(1)}</b>${t(2)}<span class="x">${t(3)}</span>${t(4)}</p>`);
    else out.push(`<p>${Array.from({ length: count }, (_, k) => `<span>${t(k)}</span>`).join('')}</p>`);
  }
  out.push('</section>');
  const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Callback Guard bench: 5 MB page</title><script>${PROBE}</script><style>body{font:14px/1.5 sans-serif;margin:1em}</style></head><body>${out.join('')}</body></html>`;
  return { html, textNodes: N, textBytes: bytes, numbers, byFormat };
}

/** The text nodes of bigPage(), in order (for checking the page with the engine in Node). */
export function textsOf(html: string): string[] {
  const body = html.slice(html.indexOf('<body>'));
  return [...body.matchAll(/>([^<]+)</g)].map((m) =>
    (m[1] as string).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
  );
}

// ---- the mutating page ------------------------------------------------------------------------

/**
 * A page of 400 paragraphs (40 with numbers) whose script, from the moment ?run=1 is asked and for
 * `seconds`, changes the DOM `rate` times a second: in turn appends a paragraph (a third with a
 * number), removes one, replaces an element's text (half with a number) and rewrites a text node's
 * data (characterData). The timer keeps a running count so the rate holds even when timers are
 * late; window.__cbgMutate reports what it did and how late its own ticks were.
 */
export function mutatePage(): string {
  const r = rng(7);
  const d = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  const paras: string[] = [];
  for (let i = 0; i < 400; i++) {
    const num = i % 10 === 0 ? ` お電話は 03-${2 + (i % 8)}${d(3)}-${d(4)} まで。` : '';
    paras.push(
      `<p id="p${i}">${escapeHtml(JA_PIECES[i % JA_PIECES.length] as string)}。${num}<b>${escapeHtml(EN_PIECES[i % EN_PIECES.length] as string)}</b>.</p>`,
    );
  }
  const script = `
(() => {
  const q = new URLSearchParams(location.search);
  const rate = Number(q.get('rate') || '1000');
  const seconds = Number(q.get('seconds') || '10');
  const m = (window.__cbgMutate = { done: 0, ticks: 0, maxTickLag: 0, started: 0, ended: 0, kinds: [0, 0, 0, 0] });
  const root = document.getElementById('live');
  let seq = 0;
  const num = () => {
    const s = String(seq).padStart(8, '0');
    return (seq % 2 ? '090-' : '03-') + (2 + (seq % 8)) + s.slice(-3) + '-' + s.slice(-4).split('').reverse().join('');
  };
  const phrase = (withNumber) => withNumber ? 'ご予約は ' + num() + ' へ' : 'Live update number ' + seq + ' without a phone';
  function mutate() {
    seq++;
    const kind = seq % 4;
    m.kinds[kind]++;
    if (kind === 0) {
      const p = document.createElement('p');
      p.textContent = phrase(seq % 3 === 0);
      root.appendChild(p);
    } else if (kind === 1) {
      if (root.children.length > 200) root.firstElementChild.remove();
    } else if (kind === 2) {
      const el = root.children[seq % Math.max(1, root.children.length)];
      if (el) el.textContent = phrase(seq % 2 === 0);
    } else {
      const el = root.lastElementChild;
      const t = el && el.firstChild;
      if (t && t.nodeType === 3) t.data = phrase(seq % 5 === 0);
    }
  }
  window.__cbgStartMutating = () => new Promise((resolve) => {
    const t0 = performance.now();
    m.started = t0;
    let expectedAt = t0;
    const timer = setInterval(() => {
      const now = performance.now();
      m.ticks++;
      m.maxTickLag = Math.max(m.maxTickLag, now - expectedAt);
      expectedAt = now + 10;
      const elapsed = Math.min(now - t0, seconds * 1000);
      const due = Math.floor((elapsed * rate) / 1000);
      while (m.done < due) { mutate(); m.done++; }
      if (now - t0 >= seconds * 1000) {
        clearInterval(timer);
        m.ended = performance.now();
        resolve(m);
      }
    }, 10);
  });
})();`;
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Callback Guard bench: mutations</title><script>${PROBE}</script></head><body><main>${paras.join('')}</main><div id="live"></div><script>${script}</script></body></html>`;
}

// ---- corpus pages ---------------------------------------------------------------------------

/**
 * A corpus page with its scripts gone: <script> elements, inline event handlers, javascript:
 * URLs and meta refreshes. The CSP header served with it also forbids page scripts and any other
 * origin (so nothing waits on the network); extension content scripts are exempt from page CSPs.
 */
export function stripScripts(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/>/gi, '')
    .replace(/<meta\b[^>]*http-equiv\s*=\s*["']?refresh[^>]*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(/javascript:/gi, 'about:blank#');
}

export const CORPUS_CSP =
  "default-src 'self'; script-src 'none'; object-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-src 'self'; media-src 'none'";

export function corpusFiles(corpusPagesDir: string): string[] {
  if (!existsSync(corpusPagesDir)) return [];
  return readdirSync(corpusPagesDir)
    .filter((f) => f.endsWith('.html'))
    .sort();
}

// ---- the server -------------------------------------------------------------------------------

export interface BenchServer {
  origin: string;
  big: BigPage;
  corpus: string[];
  close(): Promise<void>;
}

/** Serves the pages above on 127.0.0.1 (random port), from memory. */
export async function startBenchServer(corpusPagesDir: string): Promise<BenchServer> {
  const big = bigPage();
  const bigBody = Buffer.from(big.html, 'utf8');
  const mutateBody = Buffer.from(mutatePage(), 'utf8');
  const corpus = corpusFiles(corpusPagesDir);
  const corpusBodies = new Map(
    corpus.map((f) => [
      f,
      Buffer.from(stripScripts(readFileSync(path.join(corpusPagesDir, f), 'utf8')), 'utf8'),
    ]),
  );
  const generated = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const html = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (url.pathname === '/big.html') {
      res.writeHead(200, html).end(bigBody);
    } else if (url.pathname === '/gen.html') {
      // Smaller or larger variants of the big page: ?nodes=&bytes=&numbers= (cached).
      const key = ['nodes', 'bytes', 'numbers'].map((k) => url.searchParams.get(k) ?? '').join('/');
      let body = generated.get(key);
      if (!body) {
        const n = (k: string, d: number) => Number(url.searchParams.get(k) ?? d);
        body = Buffer.from(
          bigPage({ textNodes: n('nodes', 100_000), textBytes: n('bytes', 5e6), numbers: n('numbers', 2000) })
            .html,
          'utf8',
        );
        generated.set(key, body);
      }
      res.writeHead(200, html).end(body);
    } else if (url.pathname === '/mutate.html') {
      res.writeHead(200, html).end(mutateBody);
    } else if (
      url.pathname.startsWith('/corpus/') &&
      corpusBodies.has(url.pathname.slice('/corpus/'.length))
    ) {
      res
        .writeHead(200, { ...html, 'content-security-policy': CORPUS_CSP })
        .end(corpusBodies.get(url.pathname.slice('/corpus/'.length)));
    } else if (url.pathname === '/blank.html') {
      res.writeHead(200, html).end('<!doctype html><title>blank</title><p>blank</p>');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    big,
    corpus,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
