// Small building blocks shared by the screens: labelled fields that show the API's error next to
// the field it names, buttons that show progress, countdown badges.
import { cloneElement, isValidElement, type ComponentChildren, type JSX, type VNode } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import type { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { countdown, formatRemaining } from './countdown';

/**
 * Every form submits through useSubmit (lib/submit.ts): its own checks first (lib/validation.ts),
 * then busy, once, its refusal in the reader's language, a confirmation and the form emptied.
 */
export { useSubmit } from './submit';

/** Whether an error belongs to this field ("evidence" covers "evidence[0].text"). */
export function belongs(error: ApiError | null, field: string) {
  const f = error?.field;
  return !!f && (f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`));
}

type ControlProps = { id?: string; 'aria-describedby'?: string };

/**
 * A label bound to its control, the hint and the error (the API's or the form's own checks) bound
 * to it by aria-describedby. The control is the one element inside; its id is `id`, else its own,
 * else one unique on the page (useId), so two forms of one field never share a label.
 */
export function Field(props: {
  label: string;
  field: string;
  error: ApiError | null;
  children: ComponentChildren;
  hint?: string;
  id?: string;
}) {
  const generated = useId();
  const child = isValidElement(props.children) ? (props.children as VNode<ControlProps>) : null;
  const id = props.id ?? child?.props.id ?? `f-${generated}`;
  const wrong = belongs(props.error, props.field);
  const described = [child?.props['aria-describedby'], props.hint && `${id}-hint`, wrong && `${id}-error`]
    .filter(Boolean)
    .join(' ');
  const control = child
    ? cloneElement(child, {
        id,
        'aria-describedby': described || undefined,
        'aria-invalid': wrong ? 'true' : undefined,
      } as ControlProps)
    : props.children;
  return (
    <div class={`field${wrong ? ' field-error' : ''}`} data-field={props.field}>
      <label for={id}>{props.label}</label>
      {control}
      {props.hint && <small id={`${id}-hint`}>{props.hint}</small>}
      {wrong && (
        <p class="error" role="alert" id={`${id}-error`}>
          {props.error!.message}
        </p>
      )}
    </div>
  );
}

/**
 * A group of inputs (checkboxes, rows) under one legend, with the API's error for its field;
 * `claimed` says which of its fields an input inside shows itself ("improvements[0].due").
 */
export function FieldGroup(props: {
  legend: string;
  field: string;
  error: ApiError | null;
  children: ComponentChildren;
  claimed?: (field: string) => boolean;
}) {
  const errorId = useId();
  const wrong = belongs(props.error, props.field) && !props.claimed?.(props.error!.field!);
  return (
    <fieldset
      class={wrong ? 'field-error' : ''}
      data-field={props.field}
      aria-describedby={wrong ? errorId : undefined}
    >
      <legend>{props.legend}</legend>
      {props.children}
      {wrong && (
        <p class="error" role="alert" id={errorId}>
          {props.error!.message}
        </p>
      )}
    </fieldset>
  );
}

/** The form's error when no field claims it. */
export function FormError(props: { error: ApiError | null; fields: string[] }) {
  const { t } = useI18n();
  const e = props.error;
  if (!e || props.fields.some((f) => belongs(e, f))) return null;
  return (
    <p class="error" role="alert">
      {t('error_prefix')}: {e.message}
    </p>
  );
}

export function Submit(props: { busy: boolean; label: string; kind?: 'primary' | 'danger' }) {
  const { t } = useI18n();
  return (
    <button type="submit" class={props.kind ?? 'primary'} disabled={props.busy}>
      {props.busy ? t('loading') : props.label}
    </button>
  );
}

let ticks = 0;
const tickListeners = new Set<(n: number) => void>();
setInterval(() => {
  ticks += 1;
  for (const l of tickListeners) l(ticks);
}, 1000);

/** The current time, re-rendering every second: one timer for all countdowns on a page. */
export function useNow(): number {
  const [, setN] = useState(0);
  useEffect(() => {
    tickListeners.add(setN);
    return () => void tickListeners.delete(setN);
  }, []);
  return serverNow();
}

let clockOffset = 0;
/** The server's "now" as far as this browser knows it (ms since the epoch). */
export function serverNow(): number {
  return Date.now() + clockOffset;
}

/** The server's clock may run ahead (dev clock): countdowns follow the server's "now". */
export function syncClock(serverNow: string) {
  const t = Date.parse(serverNow);
  if (!Number.isNaN(t)) clockOffset = t - Date.now();
}

export function CountdownBadge(props: { due: string | null | undefined; starts?: string | null; done?: boolean }) {
  const { t } = useI18n();
  const now = useNow();
  if (!props.due) return <span class="badge muted">{t('none')}</span>;
  const due = Date.parse(props.due);
  const c = countdown(now, due, props.starts ? Date.parse(props.starts) : undefined);
  const units = { d: t('units_d'), h: t('units_h'), m: t('units_m'), s: t('units_s') };
  return (
    <span class={`badge ${c.urgency}`} title={props.due}>
      {c.urgency === 'breached' ? `${t('overdue')} ` : ''}
      {formatRemaining(c.remaining, units)}
    </span>
  );
}

/**
 * A form behind its summary, open at first when `open` says so; afterwards the reader opens and
 * closes it (a record added does not snap it shut over its confirmation).
 */
export function Disclosure(props: { summary: string; open?: boolean; children: ComponentChildren }) {
  const [open] = useState(!!props.open);
  return (
    <details class="no-print" open={open}>
      <summary>{props.summary}</summary>
      {props.children}
    </details>
  );
}

export function Section(props: { title: string; children: ComponentChildren } & JSX.HTMLAttributes<HTMLElement>) {
  const { title, children, ...rest } = props;
  return (
    <section class="card" {...rest}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
