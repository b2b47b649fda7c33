// Reading a checkpoint as GET /checkpoint serves it (a C2SP signed note, docs/evidence.md): the
// tree it states and who signed it. Display only: the signatures are verified by the witnesses
// and by `pactum audit verify --checkpoint`, not here.
import { fromBase64 } from '../../lib/base64';

export interface NoteSignature {
  name: string;
  /** A witness's cosignature carries its time (POSIX seconds); the log's own signature none. */
  timestamp?: number;
}

export interface CheckpointNote {
  origin: string;
  size: number;
  root: string;
  signatures: NoteSignature[];
}

/** Null when the text is not a checkpoint note. */
export function parseCheckpoint(text: string): CheckpointNote | null {
  const split = text.lastIndexOf('\n\n');
  if (split < 0) return null;
  const [origin, size, root] = text.slice(0, split).split('\n');
  if (!origin || !size || !root || !/^\d+$/.test(size)) return null;
  const signatures: NoteSignature[] = [];
  for (const line of text.slice(split + 2).split('\n')) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) continue;
    let sig: Uint8Array;
    try {
      sig = fromBase64(m[2]!);
    } catch {
      continue;
    }
    // key id (4 bytes), then a cosignature's timestamp (8 bytes) and signature (64 bytes).
    const cosignature = sig.length === 4 + 8 + 64;
    const view = new DataView(sig.buffer);
    signatures.push({
      name: m[1]!,
      timestamp: cosignature ? Number(view.getBigUint64(4)) : undefined,
    });
  }
  return { origin, size: Number(size), root, signatures };
}

/** Offers `text` as a file download. */
export function download(name: string, text: string, type = 'text/plain') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
