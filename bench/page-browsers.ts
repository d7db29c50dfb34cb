/**
 * Browsers for bench/page.bench.ts: Debian Chromium (playwright-core) and Firefox ESR
 * (puppeteer-core), each launched with the extension's test build or without any extension,
 * everything else identical. The extension is built into a temporary directory at the start of
 * the run (the same build as `node scripts/build.mjs --test`), so other people's rebuilds of
 * .test-build/ during a long benchmark cannot change what is measured.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import puppeteer, { type Browser } from 'puppeteer-core';
import { build } from 'vite';
import { compiledData } from '../scripts/vite-data-plugin';
import { CHROMIUM_PATH, FIREFOX_PATH, requireBrowser } from '../test/e2e/browsers';
import { type CpuProfile, SourceMap } from './page-trace';

export { CHROMIUM_PATH, FIREFOX_PATH };

const repoRoot = path.resolve(import.meta.dirname, '..');

export interface BuiltExtension {
  chrome: string;
  firefox: string;
  /** content script size and short sha256 per browser, to say what was measured */
  contentScript: Record<'chrome' | 'firefox', { bytes: number; sha: string }>;
  /** source maps of byte-identical rebuilds of the content scripts (null when they differ) */
  maps: Record<'chrome' | 'firefox', SourceMap | null>;
  /** the same for Chromium's background service worker */
  backgroundMap: SourceMap | null;
}

/** The test build (CBG_TEST_HOOKS=1) for both browsers, into `outRoot`. */
export async function buildExtension(outRoot: string): Promise<BuiltExtension> {
  const out = { chrome: path.join(outRoot, 'chrome'), firefox: path.join(outRoot, 'firefox') };
  for (const browser of ['chrome', 'firefox'] as const) {
    execFileSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--mode', browser, '--logLevel', 'error'],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
          CBG_TEST_HOOKS: '1',
          CBG_OUT_DIR: out[browser],
        },
      },
    );
  }
  const contentScript = {} as BuiltExtension['contentScript'];
  const maps = {} as BuiltExtension['maps'];
  for (const browser of ['chrome', 'firefox'] as const) {
    const code = readFileSync(path.join(out[browser], 'src/content/index.js'), 'utf8');
    contentScript[browser] = {
      bytes: Buffer.byteLength(code),
      sha: createHash('sha256').update(code).digest('hex').slice(0, 12),
    };
    maps[browser] = await entryMap(
      browser,
      'src/content/index.ts',
      code,
      path.join(outRoot, `map-${browser}`),
    );
  }
  const background = readFileSync(path.join(out.chrome, 'src/background/index.js'), 'utf8');
  const backgroundMap = await entryMap(
    'chrome',
    'src/background/index.ts',
    background,
    path.join(outRoot, 'map-bg'),
  );
  return { ...out, contentScript, maps, backgroundMap };
}

/**
 * A copy of a built extension whose content script is empty (same manifest, stylesheet, frames
 * and background): what any content script costs a page, the floor under ours.
 */
export function withEmptyContentScript(built: string, outDir: string): string {
  rmSync(outDir, { recursive: true, force: true });
  cpSync(built, outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'src/content/index.js'), '');
  return outDir;
}

/**
 * Rebuilds a script entry the way the extension build bundles them (one IIFE, minified, es2022,
 * same defines and data plugin) but with a source map, and keeps the map only if the code is
 * byte-identical to the measured build: profile positions then name real source lines.
 */
async function entryMap(
  browser: 'chrome' | 'firefox',
  entry: string,
  measured: string,
  outDir: string,
): Promise<SourceMap | null> {
  try {
    await build({
      configFile: false,
      root: repoRoot,
      logLevel: 'silent',
      publicDir: false,
      plugins: [compiledData()],
      define: { __CBG_TEST_HOOKS__: 'true', __CBG_BROWSER__: JSON.stringify(browser) },
      build: {
        outDir,
        emptyOutDir: true,
        minify: true,
        target: 'es2022',
        sourcemap: true,
        rolldownOptions: {
          input: path.join(repoRoot, entry),
          output: { format: 'iife', entryFileNames: 'index.js' },
        },
      },
    });
    const code = readFileSync(path.join(outDir, 'index.js'), 'utf8').replace(
      /\n?\/\/# sourceMappingURL=.*\s*$/,
      '',
    );
    if (code.trimEnd() !== measured.trimEnd()) return null;
    return SourceMap.fromFile(path.join(outDir, 'index.js.map'));
  } catch {
    return null;
  }
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// ---- process CPU from /proc (utime + stime of every process of one browser) ----------------------

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcInfo {
  pid: number;
  ppid: number;
  cpuMs: number;
  cmdline: string;
}

function processes(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at field 3.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.push({
        pid: Number(name),
        ppid: Number(fields[1]),
        cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK,
        cmdline,
      });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** `root` and all its descendants (processes alive now). */
function processTree(root: number): ProcInfo[] {
  const all = processes();
  const kids = new Map<number, ProcInfo[]>();
  for (const p of all) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), p]);
  const tree: ProcInfo[] = [];
  const stack = all.filter((p) => p.pid === root);
  while (stack.length) {
    const p = stack.pop() as ProcInfo;
    tree.push(p);
    stack.push(...(kids.get(p.pid) ?? []));
  }
  return tree;
}

