/**
 * Content script entry: runs in every http(s) frame. Asks the background whether to work here
 * (global pause, per-site switch) and follows changes to that immediately. The page is hostile
 * ground: nothing here trusts it, and nothing the page can read carries more than it shows.
 */
import { type ContentStatus, parseBackgroundMessage } from '../core/messages';
import { send } from '../messaging/send';
import { PageGuard } from './page-guard';

let guard: PageGuard | null = null;

function apply(status: ContentStatus): void {
  if (!status.active) {
    guard?.stop();
    guard = null;
    return;
  }
  if (guard) guard.updateStatus(status);
  else {
    guard = new PageGuard(status);
    guard.start();
  }
}

interface RuntimeEvents {
  onMessage: { addListener(cb: (message: unknown, sender: { id?: string }) => void): void };
  id: string;
}

/**
 * Listens to the background. Not at injection: the first touch of the extension runtime builds
 * its bindings in this world (about 2-4 ms in Chromium), which would land in the page's parse.
 */
function listenToBackground(): void {
  const runtime = (
    (globalThis as { browser?: { runtime: RuntimeEvents } }).browser ??
    (globalThis as unknown as { chrome: { runtime: RuntimeEvents } }).chrome
  ).runtime;
  runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== runtime.id) return;
    const m = parseBackgroundMessage(message);
    if (m?.kind === 'bg/status') apply(m.status);
    else if (m?.kind === 'bg/show-verdict') {
      if (!guard) {
        // Paused or off here: the user asked explicitly, so show the card anyway.
        guard = new PageGuard({
          active: true,
          marking: { official: true, caution: true, danger: true, unknown: false },
          uiLanguage: 'en',
        });
      }
      void guard.showSelectionVerdict(m.selection, m.report?.verdict ?? null);
    }
  });
}

/**
 * Starts after the page's load event (or LOAD_WAIT_MS, for pages whose last image never
 * arrives), so our work never delays the page's own loading. The manifest injects us at
 * document_start, which only registers this wait: Chromium holds a page's load event until its
 * document_idle scripts have been injected, and on a 5 MB page that meant after the page's whole
 * first layout (load 3.4 s instead of 1.6 s, even with an empty script; see BENCHMARKS.md).
 */
const LOAD_WAIT_MS = 3000;
function afterLoad(run: () => void): void {
  if (document.readyState === 'complete') {
    run();
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    run();
  };
  window.addEventListener('load', () => setTimeout(once, 0), { once: true });
  const fallback = setTimeout(once, LOAD_WAIT_MS);
}

if (document instanceof HTMLDocument) {
  afterLoad(() => {
    listenToBackground();
    send({ kind: 'content/status', hostname: location.hostname })
      .then(apply)
      .catch(() => {
        // Background unavailable (update in progress): stay out of the page.
      });
  });
}

if (__CBG_TEST_HOOKS__) {
  // Test builds only: Firefox refuses driver navigation to moz-extension:// pages, so a test
  // page on 127.0.0.1 asks us to open one. Compiled out of store builds.
  window.addEventListener('message', (event) => {
    const data = event.data as {
      cbgTestOpen?: unknown;
      cbgTestMenu?: unknown;
      cbgTestMenuUnscriptable?: unknown;
      cbgTestCountMessages?: unknown;
    } | null;
    if (event.source !== window || location.hostname !== '127.0.0.1') return;
    if (typeof data?.cbgTestOpen === 'string')
      send({ kind: 'test/open-extension-page', path: data.cbgTestOpen }).catch(() => {});
    if (typeof data?.cbgTestMenu === 'string')
      send({
        kind: 'test/context-menu',
        selectionText: data.cbgTestMenu,
        inUnscriptableTab: data.cbgTestMenuUnscriptable === true,
      }).catch(() => {});
    if (data?.cbgTestCountMessages === true)
      send({ kind: 'test/candidate-messages' })
        .then(({ count }) => window.postMessage({ cbgTestCandidateMessages: count }, '*'))
        .catch(() => {});
  });
}
