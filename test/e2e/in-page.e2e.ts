/**
 * What people see on pages, in both real browsers: marks where numbers are, nothing where they
 * are not, a banner on scam pages, and pages left exactly as they were.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BROWSERS, type TestBrowser, type TestPage } from './pages';

const origin = inject('fixtureOrigin');
const url = (name: string) => `${origin}/in-page/${name}.html`;

/** [level, e164 or raw] of every mark in document order. */
const marksOf = (page: TestPage) =>
  page.evaluate(
    () =>
      [...document.querySelectorAll('[data-cbg-level]')].map((m) => [
        m.getAttribute('data-cbg-level'),
        m.getAttribute('data-cbg-e164') ?? m.getAttribute('data-cbg-raw'),
      ]),
    undefined,
  );

const waitForMarks = (page: TestPage, count: number) =>
  page.waitFor((n: number) => document.querySelectorAll('[data-cbg-level]').length >= n, count);

/**
 * How many pixels of the viewport inside the box of the text after the first danger marker are
 * tinted like the danger highlight: the screenshot is decoded by the page itself (canvas).
 */
const dangerTintedPixels = async (page: TestPage) => {
  const png = await page.screenshot();
  return page.evaluate(async (png) => {
    const text = document.querySelector('[data-cbg-level="danger"]')?.nextSibling;
    if (!text) return -1;
    const range = document.createRange();
    range.selectNodeContents(text);
    const box = range.getBoundingClientRect();
    const img = new Image();
    img.src = `data:image/png;base64,${png}`;
    await img.decode();
    const scale = img.width / innerWidth;
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(
      Math.floor(box.left * scale),
      Math.floor(box.top * scale),
      Math.max(1, Math.ceil(box.width * scale)),
      Math.max(1, Math.ceil(box.height * scale)),
    );
    let tinted = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
      // danger: rgba(255, 80, 80, 0.22) over white is about (255, 205, 205)
      if (r > 235 && g > 160 && g < 235 && Math.abs(g - b) < 25) tinted++;
    }
    return tinted;
  }, png);
};

/** Focuses the first mark (as Tab would) and waits for its card. */
const openCardOfFirstMark = async (page: TestPage) => {
  await page.evaluate(() => (document.querySelector('cbg-mark') as HTMLElement).focus(), undefined);
  await page.waitFor(() => document.querySelector('cbg-card'), undefined);
};

/** The lines of the card the first mark opens, read through the driver (closed shadow root). */
const cardOfFirstMark = async (page: TestPage) => {
  await openCardOfFirstMark(page);
  return (await page.shadowText('cbg-card'))?.split('\n') ?? [];
};

/** The lines of the danger banner, once it is there (closed shadow root, read through the driver). */
const dangerBannerLines = async (page: TestPage) => {
  await page.waitFor(() => document.querySelector('[data-cbg-banner="danger"]'), undefined);
  return (await page.shadowText('[data-cbg-banner="danger"]'))?.split('\n') ?? [];
};

/** Whether the page shows a banner of ours (of any level). */
const hasBanner = (page: TestPage) =>
  page.evaluate(() => document.querySelector('[data-cbg-banner]') !== null, undefined);

/** Give the extension time to have done something if it were going to. */
const settle = (page: TestPage) => page.evaluate(() => new Promise((r) => setTimeout(r, 800)), undefined);

