// npm run build: the extension for Chrome and Firefox, the library, the CLI, and the zips.
//   node scripts/build.mjs          store builds in dist/ + zips
//   node scripts/build.mjs --test   test builds (with test hooks) in .test-build/, no zips
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { listFiles, writeZip } from './zip.mjs';

const testBuild = process.argv.includes('--test');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// vite.config.ts imports TypeScript modules without extensions (bundled config loader, the
// default); silence Vite 8's notice about a future native loader that would not allow that.
const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true', ...env },
  });
const vite = (mode, env) =>
  run(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--mode', mode, '--logLevel', 'warn'],
    env,
  );

if (testBuild) {
  for (const browser of ['chrome', 'firefox']) {
    // NODE_ENV: vitest sets it to "test", which would make Preact's JSX use its dev runtime.
    vite(browser, { CBG_TEST_HOOKS: '1', CBG_OUT_DIR: `.test-build/${browser}`, NODE_ENV: 'production' });
  }
  console.log('test builds: .test-build/chrome, .test-build/firefox');
  process.exit(0);
}

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
for (const browser of ['chrome', 'firefox']) vite(browser, { CBG_TEST_HOOKS: '0', NODE_ENV: 'production' });
vite('lib');
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.lib.json']);
vite('cli');

for (const browser of ['chrome', 'firefox']) {
  const zip = `dist/callback-guard-${browser}-${pkg.version}.zip`;
  writeZip(zip, `dist/${browser}`, listFiles(`dist/${browser}`));
  console.log(`wrote ${zip}`);
}

// The source zip Mozilla's review asks for: every tracked file, so a reviewer can run
// `npm ci && npm run build` and compare. Needs a git checkout.
if (existsSync('.git')) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && existsSync(f) && statSync(f).isFile());
  const zip = `dist/callback-guard-source-${pkg.version}.zip`;
  writeZip(zip, '.', files);
  console.log(`wrote ${zip}`);
} else {
  console.warn('not a git checkout: skipped the source zip');
}
