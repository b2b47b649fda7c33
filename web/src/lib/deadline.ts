// The plan's durations and deadlines in words ("发现异常后2小时内", "within 2 hours of discovery"):
// titles say what the plan in force says, never the seed's numbers. The plan's duration syntax is
// "<count><unit>" (docs/plan-format.md): s, m, h, d, cd, wd, w, mo, y.
import type { I18n, Lang } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';

export type Deadline = { within: string; from: string } | null | undefined;

const units: Record<string, { zh: string; en: [string, string] }> = {
  s: { zh: '秒', en: ['second', 'seconds'] },
  m: { zh: '分钟', en: ['minute', 'minutes'] },
  h: { zh: '小时', en: ['hour', 'hours'] },
  d: { zh: '日', en: ['day', 'days'] },
  cd: { zh: '个自然日', en: ['calendar day', 'calendar days'] },
  wd: { zh: '个工作日', en: ['working day', 'working days'] },
  w: { zh: '周', en: ['week', 'weeks'] },
  mo: { zh: '个月', en: ['month', 'months'] },
  y: { zh: '年', en: ['year', 'years'] },
};

/** "2h" → "2小时" or "2 hours"; a spelling it does not know is shown as it is. */
export function durationWords(lang: Lang, within: string): string {
  const m = /^(\d+)(mo|wd|cd|s|m|h|d|w|y)$/.exec(within);
  const unit = m && units[m[2] ?? ''];
  if (!m || !unit) return within;
  const count = Number(m[1]);
  return lang === 'zh-CN' ? `${count}${unit.zh}` : `${count} ${unit.en[count === 1 ? 0 : 1]}`;
}

const anchors: Record<string, StringKey> = {
  discovered: 'plan_from_discovered',
  reported: 'plan_from_reported',
  level_set: 'plan_from_level_set',
  resolved: 'plan_from_resolved',
};

/** "发现异常后2小时内", "within 2 hours after discovery"; "—" for no deadline. */
export function deadlineWords(i18n: Pick<I18n, 'lang' | 't'>, d: Deadline): string {
  if (!d) return i18n.t('none');
  const anchor = i18n.t(anchors[d.from] ?? 'plan_from_other');
  const within = durationWords(i18n.lang, d.within);
  return i18n.lang === 'zh-CN'
    ? `${anchor}${within}${i18n.t('plan_within')}`
    : `${i18n.t('plan_within')} ${within} ${anchor}`;
}

/** A title with its deadline: "上报事件（发现异常后2小时内）", "Report an incident (within …)". */
export function withDeadline(i18n: Pick<I18n, 'lang' | 't'>, title: StringKey, d: Deadline): string {
  const words = deadlineWords(i18n, d);
  return i18n.lang === 'zh-CN' ? `${i18n.t(title)}（${words}）` : `${i18n.t(title)} (${words})`;
}
