import { useEffect, useState } from 'preact/hooks';
import type { MissedCallNote } from '../core/user-data-types';
import type { NumberReport } from '../core/verdict/scan';
import { send } from '../messaging/send';
import { datedName, downloadJson } from '../ui/download';
import { missedCallsFile } from '../ui/export-files';
import { t, uiLanguage } from '../ui/i18n';
import { LevelBadge } from '../ui/LevelBadge';
import { privacyPolicyUrl } from '../ui/privacy-link';
import { errorText, type StateHandle } from '../ui/use-state-view';

/** `YYYY-MM-DDTHH:MM` in local time, what a datetime-local input holds. */
function localInputValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/**
 * Missed-call notes: who called, when, what they said; each listed with the number's verdict
 * today, so a "return call" can be checked against what really happened. Stored by the
 * background in the user's local data; export as JSON, delete one by one.
 */
export function MissedCalls({ handle }: { handle: StateHandle }) {
  const notes = handle.state?.user.missedCalls ?? [];
  const [number, setNumber] = useState('');
  const [when, setWhen] = useState(() => localInputValue(new Date()));
  const [said, setSaid] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [reports, setReports] = useState<Record<string, NumberReport | null>>({});

  // Today's verdict for each distinct number in the notes.
  const numbersKey = [...new Set(notes.map((n) => n.number))].join('\n');
  useEffect(() => {
    let live = true;
    for (const n of numbersKey ? numbersKey.split('\n').slice(0, 100) : []) {
      send({ kind: 'page/lookup', input: n })
        .then(({ report }) => live && setReports((r) => ({ ...r, [n]: report })))
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [numbersKey]);

  const add = async (e: Event) => {
    e.preventDefault();
    if (!number.trim()) return;
    const whenDate = new Date(when);
    try {
      const next = await send({
        kind: 'page/missed-call-add',
        number: number.trim(),
        when: Number.isNaN(whenDate.getTime()) ? when : whenDate.toISOString(),
        said: said.trim(),
      });
      handle.set(next);
      setNumber('');
      setSaid('');
      setWhen(localInputValue(new Date()));
      setStatus({ ok: true, text: t('popup_missed_saved') });
    } catch (err) {
      setStatus({ ok: false, text: t('popup_missed_error', errorText(err)) });
    }
  };

  const remove = async (note: MissedCallNote) => {
    try {
      handle.set(await send({ kind: 'page/missed-call-remove', id: note.id }));
      setStatus(null);
    } catch (err) {
      setStatus({ ok: false, text: t('popup_missed_error', errorText(err)) });
    }
  };

  const sorted = missedCallsFile({ missedCalls: notes }).notes;

  return (
    <section aria-labelledby="missed-heading">
      <h2 id="missed-heading">{t('popup_missed_heading')}</h2>
      <p class="muted">{t('popup_missed_intro')}</p>
      <p class="muted">
        {t('popup_missed_private')}{' '}
        <a href={privacyPolicyUrl()} target="_blank" rel="noopener" id="missed-privacy">
          {t('privacy_link')}
        </a>
      </p>
      <form onSubmit={add} class="missed-form">
        <label for="missed-number">{t('popup_missed_number')}</label>
        <input
          id="missed-number"
          type="text"
          inputMode="tel"
          autocomplete="off"
          required
          maxLength={64}
          value={number}
          onInput={(e) => setNumber((e.currentTarget as HTMLInputElement).value)}
        />
        <label for="missed-when">{t('popup_missed_when')}</label>
        <input
          id="missed-when"
          type="datetime-local"
          required
          value={when}
          onInput={(e) => setWhen((e.currentTarget as HTMLInputElement).value)}
        />
        <label for="missed-said">{t('popup_missed_said')}</label>
        <textarea
          id="missed-said"
          rows={2}
          maxLength={500}
          value={said}
          onInput={(e) => setSaid((e.currentTarget as HTMLTextAreaElement).value)}
        />
        <p>
          <button type="submit" class="primary">
            {t('popup_missed_add')}
          </button>
        </p>
      </form>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'status' : 'error'}>
          {status.text}
        </p>
      )}
      <h3>{t('popup_missed_list')}</h3>
      {sorted.length === 0 ? (
        <p class="muted">{t('popup_missed_none')}</p>
      ) : (
        <>
          <ul class="missed-list">
            {sorted.map((note) => {
              const report = reports[note.number];
              return (
                <li key={note.id} data-missed-call={note.id}>
                  <div class="missed-head">
                    {report && (
                      <LevelBadge
                        level={report.verdict.level}
                        trusted={report.verdict.reasons.some((r) => r.code === 'user-trusted')}
                      />
                    )}
                    <span class="number-raw">{note.number}</span>
                    <button
                      type="button"
                      aria-label={t('popup_missed_delete_label', note.number)}
                      onClick={() => void remove(note)}
                    >
                      {t('popup_missed_delete')}
                    </button>
                  </div>
                  <div class="muted">{t('popup_missed_called', formatWhen(note.when))}</div>
                  {note.said && <div class="missed-said">{note.said}</div>}
                </li>
              );
            })}
          </ul>
          <p>
            <button
              type="button"
              onClick={() =>
                downloadJson(
                  datedName('callback-guard-missed-calls'),
                  missedCallsFile({ missedCalls: notes }),
                )
              }
            >
              {t('popup_missed_export')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
