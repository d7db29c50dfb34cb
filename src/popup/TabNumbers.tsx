import { useEffect, useState } from 'preact/hooks';
import type { ResponseMap, TabNumber } from '../core/messages';
import { send } from '../messaging/send';
import { ext } from '../ui/ext';
import { local } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { LevelBadge } from '../ui/LevelBadge';

/**
 * Which tab the popup is about: `?tab=` when given; else the active tab of this window; and when
 * the popup was opened in a tab of its own (tests, the context menu's fallback), the tab the
 * person was on just before.
 */
async function targetTab(param: string | null): Promise<number | null> {
  if (param && /^\d+$/.test(param)) return Number(param);
  const self = await ext()
    .tabs.getCurrent()
    .catch(() => undefined);
  const [active] = await ext().tabs.query({ active: true, currentWindow: true });
  if (active?.id !== undefined && active.id !== self?.id) return active.id;
  const others = (await ext().tabs.query({})).filter((tab) => tab.id !== undefined && tab.id !== self?.id);
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0]?.id ?? null;
}

type Numbers = ResponseMap['page/tab-numbers'];

/** One row per distinct number: the background reports each occurrence. */
function distinct(numbers: readonly TabNumber[]): TabNumber[] {
  const seen = new Map<string, TabNumber>();
  for (const n of numbers) {
    const key = n.e164 ?? n.raw;
    if (!seen.has(key)) seen.set(key, n);
  }
  return [...seen.values()];
}

/** The numbers the content script already judged on the current tab (no rescan). */
export function TabNumbers({ tabParam, onCheck }: { tabParam: string | null; onCheck(raw: string): void }) {
  const [data, setData] = useState<Numbers | null | 'unavailable'>(null);
  useEffect(() => {
    let live = true;
    targetTab(tabParam)
      .then((tabId) => (tabId === null ? null : send({ kind: 'page/tab-numbers', tabId })))
      .then((r) => live && setData(r ?? 'unavailable'))
      .catch(() => live && setData('unavailable'));
    return () => {
      live = false;
    };
  }, [tabParam]);
  const lang = uiLanguage();
  if (data === null) return null;
  return (
    <section aria-labelledby="tab-heading" class="tab-numbers">
      <h2 id="tab-heading">{t('popup_tab_heading')}</h2>
      {data === 'unavailable' ? (
        <p class="muted">{t('popup_tab_unavailable')}</p>
      ) : (
        <>
          {data.page && data.numbers.length > 0 && (
            <p class="page-verdict">
              {t('popup_page_verdict')}
              <LevelBadge level={data.page.level} />
            </p>
          )}
          {data.numbers.length === 0 ? (
            <p class="muted">{t('popup_tab_none')}</p>
          ) : (
            <ul class="number-list">
              {distinct(data.numbers).map((n) => (
                <li key={n.e164 ?? n.raw} data-tab-number={n.e164 ?? n.raw}>
                  <button
                    type="button"
                    class="number-button"
                    aria-label={t('popup_tab_check_button', n.raw)}
                    onClick={() => onCheck(n.raw)}
                  >
                    <LevelBadge
                      level={n.level}
                      trusted={n.verdict.reasons.some((r) => r.code === 'user-trusted')}
                    />
                    <span class="number-raw">{n.raw}</span>
                    {n.verdict.org && <span class="muted">{local(n.verdict.org.name, lang)}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