describe.each(BROWSERS)('%s', (_name, open) => {
  let browser: TestBrowser;
  let page: TestPage;
  beforeAll(async () => {
    browser = await open(origin);
  });
  afterAll(() => browser?.close());
  /** Settings changed as the options page changes them (the open page hears of it at once). */
  const updateSettings = (patch: object) => browser.extensionMessage({ kind: 'page/update-settings', patch });
  const pause = (paused: boolean) => updateSettings({ paused });

  it('marks the numbers of an official contact page as official, without a banner', async () => {
    page = await browser.newPage();
    await page.goto(url('official-card-company-contact'));
    await waitForMarks(page, 2);
    expect(await marksOf(page)).toEqual([
      ['official', '+81120936795'],
      ['official', '+81664453474'],
    ]);
    await settle(page);
    expect(await hasBanner(page)).toBe(false);
    // These are the numbers the company's texts come from: the card says they are no desk to
    // call and that a text's sender can be faked.
    const card = await cardOfFirstMark(page);
    expect(card.slice(1, 4)).toEqual([
      '公式の番号',
      '0120-936-795',
      '三井住友カードの公式番号：「ご利用確認」SMSの送信元番号(電話窓口ではありません)',
    ]);
    expect(card).toContain(
      '公式のSMSの送信元として載っている番号です（電話の窓口ではありません）。SMSの送信元は偽装でき、偽のSMSが本物と同じスレッドに届くこともあります。SMSのリンクは開かず、公式アプリや自分で開いた公式サイトで確かめてください。',
    );
    await page.close();
  });

  it('warns on a page that names the card company next to another number', async () => {
    page = await browser.newPage();
    await page.goto(url('impersonation-card-company'));
    await waitForMarks(page, 1);
    expect(await marksOf(page)).toEqual([['danger', '+81312345678']]);
    // The number itself is painted (CSS Custom Highlight, styled by marks.css): a tinted
    // background on screen.
    expect(await page.evaluate(() => CSS.highlights.get('cbg-danger')?.size ?? 0, undefined)).toBe(1);
    expect(await dangerTintedPixels(page)).toBeGreaterThan(50);
    await page.waitFor(() => document.querySelector('[data-cbg-banner="danger"]'), undefined);
    // Styled (its stylesheet comes from the background): fixed over the top of the page.
    expect(
      await page.evaluate(
        () => document.elementFromPoint(innerWidth / 2, 4)?.hasAttribute('data-cbg-banner') ?? false,
        undefined,
      ),
    ).toBe(true);
    await page.close();
  });

  it("speaks English on an English page: the banner, and a card with the bank's own lines", async () => {
    page = await browser.newPage();
    await page.goto(url('bank-impersonation-page-in-english'));
    await waitForMarks(page, 1);
    expect(await marksOf(page)).toEqual([['danger', '+12135550147']]);
    expect(await dangerBannerLines(page)).toEqual([
      'Callback Guard: this page looks like a scam',
      'Do not call the numbers on this page. Why: Bank of America named next to a number that is not its own',
      'Dismiss',
    ]);
    const card = await cardOfFirstMark(page);
    expect(card.slice(1, 5)).toEqual([
      'Danger',
      '(213) 555-0147',
      'This page names Bank of America, but this is not one of its numbers.',
      'Numbers listed for Bank of America:',
    ]);
    expect(card).toContain('800.732.9194 (Report a credit card that is lost or stolen)');
    expect(card).toContain('How to call back safely');
    await page.close();
  });

  it("warns on a page in another language in the browser's language", async () => {
    page = await browser.newPage();
    await page.goto(url('scam-page-in-french'));
    await waitForMarks(page, 1);
    expect(await marksOf(page)).toEqual([['danger', '+67570891234']]);
    const browserLang = await page.evaluate(() => navigator.language, undefined);
    expect((await dangerBannerLines(page))[0]).toBe(
      browserLang.startsWith('ja')
        ? 'かけ直しガード：このページは詐欺の可能性があります'
        : 'Callback Guard: this page looks like a scam',
    );
    await page.close();
  });

  it('paints a dangerous number on a page whose policy allows no inline style', async () => {
    page = await browser.newPage();
    await page.goto(url('premium-number-on-a-strict-csp-page'));
    await waitForMarks(page, 1);
    expect(await marksOf(page)).toEqual([['danger', '+81990123456']]);
    expect(await dangerTintedPixels(page)).toBeGreaterThan(50);
    await page.close();
  });

  it('warns on a tech-support scam page with a malformed number', async () => {
    page = await browser.newPage();
    await page.goto(url('tech-support-scam'));
    await waitForMarks(page, 1);
    // Dialled from Japan, 010 would start an international call; as printed it is no valid
    // number, and it is a reported scam number either way.
    expect(await marksOf(page)).toEqual([['danger', '0101-21729-33385']]);
    // Why, in a few words each (the banner covers the top of the page; the card has the rest).
    expect(await dangerBannerLines(page)).toEqual([
      'かけ直しガード：このページは詐欺の可能性があります',
      'このページの電話番号には電話しないでください。理由：詐欺に使われたと報告されている番号 / ' +
        '電話番号として正しくない形の番号 / 「日本マイクロソフト」の名前の近くに、日本マイクロソフトのものではない番号',
      '閉じる',
    ]);
    await page.close();
  });

  it('marks a dangerous number a fake alert puts on a button, leaving the button as it was', async () => {
    page = await browser.newPage();
    await page.goto(url('fake-alert-with-its-number-on-a-button'));
    await waitForMarks(page, 1);
    expect(await marksOf(page)).toEqual([['danger', '+19005550199']]);
    expect(
      await page.evaluate(() => {
        const button = document.getElementById('call') as HTMLButtonElement;
        // biome-ignore lint/performance/useDomNodeTextContent: what the button shows is the point here
        return [button.innerText, button.getBoundingClientRect().width > 0];
      }, undefined),
    ).toEqual(['Call Support now: 1-900-555-0199', true]);
    expect(await dangerTintedPixels(page)).toBeGreaterThan(50);
    await page.close();
  });

  it('warns on a fake support alert written in <br>-separated lines, reading the lines next to its number', async () => {
    page = await browser.newPage();
    await page.goto(url('fake-support-alert-in-english'));
    await waitForMarks(page, 1);
    expect(await marksOf(page)).toEqual([['caution', '+18445550147']]);
    expect(await dangerBannerLines(page)).toEqual([
      'Callback Guard: this page looks like a scam',
      'Do not call the numbers on this page. Why: Scam wording nearby: virus infection detected / access your computer',
      'Dismiss',
    ]);
    await page.close();
  });

  it.each([
    [
      'a restaurant page naming the cards it takes, the bank next door and a delivery service',
      'restaurant-page-listing-the-cards-it-takes',
    ],
    [
      "a city hall's page that warns about scams: it quotes the scammers, it is not one",
      'city-hall-page-warning-about-scams',
    ],
  ])('leaves %s alone: no warning on its number, no banner', async (_what, fixture) => {
    page = await browser.newPage();
    await page.goto(url(fixture));
    await waitForMarks(page, 1);
    await settle(page);
    expect(await marksOf(page)).toEqual([['unknown', '+81312345678']]);
    expect(await hasBanner(page)).toBe(false);
    await page.close();
  });

  it('marks the numbers a police page lists as dangerous, also one used to pose as Amazon, but neither its help line next to the tactics it lists nor the page', async () => {
    page = await browser.newPage();
    await page.goto(url('police-page-listing-numbers-scammers-used'));
    await waitForMarks(page, 4);
    await settle(page);
    expect(await marksOf(page)).toEqual([
      ['danger', '+81990123456'],
      ['danger', '+67570891234'],
      ['danger', '+81345209116'],
      ['unknown', '+81312345678'],
    ]);
    expect(await hasBanner(page)).toBe(false);
    await page.close();
  });

  it('does not mark the pieces of a number split across elements as numbers of their own', async () => {
    page = await browser.newPage();
    await page.goto(url('numbers-split-across-elements'));
    await waitForMarks(page, 3);
    await settle(page);
    expect(await marksOf(page)).toEqual([
      ['unknown', '+81398765432'],
      ['unknown', '+81612345678'],
      ['unknown', '+81120987654'],
    ]);
    await page.close();
  });

  it('marks nothing on a page with only dates, prices, postal codes and ids', async () => {
    page = await browser.newPage();
    await page.goto(url('dates-prices-postal-codes-only'));
    await settle(page);
    expect(await marksOf(page)).toEqual([]);
    await page.close();
  });

  it('marks a number an app adds after the page loaded', async () => {
    page = await browser.newPage();
    await page.goto(url('spa-adds-numbers-later'));
    await page.waitFor(() => document.querySelector('#late [data-cbg-level="danger"]'), undefined);
    expect(await marksOf(page)).toEqual([['danger', '+81990123456']]);
    await page.close();
  });

  it('asks about the numbers an app adds at once in one message, not one per number', async () => {
    page = await browser.newPage();
    await page.goto(url('app-adding-200-listings-at-once'));
    await page.waitFor(() => document.querySelectorAll('#list [data-cbg-level]').length === 200, undefined);
    // The page showed no number before; its 200 came in one task, so one message judged them all.
    const messages = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          addEventListener('message', (e) => {
            const n = (e.data as { cbgTestCandidateMessages?: unknown } | null)?.cbgTestCandidateMessages;
            if (typeof n === 'number') resolve(n);
          });
          postMessage({ cbgTestCountMessages: true }, '*');
        }),
      undefined,
    );
    expect(messages).toBe(1);
    await page.close();
  });

  it('marks every number of a directory listing more numbers than one message carries', async () => {
    page = await browser.newPage();
    await page.goto(url('directory-of-2500-numbers'));
    await waitForMarks(page, 2500);
    const marks = await marksOf(page);
    expect(marks).toHaveLength(2500);
    expect(new Set(marks.map(([, e164]) => e164)).size).toBe(2500);
    expect(marks[2499]).toEqual(['unknown', '+81350002499']);
    // Unknown numbers are marked for tests and assistive tech, but not painted by default.
    expect(await page.evaluate(() => CSS.highlights.has('cbg-unknown'), undefined)).toBe(false);
    await page.close();
  });

  it('marks the numbers a constantly changing page shows once it settles', async () => {
    page = await browser.newPage();
    await page.goto(url('live-feed-that-never-stops-changing'));
    await page.waitFor(() => document.body.dataset.settled === 'yes', undefined, 15_000);
    // Every number the page shows now gets a mark, and no mark is left on a number it dropped.
    await page.waitFor(
      () => {
        const shown = [...document.querySelectorAll('#live p')].filter((p) =>
          /03-6\d{3}-\d{4}/.test(p.textContent ?? ''),
        );
        const marked = document.querySelectorAll('#live [data-cbg-level]');
        return shown.length > 0 && marked.length === shown.length;
      },
      undefined,
      20_000,
    );
    await page.close();
  });

  it('marks numbers inside same-origin and cross-origin frames', async () => {
    page = await browser.newPage();
    await page.goto(url('iframe-parent'));
    await waitForMarks(page, 1);
    expect(await marksOf(page)).toEqual([['danger', '+67570891234']]);
    // The same-origin frame can be inspected from the parent; the cross-origin one reports to
    // the background, whose tab list the popup shows (checked through the badge count below).
    await page.waitFor(() => {
      const doc = (document.getElementById('same') as HTMLIFrameElement).contentDocument;
      return doc?.querySelector('[data-cbg-e164="+81990222333"]');
    }, undefined);
    await page.close();
  });

  it('leaves editable fields and code untouched and marks only the prose', async () => {
    page = await browser.newPage();
    await page.goto(url('editable-fields-untouched'));
    await page.waitFor(() => document.querySelector('#prose [data-cbg-level]'), undefined);
    await settle(page);
    const state = await page.evaluate(
      () => ({
        marks: document.querySelectorAll('[data-cbg-level]').length,
        input: (document.getElementById('input') as HTMLInputElement).value,
        textarea: (document.getElementById('textarea') as HTMLTextAreaElement).value,
        editable: document.getElementById('editable')?.innerHTML,
        code: document.getElementById('code')?.innerHTML,
      }),
      undefined,
    );
    expect(state).toEqual({
      marks: 1,
      input: '0990-123-456',
      textarea: '連絡先 0990-123-456',
      editable: '編集できる欄 0990-123-456',
      code: 'curl -H "X-Tel: 0990-123-456"',
    });
    await page.close();
  });

  it('asks before calling a dangerous tel: link, also one whose words follow an icon, that is only an image or that shows another number than it dials, and not before a harmless one', async () => {
    page = await browser.newPage();
    await page.goto(url('tel-link-to-premium-number'));
    await page.waitFor(
      () =>
        document.querySelectorAll('#call [data-cbg-level="danger"], #icon-first [data-cbg-level="danger"]')
          .length === 2,
      undefined,
    );
    // The image-only link has no words to mark: it is judged all the same, so the badge counts
    // it with the other premium numbers, among them the one a link dials while it shows a
    // toll-free number.
    await expect
      .poll(async () => (await browser.badge(url('tel-link-to-premium-number'))).text, { timeout: 10_000 })
      .toBe('4');
    expect(await marksOf(page)).toContainEqual(['danger', '+81990123459']);
    // Click the link the way a script or keyboard would, not by coordinates.
    for (const [id, number] of [
      ['call', '0990-123-456'],
      ['icon-first', '0990-123-457'],
      ['image-only', '0990-123-458'],
      ['disguised', '0990-123-459'],
    ] as const) {
      const dialog = page.answerDialog(false);
      const goesAhead = page.evaluate(
        (linkId: string) =>
          (document.getElementById(linkId) as HTMLAnchorElement).dispatchEvent(
            new MouseEvent('click', { bubbles: true, cancelable: true }),
          ),
        id,
      );
      expect(await dialog).toContain(number);
      expect(await goesAhead).toBe(false);
    }
    // Harmless links (one dials the number it shows, written the international way): nothing
    // asks and nothing stops the call (the page's own listener, which runs after ours, only
    // keeps the test browser from dialling).
    for (const id of ['safe', 'same-number']) {
      const stoppedBeforeThePage = await page.evaluate((linkId: string) => {
        let prevented: boolean | null = null;
        const listener = (e: Event) => {
          prevented = e.defaultPrevented;
          e.preventDefault();
        };
        window.addEventListener('click', listener, { once: true });
        document
          .getElementById(linkId)
          ?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
        return prevented;
      }, id);
      expect(stoppedBeforeThePage, id).toBe(false);
    }
    // A link that shows the number it dials gets one mark: the number's.
    const marks = await marksOf(page);
    expect(marks.filter(([, id]) => id === '+81312345679')).toEqual([['unknown', '+81312345679']]);
    await page.close();
  });

  it('opens a card saying why, with the real numbers of the company named, when a mark gets keyboard focus; Escape closes it', async () => {
    page = await browser.newPage();
    await page.goto(url('impersonation-card-company'));
    await waitForMarks(page, 1);
    await openCardOfFirstMark(page);
    // Styled and placed next to the number, just below (or above) it.
    expect(
      await page.evaluate(() => {
        const r = (document.querySelector('cbg-mark') as Element).getBoundingClientRect();
        const at = (y: number) => document.elementFromPoint(r.left + 4, y)?.tagName;
        return at(r.bottom + 16) === 'CBG-CARD' || at(r.top - 16) === 'CBG-CARD';
      }, undefined),
    ).toBe(true);
    // In the page's language: the level, why, the company's listed numbers each with what it is
    // for (these are an SMS sender and outbound-only lines, no desk to call), and three steps.
    const card = (await page.shadowText('cbg-card'))?.split('\n') ?? [];
    expect(card.slice(1, 4)).toEqual([
      '危険',
      '03-1234-5678',
      'このページには「三井住友カード」と書かれていますが、この番号は三井住友カードの番号ではありません。',
    ]);
    expect(card).toContain(
      '0120-936-795、06-6445-3474、06-7636-9418、06-7636-9440（「ご利用確認」SMSの送信元番号(電話窓口ではありません)）',
    );
    expect(card.find((line) => line.startsWith('03-6631-1511、'))).toMatch(
      /（発信専用.*）：公式以外の情報源のみ$/,
    );
    expect(card.slice(-4)).toEqual([
      '不在着信や、メッセージ・ポップアップの番号に、確かめる前にかけ直さない',
      '銀行やカード会社には、自分で確かめた番号でかける',
      '本物の会社や警察は、電話で暗証番号・パスワード・確認コードを聞いたり、ギフトカードで払わせたりしない',
      '安全なかけ直し方',
    ]);
    await page.evaluate(
      () => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })),
      undefined,
    );
    await page.waitFor(() => !document.querySelector('cbg-card'), undefined);
    await page.close();
  });

  it('shows the verdict card next to a selection verified from the context menu', async () => {
    page = await browser.newPage();
    await page.goto(url('dates-prices-postal-codes-only'));
    await page.evaluate(() => {
      const p = document.querySelector('p') as HTMLElement;
      getSelection()?.selectAllChildren(p);
      window.postMessage({ cbgTestMenu: '＋６７５ ７０８９ １２３４' }, '*');
    }, undefined);
    await page.waitFor(() => document.querySelector('cbg-card'), undefined);
    expect((await page.shadowText('cbg-card'))?.split('\n').slice(1, 4)).toEqual([
      '危険',
      '＋６７５ ７０８９ １２３４',
      expect.stringMatching(/^ワン切り詐欺で知られる国の番号（\+675）：\S/),
    ]);
    await page.close();
  });

  it("judges a selection with the page's words as the page does: a shop naming the cards it takes is no fake", async () => {
    page = await browser.newPage();
    await page.goto(url('restaurant-page-listing-the-cards-it-takes'));
    await page.evaluate(
      () =>
        window.postMessage(
          { cbgTestMenu: '03-1234-5678 お支払い 現金、クレジットカード（JCB・VISA・アメックス）' },
          '*',
        ),
      undefined,
    );
    await page.waitFor(() => document.querySelector('cbg-card'), undefined);
    expect((await page.shadowText('cbg-card'))?.split('\n')[1]).toBe('不明な番号');
    await page.close();
  });

  it('verifies a selection written with letters for digits as the digits it imitates', async () => {
    page = await browser.newPage();
    await page.goto(url('dates-prices-postal-codes-only'));
    await page.evaluate(() => window.postMessage({ cbgTestMenu: 'O99O-l23-456' }, '*'), undefined);
    await page.waitFor(() => document.querySelector('cbg-card'), undefined);
    const lines = (await page.shadowText('cbg-card'))?.split('\n') ?? [];
    expect(lines.slice(1, 3)).toEqual(['危険', 'O99O-l23-456']);
    expect(lines).toContainEqual(expect.stringMatching(/^高額な有料番号：/));
    expect(lines).toContain(
      '数字の代わりに英字が使われています（0の代わりにO、1の代わりにIやl）。迷惑メッセージの検出をすり抜けるための手口です。企業は番号を数字で書きます。',
    );
    await page.close();
  });

  it('says so when the text verified from the context menu holds no number', async () => {
    page = await browser.newPage();
    await page.goto(url('dates-prices-postal-codes-only'));
    await page.evaluate(() => window.postMessage({ cbgTestMenu: '2026年11月29日' }, '*'), undefined);
    await page.waitFor(() => document.querySelector('cbg-card'), undefined);
    expect((await page.shadowText('cbg-card'))?.split('\n').slice(1, 4)).toEqual([
      '電話番号が見つかりません',
      '2026年11月29日',
      '選択した文字列は電話番号として読めませんでした。番号の部分だけを選んで、もう一度確認してください。',
    ]);
    await page.close();
  });

  it('opens the popup lookup with the number where the page cannot show a card', async () => {
    page = await browser.newPage();
    await page.goto(url('dates-prices-postal-codes-only'));
    await page.evaluate(
      () => window.postMessage({ cbgTestMenu: '0990-123-456', cbgTestMenuUnscriptable: true }, '*'),
      undefined,
    );
    const lookup = await browser.findExtensionPage(
      `/src/popup/index.html?q=${encodeURIComponent('0990-123-456')}`,
    );
    await lookup.waitFor(() => document.querySelector('section.verdict[data-cbg-level]'), undefined);
    expect(
      await lookup.evaluate(
        () => [
          (document.querySelector('input') as HTMLInputElement).value,
          document.querySelector('section.verdict')?.getAttribute('data-cbg-level'),
        ],
        undefined,
      ),
    ).toEqual(['0990-123-456', 'danger']);
    await lookup.close();
    await page.close();
  });

  it('paints unknown numbers on an open page once the user asks for them, and stops when asked', async () => {
    page = await browser.newPage();
    await page.goto(url('directory-of-2500-numbers'));
    await waitForMarks(page, 2500);
    const painted = () =>
      page.evaluate(
        () => [
          CSS.highlights.get('cbg-unknown')?.size ?? 0,
          [...document.querySelectorAll('[data-cbg-level="unknown"]')].filter((m) =>
            m.hasAttribute('tabindex'),
          ).length,
        ],
        undefined,
      );
    expect(await painted()).toEqual([0, 0]);
    const marking = (unknown: boolean) =>
      updateSettings({ marking: { official: true, caution: true, danger: true, unknown } });
    try {
      expect(await marking(true)).toMatchObject({ ok: true });
      // Painted and reachable from the keyboard, without reloading the page.
      await page.waitFor(() => (CSS.highlights.get('cbg-unknown')?.size ?? 0) === 2500, undefined);
      expect(await painted()).toEqual([2500, 2500]);
    } finally {
      expect(await marking(false)).toMatchObject({ ok: true });
    }
    await page.waitFor(() => !CSS.highlights.get('cbg-unknown')?.size, undefined);
    expect(await painted()).toEqual([0, 0]);
    await page.close();
  });

  it('leaves no mark behind when paused while a long directory is still being marked', async () => {
    page = await browser.newPage();
    await page.goto(url('directory-of-2500-numbers'));
    await waitForMarks(page, 1);
    try {
      expect(await pause(true)).toMatchObject({ ok: true });
      await page.waitFor(() => !document.querySelector('[data-cbg-level]'), undefined);
      // Replies and slices of marks that were on their way when the pause came put nothing back.
      await settle(page);
      expect(await page.evaluate(() => document.querySelectorAll('[data-cbg-level]').length, undefined)).toBe(
        0,
      );
    } finally {
      await pause(false);
    }
    await page.close();
  });

  it('stops marking at once when paused, and on a site switched off, and comes back', async () => {
    page = await browser.newPage();
    await page.goto(url('impersonation-card-company'));
    await waitForMarks(page, 1);
    expect(await pause(true)).toMatchObject({ ok: true });
    await page.waitFor(() => !document.querySelector('[data-cbg-level], [data-cbg-banner]'), undefined);
    expect(await pause(false)).toMatchObject({ ok: true });
    await waitForMarks(page, 1);

    const site = (enabled: boolean) =>
      browser.extensionMessage({ kind: 'page/set-site-enabled', hostname: '127.0.0.1', enabled });
    expect(await site(false)).toMatchObject({ ok: true });
    await page.waitFor(() => !document.querySelector('[data-cbg-level]'), undefined);
    await page.goto(url('tech-support-scam'));
    await settle(page);
    expect(await marksOf(page)).toEqual([]);
    expect(await site(true)).toMatchObject({ ok: true });
    await waitForMarks(page, 1);
    await page.close();
  });
});

describe.each(BROWSERS)('toolbar badge, %s', (_name, open) => {
  it('counts caution and danger numbers on the tab, red when any is danger', async () => {
    const browser = await open(origin);
    try {
      const page = await browser.newPage();
      await page.goto(url('iframe-parent'));
      await waitForMarks(page, 1);
      const pageUrl = url('iframe-parent');
      // +675 in the page, 0990 in each of the two frames (same number: counted once).
      await expect.poll(async () => (await browser.badge(pageUrl)).text, { timeout: 10_000 }).toBe('2');
      expect((await browser.badge(pageUrl)).color).toEqual([207, 34, 46, 255]);
    } finally {
      await browser.close();
    }
  });
});
