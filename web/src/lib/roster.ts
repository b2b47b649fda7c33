// The roster of both parties (kept current) and contacts by name.
import { api, unwrap, type Schemas } from '../api/client';
import { joinList, type I18n } from '../i18n/i18n';
import { useLive } from './useLive';

export type Roster = Schemas['Roster'];
export type RosterContact = Roster['contacts'][number];

export const useRoster = () => useLive(() => unwrap(api.GET('/api/v1/roster')));

export function contactName(i18n: I18n, roster: Roster | null, id: string): string {
  const c = roster?.contacts.find((x) => x.id === id);
  return c ? i18n.text(c.name) : id;
}

export function names(i18n: I18n, roster: Roster | null, ids: readonly string[]): string {
  return joinList(
    i18n.lang,
    ids.map((id) => contactName(i18n, roster, id)),
  );
}
