import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlPageHints, visibleTextFromHtml } from './html-text';

describe('visibleTextFromHtml', () => {
  it('drops script, style, noscript, template and svg content and comments', () => {
    const html = `<html><head><title>T</title><style>p{color:red} .x{}</style>
      <script>var tel = "0120-000-000"; if (a < b) {}</script></head>
      <body><!-- 0120-111-111 --><noscript>0120-222-222</noscript><template><p>0120-333-333</p></template>
      <svg><path d="M0 0 L 10 10"/><svg><text>0120-444-444</text></svg></svg><p>Call 0120-555-555</p></body></html>`;
    const text = visibleTextFromHtml(html);
    expect(text).toContain('Call 0120-555-555');
    for (const hidden of [
      '0120-000-000',
      '0120-111-111',
      '0120-222-222',
      '0120-333-333',
      '0120-444-444',
      'color',
    ]) {
      expect(text).not.toContain(hidden);
    }
  });

  it('decodes named and numeric character references', () => {
    expect(
      visibleTextFromHtml('<p>604&nbsp;662&#x2011;6882 &amp; &#65297;&#65298; &eacute; &unknown;</p>'),
    ).toBe('\n604\u00a0662\u20116882 & １２ é &unknown;\n');
    expect(decodeEntities('&lt;&gt;&quot;&#39;')).toBe('<>"\'');
  });

  it('ends block elements with a newline so neighbouring cells do not run together', () => {
    const text = visibleTextFromHtml('<table><tr><td>03-1234-5678</td><td>03-9876-5432</td></tr></table>');
    expect(text.split('\n').filter(Boolean)).toEqual(['03-1234-5678', '03-9876-5432']);
  });

  it('keeps inline elements inline and collapses source white space', () => {
    expect(visibleTextFromHtml('<p>TEL <b>0120</b>-<span>116116</span>\n   (free)</p>')).toBe(
      '\nTEL 0120-116116 (free)\n',
    );
  });

  it('skips PHP blocks and attributes holding ">" in quotes', () => {
    expect(
      visibleTextFromHtml('<?php echo "<p>0120-999-999</p>"; ?><a title="a > b" href="tel:0120">x</a>'),
    ).toBe('x');
  });

  it('keeps a lone "<" that does not open a tag', () => {
    expect(visibleTextFromHtml('1 < 2')).toBe('1 < 2');
  });
});

describe('htmlPageHints', () => {
  it("reads the root element's lang and the title, as a browser would report them", () => {
    expect(
      htmlPageHints(
        '<!doctype html><html class="x" lang="zh-TW"><head><title> Caf&eacute;\n  guide </title></head></html>',
      ),
    ).toEqual({ lang: 'zh-TW', title: 'Café guide' });
    expect(htmlPageHints("<HTML LANG='ja'><body>x</body>")).toEqual({ lang: 'ja' });
  });

  it('gives nothing for a fragment, a lang on another element or an empty title', () => {
    expect(htmlPageHints('<p lang="fr">Bonjour</p><title></title>')).toEqual({});
    expect(htmlPageHints('<html data-lang="en"><p>x</p>')).toEqual({});
  });
});
