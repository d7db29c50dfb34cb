/**
 * Where the time goes, for bench/page.bench.ts:
 *  - Chromium: a DevTools trace of one page load (RunTask events of the page's main thread with
 *    wall and thread-CPU durations, and V8 CPU-profile samples), split into the tasks that ran
 *    the extension's content script and the rest;
 *  - Firefox: a Gecko profile written at shutdown (MOZ_PROFILER_STARTUP), samples of the page's
 *    content process;
 *  - both: positions in the minified content script mapped back to src/ through a source map of
 *    a byte-identical rebuild.
 */
import { readFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

// ---- source maps (a small VLQ decoder: no dependency) ----------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

interface RawMap {
  sources: string[];
  sourcesContent?: (string | null)[];
  names: string[];
  mappings: string;
}

/** One generated line: segments [generatedColumn, source, originalLine, originalColumn]. */
type Line = number[][];

export class SourceMap {
  private readonly lines: Line[] = [];
  private readonly contents: string[][];

  constructor(private readonly map: RawMap) {
    let source = 0;
    let origLine = 0;
    let origCol = 0;
    for (const text of map.mappings.split(';')) {
      const line: Line = [];
      let col = 0;
      for (const seg of text.split(',')) {
        if (!seg) continue;
        const values: number[] = [];
        let shift = 0;
        let value = 0;
        for (const ch of seg) {
          const digit = B64.indexOf(ch);
          value += (digit & 31) << shift;
          if (digit & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            shift = 0;
            value = 0;
          }
        }
        col += values[0] ?? 0;
        if (values.length >= 4) {
          source += values[1] as number;
          origLine += values[2] as number;
          origCol += values[3] as number;
          line.push([col, source, origLine, origCol]);
        }
      }
      this.lines.push(line);
    }
    this.contents = (map.sourcesContent ?? []).map((c) => (c ?? '').split('\n'));
  }

  static fromFile(path: string): SourceMap {
    return new SourceMap(JSON.parse(readFileSync(path, 'utf8')) as RawMap);
  }

  /**
   * The source position of a generated position (both 0-based), as "src/…/file.ts:line" plus
   * that source line, trimmed: enough to name the function a profile frame starts in.
   */
  lookup(line: number, column: number): { where: string; text: string } | null {
    const segs = this.lines[line];
    if (!segs?.length) return null;
    let best: number[] | undefined;
    for (const s of segs) {
      if ((s[0] as number) <= column) best = s;
      else break;
    }
    best ??= segs[0];
    if (!best) return null;
    const [, src, l] = best as [number, number, number, number];
    const file = (this.map.sources[src] ?? '?').replace(/^(\.\.\/)+/, '').replace(/^.*?\/(src\/)/, '$1');
    const text = (this.contents[src]?.[l] ?? '').trim().slice(0, 90);
    return { where: `${file}:${l + 1}`, text };
  }
}

// ---- Chromium traces ------------------------------------------------------------------------

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: Record<string, unknown> & { data?: Record<string, unknown> };
}

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'v8',
  'disabled-by-default-v8.cpu_profiler',
];

/** Starts a trace on a page's CDP session; the returned function stops it and returns events. */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => {
    for (const v of e.value) events.push(v as TraceEvent);
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordContinuously' },
  } as never);
  return async () => {
    const complete = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

export interface TaskInfo {
  /** ms since the page's navigationStart */
  at: number;
  wallMs: number;
  cpuMs: number;
  /** CPU-profile time inside the extension's code (stack holds a chrome-extension:// frame) */
  extMs: number;
  kind: 'extension' | 'render' | 'parse' | 'page-script' | 'other';
  /** What the task did, by trace event (ms of wall time, top events) */
  parts: string;
  /** extension functions in this task by profile time (innermost extension frame › leaf) */
  top?: ProfileEntry[];
}

export interface ProfileEntry {
  /** innermost extension function (source position) and, after ›, the native or V8 leaf under it */
  key: string;
  ms: number;
}

export interface TraceSummary {
  navStart: number;
  /** content script evaluation, ms since navigationStart */
  injectAt: number | null;
  /** wall time of evaluating the content script (at injection, inside the page's parse task) */
  injectMs: number;
  tasks: TaskInfo[];
  extTasks: TaskInfo[];
  longestExt: TaskInfo | null;
  longestExtCpu: TaskInfo | null;
  extCpuMs: number;
  extWallMs: number;
  /** first and last extension task, ms since navigationStart */
  extSpan: [number, number] | null;
  /** page timer tasks (TimerFire) that ran while the extension was scanning */
  timerFiresDuringExt: number;
  /** by innermost extension function › leaf frame, from the CPU profile samples */
  profile: ProfileEntry[];
  /** by innermost extension function, from the CPU profile samples */
  profileByFunction: ProfileEntry[];
  profileExtMs: number;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number; columnNumber?: number };
}

