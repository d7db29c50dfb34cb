import type { Plugin } from 'vite';
import { readDataDir } from '../src/cli/data-dir';
import { checkAndCompile } from '../src/core/registry/check';

/**
 * `import data from 'virtual:cbg-data'`: data/ checked and compiled at build time. A data error
 * fails the build (and the tests) with the same `file:line: message` lines as
 * `callback-guard registry check`.
 */
export function compiledData(): Plugin {
  const id = 'virtual:cbg-data';
  return {
    name: 'cbg-compiled-data',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const result = checkAndCompile(readDataDir('data'));
      if (!result.ok) this.error(`data/ has errors:\n${result.errors.join('\n')}`);
      return `export default ${JSON.stringify(result.data)};`;
    },
  };
}
