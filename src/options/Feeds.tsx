import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { FeedStatus } from '../core/user-data-types';
import { send } from '../messaging/send';
import { t, uiLanguage } from '../ui/i18n';
import { feedOrigin } from '../ui/input-helpers';
import { formatDate, type SectionProps, StatusLine, useAction } from './shared';

/** Feed subscriptions with their status; add (asks for the origin's permission), remove, update. */
export function Feeds({ state, onState }: SectionProps) {
  const { status, setStatus, run, busy } = useAction(onState);
  const [url, setUrl] = useState('');
  const [key, setKey] = useState('');
  const lang = uiLanguage();
  const statuses = new Map(state.feeds.map((f) => [f.url, f]));

  const add = (e: Event) => {
    e.preventDefault();
    const origin = feedOrigin(url);
    if (!origin) {
      setStatus({ ok: false, text: t('options_feed_invalid_url') });
      return;
    }
    // The permission prompt must open straight from the click: nothing awaited before it.
    browser.permissions
      .request({ origins: [`${origin}/*`] })
      .then(async (granted) => {
        if (!granted) {
          setStatus({ ok: false, text: t('options_feed_permission_denied', origin) });
          return;
        }
        const publicKey = key.trim();
        const done = await run(() =>
          send({ kind: 'page/feed-add', url: url.trim(), ...(publicKey ? { publicKey } : {}) }),
        );
        if (done) {
          setUrl('');
          setKey('');
        }
      })
      .catch((err: unknown) =>
        setStatus({ ok: false, text: t('options_error', err instanceof Error ? err.message : String(err)) }),
      );
  };

  return (
    <section aria-labelledby="feeds-heading">
      <h2 id="feeds-heading">{t('options_feeds_heading')}</h2>
      <p class="muted">{t('options_feeds_intro')}</p>
      {state.user.feeds.length === 0 ? (
        <p class="muted">{t('options_feeds_none')}</p>
      ) : (
        <ul class="plain-list feeds">
          {state.user.feeds.map((feed) => (
            <li key={feed.url} data-feed={feed.url}>
              <div class="mono">{feed.url}</div>
              <FeedStatusLine status={statuses.get(feed.url)} lang={lang} />
              <button
                type="button"
                aria-label={t('options_feed_remove_label', feed.url)}
                onClick={() => void run(() => send({ kind: 'page/feed-remove', url: feed.url }))}
              >
                {t('options_feed_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {state.user.feeds.length > 0 && (
        <p>
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(() => send({ kind: 'page/feed-update-now' }))}
          >
            {t('options_feed_update')}
          </button>
        </p>
      )}
      <form onSubmit={add} class="inline-form">
        <label for="feed-url">{t('options_feed_url')}</label>
        <input
          id="feed-url"
          type="url"
          autocomplete="off"
          spellcheck={false}
          placeholder="https://"
          value={url}
          onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
        />
        <label for="feed-key">{t('options_feed_key')}</label>
        <input
          id="feed-key"
          type="text"
          autocomplete="off"
          spellcheck={false}
          value={key}
          onInput={(e) => setKey((e.currentTarget as HTMLInputElement).value)}
        />
        <p>
          <button type="submit" class="primary">
            {t('options_feed_add')}
          </button>
        </p>
      </form>
      <StatusLine status={status} />
    </section>
  );
}

function FeedStatusLine({ status, lang }: { status: FeedStatus | undefined; lang: string }) {
  if (!status) return <div class="muted">{t('options_feed_never')}</div>;
  const parts = [
    status.lastSuccess
      ? t('options_feed_last_success', formatDate(status.lastSuccess, lang, true))
      : t('options_feed_never'),
    t('options_feed_entries', String(status.entries)),
    ...(status.version ? [t('options_feed_version', status.version)] : []),
  ];
  return (
    <div>
      <div class="muted">{parts.join(' · ')}</div>
      {status.lastError && <div class="error">{t('options_feed_error', status.lastError)}</div>}
    </div>
  );
}
