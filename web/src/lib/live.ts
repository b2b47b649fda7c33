// The live connection: server-sent events of every new event. Its state is shown in the header;
// a dropped connection reconnects by itself and the screens reload what they show.
import { createStore } from './store';
import type { Event } from '../api/client';

export type LiveState = 'connecting' | 'live' | 'lost';
export const liveState = createStore<LiveState>('connecting');

type Listener = (e: Event) => void;
const listeners = new Set<Listener>();
const reconnectListeners = new Set<() => void>();
let source: EventSource | null = null;

/** Calls `listener` with every new event; returns the unsubscribe function. */
export function onEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls `listener` each time the connection comes back (screens reload then). */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

export function connectLive() {
  if (source) return;
  let everOpen = false;
  source = new EventSource('/api/v1/events/stream');
  source.onopen = () => {
    liveState.set('live');
    if (everOpen) for (const l of reconnectListeners) l();
    everOpen = true;
  };
  source.onerror = () => liveState.set(source?.readyState === EventSource.CLOSED ? 'lost' : 'lost');
  const deliver = (message: MessageEvent<string>) => {
    try {
      const e = JSON.parse(message.data) as Event;
      for (const l of listeners) l(e);
    } catch {
      // A frame that is not an event (a comment) is ignored.
    }
  };
  source.onmessage = deliver;
  for (const type of [
    'incident.reported',
    'incident.synced',
    'incident.assessed',
    'incident.level_changed',
    'incident.step_completed',
    'incident.step_waived',
    'incident.quote_recorded',
    'incident.quote_chosen',
    'incident.third_party_engaged',
    'incident.note_added',
    'incident.resolved',
    'incident.external_message_sent',
    'incident.external_message_downloaded',
    'incident.review_submitted',
    'incident.action_completed',
    'incident.review_approved',
    'incident.closed',
    'incident.cancelled',
    'obligation.breached',
    'obligation.escalated',
    'obligation.reminded',
    'notification.acknowledged',
    'incident.alert_attached',
    'incident.alert_resolved',
    'plan.activated',
    'silence.created',
    'silence.expired',
    'plan.proposed',
    'plan.signed',
    'signer_key.registered',
    'signer_key.revoked',
    'drill.recorded',
    'training.recorded',
    'meeting.recorded',
    'duty.breached',
    // the safeguards: the fund (F1–F4), supplier tests (S2), backups and restore tests (B1, B2)
    'fund.movement.recorded',
    'fund.disbursement.requested',
    'fund.disbursement.approved',
    'fund.disbursement.reviewed',
    'fund.disbursement.paid',
    'fund.reconciled',
    'supplier_test.recorded',
    'backup.recorded',
    'restore_test.recorded',
  ]) {
    source.addEventListener(type, deliver as EventListener);
  }
}

export function disconnectLive() {
  source?.close();
  source = null;
  liveState.set('connecting');
}
