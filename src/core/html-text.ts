/**
 * Visible text of an HTML document without a DOM (Node CLI, tests, benchmarks): a small state
 * machine over tags. Drops comments, processing instructions (<?php … ?>), and the content of
 * script, style, noscript, template and svg; decodes character references; collapses white
 * space the way a browser renders it; ends block elements with a newline so that numbers in
 * neighbouring cells or paragraphs never run together.
 */

const SKIP_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math']);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'button',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'option',
  'p',
  'pre',
  'section',
  'select',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'title',
  'tr',
  'ul',
]);

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  zwsp: '\u200b',
  shy: '\u00ad',
  ndash: '\u2013',
  mdash: '\u2014',
  minus: '\u2212',
  hyphen: '\u2010',
  hellip: '\u2026',
  middot: '\u00b7',
  bull: '\u2022',
  laquo: '\u00ab',
  raquo: '\u00bb',
  lsquo: '\u2018',
  rsquo: '\u2019',
  sbquo: '\u201a',
  ldquo: '\u201c',
  rdquo: '\u201d',
  bdquo: '\u201e',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  deg: '\u00b0',
  times: '\u00d7',
  divide: '\u00f7',
  plusmn: '\u00b1',
  yen: '\u00a5',
  euro: '\u20ac',
  pound: '\u00a3',
  cent: '\u00a2',
  sect: '\u00a7',
  para: '\u00b6',
  iexcl: '\u00a1',
  iquest: '\u00bf',
  eacute: '\u00e9',
  egrave: '\u00e8',
  ecirc: '\u00ea',
  agrave: '\u00e0',
  aacute: '\u00e1',
  acirc: '\u00e2',
  ccedil: '\u00e7',
  ocirc: '\u00f4',
  oacute: '\u00f3',
  uacute: '\u00fa',
  ugrave: '\u00f9',
  ucirc: '\u00fb',
  iacute: '\u00ed',
  icirc: '\u00ee',
  iuml: '\u00ef',
  euml: '\u00eb',
  uuml: '\u00fc',
  ouml: '\u00f6',
  auml: '\u00e4',
  szlig: '\u00df',
  ntilde: '\u00f1',
  Eacute: '\u00c9',
  Agrave: '\u00c0',
  Ccedil: '\u00c7',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g;

/** Decodes character references; unknown names are left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(
    ENTITY,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (dec !== undefined || hex !== undefined) {
        const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex as string, 16);
        if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
        return String.fromCodePoint(cp);
      }
      return NAMED[name as string] ?? NAMED[(name as string).toLowerCase()] ?? whole;
    },
  );
}

function collapse(s: string): string {
  return s.replace(/[ \t\n\r\f]+/g, ' ');
}

/** End of the tag that starts at `lt` (index of its '>'), honouring quoted attribute values. */
function tagEnd(html: string, from: number): number {
  let quote = 0;
  for (let j = from; j < html.length; j++) {
    const c = html.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return j;
  }
  return html.length;
}

const TAG_NAME = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)/;

/** Visible text of an HTML document or fragment. */
export function visibleTextFromHtml(html: string): string {
  const lower = html.toLowerCase();
  const parts: string[] = [];
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      parts.push(collapse(decodeEntities(html.slice(i))));
      break;
    }
    if (lt > i) parts.push(collapse(decodeEntities(html.slice(i, lt))));
    if (html.startsWith('<!--', lt)) {
      const e = html.indexOf('-->', lt + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (html.startsWith('<?', lt)) {
      const e = html.indexOf('?>', lt + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (html.startsWith('<!', lt)) {
      const e = html.indexOf('>', lt);
      i = e < 0 ? n : e + 1;
      continue;
    }
    const m = TAG_NAME.exec(html.slice(lt, lt + 64));
    if (!m) {
      parts.push('<');
      i = lt + 1;
      continue;
    }
    const closing = m[1] === '/';
    const name = (m[2] as string).toLowerCase();
    const end = tagEnd(html, lt + m[0].length);
    i = end + 1;
    if (BLOCK.has(name)) parts.push('\n');
    if (!closing && SKIP_CONTENT.has(name) && html.charCodeAt(end - 1) !== 0x2f) {
      i = skipElement(lower, name, i);
    }
  }
  return parts.join('');
}

/** Index just past the element's closing tag, counting nested elements of the same name. */
function skipElement(lower: string, name: string, from: number): number {
  const open = `<${name}`;
  const close = `</${name}`;
  let depth = 1;
  let i = from;
  // script and style hold raw text: only their closing tag ends them.
  const nests = name !== 'script' && name !== 'style';
  while (depth > 0) {
    const c = lower.indexOf(close, i);
    if (c < 0) return lower.length;
    if (nests) {
      let o = lower.indexOf(open, i);
      while (o >= 0 && o < c) {
        const after = lower.charCodeAt(o + open.length);
        if (!(after >= 0x61 && after <= 0x7a) && after !== 0x2d) depth++;
        o = lower.indexOf(open, o + open.length);
      }
    }
    depth--;
    const e = lower.indexOf('>', c);
    i = e < 0 ? lower.length : e + 1;
  }
  return i;
}

/**
 * What a browser would tell the extension about a saved page: the root element's `lang` and
 * the `<title>`, so that `scan --html` judges a page as the extension does (region and
 * language from `lang`, company names in the title).
 */
export function htmlPageHints(html: string): { lang?: string; title?: string } {
  const head = html.slice(0, 200_000);
  const lang = /<html\b[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)/i.exec(head)?.[1];
  const title = /<title\b[^>]*>([^<]*)<\/title>/i.exec(head)?.[1];
  const cleanTitle = title === undefined ? '' : collapse(decodeEntities(title)).trim().slice(0, 300);
  return { ...(lang ? { lang } : {}), ...(cleanTitle ? { title: cleanTitle } : {}) };
}
