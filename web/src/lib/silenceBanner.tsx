// On the board: the silences in force now, so nobody wonders why an alert opened nothing.
import { useI18n } from '../i18n/i18n';
import { matcherText, useSilences } from './silences';

/** On the board: the windows in force now, so nobody wonders why an alert opened nothing. */
export function ActiveSilencesBanner() {
  const { t, time } = useI18n();
  const silences = useSilences();
  const active = silences?.filter((s) => s.state === 'active') ?? [];
  if (active.length === 0) return null;
  return (
    <aside class="silence-banner" role="note">
      <a href="#/silences">{t('silences_in_force')}</a>
      <ul>
        {active.map((s) => (
          <li key={s.id}>
            <code>{matcherText(s)}</code> · {t('silences_until')} {time(s.ends_at)} · {s.comment}
          </li>
        ))}
      </ul>
    </aside>
  );
}