const EXT_URL = /^(chrome|moz)-extension:\/\//;

/**
 * Splits the trace of one page load into tasks of that page's main thread. A task counts as the
 * extension's when the CPU profile caught extension code in it, or it evaluated the content
 * script, or it resumed a scheduler.yield() continuation (the test pages never call it).
 */
export function summarizeTrace(events: TraceEvent[], pageUrl: string, map: SourceMap | null): TraceSummary {
  const nav = events
    .filter(
      (e) =>
        e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').startsWith(pageUrl),
    )
    .sort((a, b) => a.ts - b.ts)[0];
  if (!nav) throw new Error(`trace: no navigationStart for ${pageUrl}`);
  const { pid, tid } = nav;
  const main = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X')
    .sort((a, b) => a.ts - b.ts);
  const runTasks = main.filter((e) => e.name === 'RunTask' && e.ts >= nav.ts);

  // CPU profile samples of this thread: [ts, weight µs, node]
  const nodes = new Map<number, ProfileNode>();
  const samples: Array<{ ts: number; dt: number; node: number }> = [];
  const profileIds = new Set(
    events.filter((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid).map((e) => e.id),
  );
  const profileStart = new Map<string | undefined, number>();
  for (const e of events.filter((x) => x.name === 'Profile' && profileIds.has(x.id) && x.pid === pid)) {
    profileStart.set(e.id, Number(e.args?.data?.startTime ?? e.ts));
  }
  const lastTs = new Map(profileStart);
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || !profileIds.has(e.id)) continue;
    const data = e.args?.data as
      | { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] }
      | undefined;
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const ids = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    let t = lastTs.get(e.id) ?? e.ts;
    ids.forEach((node, i) => {
      const dt = deltas[i] ?? 0;
      t += dt;
      samples.push({ ts: t, dt: Math.min(dt, 5000), node });
    });
    lastTs.set(e.id, t);
  }
  samples.sort((a, b) => a.ts - b.ts);
  const extFrameOf = new Map<number, ProfileNode | null>();
  const innermostExt = (id: number): ProfileNode | null => {
    const cached = extFrameOf.get(id);
    if (cached !== undefined) return cached;
    const n = nodes.get(id);
    let out: ProfileNode | null = null;
    if (n)
      out = EXT_URL.test(n.callFrame.url ?? '') ? n : n.parent !== undefined ? innermostExt(n.parent) : null;
    extFrameOf.set(id, out);
    return out;
  };
  const describe = (n: ProfileNode): string => {
    const { functionName, lineNumber = 0, columnNumber = 0 } = n.callFrame;
    const src = map?.lookup(lineNumber, columnNumber);
    return src
      ? `${src.where} ${src.text}`
      : `${functionName || '(anonymous)'} @${lineNumber + 1}:${columnNumber + 1}`;
  };
  const leafName = (id: number): string => {
    const n = nodes.get(id);
    if (!n) return '?';
    if (EXT_URL.test(n.callFrame.url ?? '')) return '(self)';
    return n.callFrame.functionName || '(native)';
  };

  let s = 0;
  const tasks: TaskInfo[] = [];
  const byKey = new Map<string, number>();
  const byFn = new Map<string, number>();
  let profileExtUs = 0;
  // `main` is sorted by start: a cursor finds each task's events without rescanning.
  const firstAtOrAfter = (ts: number) => {
    let lo = 0;
    let hi = main.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((main[mid] as TraceEvent).ts < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const task of runTasks) {
    const end = task.ts + (task.dur ?? 0);
    const inside: TraceEvent[] = [];
    for (let i = firstAtOrAfter(task.ts); i < main.length && (main[i] as TraceEvent).ts < end; i++) {
      if (main[i] !== task) inside.push(main[i] as TraceEvent);
    }
    let extUs = 0;
    const inTask = new Map<string, number>();
    while (s < samples.length && (samples[s] as { ts: number }).ts < task.ts) s++;
    for (let k = s; k < samples.length && (samples[k] as { ts: number }).ts < end; k++) {
      const sample = samples[k] as { ts: number; dt: number; node: number };
      const ext = innermostExt(sample.node);
      if (!ext) continue;
      extUs += sample.dt;
      const fn = describe(ext);
      const key = `${fn} › ${leafName(sample.node)}`;
      byKey.set(key, (byKey.get(key) ?? 0) + sample.dt);
      byFn.set(fn, (byFn.get(fn) ?? 0) + sample.dt);
      inTask.set(key, (inTask.get(key) ?? 0) + sample.dt);
    }
    profileExtUs += extUs;
    const names = new Set(inside.map((e) => e.name));
    const evaluatesExt = inside.some(
      (e) =>
        (e.name === 'EvaluateScript' || e.name === 'v8.compile') &&
        EXT_URL.test(String(e.args?.data?.url ?? e.args?.fileName ?? '')),
    );
    // Injected at document_start, the content script is evaluated inside the page's own parse
    // task: that task stays the page's (its evaluation is reported as injectMs).
    const kind: TaskInfo['kind'] =
      names.has('ParseHTML') && !names.has('RunYieldContinuation')
        ? 'parse'
        : extUs > 0 || evaluatesExt || names.has('RunYieldContinuation')
          ? 'extension'
          : names.has('UpdateLayoutTree') || names.has('Layout') || names.has('Paint')
            ? 'render'
            : names.has('FunctionCall') || names.has('TimerFire') || names.has('EvaluateScript')
              ? 'page-script'
              : 'other';
    // Top-level children by wall time, for the breakdown of long tasks.
    const partMs = new Map<string, number>();
    for (const e of inside) {
      if (
        ![
          'ParseHTML',
          'UpdateLayoutTree',
          'Layout',
          'Paint',
          'PrePaint',
          'Layerize',
          'RunMicrotasks',
          'FunctionCall',
          'EvaluateScript',
          'TimerFire',
          'V8.GC_MC_INCREMENTAL',
          'MinorGC',
          'MajorGC',
          'HitTest',
          'RunYieldContinuation',
          'v8.compile',
        ].includes(e.name)
      )
        continue;
      partMs.set(e.name, (partMs.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    }
    const parts = [...partMs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([n, ms]) => `${n} ${ms.toFixed(0)}`)
      .join(', ');
    tasks.push({
      at: (task.ts - nav.ts) / 1000,
      wallMs: (task.dur ?? 0) / 1000,
      cpuMs: (task.tdur ?? task.dur ?? 0) / 1000,
      extMs: extUs / 1000,
      kind,
      parts,
      ...(inTask.size
        ? {
            top: [...inTask]
              .sort((a, b) => b[1] - a[1])
              .slice(0, 6)
              .map(([key, us]) => ({ key, ms: us / 1000 })),
          }
        : {}),
    });
  }
  const extTasks = tasks.filter((t) => t.kind === 'extension');
  const max = (xs: TaskInfo[], f: (t: TaskInfo) => number) =>
    xs.reduce<TaskInfo | null>((a, t) => (!a || f(t) > f(a) ? t : a), null);
  const evaluations = main.filter(
    (e) => e.name === 'EvaluateScript' && EXT_URL.test(String(e.args?.data?.url ?? '')) && e.ts >= nav.ts,
  );
  const inject = evaluations[0];
  const extSpan: [number, number] | null = extTasks.length
    ? [(extTasks[0] as TaskInfo).at, (extTasks.at(-1) as TaskInfo).at + (extTasks.at(-1) as TaskInfo).wallMs]
    : null;
  const timerFiresDuringExt = extSpan
    ? main.filter(
        (e) =>
          e.name === 'TimerFire' &&
          (e.ts - nav.ts) / 1000 > extSpan[0] &&
          (e.ts - nav.ts) / 1000 < extSpan[1],
      ).length
    : 0;
  const sorted = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).map(([key, us]) => ({ key, ms: us / 1000 }));
  return {
    navStart: nav.ts,
    injectAt: inject ? (inject.ts - nav.ts) / 1000 : null,
    injectMs: evaluations.reduce((a, e) => a + (e.dur ?? 0), 0) / 1000,
    tasks,
    extTasks,
    longestExt: max(extTasks, (t) => t.wallMs),
    longestExtCpu: max(extTasks, (t) => t.cpuMs),
    extCpuMs: extTasks.reduce((a, t) => a + t.cpuMs, 0),
    extWallMs: extTasks.reduce((a, t) => a + t.wallMs, 0),
    extSpan,
    timerFiresDuringExt,
    profile: sorted(byKey),
    profileByFunction: sorted(byFn),
    profileExtMs: profileExtUs / 1000,
  };
}

// ---- CDP CPU profiles (Profiler.stop) ----------------------------------------------------------

export interface CpuProfile {
  nodes: Array<ProfileNode & { children?: number[] }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface CpuProfileSummary {
  totalMs: number;
  /** samples that were not idle */
  busyMs: number;
  /** samples whose stack holds a frame of the script */
  inScriptMs: number;
  byFunction: ProfileEntry[];
  byLeaf: ProfileEntry[];
}

/**
 * Time by innermost function of the script at `url` (mapped through `map`) and by the leaf under
 * it (a native or engine frame such as "(garbage collector)", or "(self)").
 */
export function summarizeCpuProfile(
  profile: CpuProfile,
  url: string,
  map: SourceMap | null,
): CpuProfileSummary {
  const nodes = new Map<number, ProfileNode>();
  for (const n of profile.nodes) nodes.set(n.id, { id: n.id, callFrame: n.callFrame });
  for (const n of profile.nodes) {
    for (const c of n.children ?? []) {
      const child = nodes.get(c);
      if (child) child.parent = n.id;
    }
  }
  const inScript = (n: ProfileNode | undefined): ProfileNode | null => {
    for (let x = n; x; x = x.parent !== undefined ? nodes.get(x.parent) : undefined) {
      if ((x.callFrame.url ?? '').startsWith(url)) return x;
    }
    return null;
  };
  const describe = (n: ProfileNode) => {
    const { functionName, lineNumber = 0, columnNumber = 0 } = n.callFrame;
    const src = map?.lookup(lineNumber, columnNumber);
    return src
      ? `${src.where} ${src.text}`
      : `${functionName || '(anonymous)'} @${lineNumber + 1}:${columnNumber + 1}`;
  };
  const byFn = new Map<string, number>();
  const byLeaf = new Map<string, number>();
  let total = 0;
  let busy = 0;
  let inside = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const node = nodes.get(id);
    const name = node?.callFrame.functionName ?? '';
    if (name === '(idle)') return;
    busy += dt;
    const own = inScript(node);
    if (!own || !node) {
      const key = `(outside the script) › ${name || node?.callFrame.url || '?'}`;
      byLeaf.set(key, (byLeaf.get(key) ?? 0) + dt);
      return;
    }
    inside += dt;
    const fn = describe(own);
    byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
    const leaf = `${fn} › ${node === own ? '(self)' : name || '(anonymous)'}`;
    byLeaf.set(leaf, (byLeaf.get(leaf) ?? 0) + dt);
  });
  const sorted = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).map(([key, ms]) => ({ key, ms }));
  return {
    totalMs: total,
    busyMs: busy,
    inScriptMs: inside,
    byFunction: sorted(byFn),
    byLeaf: sorted(byLeaf),
  };
}

