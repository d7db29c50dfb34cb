import { useState } from 'preact/hooks';
import { send } from '../messaging/send';
import { t } from '../ui/i18n';
import { hostFromInput } from '../ui/input-helpers';
import { type SectionProps, StatusLine, useAction } from './shared';

/** Sites where the content script does not scan. */
export function Sites({ state, onState }: SectionProps) {
  const { status, setStatus, run } = useAction(onState);
  const [input, setInput] = useState('');
  const sites = state.user.settings.disabledSites;
  const add = async (e: Event) => {
    e.preventDefault();
    const host = hostFromInput(input);
    if (!host) {
      setStatus({ ok: false, text: t('options_sites_invalid') });
      return;
    }
    if (await run(() => send({ kind: 'page/set-site-enabled', hostname: host, enabled: false })))
      setInput('');
  };
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('options_sites_heading')}</h2>
      {sites.length === 0 ? (
        <p class="muted">{t('options_sites_none')}</p>
      ) : (
        <ul class="plain-list">
          {sites.map((host) => (
            <li key={host} data-site={host}>
              <span class="mono">{host}</span>{' '}
              <button
                type="button"
                aria-label={t('options_sites_remove_label', host)}
                onClick={() =>
                  void run(() => send({ kind: 'page/set-site-enabled', hostname: host, enabled: true }))
                }
              >
                {t('options_sites_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} class="inline-form">
        <label for="site-add">{t('options_sites_add_label')}</label>
        <div class="row">
          <input
            id="site-add"
            type="text"
            autocomplete="off"
            spellcheck={false}
            value={input}
            onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit">{t('options_sites_add')}</button>
        </div>
      </form>
      <StatusLine status={status} />
    </section>
  );
}
