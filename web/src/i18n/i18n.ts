// The language (zh-CN or en, defaulting to the browser's) and how times are shown: always in the
// plan's time zone, with the zone named, whatever the browser's own zone.
import { createStore, useStore } from '../lib/store';
import { en, zh, type StringKey } from './strings';
import type { Text } from '../api/client';

export type Lang = 'zh-CN' | 'en';

/** The `lang` the API's PDF documents take for the app's language. */
export function pdfLang(l: Lang): 'zh' | 'en' {
  return l === 'en' ? 'en' : 'zh';
}

function initialLang(): Lang {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('pactum.lang');
  if (saved === 'zh-CN' || saved === 'en') return saved;
  const browser = typeof navigator === 'undefined' ? 'zh-CN' : navigator.language;
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const lang = createStore<Lang>(initialLang());
lang.subscribe((l) => {
  localStorage.setItem('pactum.lang', l);
  document.documentElement.lang = l;
});

/**
 * Items in the reader's language: "张伟、李娜" / "Zhang Wei, Li Na"; `clauses` for phrases that
 * may hold commas themselves: "甲；乙" / "a; b". English text never gets Chinese punctuation.
 */
export function joinList(l: Lang, items: readonly string[], clauses = false): string {
  if (l === 'zh-CN') return items.join(clauses ? '；' : '、');
  return items.join(clauses ? '; ' : ', ');
}

/** Whether the app has a string of this key (keys made from what the API sends: event types). */
export function isStringKey(key: string): key is StringKey {
  return key in zh;
}

export function translate(l: Lang, key: StringKey): string {
  return (l === 'zh-CN' ? zh : en)[key];
}

export interface I18n {
  lang: Lang;
  t: (key: StringKey) => string;
  /** Picks the plan text's language. */
  text: (t: Text | null | undefined) => string;
  /** "2026-03-02 09:00 (Asia/Shanghai)" in the plan's zone. */
  time: (iso: string | null | undefined, withZone?: boolean) => string;
}

let planZone = 'Asia/Shanghai';
export function setPlanTimeZone(zone: string) {
  planZone = zone;
}
export function planTimeZone() {
  return planZone;
}

/** A string's {name} places filled: fill('缺口 {amount}', { amount: '¥1.00' }) → '缺口 ¥1.00'. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function formatTime(l: Lang, iso: string, zone: string, withZone = true): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat(l === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const text = `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
  return withZone ? `${text} (${zone})` : text;
}

export function useI18n(): I18n {
  const l = useStore(lang);
  return {
    lang: l,
    t: (key) => translate(l, key),
    text: (x) => (x ? (l === 'zh-CN' ? x.zh : x.en) : ''),
    time: (iso, withZone = true) => (iso ? formatTime(l, iso, planZone, withZone) : '—'),
  };
}