/** CPU ms used so far by `root` and all its descendants (processes alive now). */
export function treeCpuMs(root: number): number {
  return processTree(root).reduce((a, p) => a + p.cpuMs, 0);
}

/**
 * CPU ms used so far by the main threads of Firefox's web content processes under `root`: the
 * thread that parses, styles, lays out and runs the page's and content scripts' JavaScript, what
 * Chromium's TaskDuration counts for its renderer. From /proc/<pid>/task/<pid>/schedstat, which
 * counts in nanoseconds (stat's utime/stime count 10 ms ticks). The WebExtensions process (the
 * background page) is left out; preallocated content processes idle and add next to nothing.
 */
export function firefoxContentMainThreadMs(root: number): number {
  let total = 0;
  for (const p of processTree(root)) {
    if (!p.cmdline.includes('-isForBrowser')) continue;
    try {
      if (readFileSync(`/proc/${p.pid}/comm`, 'utf8').trim() === 'WebExtensions') continue;
      total += Number(readFileSync(`/proc/${p.pid}/task/${p.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/**
 * CPU ms used so far by Firefox's WebExtensions process under `root` (all its threads; stat's
 * 10 ms ticks): where the extension's background page runs.
 */
export function firefoxExtensionCpuMs(root: number): number {
  let total = 0;
  for (const p of processTree(root)) {
    try {
      if (readFileSync(`/proc/${p.pid}/comm`, 'utf8').trim() === 'WebExtensions') total += p.cpuMs;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

export interface ProcessCpu {
  /** every process of this browser */
  total: number;
  /** the extension's process: Chromium's (the background service worker), Firefox's WebExtensions */
  extension: number;
}

export interface ChromiumBench {
  context: BrowserContext;
  version: string;
  /** CPU ms used so far by this browser's processes (from /proc; 1/CLK_TCK resolution) */
  cpu(): ProcessCpu;
  /**
   * Starts V8's CPU profiler in the extension's service worker (launch with debugPort): a
   * second CDP connection over the debugging port, attached to the worker target. Returns the
   * function that stops it and returns the profile.
   */
  profileServiceWorker(): Promise<() => Promise<CpuProfile>>;
  close(): Promise<void>;
}

/**
 * Chromium with the extension (`ext` = unpacked directory) or without (`ext` = null). Both are
 * persistent contexts with a fresh profile, so the only difference is the extension (a
 * non-persistent launch would also differ in profile type).
 */
export async function launchChromium(
  ext: string | null,
  options: { debugPort?: boolean } = {},
): Promise<ChromiumBench> {
  requireBrowser(CHROMIUM_PATH, 'chromium');
  const profile = mkdtempSync(path.join(tmpdir(), 'cbg-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: 'ja',
    viewport: { width: 1280, height: 800 },
    args: [
      ...CHROMIUM_ARGS,
      ...(options.debugPort ? ['--remote-debugging-port=0'] : []),
      ...(ext ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : []),
    ],
  });
  if (ext && !context.serviceWorkers().length)
    await context.waitForEvent('serviceworker', { timeout: 30_000 });
  // The user agent string is reduced (156.0.0.0); ask the binary for the full version.
  let version = '?';
  try {
    const out = execFileSync(CHROMIUM_PATH, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    version = /(\d+\.\d+\.\d+\.\d+)/.exec(out)?.[1] ?? out.trim();
  } catch {
    // keep '?'
  }
  return {
    context,
    version,
    cpu() {
      const mine = processes().filter((p) => p.cmdline.includes(`--user-data-dir=${profile} `));
      return {
        total: mine.reduce((a, p) => a + p.cpuMs, 0),
        extension: mine
          .filter((p) => p.cmdline.includes('--extension-process'))
          .reduce((a, p) => a + p.cpuMs, 0),
      };
    },
    async profileServiceWorker() {
      const port = readFileSync(path.join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
      const remote = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      const session = await remote.newBrowserCDPSession();
      const { targetInfos } = (await session.send('Target.getTargets')) as {
        targetInfos: Array<{ targetId: string; type: string; url: string }>;
      };
      const target = targetInfos.find(
        (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
      );
      if (!target) throw new Error('no extension service worker to profile');
      // Playwright's CDPSession cannot address flattened child sessions: use the (older)
      // message-wrapping form of Target.attachToTarget.
      const { sessionId } = (await session.send('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: false,
      })) as { sessionId: string };
      let nextId = 0;
      const waiting = new Map<number, (value: { result?: unknown; error?: unknown }) => void>();
      session.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
        const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
        if (m.id !== undefined) waiting.get(m.id)?.(m);
      });
      const send = (method: string, params: object = {}) =>
        new Promise<unknown>((resolve, reject) => {
          const id = ++nextId;
          waiting.set(id, (m) => (m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result)));
          void session.send('Target.sendMessageToTarget', {
            sessionId,
            message: JSON.stringify({ id, method, params }),
          } as never);
        });
      await send('Profiler.enable');
      await send('Profiler.setSamplingInterval', { interval: 200 });
      await send('Profiler.start');
      return async () => {
        const { profile: cpuProfile } = (await send('Profiler.stop')) as { profile: CpuProfile };
        // Detach only: closing a connectOverCDP browser could close the browser itself.
        await session.detach().catch(() => {});
        return cpuProfile;
      };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface FirefoxBench {
  browser: Browser;
  version: string;
  cpu(): ProcessCpu;
  /** CPU ms used so far by the web content processes' main threads (see firefoxContentMainThreadMs) */
  contentMainThreadMs(): number;
  close(): Promise<void>;
}

/**
 * Firefox ESR with the extension installed as a temporary add-on, or without. `profileTo`
 * starts the Gecko profiler with the browser and writes its profile there on close.
 */
export async function launchFirefox(ext: string | null, profileTo?: string): Promise<FirefoxBench> {
  requireBrowser(FIREFOX_PATH, 'firefox-esr');
  const env: Record<string, string | undefined> = { ...process.env };
  if (profileTo) {
    Object.assign(env, {
      MOZ_PROFILER_STARTUP: '1',
      MOZ_PROFILER_STARTUP_FEATURES: 'js,stackwalk,cpu',
      MOZ_PROFILER_STARTUP_FILTERS: 'GeckoMain',
      MOZ_PROFILER_STARTUP_INTERVAL: '1',
      MOZ_PROFILER_STARTUP_ENTRIES: '20000000',
      MOZ_PROFILER_SHUTDOWN: profileTo,
    });
  }
  // Our own profile directory, so a browser closed without puppeteer's hooks leaves nothing behind.
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'cbg-bench-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir,
    env,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      'intl.locale.requested': 'ja',
      'intl.accept_languages': 'ja',
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
    },
  });
  if (ext) await browser.installExtension(ext);
  const version = (await browser.version()).replace(/^firefox\//i, '');
  const pid = browser.process()?.pid;
  return {
    browser,
    version,
    cpu: () => ({
      total: pid ? treeCpuMs(pid) : Number.NaN,
      extension: pid ? firefoxExtensionCpuMs(pid) : Number.NaN,
    }),
    contentMainThreadMs: () => (pid ? firefoxContentMainThreadMs(pid) : Number.NaN),
    async close() {
      const proc = browser.process();
      if (profileTo && proc && proc.exitCode === null) {
        // With the profiler on, Firefox writes the profile while it quits: ask it to quit over
        // WebDriver BiDi and wait for the process (puppeteer's close() kills it if it is slow).
        const exited = new Promise<void>((ok) => proc.once('exit', () => ok()));
        const connection = (
          browser as unknown as { connection?: { send(m: string, p: object): Promise<unknown> } }
        ).connection;
        await connection?.send('browser.close', {}).catch(() => {});
        await Promise.race([exited, new Promise((ok) => setTimeout(ok, 180_000))]);
      }
      await browser.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
