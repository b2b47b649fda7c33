// A refusal from the API in the reader's language: the field it names becomes the form's own label
// ("participants[1]" → "参演人员 › 第2项"), the kind of problem is said in their language, and the
// server's detail (in English, naming the offending value) follows.
import { ApiError } from '../api/client';
import type { I18n, Lang } from '../i18n/i18n';

/** Labels by field path without indexes: { participants: '参演人员', 'improvements.due': '完成期限' }. */
export type FieldLabels = Record<string, string>;

const problems: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    invalid_argument: '不符合预案要求',
    permission_denied: '你的角色无权进行此项记录',
    failed_precondition: '当前无法记录',
    conflict: '当前状态下不能这样做',
    unavailable: '服务器暂时无法访问',
    other: '记录失败',
  },
  en: {
    invalid_argument: 'is not accepted',
    permission_denied: 'Your role may not make this record',
    failed_precondition: 'Cannot be recorded now',
    conflict: 'Not possible in the current state',
    unavailable: 'The server cannot be reached',
    other: 'Not recorded',
  },
};

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

/** The error with its message in `lang`, the field kept (so the form shows it by that field). */
export function localizeError(e: unknown, labels: FieldLabels, lang: Lang): ApiError {
  const error = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
  const table = problems[lang];
  const problem = table[error.code] ?? table.other!;
  const where = error.field ? fieldLabel(error.field, labels, lang) : '';
  const said = lang === 'zh-CN' ? `${where ? `「${where}」` : ''}${problem}` : where ? `${where}: ${problem}` : problem;
  return new ApiError(error.status, error.code, error.message ? `${said} (${error.message})` : said, error.field);
}

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

/** The form's action with its refusal said in the reader's language (errors.ts). */
export function localized<T>(i18n: I18n, labels: FieldLabels, action: () => Promise<T>): () => Promise<T> {
  return () =>
    action().catch((e: unknown) => {
      throw localizeError(e, labels, i18n.lang);
    });
}
