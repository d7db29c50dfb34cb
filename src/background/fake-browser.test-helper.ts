/**
 * A small in-memory stand-in for the webextension-polyfill APIs the user store and feeds use,
 * for Node unit tests (`vi.mock('webextension-polyfill', …)`). storage.local clones values like
 * the real one and can be told to fail the next writes (quota).
 */
function fakeArea(
  store: Map<string, unknown>,
  state: { failWrites: string | null; failReads: string | null },
) {
  const keysOf = (keys: string | string[] | null | undefined) =>
    keys === null || keys === undefined ? [...store.keys()] : typeof keys === 'string' ? [keys] : keys;
  return {
    async get(keys?: string | string[] | null) {
      if (state.failReads) throw new Error(state.failReads);
      const out: Record<string, unknown> = {};
      for (const k of keysOf(keys)) if (store.has(k)) out[k] = structuredClone(store.get(k));
      return out;
    },
    async set(items: Record<string, unknown>) {
      if (state.failWrites) throw new Error(state.failWrites);
      for (const [k, v] of Object.entries(items)) store.set(k, structuredClone(v));
    },
    async remove(keys: string | string[]) {
      for (const k of keysOf(keys)) store.delete(k);
    },
  };
}

export function createFakeBrowser() {
  const store = new Map<string, unknown>();
  const session = new Map<string, unknown>();
  const state = {
    failWrites: null as string | null,
    failReads: null as string | null,
    granted: new Set<string>(),
    /** "tabId:frameId" of frames where our content script listens. */
    frames: new Set<string>(),
    sent: [] as Array<{ tabId: number; frameId: number | undefined; message: unknown }>,
    /** Tabs the background opened (tabs.create), and the badge it set per tab. */
    created: [] as Array<{ url?: string; index?: number }>,
    badges: new Map<number, string>(),
    alarms: new Map<string, unknown>(),
    alarmListeners: [] as Array<(a: { name: string }) => void>,
    uiLanguage: 'ja',
  };
  const browser = {
    storage: {
      local: fakeArea(store, state),
      session: fakeArea(session, { failWrites: null, failReads: null }),
    },
    i18n: { getUILanguage: () => state.uiLanguage },
    permissions: {
      async contains(p: { origins?: string[] }) {
        return (p.origins ?? []).every((o) => state.granted.has(o));
      },
      async remove(p: { origins?: string[] }) {
        for (const o of p.origins ?? []) state.granted.delete(o);
        return true;
      },
    },
    tabs: {
      async sendMessage(tabId: number, message: unknown, options?: { frameId?: number }) {
        if (!state.frames.has(`${tabId}:${options?.frameId ?? 0}`)) {
          throw new Error('Could not establish connection. Receiving end does not exist.');
        }
        state.sent.push({ tabId, frameId: options?.frameId, message });
      },
      async create(props: { url?: string; index?: number }) {
        state.created.push(props);
        return { id: 1000 + state.created.length, index: props.index ?? 0 };
      },
    },
    action: {
      async setBadgeText({ tabId, text }: { tabId: number; text: string }) {
        state.badges.set(tabId, text);
      },
      async setBadgeBackgroundColor(_details: { tabId: number; color: string }) {},
    },
    alarms: {
      onAlarm: {
        addListener(fn: (a: { name: string }) => void) {
          state.alarmListeners.push(fn);
        },
      },
      async get(name: string) {
        return state.alarms.get(name);
      },
      async create(name: string, info: unknown) {
        state.alarms.set(name, info);
      },
    },
    runtime: {
      id: 'cbg@test',
      getManifest: () => ({ version: '0.0.0' }),
      getURL: (path: string) => `chrome-extension://cbg/${path.replace(/^\//, '')}`,
    },
  };
  return { browser, store, session, state };
}
