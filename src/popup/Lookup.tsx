import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { NumberReport } from '../core/verdict/scan';
import { send } from '../messaging/send';
import { t } from '../ui/i18n';
import { errorText } from '../ui/use-state-view';
import type { VerdictView as VerdictViewType } from '../ui/VerdictView';

/** The background refuses longer lookups; a long paste is judged on its start. */
const MAX_INPUT = 1000;
/** Typing: judge after a short pause; Enter judges at once. */
const TYPING_DELAY_MS = 60;

interface Props {
  text: string;
  onText(text: string): void;
  region: string;
  onOpenProtocol(): void;
  /** From the popup's second chunk: a verdict that arrives before it waits for it. */
  VerdictView?: typeof VerdictViewType;
}

type Result = { input: string; report: NumberReport | null };

/** "Someone called me from this number": a plain text box judged as the person types. */
export function Lookup({ text, onText, region, onOpenProtocol, VerdictView }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Focused as part of the first render (a layout effect runs before render() returns), so the
  // popup's first frame already has the caret in the box.
  useLayoutEffect(() => input.current?.focus(), []);

  const judge = (value: string) => {
    const id = ++seq.current;
    const query = value.slice(0, MAX_INPUT);
    if (!query.trim()) {
      setResult(null);
      setError(null);
      return;
    }
    send({ kind: 'page/lookup', input: query })
      .then((r) => {
        if (id !== seq.current) return;
        setResult(r);
        setError(null);
      })
      .catch((e: unknown) => {
        if (id === seq.current) setError(errorText(e));
      });
  };

  useEffect(() => {
    const timer = setTimeout(() => judge(text), result === null && !error ? 0 : TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  // A verdict is on screen only once the chunk that draws it has loaded.
  const shown = result && (!result.report || VerdictView) ? result : null;
  return (
    <section aria-labelledby="lookup-heading" class="lookup" data-judged={shown?.input ?? ''}>
      <h2 id="lookup-heading">{t('popup_lookup_heading')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          judge(input.current?.value ?? text);
        }}
      >
        <label for="lookup" class="muted">
          {t('popup_lookup_label')}
        </label>
        <input
          id="lookup"
          ref={input}
          type="text"
          inputMode="tel"
          autocomplete="off"
          spellcheck={false}
          enterKeyHint="search"
          placeholder={t('popup_lookup_placeholder')}
          value={text}
          onInput={(e) => onText((e.currentTarget as HTMLInputElement).value)}
        />
      </form>
      {error && <p role="alert">{t('popup_lookup_error', error)}</p>}
      {shown &&
        (shown.report ? (
          VerdictView && <VerdictView report={shown.report} region={region} onOpenProtocol={onOpenProtocol} />
        ) : (
          <p class="verdict muted" role="status">
            {t('popup_lookup_no_number')}
          </p>
        ))}
    </section>
  );
}
