import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter, type Handlers } from './router';

const env = { extensionId: 'cbg@test', extensionOrigin: 'chrome-extension://abc/', testHooks: false };
const fromContent: Runtime.MessageSender = {
  id: 'cbg@test',
  url: 'https://shop.example/',
  tab: { id: 3 } as never,
};
const fromPopup: Runtime.MessageSender = {
  id: 'cbg@test',
  url: 'chrome-extension://abc/src/popup/index.html',
};
const fromOtherExtension: Runtime.MessageSender = {
  id: 'someone-else',
  url: 'chrome-extension://zzz/x.html',
};

/** Only the kinds these tests send; the router never looks at the others. */
function handlers(): Handlers {
  return {
    'content/ping': vi.fn(() => ({ pong: true as const, version: '1' })),
    'page/ping': vi.fn(() => ({ pong: true as const, version: '1' })),
    'content/candidates': vi.fn(() => ({ results: [], page: { level: 'unknown' as const, reasons: [] } })),
    'page/lookup': vi.fn(({ input }) => ({ input, report: null })),
    'test/open-extension-page': vi.fn(() => ({ opened: true as const })),
  } as Partial<Handlers> as Handlers;
}

describe('background router', () => {
  it('dispatches a valid message from the right sender', async () => {
    const h = handlers();
    const route = createRouter(h, env);
    expect(await route({ kind: 'page/lookup', input: '188' }, fromPopup)).toEqual({
      ok: true,
      value: { input: '188', report: null },
    });
  });

  it('refuses a page message sent by a content script (a page cannot reach popup-only actions)', async () => {
    const h = handlers();
    const reply = await createRouter(h, env)({ kind: 'page/lookup', input: '188' }, fromContent);
    expect(reply).toEqual({ ok: false, error: 'page/lookup is not accepted from this sender' });
    expect(h['page/lookup']).not.toHaveBeenCalled();
  });

  it('refuses messages from other extensions', async () => {
    const reply = await createRouter(handlers(), env)({ kind: 'page/ping' }, fromOtherExtension);
    expect(reply.ok).toBe(false);
  });

  it('refuses test hooks in store builds', async () => {
    const h = handlers();
    const reply = await createRouter(h, env)(
      { kind: 'test/open-extension-page', path: 'src/popup/index.html' },
      fromContent,
    );
    expect(reply).toEqual({ ok: false, error: 'test hooks are not part of this build' });
    expect(h['test/open-extension-page']).not.toHaveBeenCalled();
  });

  it('turns a handler failure into an error reply instead of throwing', async () => {
    const h = handlers();
    h['page/ping'] = () => {
      throw new Error('storage unavailable');
    };
    expect(await createRouter(h, env)({ kind: 'page/ping' }, fromPopup)).toEqual({
      ok: false,
      error: 'storage unavailable',
    });
  });

  it('answers garbage with an error and never calls a handler', async () => {
    const h = handlers();
    const route = createRouter(h, env);
    for (const junk of [undefined, 42, 'x', [], { kind: 7 }, { kind: 'content/candidates' }]) {
      expect((await route(junk, fromContent)).ok).toBe(false);
    }
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });
});
