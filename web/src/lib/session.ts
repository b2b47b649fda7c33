// Who is signed in, and the plan in force (loaded once signed in; its time zone is the app's).
import { api, setCsrf, unwrap, type Plan, type User } from '../api/client';
import { setPlanTimeZone } from '../i18n/i18n';
import { createStore } from './store';

export const session = createStore<User | null | undefined>(undefined); // undefined: not known yet
export const plan = createStore<Plan | null>(null);
// G5: when the plan in force expires (or expired) with the agreement.
export const planExpiry = createStore<{ expired: boolean; expires_at: string } | null>(null);

/** Reads the plan in force again (a new version took effect). */
export async function reloadPlan() {
  const p = await unwrap(api.GET('/api/v1/plan'));
  setPlanTimeZone(p.plan.calendar.time_zone);
  plan.set(p.plan);
  planExpiry.set({ expired: p.expired, expires_at: p.expires_at });
}

/** Asks the server who we are (a session cookie may already exist). */
export async function restore() {
  try {
    const me = await unwrap(api.GET('/api/v1/me'));
    setCsrf(me.csrf ?? '');
    await reloadPlan();
    session.set(me.user);
  } catch {
    session.set(null);
  }
}

export async function signIn(user: string, password: string) {
  const r = await unwrap(api.POST('/api/v1/session', { body: { user, password } }));
  setCsrf(r.csrf);
  await reloadPlan();
  session.set(r.user);
}

export async function signOut() {
  try {
    await unwrap(api.DELETE('/api/v1/session'));
  } finally {
    setCsrf('');
    session.set(null);
  }
}