// ---- Gecko profiles ---------------------------------------------------------------------------

interface GeckoThread {
  name: string;
  processName?: string;
  pid: number | string;
  samples: { schema: Record<string, number>; data: Array<Array<number | null>> };
  stackTable: { schema: Record<string, number>; data: Array<Array<number | null>> };
  frameTable: { schema: Record<string, number>; data: Array<Array<number | null>> };
  stringTable: string[];
}

export interface GeckoSummary {
  /** CPU ms (threadCPUDelta) of samples whose stack holds the extension's content script */
  extCpuMs: number;
  /** the same, wall ms (sample intervals) */
  extWallMs: number;
  byFunction: ProfileEntry[];
  byLeaf: ProfileEntry[];
  /** contiguous stretches of extension samples (gaps < 3 ms), longest first: [start, ms] */
  stretches: Array<[number, number]>;
}

/**
 * The content process that ran the page (its main thread has samples in the extension's content
 * script), with time by innermost extension function and by the innermost named frame under it
 * (DOM bindings such as "Element.setAttribute" or "TreeWalker.nextNode").
 */
export function summarizeGecko(path: string, scriptPath: string, map: SourceMap | null): GeckoSummary | null {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as {
    meta: { sampleUnits?: { threadCPUDelta?: string } };
    threads: GeckoThread[];
    processes?: Array<{ threads: GeckoThread[] }>;
  };
  const cpuUnit =
    profile.meta.sampleUnits?.threadCPUDelta === 'µs'
      ? 1e3
      : profile.meta.sampleUnits?.threadCPUDelta === 'ns'
        ? 1e6
        : 1;
  const threads = [...profile.threads, ...(profile.processes ?? []).flatMap((p) => p.threads)].filter(
    (t) => t.name === 'GeckoMain' && t.processName !== 'WebExtensions',
  );
  let best: GeckoSummary | null = null;
  for (const t of threads) {
    const S = t.samples.schema;
    const ST = t.stackTable.schema;
    const FT = t.frameTable.schema;
    const loc = (stack: number) =>
      t.stringTable[
        t.frameTable.data[t.stackTable.data[stack]?.[ST.frame as number] as number]?.[
          FT.location as number
        ] as number
      ] ?? '';
    const parent = (stack: number) => t.stackTable.data[stack]?.[ST.prefix as number] ?? null;
    const extOf = new Map<number, string | null>();
    const innermostExt = (stack: number | null): string | null => {
      if (stack === null) return null;
      const c = extOf.get(stack);
      if (c !== undefined) return c;
      const l = loc(stack);
      const out = l.includes(scriptPath) && l.includes('-extension://') ? l : innermostExt(parent(stack));
      extOf.set(stack, out);
      return out;
    };
    const namedLeaf = (stack: number | null): string => {
      for (let s = stack; s !== null; s = parent(s)) {
        const l = loc(s);
        if (!/^0x[0-9a-f]+$/i.test(l))
          return l.includes('-extension://') ? '(self)' : l.replace(/\s*\(.*$/, '');
      }
      return '(native)';
    };
    const describe = (l: string) => {
      const m = /^(.*?)\s*\(?[a-z]+-extension:\/\/[^/]+\/[^:]+:(\d+):(\d+)\)?/.exec(l);
      if (!m) return l;
      // Gecko: 1-based line and column.
      const src = map?.lookup(Number(m[2]) - 1, Number(m[3]) - 1);
      return src ? `${src.where} ${src.text}` : `${m[1] || '(anonymous)'} @${m[2]}:${m[3]}`;
    };
    const data = t.samples.data;
    let extWall = 0;
    let extCpu = 0;
    const byFn = new Map<string, number>();
    const byLeaf = new Map<string, number>();
    const stretches: Array<[number, number]> = [];
    let runStart = -1;
    let runLast = -1;
    for (let i = 1; i < data.length; i++) {
      const row = data[i] as Array<number | null>;
      const stack = row[S.stack as number] ?? null;
      const time = row[S.time as number] as number;
      const dt = time - ((data[i - 1] as Array<number | null>)[S.time as number] as number);
      const ext = innermostExt(stack);
      if (!ext) continue;
      const cpu = S.threadCPUDelta !== undefined ? Number(row[S.threadCPUDelta] ?? 0) / cpuUnit : dt;
      extWall += dt;
      extCpu += cpu;
      const fn = describe(ext);
      byFn.set(fn, (byFn.get(fn) ?? 0) + cpu);
      const leaf = `${fn} › ${namedLeaf(stack)}`;
      byLeaf.set(leaf, (byLeaf.get(leaf) ?? 0) + cpu);
      if (runStart >= 0 && time - runLast < 3) runLast = time;
      else {
        if (runStart >= 0) stretches.push([runStart, runLast - runStart]);
        runStart = time;
        runLast = time;
      }
    }
    if (runStart >= 0) stretches.push([runStart, runLast - runStart]);
    if (extWall === 0 || (best && best.extWallMs >= extWall)) continue;
    const sorted = (m: Map<string, number>) =>
      [...m].sort((a, b) => b[1] - a[1]).map(([key, ms]) => ({ key, ms }));
    best = {
      extCpuMs: extCpu,
      extWallMs: extWall,
      byFunction: sorted(byFn),
      byLeaf: sorted(byLeaf),
      stretches: stretches.sort((a, b) => b[1] - a[1]),
    };
  }
  return best;
}
