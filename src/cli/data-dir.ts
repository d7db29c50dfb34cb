import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CheckInput, DataFile } from '../core/registry/check';

/** Reads data/registry/*.json, data/patterns/*.json and the schemas, for checkAndCompile. */
export function readDataDir(dir: string, cwd = process.cwd()): CheckInput {
  const read = (sub: string): DataFile[] => {
    const folder = join(dir, sub);
    if (!existsSync(folder)) throw new Error(`${relative(cwd, folder) || folder}: folder not found`);
    return readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => ({
        path: relative(cwd, join(folder, name)),
        text: readFileSync(join(folder, name), 'utf8'),
      }));
  };
  const schema = (name: string): object =>
    JSON.parse(readFileSync(join(dir, 'schema', name), 'utf8')) as object;
  return {
    registry: read('registry'),
    patterns: read('patterns'),
    registrySchema: schema('registry.schema.json'),
    patternsSchema: schema('patterns.schema.json'),
  };
}
