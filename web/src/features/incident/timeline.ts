// The timeline in words: what each recorded event did, as the plan says it ("定级为 L2 重大级",
// "完成步骤：联系3家备选供应商报价", "Assessed as L2 Major"), not its type and raw payload. Who did
// it is lib/people's actorName.
import type { Plan, Text } from '../../api/client';
import { fill, isStringKey, type I18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';

export interface TimelineEvent {
  type: string;
  payload: unknown;
}

type Payload = Record<string, unknown>;
const str = (p: Payload, k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');

/** "L2 重大级" / "L2 Major"; the id alone for a level the plan does not name. */
export function levelWords(i18n: I18n, plan: Plan, id: string): string {
  const l = plan.levels.find((x) => x.id === id);
  return l ? `${l.id} ${i18n.text(l.name)}` : id;
}

function stepName(i18n: I18n, plan: Plan, step: string): string {
  for (const l of plan.levels) {
    const s = l.steps.find((x) => x.id === step);
    if (s) return i18n.text(s.name);
  }
  return step;
}

function thirdPartyName(i18n: I18n, plan: Plan, id: string): string {
  const list = (plan.third_parties ?? []) as { id?: string; name?: Text }[];
  const p = list.find((x) => x.id === id);
  return p?.name ? i18n.text(p.name) : id;
}

/**
 * One event in words. `obligations` names an incident's obligations by key (its titles), for
 * breaches, reminders, escalations and acknowledgements.
 */
export function eventWords(
  i18n: I18n,
  plan: Plan,
  e: TimelineEvent,
  obligations: readonly { key: string; title: Text }[] = [],
): string {
  const p = (e.payload ?? {}) as Payload;
  const t = (key: StringKey, values: Record<string, string | number> = {}) => fill(i18n.t(key), values);
  // An event type the app has no words for (a newer server) is shown as the API names it.
  const key = `event_${e.type.replace('.', '_')}`;
  const label = isStringKey(key) ? i18n.t(key) : e.type;
  const colon = i18n.lang === 'zh-CN' ? '：' : ': ';
  const reason = (r: string) => (r ? (i18n.lang === 'zh-CN' ? `（${r}）` : ` (${r})`) : '');
  const with_ = (detail: string) => (detail ? `${label}${colon}${detail}` : label);
  const obligation = () => {
    const key = str(p, 'obligation');
    const o = obligations.find((x) => x.key === key);
    return o ? i18n.text(o.title) : key;
  };
  switch (e.type) {
    case 'incident.reported':
      return with_(str(p, 'phenomenon'));
    case 'incident.synced':
      return with_(str(p, 'note'));
    case 'incident.assessed':
      return t('timeline_assessed', { level: levelWords(i18n, plan, str(p, 'level')) }) + reason(str(p, 'reason'));
    case 'incident.level_changed':
      return (
        t('timeline_level_changed', {
          from: levelWords(i18n, plan, str(p, 'from')),
          to: levelWords(i18n, plan, str(p, 'to')),
        }) + reason(str(p, 'reason'))
      );
    case 'incident.step_completed':
      return with_(stepName(i18n, plan, str(p, 'step')));
    case 'incident.step_waived':
      return with_(stepName(i18n, plan, str(p, 'step'))) + reason(str(p, 'reason'));
    case 'incident.quote_recorded': {
      const q = (p.quote ?? {}) as Payload;
      return with_(str(q, 'supplier_name') || str(q, 'supplier'));
    }
    case 'incident.quote_chosen':
      return with_(str(p, 'supplier')) + reason(str(p, 'reason'));
    case 'incident.third_party_engaged':
      return with_(thirdPartyName(i18n, plan, str(p, 'third_party')));
    case 'incident.external_message_sent':
    case 'incident.external_message_downloaded': {
      const m = (p.message ?? {}) as { subject?: string; to?: string[] };
      return with_(`${m.subject ?? ''}${m.to?.length ? ` → ${m.to.join(', ')}` : ''}`);
    }
    case 'incident.note_added':
      return with_(str(p, 'text'));
    case 'incident.resolved':
    case 'incident.closed':
      return with_(str(p, 'summary'));
    case 'incident.review_approved':
      return with_(str(p, 'comment'));
    case 'incident.action_completed':
      return with_(str(p, 'action'));
    case 'incident.cancelled':
      return with_(str(p, 'reason'));
    case 'obligation.breached':
    case 'obligation.reminded':
    case 'notification.acknowledged':
      return with_(obligation());
    case 'obligation.escalated':
      return with_(`${obligation()}${reason(t('timeline_wave', { n: Number(p.wave ?? 0) + 1 }))}`);
    case 'incident.alert_attached':
    case 'incident.alert_resolved':
      return with_(str(p, 'summary') || str(p, 'alertname'));
    default:
      return label;
  }
}
