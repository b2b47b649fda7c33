// The app's own form validation (issue 19 §1): forms are `noValidate`, so the browser shows no
// bubble in its own language; on submit, useSubmit asks the form's controls what the browser's
// constraint checks found (required, min/max, minlength, email, dates, numbers) and the first
// problem is said in the reader's language next to its field (the field's data-field, else above
// the form), like a refusal of the API.
import { ApiError } from '../api/client';
import { fill } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';

type Translate = (key: StringKey) => string;

/** What the checks found, as far as the app says it (a subset of ValidityState). */
export type Validity = Pick<
  ValidityState,
  | 'valid'
  | 'valueMissing'
  | 'typeMismatch'
  | 'badInput'
  | 'rangeUnderflow'
  | 'rangeOverflow'
  | 'stepMismatch'
  | 'tooShort'
  | 'tooLong'
  | 'patternMismatch'
>;

/** A control as the checks see it. */
export interface Checked {
  validity: Validity;
  type: string;
  min?: string;
  max?: string;
  step?: string;
  minLength?: number;
  maxLength?: number;
}

const DATES = new Set(['date', 'datetime-local', 'month', 'time', 'week']);

/** The problem with a control in the reader's language, or null when it is valid. */
export function problemOf(c: Checked, t: Translate): string | null {
  const v = c.validity;
  if (v.valid) return null;
  if (v.valueMissing) return t(c.type === 'checkbox' ? 'validation_check' : 'validation_required');
  if (v.badInput || v.typeMismatch) {
    if (DATES.has(c.type)) return t('validation_date');
    if (c.type === 'email') return t('validation_email');
    if (c.type === 'url') return t('validation_url');
    if (c.type === 'number') return t('validation_number');
    return t('validation_invalid');
  }
  if (v.rangeUnderflow)
    return fill(t(DATES.has(c.type) ? 'validation_not_before' : 'validation_min'), { min: c.min ?? '' });
  if (v.rangeOverflow)
    return fill(t(DATES.has(c.type) ? 'validation_not_after' : 'validation_max'), { max: c.max ?? '' });
  if (v.stepMismatch) return fill(t('validation_step'), { step: c.step ?? '' });
  if (v.tooShort) return fill(t('validation_too_short'), { min: c.minLength ?? '' });
  if (v.tooLong) return fill(t('validation_too_long'), { max: c.maxLength ?? '' });
  return t('validation_invalid');
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * The form's first invalid control as an error (status 0, "invalid_argument") for the field its
 * Field or FieldGroup names, with the control to focus; null when every control is valid.
 */
export function firstProblem(form: HTMLFormElement, t: Translate): { error: ApiError; control: Control } | null {
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement))
      continue;
    if (!el.willValidate) continue;
    const problem = problemOf(el as Checked, t);
    if (!problem) continue;
    const field = el.closest<HTMLElement>('[data-field]')?.dataset.field;
    const label = el.labels?.[0]?.textContent?.trim() || el.getAttribute('aria-label') || el.name;
    const message = field ? problem : `${label}: ${problem}`;
    return { error: new ApiError(0, 'invalid_argument', message, field), control: el };
  }
  return null;
}
