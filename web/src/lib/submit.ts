// The one way a form submits. The form's own checks come first (lib/validation.ts: forms are
// `noValidate`): the first problem is said next to its field in the reader's language and that
// field takes the focus; nothing is sent. Then it is busy while its request runs and deaf to a
// second submission until it is answered (a double click sends once), its refusal said in the
// reader's language (lib/errors.ts), and on success the caller's `done`, the form reset and a
// confirmation toast.
import { useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { localizeError, type FieldLabels } from './errors';
import { plan as planStore } from './session';
import { useStore } from './store';
import { toast } from './toast';
import { firstProblem } from './validation';

export interface SubmitOptions {
  /** Said (and announced) once the action succeeded, e.g. "备注已添加". */
  confirm?: string;
  /** Empties the form once the action succeeded. */
  reset?: () => void;
  /** The form's field labels, to name a refused field as the form does. */
  labels?: FieldLabels;
}

export function useSubmit<T>(action: () => Promise<T>, done?: (value: T) => void, options: SubmitOptions = {}) {
  const i18n = useI18n();
  const plan = useStore(planStore);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // A ref, not the state: two clicks in one frame both see busy === false.
  const running = useRef(false);

  /** The form's own checks: false (the problem shown, its field focused) when one fails. */
  const validate = (form: HTMLFormElement): boolean => {
    const problem = firstProblem(form, i18n.t);
    if (!problem) return true;
    setError(problem.error);
    problem.control.focus();
    return false;
  };

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (running.current) return;
    const form = e?.currentTarget;
    if (form instanceof HTMLFormElement && !validate(form)) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      const value = await action();
      done?.(value);
      options.reset?.();
      if (options.confirm) toast(options.confirm);
    } catch (err) {
      setError(localizeError(err, i18n, { plan, labels: options.labels }));
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { error, busy, submit, validate };
}
