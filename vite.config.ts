import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig, type UserConfig } from 'vite';
import webExtension from 'vite-plugin-web-extension';
import { compiledData } from './scripts/vite-data-plugin';
import { noHtmlSinks } from './scripts/vite-no-html-sinks';

// One config, four targets chosen by --mode:
//   chrome | firefox     the extension (store build); add CBG_TEST_HOOKS=1 for the test build
//   lib                  dist/lib/index.js, the ESM library over src/core
//   cli                  dist/cli/callback-guard.js, one self-contained file for plain `node`
// scripts/build.mjs runs them all; see README "Build".

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const template = readFileSync('manifest.json', 'utf8');

/** Test hooks (opening extension pages from a test) exist only in test builds. */
const testHooks = process.env.CBG_TEST_HOOKS === '1';

function extensionConfig(browser: 'chrome' | 'firefox'): UserConfig {
  const outDir = process.env.CBG_OUT_DIR ?? `dist/${browser}`;
  const define = {
    __CBG_TEST_HOOKS__: JSON.stringify(testHooks),
    __CBG_BROWSER__: JSON.stringify(browser),
  };
  return {
    define,
    build: {
      outDir,
      emptyOutDir: true,
      // Deterministic, readable-enough output for Mozilla's review; minified for size.
      minify: true,
      sourcemap: false,
      target: 'es2022',
    },
    plugins: [
      webExtension({
        browser,
        manifest: () => JSON.parse(template.replace('{{version}}', pkg.version)),
        skipManifestValidation: true,
        // Files no manifest key names: the privacy policy (linked from popup and options), and
        // the stylesheets of the in-page card and banner, which the background hands to the
        // content script when it first needs them (src/background/content-ui.ts).
        additionalInputs: ['src/privacy/index.html', 'src/content/card.css', 'src/content/banner.css'],
        disableAutoLaunch: true,
        printSummary: false,
        // noHtmlSinks: Preact's dangerouslySetInnerHTML branch removed, and no bundle may
        // parse a string as HTML (scripts/vite-no-html-sinks.ts).
        scriptViteConfig: {
          define,
          plugins: [compiledData(), noHtmlSinks()],
          build: { minify: true, target: 'es2022' },
        },
        htmlViteConfig: {
          define,
          plugins: [compiledData(), noHtmlSinks()],
          build: { minify: true, target: 'es2022' },
        },
      }),
    ],
  };
}

const nodeExternals = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig(({ mode }) => {
  if (mode === 'chrome' || mode === 'firefox') return extensionConfig(mode);
  if (mode === 'lib') {
    return {
      publicDir: false,
      plugins: [compiledData()],
      build: {
        outDir: 'dist/lib',
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        lib: { entry: 'src/core/index.ts', formats: ['es'], fileName: () => 'index.js' },
        rolldownOptions: { external: [...nodeExternals, /^libphonenumber-js/] },
      },
    };
  }
  if (mode === 'cli') {
    return {
      publicDir: false,
      plugins: [compiledData()],
      build: {
        outDir: 'dist/cli',
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        ssr: 'src/cli/main.ts',
        rolldownOptions: {
          external: nodeExternals,
          output: { entryFileNames: 'callback-guard.js', banner: '#!/usr/bin/env node', format: 'es' },
        },
      },
      // Bundle every dependency so the CLI runs with plain `node` from a copied dist/.
      ssr: { noExternal: true },
    };
  }
  throw new Error(`vite.config.ts: unknown mode "${mode}" (chrome, firefox, lib or cli)`);
});
