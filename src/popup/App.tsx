import { useRef, useState } from 'preact/hooks';
import type { StateView } from '../core/messages';
import { send } from '../messaging/send';
import { ext } from '../ui/ext';
import { browserLanguage, setLanguage, t } from '../ui/i18n';
import { effectiveRegion, errorText, useStateView } from '../ui/use-state-view';
import { useParts } from './deferred';
import { Lookup } from './Lookup';

type View = 'check' | 'protocol' | 'missed';
const VIEWS: readonly View[] = ['check', 'protocol', 'missed'];
const VIEW_LABEL: Record<View, string> = {
  check: 'popup_tab_check',
  protocol: 'popup_tab_protocol',
  missed: 'popup_tab_missed',
};

/**
 * URL parameters (all optional): `q` prefills the lookup (the context menu's fallback when a page
 * cannot be scripted), `view=protocol|missed` or the hash `#protocol` / `#missed` opens that view
 * (the in-page card links to `#protocol`), `tab=<id>` names the tab whose numbers to list
 * (otherwise the active tab).
 */
const params = new URLSearchParams(location.search);
const asked = params.get('view') ?? location.hash.slice(1);
const initialView: View = (VIEWS as readonly string[]).includes(asked) ? (asked as View) : 'check';

export function App() {
  const [view, setView] = useState<View>(initialView);
  const [lookupText, setLookupText] = useState(params.get('q')?.slice(0, 1000) ?? '');
  const [, setLangTick] = useState(0);
  const tabs = useRef<Record<View, HTMLButtonElement | null>>({ check: null, protocol: null, missed: null });
  const handle = useStateView(async (s: StateView) => {
    // The stored language wins over the remembered one; re-render everything when it differs.
    if (await setLanguage(s.user.settings.language)) setLangTick((n) => n + 1);
  });
  const { state, loadError } = handle;
  const region = effectiveRegion(state, browserLanguage());
  const [resumeError, setResumeError] = useState<string | null>(null);
  // The first frame is the header, the tabs and the lookup box; the rest comes with this chunk.
  const parts = useParts();

  const onTabKey = (e: KeyboardEvent) => {
    const i = VIEWS.indexOf(view);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    let next: View | undefined;
    if (step) next = VIEWS[(i + step + VIEWS.length) % VIEWS.length];
    if (e.key === 'Home') next = VIEWS[0];
    if (e.key === 'End') next = VIEWS[VIEWS.length - 1];
    if (next) {
      e.preventDefault();
      setView(next);
      tabs.current[next]?.focus();
    }
  };

  const checkNumber = (text: string) => {
    setLookupText(text);
    setView('check');
  };

  return (
    <>
      <header class="popup-header">
        <h1>{t('extName')}</h1>
        <button type="button" class="link" onClick={() => void ext().runtime.openOptionsPage()}>
          {t('popup_open_options')}
        </button>
      </header>
      {state?.user.settings.paused && (
        <p class="paused" role="status">
          {t('popup_paused')}{' '}
          <button
            type="button"
            onClick={() =>
              send({ kind: 'page/update-settings', patch: { paused: false } })
                .then(handle.set)
                .catch((e) => setResumeError(errorText(e)))
            }
          >
            {t('popup_resume')}
          </button>
        </p>
      )}
      {resumeError && <p role="alert">{t('options_error', resumeError)}</p>}
      <div role="tablist" aria-label={t('popup_nav_label')} class="tabs" onKeyDown={onTabKey}>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            id={`tab-${v}`}
            aria-selected={view === v}
            aria-controls={`panel-${v}`}
            tabIndex={view === v ? 0 : -1}
            ref={(el) => {
              tabs.current[v] = el;
            }}
            onClick={() => setView(v)}
          >
            {t(VIEW_LABEL[v])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} class="panel">
        {view === 'check' && (
          <>
            <Lookup
              text={lookupText}
              onText={setLookupText}
              region={region}
              onOpenProtocol={() => setView('protocol')}
              VerdictView={parts?.VerdictView}
            />
            {parts && <parts.TabNumbers tabParam={params.get('tab')} onCheck={checkNumber} />}
          </>
        )}
        {view === 'protocol' && (
          <section aria-labelledby="protocol-heading">
            <h2 id="protocol-heading">{t('popup_protocol_heading')}</h2>
            {parts && <parts.Protocol region={region} />}
          </section>
        )}
        {view === 'missed' && parts && <parts.MissedCalls handle={handle} />}
      </div>
      {loadError && view !== 'check' && <p role="alert">{t('popup_state_error', loadError)}</p>}
    </>
  );
}
