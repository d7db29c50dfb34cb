// npm start: build the extension, serve the demo page from test/fixtures, and open Debian's
// Chromium (with a window) with the extension loaded on it. Ctrl+C to stop.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

execFileSync(process.execPath, ['scripts/build.mjs', '--test'], { stdio: 'inherit' });
// tsx is needed for the TypeScript fixture server; it is a dev dependency.
const { startFixtureServer } = await import('tsx/esm/api').then(({ tsImport }) =>
  tsImport('../test/fixtures/server.ts', import.meta.url),
);
const { origin } = await startFixtureServer();
const ext = resolve('.test-build/chrome');
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cbg-start-')), {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: false,
  viewport: null,
  args: ['--no-first-run', '--disable-sync', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
});
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(`${origin}/index.html`);
console.log(`demo page: ${origin}/index.html (close the browser or press Ctrl+C to stop)`);
context.on('close', () => process.exit(0));
