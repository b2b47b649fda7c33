// A refusal from the API in the reader's language. The API gives every error a stable `reason`
// ("step.owned_by_other_party") with its `params` ({owner_role: 'tech_lead', party: 'A'}); the
// app says it from its own table (strings.ts, reason_*), naming roles, parties, steps and people
// by the plan. A reason the table does not know falls back to the category (the error's code)
// with the field's label ("「参演人员 › 第2项」不符合预案要求"). The Chinese text never carries the
// server's English message; the English one adds it after a category, as the detail.
import { ApiError, type Plan } from '../api/client';
import { fill, isStringKey, joinList, type I18n, type Lang } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { partyName, partyShort, roleName } from './names';

/** Labels by field path without indexes: { participants: '参演人员', 'improvements.due': '完成期限' }. */
export type FieldLabels = Record<string, string>;

/** "participants[2]" → ["participants", 2]; "improvements[0].due" → ["improvements", 0, "due"]. */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** "participants[1]" → "参演人员 › 第2项" (unknown parts stay as the API spells them). */
export function fieldLabel(field: string, labels: FieldLabels, lang: Lang): string {
  const names: string[] = [];
  const keys: string[] = [];
  for (const part of fieldPath(field)) {
    if (typeof part === 'number') {
      names.push(lang === 'zh-CN' ? `第${part + 1}项` : `item ${part + 1}`);
    } else {
      keys.push(part);
      names.push(labels[keys.join('.')] ?? part);
    }
  }
  return names.join(' › ');
}

const CODES = [
  'invalid_argument',
  'permission_denied',
  'failed_precondition',
  'conflict',
  'not_found',
  'unauthenticated',
  'resource_exhausted',
  'unavailable',
] as const;

/** "甲方技术负责人" / "Party A's Technical lead"; a role of any party is the role alone. */
export function roleOfParty(plan: Plan | null, i18n: I18n, role: string, party: string) {
  const r = plan ? roleName(plan, i18n, role) : role;
  if (!party || party === 'any') return r;
  const p = plan ? partyShort(partyName(plan, i18n, party)) : party;
  return i18n.lang === 'zh-CN' ? `${p}${r}` : `${p}'s ${r}`;
}

/** The params as the sentence needs them: ids become the plan's names in the reader's language. */
function readable(params: Record<string, string>, plan: Plan | null, i18n: I18n): Record<string, string> {
  const out: Record<string, string> = { ...params };
  const l = i18n.lang;
  if (params.owner_role !== undefined) out.owner = roleOfParty(plan, i18n, params.owner_role, params.party ?? '');
  if (params.owner_role !== undefined && plan) out.owner_role = roleName(plan, i18n, params.owner_role);
  if (params.party !== undefined && plan) out.party = partyShort(partyName(plan, i18n, params.party));
  if (params.roles !== undefined) {
    out.roles = joinList(
      l,
      params.roles.split(',').map((r) => (plan ? roleName(plan, i18n, r) : r)),
    );
  }
  const stepName = (id: string) => {
    for (const level of plan?.levels ?? []) {
      const step = level.steps.find((s) => s.id === id);
      if (step) return i18n.text(step.name);
    }
    return id;
  };
  if (params.step !== undefined) out.step = stepName(params.step);
  if (params.steps !== undefined)
    out.steps = joinList(
      l,
      params.steps.split(',').map((s) => stepName(s.trim())),
    );
  const kind = `evidence_${params.kind}`;
  if (params.kind !== undefined && isStringKey(kind)) out.kind = i18n.t(kind);
  return out;
}

/** The error's sentence in the reader's language (see the file's comment). */
export function errorText(e: ApiError, i18n: I18n, options: { plan?: Plan | null; labels?: FieldLabels } = {}): string {
  const l = i18n.lang;
  const where = e.field ? fieldLabel(e.field, options.labels ?? {}, l) : '';
  const key = `reason_${(e.reason ?? '').replace(/\./g, '_')}`;
  if (e.reason && isStringKey(key)) {
    return fill(i18n.t(key), { ...readable(e.params ?? {}, options.plan ?? null, i18n), field: where });
  }
  const code = (CODES as readonly string[]).includes(e.code) ? e.code : 'other';
  const problem = i18n.t(`error_code_${code}` as StringKey);
  const text = l === 'zh-CN' ? `${where ? `「${where}」` : ''}${problem}` : where ? `${where}: ${problem}` : problem;
  return l === 'en' && e.message ? `${text} (${e.message})` : text;
}

// Errors already said in the reader's language (a form that localized with its own labels before
// useSubmit saw the error): said once, not again.
const said = new WeakSet<ApiError>();

/**
 * The error with its message in the reader's language, the field kept (so a form shows it there)
 * and the server's message kept as `detail`. Only the API's errors (those with a reason) are
 * said again: one the app made itself already speaks the reader's language.
 */
export function localizeError(
  e: unknown,
  i18n: I18n,
  options: { plan?: Plan | null; labels?: FieldLabels } = {},
): ApiError {
  const error = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
  if (said.has(error) || error.reason === undefined) return error;
  const out = new ApiError(
    error.status,
    error.code,
    errorText(error, i18n, options),
    error.field,
    error.reason,
    error.params,
    error.message,
  );
  said.add(out);
  return out;
}

/**
 * The form's action with its refusal said in the reader's language, its fields named by `labels`
 * (for an action whose refusal is shown apart from useSubmit's `labels`, or before it).
 */
export function localized<T>(
  i18n: I18n,
  labels: FieldLabels,
  action: () => Promise<T>,
  plan: Plan | null = null,
): () => Promise<T> {
  return () =>
    action().catch((e: unknown) => {
      throw localizeError(e, i18n, { plan, labels });
    });
}
