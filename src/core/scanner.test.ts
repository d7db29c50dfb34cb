import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, findCandidates, scanCandidates } from './scanner';

const raws = (text: string): string[] => findCandidates(text).map((c) => c.raw);
const one = (text: string): Candidate => {
  const found = findCandidates(text);
  expect(found).toHaveLength(1);
  return found[0] as Candidate;
};

describe('findCandidates: what real pages print', () => {
  it('finds 0120 numbers written with full-width digits and hyphens', () => {
    const c = one('フリーダイヤル０１２０－１１６－１１６まで');
    expect(c.raw).toBe('０１２０－１１６－１１６');
    expect(c.digits).toBe('0120116116');
  });

  it('gives offsets into the original text, so raw is the slice it came from', () => {
    const text = '（平日）電話：０３（５９７８）７５９１、FAX 03-5978-7518';
    for (const c of findCandidates(text)) expect(text.slice(c.start, c.end)).toBe(c.raw);
    expect(raws(text)).toEqual(['０３（５９７８）７５９１', '03-5978-7518']);
  });

  it('leaves TEL:, ℡, 電話 and Tel. prefixes out of raw', () => {
    expect(raws('TEL:03-1234-5678')).toEqual(['03-1234-5678']);
    expect(raws('℡0120-123-456')).toEqual(['0120-123-456']);
    expect(raws('電話0120-123-456')).toEqual(['0120-123-456']);
    expect(raws('Tel.0120-123-456')).toEqual(['0120-123-456']);
    expect(raws('TEL0120-123-456')).toEqual(['0120-123-456']);
  });

  it('reads NBSP, ideographic spaces and every Unicode dash as separators', () => {
    expect(one('604\u00a0662-6882').digits).toBe('6046626882');
    expect(one('03\u30001234\u30005678').digits).toBe('0312345678');
    for (const dash of ['-', '‐', '‑', '‒', '–', '—', '−', '－', 'ー']) {
      expect(one(`0800${dash}200${dash}3099`).digits).toBe('08002003099');
    }
  });

  it('finds a number that hides invisible characters between its digits, as the screen shows it whole', () => {
    // Zero-width space and (non-)joiners, left-to-right mark, word joiner, invisible operators,
    // byte order mark, Mongolian vowel separator: none of them shows, so the reader sees 0990-…
    for (const hidden of ['\u200b', '\u200c', '\u200d', '\u200e', '\u2060', '\u2062', '\ufeff', '\u180e']) {
      const c = one(`有料相談 0990${hidden}123${hidden}456 まで`);
      expect(c.digits).toBe('0990123456');
      expect(c.raw).toBe(`0990${hidden}123${hidden}456`);
    }
  });

  it('does not join digit groups across a right-to-left mark, which shows them in another order', () => {
    // 0120 RLM 123 RLM 456 is shown as 0120456123: the digits we would read are not the ones on screen.
    expect(findCandidates('0120\u200f123\u200f456').map((c) => c.digits)).not.toContain('0120123456');
  });
  it('reads numbers split by spaces in odd groupings', () => {
    expect(one('0 3 0 -3 2 23 12 34').digits).toBe('03032231234');
    expect(one('65 02 53 00 00').digits).toBe('6502530000');
  });

  it('writes + for international numbers, and turns 00, 010 and 011 dialling prefixes into +', () => {
    expect(one('Call +44 20 7330 7500').digits).toBe('+442073307500');
    expect(one('＋１（６５０）３３３－６０００').digits).toBe('+16503336000');
    expect(one('0064 3 331 6005').digits).toBe('+6433316005');
    expect(one('010-1-212-555-0123').digits).toBe('+12125550123');
    expect(one('011 64 3 331 6005').digits).toBe('+6433316005');
  });

  it('keeps a Sapporo number (011-xxx-xxxx) national', () => {
    expect(one('011-123-4567').digits).toBe('0111234567');
  });

  it('keeps an extension in raw but not in digits', () => {
    expect(one('415-666-7777 ext. 503')).toMatchObject({
      raw: '415-666-7777 ext. 503',
      digits: '4156667777',
    });
    expect(one('415-666-7777 x123')).toMatchObject({ raw: '415-666-7777 x123', digits: '4156667777' });
    expect(one('03-1234-5678 内線123')).toMatchObject({ raw: '03-1234-5678 内線123', digits: '0312345678' });
    expect(one('03-1234-5678（内線123）').raw).toBe('03-1234-5678（内線123）');
  });

  it('keeps phone-shaped malformed strings that scam pages print', () => {
    expect(raws('至急 0101-21729-33385 まで')).toEqual(['0101-21729-33385']);
    expect(raws('0120-27753-5399')).toEqual(['0120-27753-5399']);
    expect(raws('call +28 123 4567 now')).toEqual(['+28 123 4567']);
    expect(raws('(0101)23949-31756')).toEqual(['(0101)23949-31756']);
  });

  it('gives each number of a space-separated list its own candidate', () => {
    expect(raws('0120-111-222 0120-333-444　+81 3 1234 5678')).toEqual([
      '0120-111-222',
      '0120-333-444',
      '+81 3 1234 5678',
    ]);
    expect(raws('03 1234 5678 03 9876 5432')).toEqual(['03 1234 5678', '03 9876 5432']);
    expect(raws('0 3 0 -3 2 23 12 34')).toEqual(['0 3 0 -3 2 23 12 34']);
  });

  it('leaves out an opening bracket that the number never closes', () => {
    expect(raws('（0120-248995）')).toEqual(['0120-248995']);
    expect(raws('(03) 1234-5678')).toEqual(['(03) 1234-5678']);
  });

  it('does not let a following "(24h" spoil the number before it', () => {
    expect(raws('01 76 36 31 88 (24h/24 7j/7)')).toEqual(['01 76 36 31 88']);
  });
});

