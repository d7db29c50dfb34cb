import { useEffect, useRef, useState } from 'preact/hooks';
import type { NumberReport } from '../core/verdict/scan';
import { send } from '../messaging/send';
import { t } from '../ui/i18n';

/** "Someone called me from this number": judge as the person types. */
export function Lookup() {
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ input: string; report: NumberReport | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    if (!text.trim()) {
      setResult(null);
      return;
    }
    let current = true;
    send({ kind: 'page/lookup', input: text })
      .then((r) => {
        if (!current) return;
        setResult(r);
        setError(null);
      })
      .catch((e: unknown) => {
        if (current) setError(String(e));
      });
    return () => {
      current = false;
    };
  }, [text]);

  return (
    <section>
      <h1>{t('popupLookupHeading')}</h1>
      <label for="lookup" class="muted">
        {t('popupLookupLabel')}
      </label>
      <input
        id="lookup"
        ref={input}
        type="text"
        inputMode="tel"
        autocomplete="off"
        placeholder={t('popupLookupPlaceholder')}
        value={text}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
      />
      {error && <p role="alert">{error}</p>}
      {result && <LookupVerdict report={result.report} />}
    </section>
  );
}

function LookupVerdict({ report }: { report: NumberReport | null }) {
  if (!report) return <p class="verdict muted">{t('popupNoNumber')}</p>;
  const { level } = report.verdict;
  return (
    <div class="verdict" data-cbg-level={level} aria-live="polite">
      <strong>{t(`level_${level}`)}</strong>
      <div>{report.national ?? report.raw}</div>
      {report.e164 && <div class="muted">{report.e164}</div>}
      {level === 'unknown' && <p>{t('levelUnknownExplained')}</p>}
      {!report.valid && <p>{t('reasonMalformed')}</p>}
    </div>
  );
}
