import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { HelpLines } from './HelpLines';
import { t, uiLanguage } from './i18n';
import { protocolSteps, readToCaller, stepKeys } from './protocol';

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
  return (
    <ol class="protocol">
      {protocolSteps.map((step, i) => (
        <li key={step} data-step={step}>
          <Step open={i < openSteps} title={t(stepKeys(step).title)}>
            <p>{t(stepKeys(step).body)}</p>
            {step === 'they-identify-first' && <ReadToCaller />}
            {step === 'get-help' && <HelpLines region={region} />}
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
    <div class="read-card" role="note" aria-label={t(readToCaller.title)}>
      <h4>{t(readToCaller.title)}</h4>
      {readToCaller.lines.map((key) => (
        <p key={key} lang={lang}>
          {t(key)}
        </p>
      ))}
    </div>
  );
}