describe('findCandidates: what is not a phone number', () => {
  it('ignores dates written 2026-11-27, 2026/11/27, 11/27/2026, 27.11.2026 and 2026年11月27日', () => {
    for (const d of [
      '2026-11-27',
      '2026/11/27',
      '11/27/2026',
      '27.11.2026',
      '2026年11月27日',
      '２０２６／１１／２７',
    ]) {
      expect(raws(`on ${d} we`)).toEqual([]);
    }
  });

  it('ignores a date followed by a time, and times and ranges such as 10:00~18:00', () => {
    expect(raws('2012-01-02 08:00')).toEqual([]);
    expect(raws('受付 10:00~18:00、9:00～17:30')).toEqual([]);
  });

  it('ignores prices: ¥12,800, $1,299.00, 12,800円, €1.234.567', () => {
    expect(raws('¥12,800 $1,299.00 12,800円 ￥1,980,000')).toEqual([]);
  });

  it('cuts an amount off the number it is written next to', () => {
    expect(raws('$20 415-666-7777')).toEqual(['415-666-7777']);
    expect(raws('415-666-7777 100$')).toEqual(['415-666-7777']);
  });

  it('ignores postal codes after 〒', () => {
    expect(raws('〒100-0005 東京都千代田区')).toEqual([]);
    expect(raws('〒 530-0001')).toEqual([]);
  });

  it('ignores ISBNs', () => {
    expect(raws('ISBN 978-4-10-109205-8')).toEqual([]);
    expect(raws('978-4-10-109205-8')).toEqual([]);
  });

  it('ignores order, tracking, corporate and approval numbers after their labels', () => {
    expect(raws('注文番号：1234-5678-9012')).toEqual([]);
    expect(raws('Order #12345678901')).toEqual([]);
    expect(raws('Order No. 0120-123-456')).toEqual([]);
    expect(raws('Tracking: 9400 1000 0000')).toEqual([]);
    expect(raws('法人番号 5010005007126')).toEqual([]);
    expect(raws('審査 12-1622-1')).toEqual([]);
    expect(raws('お問い合わせ番号 1234-5678-9012')).toEqual([]);
  });

  it('keeps numbers after contact labels that look like those labels', () => {
    expect(raws('お問い合わせ：0120-123-456')).toEqual(['0120-123-456']);
    expect(raws('お問い合わせ電話番号 0120-123-456')).toEqual(['0120-123-456']);
    expect(raws('To order, call 0120-123-456')).toEqual(['0120-123-456']);
  });

  it('ignores version strings and IP addresses', () => {
    expect(raws('v1.2.3 version 4.0.30319 build 1.2.3.4')).toEqual([]);
    // ...but not a North American number written with dots after its 1.
    expect(raws('collect: 1.315.724.4022')).toEqual(['1.315.724.4022']);
    expect(raws('server 192.168.100.200 and 10.0.0.1:8080')).toEqual([]);
  });

  it('keeps French numbers written with dots', () => {
    expect(raws('01.76.36.31.88')).toEqual(['01.76.36.31.88']);
  });

  it('ignores digit runs longer than 17 digits and hex hashes', () => {
    expect(raws('12345678901234567890')).toEqual([]);
    expect(
      raws(
        'sha 5d41402abc4b2a76b9719d911017c592 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ),
    ).toEqual([]);
  });

  it('ignores digits glued to letters', () => {
    expect(raws('abc0120123456 0120123456def SKU12345678')).toEqual([]);
    expect(raws('CVE-2026-12345 ISO-8859-1')).toEqual([]);
  });

  it('ignores short numbers', () => {
    expect(raws('110番、188、#7110、12345')).toEqual([]);
  });
});

describe('findCandidates: safety', () => {
  const phoneish = fc.constantFrom(
    ...'0123456789０１２３４５６７８９٠١٢+＋-‐－ー()（）[]. /~:：,#xX内線TEL年円¥$〒 \u00a0\u3000abcé\n'.split(
      '',
    ),
  );
  const text = fc.oneof(
    fc.string({ unit: phoneish, maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );

  it('never throws and returns sorted, non-overlapping, in-range candidates (1,000 runs)', () => {
    fc.assert(
      fc.property(text, (t) => {
        let last = 0;
        for (const c of findCandidates(t)) {
          expect(c.start).toBeGreaterThanOrEqual(last);
          expect(c.end).toBeGreaterThan(c.start);
          expect(c.end).toBeLessThanOrEqual(t.length);
          expect(c.raw).toBe(t.slice(c.start, c.end));
          expect(c.digits).toMatch(/^\+?\d+$/);
          last = c.end;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('counts every rejected run when asked (maxTries support)', () => {
    const rejected: number[] = [];
    const found = scanCandidates('ab 123 fake 2026-11-27, 415-666-7777 2026/11/27', 1, rejected);
    expect(found.map((c) => c.raw)).toEqual(['123', '415-666-7777']);
    expect(rejected).toEqual([12]);
  });

  it('cuts a date off a number written next to it', () => {
    expect(raws('2026-11-27 0120-123-456')).toEqual(['0120-123-456']);
    expect(raws('0120-123-456 2026/11/27')).toEqual(['0120-123-456']);
  });

  it('does work proportional to the input on 5 MB of adversarial text', { timeout: 300_000 }, () => {
    const best = (s: string): number => {
      let min = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        findCandidates(s);
        min = Math.min(min, performance.now() - t0);
      }
      return Math.max(min, 1);
    };
    // Linear is 5x, quadratic 25x. A shared machine's load can spoil one measurement, never
    // three in a row: the bound must hold in one of three attempts.
    const ratio = (p: string): number =>
      best(p.repeat(Math.ceil(5e6 / p.length))) / best(p.repeat(Math.ceil(1e6 / p.length)));
    // All digits, all dashes, alternating digits and separators, brackets, dots, times, vanity.
    for (const p of ['0', '-', '0-', '1 ', '(0', '0.', '12:', '1-800-AB', '1-800-FLOWERS ']) {
      let r = ratio(p);
      for (let attempt = 1; attempt < 3 && r >= 12; attempt++) r = Math.min(r, ratio(p));
      expect(r, `pattern ${JSON.stringify(p)}`).toBeLessThan(12);
    }
  });
});

describe('findCandidates: vanity numbers (1-800-FLOWERS)', () => {
  it('finds North American numbers with letters for digits, raw as printed, digits per E.161', () => {
    expect(one('Call 1-800-FLOWERS today')).toMatchObject({ raw: '1-800-FLOWERS', digits: '18003569377' });
    expect(one('1 (888) GOT-JUNK')).toMatchObject({ raw: '1 (888) GOT-JUNK', digits: '18884685865' });
    expect(one('+1 800 MY-APPLE')).toMatchObject({ raw: '+1 800 MY-APPLE', digits: '+18006927753' });
    expect(one('(800) FLOWERS')).toMatchObject({ raw: '(800) FLOWERS', digits: '8003569377' });
    expect(one('1.800.CONTACT')).toMatchObject({ raw: '1.800.CONTACT', digits: '18002668228' });
    expect(one('1-800-4-MY-HOME')).toMatchObject({ raw: '1-800-4-MY-HOME', digits: '18004694663' });
    expect(one('ＴＥＬ：１－８００－ＦＬＯＷＥＲＳ').digits).toBe('18003569377');
  });

  it('keeps a number printed before it apart', () => {
    expect(raws('TEL 03-1234-5678 1-800-FLOWERS')).toEqual(['03-1234-5678', '1-800-FLOWERS']);
  });

  it('leaves words, product codes and web addresses alone', () => {
    for (const text of [
      'over 800 DOLLARS',
      'win 1 800 DOLLARS',
      'Model 800-SERIESX',
      'ISO-9001-ABCDEFG',
      'COVID-19 TESTING',
      'Top 500 GREAT TV',
      'Visit 1-800-FLOWERS.com',
      '1-800-Flowers',
      '1-800-MATTRESS',
      'SKU1-800-FLOWERS',
      'A380-1-800-FLOWERS',
      '1-800-FAX NOW',
      'CALL 800 NOW',
    ]) {
      expect(raws(text), text).toEqual([]);
    }
  });

  it('does not read an O or I next to a digit with the keypad: it passes for 0 or 1', () => {
    // A reader of "555-O1OO" dials 555-0100; the keypad would make it 555-6166.
    for (const text of ['Call 1-888-555-O1OO now', 'Call 1-888-555-01OO now', '1 (888) 2I2-O1OO']) {
      expect(
        findCandidates(text).filter((c) => /[OI]/.test(c.raw)),
        text,
      ).toEqual([]);
    }
    // O and I among letters are keypad letters as ever.
    expect(one('1-800-GO-FEDEX').digits).toBe('18004633339');
    expect(one('1-800-IT-WORKS').digits).toBe('18004896757');
  });
});
