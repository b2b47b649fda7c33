// A rule tag ("L4") that says what it is: on hover (desktop) and on tap (a phone, where there is
// no hover), "L4：预案第 L4 条·调整级别" / "L4: plan rule L4 · changing the level". The name is
// the plan's own word where it has one (a trigger's, a level's), else the app's.
import { useId, useState } from 'preact/hooks';
import { fill, translate, useI18n, type Lang } from '../i18n/i18n';

/** "L4：预案第 L4 条·调整级别", "L4: plan rule L4 · changing the level". */
export function ruleExplanation(lang: Lang, rule: string, name: string): string {
  return fill(translate(lang, 'rule_tag_explain'), { rule, name });
}

export function RuleTag(props: { rule: string; name: string }) {
  const { lang } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  const explanation = ruleExplanation(lang, props.rule, props.name);
  return (
    <span class={`rule-tag${open ? ' open' : ''}`} data-rule={props.rule}>
      <button
        type="button"
        class="rule"
        title={explanation}
        aria-expanded={open}
        aria-describedby={id}
        onClick={() => setOpen(!open)}
        onBlur={() => setOpen(false)}
      >
        {props.rule}
      </button>
      <span class="rule-explain" role="tooltip" id={id}>
        {explanation}
      </span>
    </span>
  );
}
