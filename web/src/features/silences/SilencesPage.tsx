// Maintenance windows (silences): while one is active, the alerts it matches open no incident.
// Set with amtool or Alertmanager's v2 API by either party; both see them here.
import { useI18n } from '../../i18n/i18n';
import { Section } from '../../lib/ui';
import { matcherText, useSilences, type Silence } from '../../lib/silences';

export function SilencesPage() {
  const { t, time } = useI18n();
  const silences = useSilences();
  if (!silences) return <p class="muted">{t('loading')}</p>;
  const groups: { state: Silence['state']; title: string }[] = [
    { state: 'active', title: t('silences_active') },
    { state: 'pending', title: t('silences_pending') },
    { state: 'expired', title: t('silences_expired') },
  ];
  return (
    <main>
      <h1>{t('silences_title')}</h1>
      <p class="meta">{t('silences_explain')}</p>
      {groups.map((g) => {
        const items = silences.filter((s) => s.state === g.state);
        return (
          <Section key={g.state} title={`${g.title} (${items.length})`}>
            {items.length === 0 ? (
              <p class="muted">{t('silences_none')}</p>
            ) : (
              <table class="silences">
                <thead>
                  <tr>
                    <th>{t('silences_matchers')}</th>
                    <th>{t('silences_from')}</th>
                    <th>{t('silences_until')}</th>
                    <th>{t('silences_by')}</th>
                    <th>{t('silences_comment')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <code>{matcherText(s)}</code>
                      </td>
                      <td>{time(s.starts_at)}</td>
                      <td>{time(s.ends_at)}</td>
                      <td>{s.created_by}</td>
                      <td>{s.comment}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
        );
      })}
    </main>
  );
}
