import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startFixtureServer } from '../fixtures/server';

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureOrigin: string;
  }
}

export default async function setup(project: TestProject) {
  execFileSync(process.execPath, ['scripts/build.mjs', '--test'], { stdio: 'inherit' });
  const { server, origin } = await startFixtureServer();
  project.provide('fixtureOrigin', origin);
  return () => new Promise<void>((ok) => server.close(() => ok()));
}
