import type { Reason } from '../core/verdict/types';
import { t, uiLanguage } from './i18n';
import { describeReason, sortReasons } from './reason-text';

/** Each reason in plain words, with its details and a link to its source. Text only, never HTML. */
export function ReasonList({ reasons }: { reasons: readonly Reason[] }) {
  const lang = uiLanguage();
  return (
    <ul class="reasons">
      {sortReasons(reasons).map((reason, i) => {
        const view = describeReason(reason, lang, t);
        return (
          <li key={`${view.code}-${i}`} data-reason={view.code} data-severity={view.severity}>
            <span class="reason-text">{view.text}</span>
            {view.details.map((d) => (
              <span key={d} class="reason-detail muted">
                {d}
              </span>
            ))}
            {view.source && (
              <a class="reason-source" href={view.source.url} target="_blank" rel="noopener noreferrer">
                {view.source.label}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
