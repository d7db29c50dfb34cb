import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PersonalEntry, PersonalListName } from '../core/user-data-types';
import { send } from '../messaging/send';
import { datedName, downloadJson } from '../ui/download';
import { listsFile } from '../ui/export-files';
import { t, uiLanguage } from '../ui/i18n';
import { entryMatches } from '../ui/input-helpers';
import { errorText } from '../ui/use-state-view';
import { formatDate, type SectionProps, StatusLine, useAction } from './shared';

const LISTS: readonly PersonalListName[] = ['trusted', 'blocked'];

/** Personal trusted and blocked numbers, with import and export. */
export function PersonalLists({ state, onState }: SectionProps) {
  return (
    <section aria-labelledby="lists-heading">
      <h2 id="lists-heading">{t('options_lists_heading')}</h2>
      <p class="muted">{t('options_lists_intro')}</p>
      {LISTS.map((list) => (
        <PersonalList key={list} list={list} state={state} onState={onState} />
      ))}
      <ImportExport state={state} onState={onState} />
    </section>
  );
}

function PersonalList({ list, state, onState }: SectionProps & { list: PersonalListName }) {
  const { status, run } = useAction(onState);
  const [query, setQuery] = useState('');
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const entries = state.user[list];
  const shown = entries.filter((e) => entryMatches(e, query));
  const name = t(`options_list_${list}`);
  const lang = uiLanguage();

  const add = async (e: Event) => {
    e.preventDefault();
    if (!number.trim()) return;
    const done = await run(() =>
      send({ kind: 'page/list-put', list, number: number.trim(), note: note.trim() }),
    );
    if (done) {
      setNumber('');
      setNote('');
    }
  };

  const save = async (entry: PersonalEntry, newNumber: string, newNote: string) => {
    const before = new Set(entries.map((e) => e.e164));
    const after = await run(() =>
      send({ kind: 'page/list-put', list, number: newNumber.trim(), note: newNote.trim() }),
    );
    if (!after) return;
    // A changed number is a new entry: drop the old one only once the new one is safely in.
    const added = after.user[list].some((e) => !before.has(e.e164));
    if (added) await run(() => send({ kind: 'page/list-remove', list, e164: entry.e164 }));
    setEditing(null);
  };

  return (
    <div class="personal-list" data-list={list}>
      <h3 id={`list-${list}`}>{name}</h3>
      <label for={`search-${list}`}>{t('options_list_search', name)}</label>
      <input
        id={`search-${list}`}
        type="search"
        autocomplete="off"
        value={query}
        onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
      />
      {entries.length === 0 ? (
        <p class="muted">{t('options_list_empty')}</p>
      ) : shown.length === 0 ? (
        <p class="muted">{t('options_list_no_match')}</p>
      ) : (
        <table aria-labelledby={`list-${list}`}>
          <thead>
            <tr>
              <th scope="col">{t('options_list_number')}</th>
              <th scope="col">{t('options_list_note')}</th>
              <th scope="col">{t('options_list_added')}</th>
              <th scope="col">{t('options_list_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((entry) =>
              editing === entry.e164 ? (
                <EditRow
                  key={entry.e164}
                  entry={entry}
                  onSave={(n, m) => void save(entry, n, m)}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <tr key={entry.e164} data-e164={entry.e164}>
                  <td>
                    <span class="number-raw">{entry.number}</span>
                    <span class="muted mono small">{entry.e164}</span>
                  </td>
                  <td class="note">{entry.note}</td>
                  <td>{formatDate(entry.added, lang)}</td>
                  <td class="actions">
                    <button
                      type="button"
                      aria-label={t('options_list_edit_label', entry.number)}
                      onClick={() => setEditing(entry.e164)}
                    >
                      {t('options_list_edit')}
                    </button>
                    <button
                      type="button"
                      aria-label={t('options_list_remove_label', entry.number)}
                      onClick={() =>
                        void run(() => send({ kind: 'page/list-remove', list, e164: entry.e164 }))
                      }
                    >
                      {t('options_list_remove')}
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      <form onSubmit={add} class="inline-form" aria-label={t('options_list_add_heading', name)}>
        <div class="row">
          <div>
            <label for={`add-number-${list}`}>{t('options_list_number')}</label>
            <input
              id={`add-number-${list}`}
              type="text"
              inputMode="tel"
              autocomplete="off"
              maxLength={64}
              value={number}
              onInput={(e) => setNumber((e.currentTarget as HTMLInputElement).value)}
            />
          </div>
          <div class="grow">
            <label for={`add-note-${list}`}>{t('options_list_note')}</label>
            <input
              id={`add-note-${list}`}
              type="text"
              autocomplete="off"
              maxLength={500}
              value={note}
              onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
            />
          </div>
          <button type="submit" class="primary">
            {t('options_list_add')}
          </button>
        </div>
      </form>
      <StatusLine status={status} />
    </div>
  );
}

function EditRow({
  entry,
  onSave,
  onCancel,
}: {
  entry: PersonalEntry;
  onSave(number: string, note: string): void;
  onCancel(): void;
}) {
  const [number, setNumber] = useState(entry.number);
  const [note, setNote] = useState(entry.note);
  const first = useRef<HTMLInputElement>(null);
  // Focus moves with the render, not after the next frame: typing right after "Edit" must not
  // start in one field and end in another.
  useLayoutEffect(() => first.current?.focus(), []);
  return (
    <tr data-e164={entry.e164} data-editing="">
      <td>
        <input
          ref={first}
          type="text"
          aria-label={t('options_list_number')}
          inputMode="tel"
          maxLength={64}
          value={number}
          onInput={(e) => setNumber((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        />
      </td>
      <td colSpan={2}>
        <input
          type="text"
          aria-label={t('options_list_note')}
          maxLength={500}
          value={note}
          onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onSave(number, note);
            if (e.key === 'Escape') onCancel();
          }}
        />
      </td>
      <td class="actions">
        <button type="button" class="primary" onClick={() => onSave(number, note)}>
          {t('options_list_save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('options_list_cancel')}
        </button>
      </td>
    </tr>
  );
}

/** Export both lists as JSON; import a file all-or-nothing (the background checks it). */
function ImportExport({ state, onState }: SectionProps) {
  const { status, setStatus, run } = useAction(onState);
  const file = useRef<HTMLInputElement>(null);
  const onFile = async () => {
    const f = file.current?.files?.[0];
    if (!f) return;
    let json: string;
    try {
      json = await f.text();
    } catch (e) {
      setStatus({ ok: false, text: t('options_import_failed', errorText(e)) });
      return;
    }
    await run(
      () => send({ kind: 'page/lists-import', json }),
      (r) => t('options_import_done', [String(r.imported.trusted), String(r.imported.blocked)]),
      (e) => t('options_import_failed', e),
    );
    if (file.current) file.current.value = '';
  };
  return (
    <div class="import-export">
      <h3>{t('options_import_heading')}</h3>
      <p>
        <button
          type="button"
          onClick={() => downloadJson(datedName('callback-guard-lists'), listsFile(state.user))}
        >
          {t('options_export')}
        </button>
      </p>
      <label for="lists-import">{t('options_import')}</label>
      <input
        id="lists-import"
        ref={file}
        type="file"
        accept=".json,application/json"
        onChange={() => void onFile()}
      />
      <StatusLine status={status} />
    </div>
  );
}
