// The messages an incident sent and their delivery (M1), and acknowledging an escalation (L4).
// Messages: the escalations to acknowledge and, on a server with no channel configured, the one
// plain notice that nothing goes out. MessageLog: every message with its delivery, folded below
// the timeline (on such a server each is "not sent", not a wall of red failures).
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type IncidentDetail, type Plan, type Schemas } from '../../api/client';
import { fill, useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { roleName } from '../../lib/names';
import { notifications } from '../../lib/notifications';
import { useStore } from '../../lib/store';

const STATES: Record<Schemas['Message']['state'], StringKey> = {
  pending: 'message_pending',
  delivered: 'message_delivered',
  dead: 'message_dead',
};

export function Messages(props: { incident: IncidentDetail; plan: Plan }) {
  const i18n = useI18n();
  const { t, text } = i18n;
  const { incident: i, plan } = props;
  const [error, setError] = useState('');
  const unconfigured = useStore(notifications) === 'none';
  const acknowledged = new Set(
    i.timeline
      .filter((e) => e.type === 'notification.acknowledged')
      .map((e) => (e.payload as { obligation?: string }).obligation ?? ''),
  );
  const escalating = i.obligations.filter(
    (o) =>
      o.state === 'breached' &&
      !o.done_at &&
      i.timeline.some(
        (e) => e.type === 'obligation.breached' && (e.payload as { obligation?: string }).obligation === o.key,
      ),
  );
  const acknowledge = async (obligation: string) => {
    setError('');
    try {
      await unwrap(
        api.POST('/api/v1/incidents/{id}/acknowledge', { params: { path: { id: i.id } }, body: { obligation } }),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  if (!unconfigured && escalating.length === 0 && !error) return null;
  return (
    <>
      {unconfigured && (
        <p class="notice-banner no-channel" role="note">
          {t('notify_none')}
        </p>
      )}
      {escalating.length > 0 && (
        <ul class="plain escalations">
          {escalating.map((o) => (
            <li key={o.key}>
              <span class="badge breached">{t('state_breached')}</span> {text(o.title)} ·{' '}
              {roleName(plan, i18n, o.owner_role)}{' '}
              {acknowledged.has(o.key) ? (
                <span class="badge met">{t('acknowledged')}</span>
              ) : (
                <button type="button" class="primary" onClick={() => void acknowledge(o.key)}>
                  {t('acknowledge')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function MessageLog(props: { incident: IncidentDetail; plan: Plan }) {
  const i18n = useI18n();
  const { t, text, time } = i18n;
  const { incident: i, plan } = props;
  const [messages, setMessages] = useState<Schemas['Message'][]>([]);
  const unconfigured = useStore(notifications) === 'none';
  useEffect(() => {
    void unwrap(api.GET('/api/v1/incidents/{id}/messages', { params: { path: { id: i.id } } }))
      .then((r) => setMessages(r.messages))
      .catch(() => setMessages([]));
  }, [i]); // the incident is reloaded at each of its events: so are these
  const contact = (id: string) => {
    const c = plan.contacts.find((x) => x.id === id);
    return c ? text(c.name) : id;
  };
  return (
    <details class="card message-log">
      <summary>
        <h2>{fill(t('messages_log'), { n: messages.length })}</h2>
      </summary>
      {messages.length === 0 ? (
        <p class="muted">{t('messages_none')}</p>
      ) : (
        <table class="messages">
          <tbody>
            {messages.map((m) => {
              // With no channel configured a message could not go out: it is not a failure to chase.
              const notSent = unconfigured && m.state === 'dead';
              return (
                <tr key={m.id}>
                  <td>{time(m.created_at, false)}</td>
                  <td>{m.subject.split(' / ')[i18n.lang === 'zh-CN' ? 0 : 1] ?? m.subject}</td>
                  <td>
                    {contact(m.recipient)} · {m.channel}
                  </td>
                  <td>
                    <span
                      class={`badge ${m.state === 'delivered' ? 'met' : m.state === 'dead' && !notSent ? 'breached' : 'pending'}`}
                      title={m.last_error}
                    >
                      {t(notSent ? 'message_not_sent' : STATES[m.state])}
                    </span>{' '}
                    <span class="meta">
                      {m.attempts} {t('message_attempts')}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </details>
  );
}
