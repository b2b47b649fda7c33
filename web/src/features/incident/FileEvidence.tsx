// L4: a file as a step's evidence. Picked, dropped, or photographed with the phone's camera; sent
// at once with its progress; then named by the digest the server answered, which the step's
// completion records. A file already completed is a download link.
import { useId, useState } from 'preact/hooks';
import type { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { EVIDENCE_ACCEPT, fileUrl, formatSize, isFileDigest, uploadFile, type StoredFile } from '../../lib/files';
import { belongs } from '../../lib/ui';

/** The picker and the camera, each bound to its label by an id unique on the page (a form per step). */
export function FileEvidenceInput(props: {
  field: string; // the API field it answers for: "evidence[0].ref"
  error: ApiError | null; // the form's error, shown here when it names `field`
  onChange: (sha256: string) => void;
  onBusy: (busy: boolean) => void;
}) {
  const { t } = useI18n();
  const id = `f-file-${useId()}`;
  const [stored, setStored] = useState<StoredFile | null>(null);
  const [sending, setSending] = useState<{ name: string; fraction: number } | null>(null);
  const [failed, setFailed] = useState<ApiError | null>(null);
  const [over, setOver] = useState(false);

  const send = async (file: File | undefined) => {
    if (!file) return;
    setFailed(null);
    setStored(null);
    props.onChange('');
    setSending({ name: file.name, fraction: 0 });
    props.onBusy(true);
    try {
      const f = await uploadFile(file, (fraction) => setSending({ name: file.name, fraction }));
      setStored(f);
      props.onChange(f.sha256);
    } catch (e) {
      setFailed(e as ApiError);
    } finally {
      setSending(null);
      props.onBusy(false);
    }
  };
  const pick = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    void send(input.files?.[0]);
    input.value = ''; // the same file again is a new choice
  };
  const wrong = failed ?? (belongs(props.error, props.field) ? props.error : null);
  const described = wrong ? `${id}-error` : undefined;

  return (
    <div
      class={`field file-evidence${over ? ' drop-over' : ''}${wrong ? ' field-error' : ''}`}
      data-testid="file-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void send(e.dataTransfer?.files?.[0]);
      }}
    >
      <span class="file-label">{t('file_evidence')}</span>
      <div class="file-actions">
        <label class="button" for={id}>
          {t('file_choose')}
        </label>
        <input
          id={id}
          class="visually-hidden"
          type="file"
          accept={EVIDENCE_ACCEPT}
          aria-describedby={described}
          onChange={pick}
        />
        <label class="button" for={`${id}-camera`}>
          {t('file_camera')}
        </label>
        <input
          id={`${id}-camera`}
          aria-describedby={described}
          class="visually-hidden"
          type="file"
          accept="image/*"
          capture="environment"
          onChange={pick}
        />
        <small>{t('file_drop')}</small>
      </div>
      {sending && (
        <p class="file-status" aria-live="polite">
          <progress value={sending.fraction} max={1} /> {t('file_uploading')} {sending.name}{' '}
          {Math.round(sending.fraction * 100)}%
        </p>
      )}
      {stored && (
        <p class="file-status" aria-live="polite">
          ✓ {stored.name} · {formatSize(stored.size)}
        </p>
      )}
      {wrong && (
        <p class="error" role="alert" id={`${id}-error`}>
          {wrong.status === 413 ? t('file_too_large') : wrong.message}
        </p>
      )}
    </div>
  );
}

/** A piece of evidence as the timeline and the steps show it: a stored file is a download. */
export function EvidenceItem(props: { evidence: { kind: string; text: string; ref?: string } }) {
  const { t } = useI18n();
  const e = props.evidence;
  if (e.kind === 'file' && isFileDigest(e.ref)) {
    return (
      <span class="evidence">
        {e.text} ·{' '}
        <a href={fileUrl(e.ref)} download title={e.ref}>
          {t('file_download')}
        </a>
      </span>
    );
  }
  return (
    <span class="evidence">
      {e.text}
      {e.ref ? ` [${e.ref}]` : ''}
    </span>
  );
}
