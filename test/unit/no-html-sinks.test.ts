/**
 * The build step that keeps HTML parsing out of our bundles (scripts/vite-no-html-sinks.ts),
 * run on the Preact that package-lock.json installs: its dangerouslySetInnerHTML branch is
 * found once and replaced by a throw, the result is still valid JavaScript, and a Preact whose
 * code changed stops the build instead of slipping through.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlSinksIn, REFUSAL, removePreactInnerHtml } from '../../scripts/vite-no-html-sinks';

const preactFile = createRequire(import.meta.url).resolve('preact');
const preact = readFileSync(preactFile, 'utf8');

describe('no HTML sinks in our bundles', () => {
  it("finds Preact's innerHTML assignment, and nothing else, before the transform", () => {
    expect(preactFile).toMatch(/preact[\\/]dist[\\/]preact\.mjs$/);
    expect(htmlSinksIn(preact)).toEqual(['innerHTML assignment']);
  });

  it('replaces the dangerouslySetInnerHTML branch with a throw and leaves valid JavaScript', () => {
    const out = removePreactInnerHtml(preact);
    expect(htmlSinksIn(out)).toEqual([]);
    expect(out).toContain(REFUSAL);
    expect(out.length - preact.length).toBeLessThan(200);
    const dir = mkdtempSync(join(tmpdir(), 'cbg-preact-'));
    const file = join(dir, 'preact.mjs');
    writeFileSync(file, out);
    const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('stops the build when Preact no longer has the expected shape', () => {
    const changed = preact.replace('.__html==', '.__html===');
    expect(() => removePreactInnerHtml(changed)).toThrow(/found it 0 times: Preact changed/);
    expect(() => removePreactInnerHtml(preact + preact)).toThrow(/found it 2 times/);
  });

  it('recognises the sinks and not the reads', () => {
    for (const code of [
      'e.innerHTML=x',
      'e.innerHTML += x',
      'e["innerHTML"]=x',
      'e.outerHTML=x',
      'e.insertAdjacentHTML("beforeend",x)',
      'document.write(x)',
      'r.createContextualFragment(x)',
    ]) {
      expect(htmlSinksIn(code), code).not.toEqual([]);
    }
    for (const code of ['a.innerHTML==b', 'a.innerHTML===b', 'e.textContent=x', 'e.innerText=x']) {
      expect(htmlSinksIn(code), code).toEqual([]);
    }
  });
});
