import { useEffect, useState } from 'preact/hooks';
import type { NumberReport } from '../core/verdict/scan';
import type { Reason } from '../core/verdict/types';
import { send } from '../messaging/send';
import { local } from './format';
import { t, uiLanguage } from './i18n';
import { LevelBadge } from './LevelBadge';
import { type HelpLine, helpKeys, helpLines } from './protocol';
import { safeUrl, sourceLink } from './reason-text';

type Registry = Extract<Reason, { code: 'registry-official' | 'registry-secondary' }>;

const registryReason = (report: NumberReport | null): Registry | undefined =>
  report?.verdict.reasons.find(
    (r): r is Registry => r.code === 'registry-official' || r.code === 'registry-secondary',
  );

/**
 * Step 6: where to get help. Each number is looked up like any other, so what is shown (the
 * number as the registry prints it, its level, its source) comes from the data, not from here.
 * The reader's region first, the other countries after.
 */
export function HelpLines({ region }: { region: string }) {
  const [reports, setReports] = useState<Record<string, NumberReport | null | 'pending'>>({});
  useEffect(() => {
    let live = true;
    for (const line of helpLines) {
      if (!line.lookup) continue;
      setReports((r) => ({ ...r, [line.id]: 'pending' }));
      send({ kind: 'page/lookup', input: line.lookup })
        .then(({ report }) => live && setReports((r) => ({ ...r, [line.id]: report })))
        .catch(() => live && setReports((r) => ({ ...r, [line.id]: null })));
    }
    return () => {
      live = false;
    };
  }, []);
  const mine = helpLines.filter((l) => l.country === region);
  const others = helpLines.filter((l) => l.country !== region);
  return (
    <div class="help">
      <ul class="help-lines">
        {mine.map((line) => (
          <HelpLineItem key={line.id} line={line} report={reports[line.id]} />
        ))}
      </ul>
      {others.length > 0 && (
        <>
          <h4>{t('popup_help_other_countries')}</h4>
          <ul class="help-lines">
            {others.map((line) => (
              <HelpLineItem key={line.id} line={line} report={reports[line.id]} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function HelpLineItem({
  line,
  report,
}: {
  line: HelpLine;
  report: NumberReport | null | 'pending' | undefined;
}) {
  const lang = uiLanguage();
  const reason = report && report !== 'pending' ? registryReason(report) : undefined;
  const url = safeUrl(line.url);
  const keys = helpKeys(line);
  const source = reason ? sourceLink(reason.source, t) : undefined;
  return (
    <li data-help={line.id}>
      <div>{t(keys.name)}</div>
      {report === 'pending' ? (
        <div class="muted">{t('popup_help_loading')}</div>
      ) : reason && report ? (
        <div>
          <span class="help-number" data-help-number>
            {reason.params.printed}
          </span>
          <LevelBadge level={report.verdict.level} />
          <span class="reason-detail muted">
            {local(reason.params.org.name, lang)}: {local(reason.params.purpose, lang)}
          </span>
          {source && (
            <a class="reason-source" href={source.url} target="_blank" rel="noopener noreferrer">
              {source.label}
            </a>
          )}
        </div>
      ) : (
        line.lookup && <div class="muted">{t('popup_help_not_here')}</div>
      )}
      {keys.note && <div class="reason-detail muted">{t(keys.note)}</div>}
      {url && (
        <a class="reason-source" href={url} target="_blank" rel="noopener noreferrer">
          {t('popup_help_website', new URL(url).hostname)}
        </a>
      )}
    </li>
  );
}
