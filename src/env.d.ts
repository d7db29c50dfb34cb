/** Replaced at build time (vite.config.ts). False in store builds, so test hooks are dropped. */
declare const __CBG_TEST_HOOKS__: boolean;
/** The browser a build targets. */
declare const __CBG_BROWSER__: 'chrome' | 'firefox';

/** data/ compiled at build time (vite.config.ts, compiledData plugin). */
declare module 'virtual:cbg-data' {
  const data: import('./core/registry/compiled').CompiledData;
  export default data;
}

/** A stylesheet as a minified string (Vite `?inline`), for our shadow roots. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
