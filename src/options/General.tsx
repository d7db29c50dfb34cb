import { useState } from 'preact/hooks';
import type { MarkingSettings, Settings } from '../core/user-data-types';
import { send } from '../messaging/send';
import { t, uiLanguage } from '../ui/i18n';
import { regionName, type SectionProps, StatusLine, useAction } from './shared';

const MARKS: ReadonlyArray<keyof MarkingSettings> = ['danger', 'caution', 'official', 'unknown'];

/** Language, region, pause and which levels are marked on pages. */
export function General({ state, onState }: SectionProps) {
  const { status, run } = useAction(onState);
  // Show the change at once (a controlled control would otherwise jump back until the
  // background answers); the answer, or the error, then decides.
  const [pending, setPending] = useState<Partial<Settings> | null>(null);
  const settings: Settings = { ...state.user.settings, ...pending };
  const lang = uiLanguage();
  const patch = async (p: Partial<Settings>) => {
    setPending(p);
    try {
      await run(() => send({ kind: 'page/update-settings', patch: p }));
    } finally {
      setPending(null);
    }
  };
  const regions = [
    ...new Set([
      'JP',
      'US',
      'GB',
      ...Object.keys(state.data.byCountry),
      ...(settings.region === 'auto' ? [] : [settings.region]),
    ]),
  ]
    .filter((r) => /^[A-Z]{2}$/.test(r))
    .sort();
  return (
    <section aria-labelledby="general-heading">
      <h2 id="general-heading">{t('options_general_heading')}</h2>
      <label for="opt-language">{t('options_language')}</label>
      <select
        id="opt-language"
        value={settings.language}
        onChange={(e) =>
          void patch({ language: (e.currentTarget as HTMLSelectElement).value as Settings['language'] })
        }
      >
        <option value="auto">{t('options_language_auto')}</option>
        <option value="ja" lang="ja">
          {t('options_language_ja')}
        </option>
        <option value="en" lang="en">
          {t('options_language_en')}
        </option>
      </select>
      <label for="opt-region">{t('options_region')}</label>
      <select
        id="opt-region"
        value={settings.region}
        onChange={(e) => void patch({ region: (e.currentTarget as HTMLSelectElement).value })}
      >
        <option value="auto">{t('options_region_auto')}</option>
        {regions.map((r) => (
          <option key={r} value={r}>
            {regionName(r, lang)} ({r})
          </option>
        ))}
      </select>
      <label class="check">
        <input
          type="checkbox"
          id="opt-paused"
          checked={settings.paused}
          onChange={(e) => void patch({ paused: (e.currentTarget as HTMLInputElement).checked })}
        />
        {t('options_pause')}
      </label>
      <fieldset>
        <legend>{t('options_marking_heading')}</legend>
        <p class="muted">{t('options_marking_intro')}</p>
        {MARKS.map((level) => (
          <label class="check" key={level}>
            <input
              type="checkbox"
              data-marking={level}
              checked={settings.marking[level]}
              onChange={(e) =>
                void patch({
                  marking: { ...settings.marking, [level]: (e.currentTarget as HTMLInputElement).checked },
                })
              }
            />
            {t(`options_marking_${level}`)}
          </label>
        ))}
      </fieldset>
      <StatusLine status={status} />
    </section>
  );
}
