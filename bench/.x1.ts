import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startBenchServer } from './page-fixtures';
const srv = await startBenchServer('/work/shared/corpus/pages');
const ext = '/tmp/cbg-bench-ext/chrome';
const withExt = process.argv[2] !== 'no';
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cbgx-')), {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run', ...(withExt ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : [])],
});
if (withExt) { const w = ctx.serviceWorkers()[0] ?? await ctx.waitForEvent('serviceworker'); console.log('sw', w.url()); }
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
const events: any[] = [];
cdp.on('Tracing.dataCollected', (e: any) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'v8', 'toplevel', 'blink.user_timing', 'loading'] } } as any);
const t0 = Date.now();
await page.goto(`${srv.origin}/big.html?probe=marks&want=2000`, { waitUntil: 'load', timeout: 60000 });
console.log('load', Date.now() - t0);
await page.waitForTimeout(4000);
const probe = await page.evaluate(() => (window as any).__cbgProbe);
const nav = await page.evaluate(() => JSON.parse(JSON.stringify(performance.getEntriesByType('navigation')[0])));
console.log('probe', JSON.stringify({ ...probe, longtasks: probe.longtasks.map((l: any) => [Math.round(l.start), Math.round(l.duration)]) }));
console.log('nav dcl', nav.domContentLoadedEventEnd, 'load', nav.loadEventEnd);
await cdp.send('Tracing.end');
await done;
(await import('node:fs')).writeFileSync(`/tmp/cbg-explore/trace-${withExt ? 'ext' : 'no'}.json`, JSON.stringify(events));
console.log('events', events.length);
await ctx.close(); await srv.close();
