// The commands of an incident's life, each a call typed by docs/openapi.yaml: the forms take these
// and hand back the incident as the server answers it.
import { api, unwrap, type IncidentDetail, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type Evidence = Schemas['EvidenceInput'];
/** What a command route takes, as docs/openapi.yaml says. */
export type Body<P extends keyof paths> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;
type Answer = Promise<{ data?: { incident: IncidentDetail }; error?: unknown; response: Response }>;

const incident = (call: Answer) => unwrap(call).then((r) => r.incident);

/** The commands of incident `id`. Optional texts are left out when empty. */
export function commands(id: string) {
  const path = { path: { id } };
  return {
    sync: (note: string) => incident(api.POST('/api/v1/incidents/{id}/sync', { params: path, body: { note } })),
    assess: (body: Body<'/api/v1/incidents/{id}/assess'>) =>
      incident(api.POST('/api/v1/incidents/{id}/assess', { params: path, body })),
    level: (level: string, reason: string) =>
      incident(api.POST('/api/v1/incidents/{id}/level', { params: path, body: { level, reason } })),
    completeStep: (step: string) => (evidence: Evidence[]) =>
      incident(
        api.POST('/api/v1/incidents/{id}/steps/{step}/complete', {
          params: { path: { id, step } },
          body: { evidence },
        }),
      ),
    waiveStep: (step: string) => (reason: string) =>
      incident(
        api.POST('/api/v1/incidents/{id}/steps/{step}/waive', { params: { path: { id, step } }, body: { reason } }),
      ),
    note: (text: string) => incident(api.POST('/api/v1/incidents/{id}/notes', { params: path, body: { text } })),
    resolve: (summary: string) =>
      incident(api.POST('/api/v1/incidents/{id}/resolve', { params: path, body: { summary } })),
    review: (body: Body<'/api/v1/incidents/{id}/review'>) =>
      incident(api.POST('/api/v1/incidents/{id}/review', { params: path, body })),
    completeAction: (action: string) => (evidence: Evidence[]) =>
      incident(
        api.POST('/api/v1/incidents/{id}/actions/{action}/complete', {
          params: { path: { id, action } },
          body: { evidence },
        }),
      ),
    approveReview: (comment: string) =>
      incident(
        api.POST('/api/v1/incidents/{id}/review/approve', {
          params: path,
          body: comment ? { comment } : {},
        }),
      ),
    close: (summary: string) =>
      incident(api.POST('/api/v1/incidents/{id}/close', { params: path, body: summary ? { summary } : {} })),
    cancel: (reason: string) => incident(api.POST('/api/v1/incidents/{id}/cancel', { params: path, body: { reason } })),
  };
}
