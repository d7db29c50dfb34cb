import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { local } from './format';
import { HelpLines } from './HelpLines';
import { uiLanguage } from './i18n';
import { protocolSteps, readToCaller } from './protocol';

/**
 * The safe callback protocol: every step's title visible, the first `openSteps` expanded
 * (native <details>, so Enter/Space open and close them from the keyboard).
 */
export function Protocol({
  region,
  openSteps = protocolSteps.length,
}: {
  region: string;
  openSteps?: number;
}) {
  const lang = uiLanguage();
  return (
    <ol class="protocol">
      {protocolSteps.map((step, i) => (
        <li key={step.id} data-step={step.id}>
          <Step open={i < openSteps} title={local(step.title, lang)}>
            <p>{local(step.body, lang)}</p>
            {step.id === 'they-identify-first' && <ReadToCaller />}
            {step.id === 'get-help' && <HelpLines region={region} />}
          </Step>
        </li>
      ))}
    </ol>
  );
}

function Step({ open, title, children }: { open: boolean; title: string; children: ComponentChildren }) {
  // Children render only once opened: the help lines look numbers up, which need not happen
  // for a step nobody reads.
  const [seen, setSeen] = useState(open);
  return (
    <details open={open} onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && setSeen(true)}>
      <summary>{title}</summary>
      {seen && children}
    </details>
  );
}

export function ReadToCaller() {
  const lang = uiLanguage();
  return (
    <div class="read-card" role="note" aria-label={local(readToCaller.title, lang)}>
      <h4>{local(readToCaller.title, lang)}</h4>
      {readToCaller.lines.map((line) => (
        <p key={line.en} lang={lang}>
          {local(line, lang)}
        </p>
      ))}
    </div>
  );
}
