// How this server reaches people (GET /api/v1/me's `notifications`): "none" when no channel is
// configured (the incident page says so once, plainly), "channels", or "mailbox" when it runs
// with --mailbox (demos and trials: the Mailbox page is in the navigation). Read once signed in.
import { api, unwrap } from '../api/client';
import { createStore } from './store';

const readMe = () => unwrap(api.GET('/api/v1/me'));

export type Notifications = Awaited<ReturnType<typeof readMe>>['notifications'];

export const notifications = createStore<Notifications | null>(null); // null: not known yet

export async function loadNotifications() {
  try {
    notifications.set((await readMe()).notifications);
  } catch {
    notifications.set(null);
  }
}
