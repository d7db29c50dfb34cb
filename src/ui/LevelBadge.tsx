import type { Level } from '../core/messages';
import { t } from './i18n';

/** The level as a coloured word (colour is never the only signal). `data-level`, not `data-cbg-level`:
 *  that attribute is reserved for marks and the verdict view. */
export function LevelBadge({ level, trusted = false }: { level: Level; trusted?: boolean }) {
  return (
    <span class="cbg-badge" data-level={level}>
      {trusted ? t('popup_trusted_badge') : t(`level_${level}`)}
    </span>
  );
}
