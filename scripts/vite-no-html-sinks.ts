import type { Plugin } from 'vite';

/**
 * No HTML parsing sinks in the extension's bundles.
 *
 * Our pages render with Preact, which supports `dangerouslySetInnerHTML` by assigning
 * `element.innerHTML`. We never use that prop, and an extension that reads every page should
 * carry no path that turns a string into markup (Mozilla's addons-linter flags the assignment:
 * UNSAFE_VAR_ASSIGNMENT). So, at build time:
 *
 * 1. `transform`: in Preact's bundle (preact/dist/preact.mjs) the one branch that applies
 *    `dangerouslySetInnerHTML` is replaced by a throw. Rendering that prop now fails loudly
 *    instead of parsing HTML; every other path of Preact is untouched. The branch is matched by
 *    its shape (minified names may change between versions); if it is not found exactly once,
 *    the build stops and says so, so that a Preact upgrade cannot silently bring it back.
 * 2. `generateBundle`: every emitted chunk is checked for HTML sinks (innerHTML / outerHTML
 *    assignment, insertAdjacentHTML, document.write, createContextualFragment); any hit stops
 *    the build, whichever module it came from.
 *
 * test/unit/no-html-sinks.test.ts runs both steps on the installed Preact;
 * test/e2e/store-build.e2e.ts checks the built files and addons-linter's 0 warnings.
 */

const PREACT_BUNDLE = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/;

/**
 * Preact 11's diffElementNodes, minified:
 *   h?(l||y&&(h.__html==y.__html||h.__html==t.innerHTML)||(t.innerHTML=h.__html),r.__k=[]):
 * where h is the new dangerouslySetInnerHTML, y the old one, t the element, l "hydrating".
 */
const INNER_HTML_BRANCH =
  /([\w$]+)\?\(([\w$]+)\|\|([\w$]+)&&\(\1\.__html==\3\.__html\|\|\1\.__html==([\w$]+)\.innerHTML\)\|\|\(\4\.innerHTML=\1\.__html\),([\w$]+)\.__k=\[\]\):/g;

export const REFUSAL = 'dangerouslySetInnerHTML is not supported in Callback Guard (no HTML parsing)';

/** Patterns that parse a string as HTML. Comparisons (`==`) are reads and not matched. */
export const HTML_SINKS: ReadonlyArray<[string, RegExp]> = [
  ['innerHTML assignment', /\.innerHTML\s*(?:\+?=)(?!=)/],
  ['outerHTML assignment', /\.outerHTML\s*(?:\+?=)(?!=)/],
  ['innerHTML assignment', /\[\s*["'`]innerHTML["'`]\s*\]\s*(?:\+?=)(?!=)/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\.write(?:ln)?\s*\(/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
];

export function htmlSinksIn(code: string): string[] {
  return HTML_SINKS.filter(([, re]) => re.test(code)).map(([name]) => name);
}

/** Preact's bundle with the dangerouslySetInnerHTML branch replaced by a throw; throws if not found once. */
export function removePreactInnerHtml(code: string): string {
  const found = [...code.matchAll(INNER_HTML_BRANCH)].length;
  if (found !== 1) {
    throw new Error(
      `expected Preact's dangerouslySetInnerHTML branch once in preact/dist/preact.mjs, found it ${found} times: ` +
        'Preact changed; update INNER_HTML_BRANCH in scripts/vite-no-html-sinks.ts',
    );
  }
  // `h ? <set innerHTML> : <children>` becomes `h ? <throw> : <children>`.
  const out = code.replace(
    INNER_HTML_BRANCH,
    (_all, html: string) => `${html}?(()=>{throw new Error(${JSON.stringify(REFUSAL)})})():`,
  );
  const left = htmlSinksIn(out);
  if (left.length > 0) throw new Error(`Preact still has HTML sinks after the transform: ${left.join(', ')}`);
  return out;
}

export function noHtmlSinks(): Plugin {
  let patched = false;
  return {
    name: 'cbg-no-html-sinks',
    enforce: 'pre',
    buildStart() {
      patched = false;
    },
    transform(code, id) {
      if (!PREACT_BUNDLE.test(id.split('?')[0] ?? id)) return null;
      try {
        const out = removePreactInnerHtml(code);
        patched = true;
        return { code: out, map: null };
      } catch (e) {
        this.error((e as Error).message);
      }
    },
    generateBundle(_options, bundle) {
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const sinks = htmlSinksIn(chunk.code);
        if (sinks.length > 0) {
          this.error(
            `${file} contains ${sinks.join(', ')}: the extension must not parse strings as HTML` +
              (patched ? '' : " (Preact's bundle was not transformed: did its path change?)"),
          );
        }
      }
    },
  };
}
