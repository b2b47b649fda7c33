// The app's pages as the shell knows them: the navigation, and each page's title for the browser's
// tab (document.title), in the reader's language.
import type { StringKey } from '../i18n/strings';
import { match } from './router';

export const NAV = [
  ['/', 'nav_board'],
  ['/history', 'nav_history'],
  ['/report', 'nav_report'],
  ['/plan', 'nav_plan'],
  ['/keys', 'nav_keys'],
  ['/contacts', 'nav_contacts'],
  ['/programme', 'nav_programme'],
  ['/fund', 'nav_fund'],
  ['/suppliers', 'nav_suppliers'],
  ['/backups', 'nav_backups'],
  ['/silences', 'nav_silences'],
  ['/audit', 'nav_audit'],
] as const satisfies readonly (readonly [string, StringKey])[];

/** Only on a server that keeps every message in its mailbox (serve --mailbox: demos and trials). */
export const MAILBOX_NAV = ['/mailbox', 'nav_mailbox'] as const satisfies readonly [string, StringKey];

// The pages under the programme's tabs (#/drills, #/drills/DR-2026-0001).
const SUB_PAGES: Record<string, StringKey> = {
  drills: 'drills_title',
  trainings: 'trainings_title',
  meetings: 'meetings_title',
};

/**
 * "事件看板 · Pactum 应急预案", "INC-2026-0001 · Incident · Pactum emergency plan": the page's own
 * name first (a tab among many stays told apart), then the app's. Signed out: the sign-in page.
 */
export function pageTitle(route: string, signedIn: boolean, t: (key: StringKey) => string): string {
  const app = t('app_name');
  if (!signedIn) return `${t('sign_in')} · ${app}`;
  const incident = match('/incidents/:id', route);
  if (incident) return `${incident.id} · ${t('incident_title')} · ${app}`;
  const [, section = '', record] = route.split('/');
  const key = SUB_PAGES[section] ?? [...NAV, MAILBOX_NAV].find(([path]) => path === `/${section}`)?.[1] ?? 'nav_board';
  return record ? `${record} · ${t(key)} · ${app}` : `${t(key)} · ${app}`;
}
