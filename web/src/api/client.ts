// The typed API client: paths and bodies come from docs/openapi.yaml (openapi-typescript), so a
// change to the API that the app does not follow fails the build.
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type IncidentSummary = Schemas['IncidentSummary'];
export type IncidentDetail = Schemas['IncidentDetail'];
export type Obligation = Schemas['Obligation'];
export type Plan = Schemas['Plan'];
export type User = Schemas['User'];
export type Text = Schemas['Text'];
export type Event = Schemas['Event'];

/**
 * An error the API answered with: its code, message and (when a field was wrong) the field, and
 * the stable reason with its params that the app says in the reader's language (lib/errors.ts).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly reason?: string,
    readonly params?: Record<string, string>,
    /** The server's own (English) message once `message` is said in the reader's language. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

let csrf = '';
/** The CSRF token of the session (from sign-in or GET /api/v1/me), sent on every change. */
export function setCsrf(token: string) {
  csrf = token;
}
/** The session's CSRF token, for requests made without this client (an upload with progress). */
export function csrfToken() {
  return csrf;
}

export const api = createClient<paths>({ baseUrl: '' });
api.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && csrf) request.headers.set('X-CSRF-Token', csrf);
    return request;
  },
});

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The data of an answer, or an ApiError (network failures become status 0, "unavailable"). */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (e) {
    throw new ApiError(0, 'unavailable', e instanceof Error ? e.message : String(e), undefined, 'unavailable');
  }
  if (answer.response.ok && answer.data !== undefined) return answer.data;
  const body = answer.error as { error?: Partial<Schemas['Error']['error']> } | undefined;
  const e = body?.error;
  throw new ApiError(
    answer.response.status,
    e?.code ?? 'internal',
    e?.message ?? answer.response.statusText,
    e?.field,
    e?.reason,
    e?.params,
  );
}
