// A refusal in the user's language, with the server's own words (the specifics) beside it.
import type { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { LocalProblem } from './api';
import { signingErrorKey } from './errors';

export function SigningError(props: { error: ApiError | null }) {
  const { t } = useI18n();
  const e = props.error;
  if (!e) return null;
  if (e instanceof LocalProblem) {
    return (
      <p class="error" role="alert">
        {t(e.message as Parameters<typeof t>[0])}
      </p>
    );
  }
  return (
    <p class="error" role="alert" data-status={e.status}>
      {t(signingErrorKey(e))}{' '}
      <span class="meta">
        ({e.status} · {e.detail ?? e.message})
      </span>
    </p>
  );
}
