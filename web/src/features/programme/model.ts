// The programme's client logic, kept pure for its tests: which duties a filter shows, where a
// record id leads, which years can be chosen, the improvement items a training may cover, and a
// C2 flag per contact. The figures themselves come computed from the server (GET
// /api/v1/programme's `figures`), so the page and the API never disagree.
import type { Schemas } from '../../api/client';

export type Duty = Schemas['ProgrammeDuty'];
export type Figures = Schemas['ProgrammeFigures'];
export type Drill = Schemas['Drill'];
export type ActionItem = Schemas['ActionItem'];

/** A drill's improvement items with their tracking (the API's Drill types them as its input's). */
export function improvementsOf(d: Drill): ActionItem[] {
  return d.improvements as ActionItem[];
}
export type Training = Schemas['Training'];
export type Meeting = Schemas['MeetingMinutes'];

export interface DutyFilter {
  party: string; // '' every party; a party id also shows duties owned by `any` party
  rule: string; // '' every rule
}

/** The duties the filter keeps, in the server's order. */
export function filterDuties(duties: readonly Duty[], f: DutyFilter): Duty[] {
  return duties.filter(
    (d) => (!f.rule || d.rule === f.rule) && (!f.party || d.owner_party === f.party || d.owner_party === 'any'),
  );
}

/** The rules present in the duties, in the order they first appear (V2, E2, … as served). */
export function rulesOf(duties: readonly Duty[]): string[] {
  return [...new Set(duties.map((d) => d.rule))];
}

/** The page of the record an id names (DR-… a drill, TR-… a training, MT-… a meeting; BR-… a
 *  backup run and RT-… a restore test on the backups page, ST-… a supplier test on the suppliers'). */
export function recordHref(id: string): string | null {
  const kind = {
    DR: 'drills',
    TR: 'trainings',
    MT: 'meetings',
    BR: 'backups',
    RT: 'backups',
    ST: 'suppliers',
  }[id.slice(0, 2)];
  return kind && id[2] === '-' ? `#/${kind}/${encodeURIComponent(id)}` : null;
}

/** The years to choose from, newest first: from the agreement's first year to the current one. */
export function yearsFrom(firstYear: number, currentYear: number): number[] {
  const out: number[] = [];
  for (let y = currentYear; y >= Math.min(firstYear, currentYear); y--) out.push(y);
  return out;
}

export interface ImprovementItem {
  text: string;
  drill: string;
  due: string;
}

/**
 * V2: the improvement items of recorded drills a training may take as topics (the improvement
 * list feeds the next quarter's training): those not yet done (open or overdue, as the API says),
 * newest drill first, each text once; items whose text a topic of the plan already names are
 * left out.
 */
export function improvementTopics(drills: readonly Drill[], planTopics: readonly string[]): ImprovementItem[] {
  const seen = new Set(planTopics);
  const out: ImprovementItem[] = [];
  const newest = [...drills].sort((a, b) => Date.parse(b.held_at) - Date.parse(a.held_at));
  for (const d of newest) {
    for (const item of improvementsOf(d)) {
      if (item.state === 'done' || seen.has(item.text)) continue;
      seen.add(item.text);
      out.push({ text: item.text, drill: d.id, due: item.due });
    }
  }
  return out;
}

/**
 * The parts of the plan the programme's forms offer. The API serves them as untyped objects
 * (docs/openapi.yaml's Plan: drills, training, communication, agreement), so they are named here.
 */
export interface PlanProgramme {
  agreement: { starts: string; ends: string };
  drills: { kinds: string[]; scenarios: { id: string; name: { zh: string; en: string } }[] };
  training: { content: { zh: string; en: string }[]; core_roles: string[]; pass_rate: string; valid_for: string };
  communication: { meetings: { id: string; name: { zh: string; en: string }; cadence: unknown }[] };
}

export function planProgramme(plan: Schemas['Plan']): PlanProgramme {
  return plan as unknown as PlanProgramme;
}

/** The rules whose duties the parties may waive (the server's kDutyRules): not S2, F1, F3. */
export type WaivableRule = Schemas['DutyWaiver']['rule'];
const WAIVABLE: readonly string[] = ['V2', 'E2', 'E3', 'E4', 'M1', 'G2', 'B1', 'B2'] satisfies WaivableRule[];

export function isWaivable(rule: string): rule is WaivableRule {
  return WAIVABLE.includes(rule);
}
