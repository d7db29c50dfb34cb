import { describe, expect, it } from 'vitest';
import { allowedSender, MAX_CANDIDATES_PER_MESSAGE, parseRequest } from './messages';

describe('parseRequest', () => {
  it('accepts a well-formed batch of candidates from a page', () => {
    const msg = {
      kind: 'content/candidates',
      candidates: [{ raw: '0120-210-364', digits: '0120210364', context: 'お問い合わせ 0120-210-364' }],
      page: { lang: 'ja', hostname: 'example.jp', title: 'お問い合わせ' },
    };
    expect(parseRequest(msg)).toEqual(msg);
  });

  it('drops fields it does not know instead of passing them on', () => {
    const parsed = parseRequest({ kind: 'page/lookup', input: '188', extra: { evil: true } });
    expect(parsed).toEqual({ kind: 'page/lookup', input: '188' });
  });

  it.each([
    [null, 'message must be an object with a kind'],
    ['content/ping', 'message must be an object with a kind'],
    [{ kind: 'content/candidates', candidates: 'x', page: {} }, 'candidates must be an array'],
    [
      { kind: 'content/candidates', candidates: [{ raw: 1, digits: '1', context: '' }], page: {} },
      'each candidate needs string raw and digits (≤ 64 characters) and context (≤ 400)',
    ],
    [
      { kind: 'content/candidates', candidates: [{ raw: 'a', digits: '12<img>', context: '' }], page: {} },
      'candidate digits must be ASCII digits with an optional leading +',
    ],
    [{ kind: 'page/lookup', input: 'x'.repeat(1001) }, 'lookup input must be a string (≤ 1000 characters)'],
    [
      { kind: 'test/open-extension-page', path: 'https://evil.example/' },
      'path must be an extension page such as src/popup/index.html',
    ],
    [{ kind: 'nope' }, 'unknown message kind "nope"'],
  ])('rejects %j with a clear message', (value, error) => {
    expect(parseRequest(value)).toEqual({ error });
  });

  it('refuses batches larger than the per-message cap', () => {
    const candidates = Array.from({ length: MAX_CANDIDATES_PER_MESSAGE + 1 }, () => ({
      raw: '188',
      digits: '188',
    }));
    const parsed = parseRequest({
      kind: 'content/candidates',
      candidates,
      page: { lang: '', hostname: '', title: '' },
    });
    expect(parsed).toEqual({ error: `at most ${MAX_CANDIDATES_PER_MESSAGE} candidates per message` });
  });
});

describe('allowedSender', () => {
  it('takes content messages only from content scripts and page messages only from our pages', () => {
    expect(allowedSender('content/candidates', 'content')).toBe(true);
    expect(allowedSender('content/candidates', 'extension-page')).toBe(false);
    expect(allowedSender('page/lookup', 'extension-page')).toBe(true);
    expect(allowedSender('page/lookup', 'content')).toBe(false);
  });
});
