import { useState } from 'preact/hooks';
import type { StateView } from '../core/messages';
import { setLanguage, t } from '../ui/i18n';
import { useStateView } from '../ui/use-state-view';
import { About } from './About';
import { Feeds } from './Feeds';
import { General } from './General';
import { PersonalLists } from './PersonalLists';
import { Sites } from './Sites';

/**
 * The options page: every change goes to the background as a `page/*` message, whose answer is
 * the new state; nothing is written here. Each section reports its own success or error.
 */
export function Options() {
  const [, setLangTick] = useState(0);
  const followLanguage = async (s: StateView) => {
    if (await setLanguage(s.user.settings.language)) setLangTick((n) => n + 1);
  };
  const handle = useStateView(followLanguage);
  const { state, loadError } = handle;
  const update = (next: StateView) => {
    handle.set(next);
    void followLanguage(next);
  };
  return (
    <main class="options">
      <h1>{t('options_title')}</h1>
      {loadError && <p role="alert">{t('options_load_error', loadError)}</p>}
      {!state && !loadError && <p class="muted">{t('options_loading')}</p>}
      {state?.storageError && <p role="alert">{t('options_storage_error', state.storageError)}</p>}
      {state && (
        <>
          <General state={state} onState={update} />
          <Sites state={state} onState={update} />
          <PersonalLists state={state} onState={update} />
          <Feeds state={state} onState={update} />
          <About state={state} />
        </>
      )}
    </main>
  );
}
