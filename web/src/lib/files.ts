// Evidence files (L4): uploaded once, stored by the server under their SHA-256, and named by that
// digest in a step's file evidence. The upload goes through XMLHttpRequest rather than fetch,
// which cannot report an upload's progress.
import { ApiError, csrfToken, type Schemas } from '../api/client';

export type StoredFile = Schemas['StoredFile'];

/** What the phone's camera and a file picker offer: photos, PDFs, office documents, text. */
export const EVIDENCE_ACCEPT =
  'image/*,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.csv,.zip,text/plain,text/csv';

/** Whether an evidence reference is a stored file's digest (64 lower-case hex digits). */
export function isFileDigest(ref: string | undefined): ref is string {
  return !!ref && /^[0-9a-f]{64}$/.test(ref);
}

type EvidenceLike = { kind: string; text: string; ref?: string };

/** The stored files an event's payload names as evidence (a step's completion), for the timeline. */
export function fileEvidence(payload: Record<string, unknown>): EvidenceLike[] {
  const items = Array.isArray(payload.evidence) ? (payload.evidence as EvidenceLike[]) : [];
  return items.filter((e) => e?.kind === 'file' && isFileDigest(e.ref));
}

/** Where a stored file is downloaded. */
export function fileUrl(sha256: string) {
  return `/api/v1/files/${sha256}`;
}

/** A size as people read it: 980 B, 12.3 KB, 4.5 MB. */
export function formatSize(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Uploads `file` as a one-part form; `progress` hears the fraction sent (0–1). Rejects with the
 * API's error (413 for a file over the server's limit) or status 0 when the network failed.
 */
export function uploadFile(file: File, progress?: (fraction: number) => void): Promise<StoredFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/files');
    xhr.setRequestHeader('X-CSRF-Token', csrfToken());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && progress) progress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below by its status
      }
      if (xhr.status === 201) return resolve(body as StoredFile);
      const e = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
      reject(new ApiError(xhr.status, e?.code ?? 'internal', e?.message ?? xhr.statusText, e?.field));
    };
    xhr.onerror = () => reject(new ApiError(0, 'unavailable', 'the upload did not reach the server'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
