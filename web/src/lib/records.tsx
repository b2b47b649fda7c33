// What the record pages (programme, fund, suppliers, backups) show alike: a record's facts, and the
// record a link named scrolled into view.
import type { ComponentChildren } from 'preact';

/** A `ref` that scrolls the record a link named (#/drills/DR-…) into view. */
export const scrollIfSelected = (selected: boolean) => (el: HTMLElement | null) => {
  if (selected && el) el.scrollIntoView({ block: 'center' });
};

/** "演练时间 2026-03-02 09:00" style facts of a record. */
export function Facts(props: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">{props.rows.map(([k, v]) => [<dt key={`${k}-t`}>{k}</dt>, <dd key={`${k}-d`}>{v}</dd>])}</dl>
  );
}
