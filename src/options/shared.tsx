import { useState } from 'preact/hooks';
import type { StateView } from '../core/messages';
import { t } from '../ui/i18n';
import { errorText } from '../ui/use-state-view';

export interface SectionProps {
  state: StateView;
  onState(next: StateView): void;
}

export type Status = { ok: boolean; text: string } | null;

/** Runs one change and keeps its outcome for the section's status line. */
export function useAction(onState: (s: StateView) => void) {
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const run = async <T extends StateView>(
    action: () => Promise<T>,
    success: (result: T) => string = () => t('options_saved'),
    failure: (error: string) => string = (e) => t('options_error', e),
  ): Promise<T | null> => {
    setBusy(true);
    try {
      const result = await action();
      onState(result);
      setStatus({ ok: true, text: success(result) });
      return result;
    } catch (e) {
      setStatus({ ok: false, text: failure(errorText(e)) });
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { status, setStatus, busy, run };
}

export function StatusLine({ status }: { status: Status }) {
  // Both regions exist from the start so screen readers announce changes.
  return (
    <>
      <p role="status" class="status">
        {status?.ok ? status.text : ''}
      </p>
      <p role="alert" class="error">
        {status && !status.ok ? status.text : ''}
      </p>
    </>
  );
}

export function formatDate(iso: string | null, lang: string, withTime = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(
    lang,
    withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
  ).format(d);
}

export function regionName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
