// The monitoring alerts that opened this incident or joined it (T5): what fired, since when,
// whether it has resolved. Shown only when there are any.
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type IncidentDetail, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Section } from '../../lib/ui';

export function Alerts(props: { incident: IncidentDetail }) {
  const { t, time } = useI18n();
  const { incident: i } = props;
  const [alerts, setAlerts] = useState<Schemas['GettableAlert'][]>([]);
  useEffect(() => {
    void unwrap(api.GET('/api/v1/incidents/{id}/alerts', { params: { path: { id: i.id } } }))
      .then((r) => setAlerts(r.alerts))
      .catch(() => setAlerts([]));
  }, [i]); // the incident is reloaded at each of its events: so are these
  if (alerts.length === 0) return null;
  return (
    <Section title={t('alerts_title')}>
      <table class="messages">
        <tbody>
          {alerts.map((a) => (
            <tr key={a.fingerprint}>
              <td>{a.labels.alertname}</td>
              <td class="meta">
                {Object.entries(a.labels)
                  .filter(([k]) => k !== 'alertname')
                  .map(([k, v]) => `${k}=${v}`)
                  .join(', ')}
              </td>
              <td>
                {t('alerts_since')} {time(a.startsAt, false)}
              </td>
              <td>
                <span class={`badge ${a.status.state === 'resolved' ? 'met' : 'breached'}`}>
                  {t(a.status.state === 'resolved' ? 'alerts_resolved' : 'alerts_firing')}
                </span>{' '}
                <span class="meta">
                  {t(a.opened ? 'alerts_opened' : 'alerts_joined')} · {a.source}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
