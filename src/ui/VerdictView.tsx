import type { NumberReport } from '../core/verdict/scan';
import { local } from './format';
import { t, uiLanguage } from './i18n';
import { LevelBadge } from './LevelBadge';
import { Protocol } from './Protocol';
import { ReasonList } from './ReasonList';
import { nextStepKey } from './reason-text';

export interface VerdictViewProps {
  report: NumberReport;
  /** Region for the protocol's help lines. */
  region: string;
  /** Opens the full protocol (the popup's protocol tab). */
  onOpenProtocol?: () => void;
}

/**
 * One number's verdict: level, number, organisation, reasons with sources, what to do next, and
 * (for anything not official) the safe callback protocol. Carries `data-cbg-level` like the marks.
 */
export function VerdictView({ report, region, onOpenProtocol }: VerdictViewProps) {
  const { verdict } = report;
  const lang = uiLanguage();
  const trusted = verdict.reasons.some((r) => r.code === 'user-trusted');
  const shown = report.national ?? report.raw;
  return (
    <section
      class="verdict"
      data-cbg-level={verdict.level}
      aria-label={t('popup_verdict_label', shown)}
      aria-live="polite"
    >
      <div class="verdict-head">
        <LevelBadge level={verdict.level} trusted={trusted} />
        <span class="verdict-number">{shown}</span>
        {report.valid && report.e164 && report.e164 !== shown && <span class="muted">{report.e164}</span>}
      </div>
      {verdict.org && <p class="verdict-org">{local(verdict.org.name, lang)}</p>}
      {verdict.level === 'unknown' && !trusted && <p class="unknown-note">{t('popup_unknown_not_proof')}</p>}
      <h3>{t('popup_reasons_heading')}</h3>
      {verdict.reasons.length > 0 ? (
        <ReasonList reasons={verdict.reasons} />
      ) : (
        <p class="muted">{t('popup_no_reasons')}</p>
      )}
      <h3>{t('popup_next_heading')}</h3>
      <p class="next-step">{t(nextStepKey(verdict, trusted))}</p>
      {verdict.level !== 'official' && (
        <div class="verdict-protocol">
          <h3>{t('popup_protocol_heading')}</h3>
          <Protocol region={region} openSteps={3} />
          {onOpenProtocol && (
            <button type="button" class="link" onClick={onOpenProtocol}>
              {t('popup_protocol_open')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
