// The latest checkpoint and who cosigned it (docs/evidence.md): what each party's witness holds
// the log to. It can be downloaded, and so can a proof that a given record is in that log.
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { partyName } from '../../lib/names';
import { plan as planStore } from '../../lib/session';
import { useStore } from '../../lib/store';
import { Section } from '../../lib/ui';
import { download, parseCheckpoint, type CheckpointNote } from './checkpoint';

type Keys = { origin: string; log: string; witnesses: Schemas['Witness'][] };

export function CheckpointSection() {
  const i18n = useI18n();
  const { t, time } = i18n;
  const plan = useStore(planStore);
  const [text, setText] = useState<string | null>(null);
  const [keys, setKeys] = useState<Keys | null>(null);
  const [seq, setSeq] = useState('');
  const [proofError, setProofError] = useState('');
  useEffect(() => {
    void fetch('/checkpoint').then(async (r) => setText(r.ok ? await r.text() : ''));
    void unwrap(api.GET('/api/v1/log/keys')).then(setKeys);
  }, []);
  const checkpoint: CheckpointNote | null = text ? parseCheckpoint(text) : null;
  const partyOf = (name: string) => {
    const party = keys?.witnesses.find((w) => w.name === name)?.party;
    return party && plan ? partyName(plan, i18n, party) : party;
  };
  const cosigners = checkpoint?.signatures.filter((s) => s.timestamp !== undefined) ?? [];

  const proveRecord = async (e: Event) => {
    e.preventDefault();
    setProofError('');
    const n = Number(seq);
    if (!checkpoint || !Number.isInteger(n) || n < 1 || n > checkpoint.size) {
      setProofError(t('checkpoint_record_range').replace('{size}', String(checkpoint?.size ?? 0)));
      return;
    }
    const events = await unwrap(api.GET('/api/v1/events', { params: { query: { after: n - 1, limit: 1 } } }));
    const r = await fetch(`/api/v1/log/proof/inclusion?index=${n - 1}&size=${checkpoint.size}`);
    const proof = (await r.json()) as { proof: string[] };
    const bundle = {
      about: 'RFC 9162 inclusion proof of record seq in the log of tree_size records (docs/evidence.md)',
      seq: n,
      leaf_index: n - 1,
      tree_size: checkpoint.size,
      record: events.events[0],
      proof: proof.proof,
      checkpoint: text,
      keys,
    };
    download(`record-${n}-proof.json`, JSON.stringify(bundle, null, 2), 'application/json');
  };

  return (
    <Section title={t('checkpoint_title')}>
      {text === '' && <p>{t('checkpoint_none')}</p>}
      {checkpoint && (
        <>
          <dl class="facts">
            <dt>{t('audit_events')}</dt>
            <dd>{checkpoint.size}</dd>
            <dt>{t('checkpoint_root')}</dt>
            <dd>
              <code class="hash">{checkpoint.root}</code>
            </dd>
            <dt>{t('checkpoint_log')}</dt>
            <dd>
              <code>{checkpoint.origin}</code>
            </dd>
          </dl>
          <h3>{t('checkpoint_cosigned_by')}</h3>
          {cosigners.length === 0 ? (
            <p class="error">{t('checkpoint_no_witness')}</p>
          ) : (
            <ul class="cosigners">
              {cosigners.map((s) => (
                <li key={s.name}>
                  {partyOf(s.name) ? `${partyOf(s.name)} · ` : ''}
                  <code>{s.name}</code> · {time(new Date(s.timestamp! * 1000).toISOString())}
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => download(`checkpoint-${checkpoint.size}.txt`, text!)}>
            {t('checkpoint_download')}
          </button>
          <form noValidate class="inline" onSubmit={proveRecord}>
            <label for="proof-seq">{t('checkpoint_record')}</label>
            <input id="proof-seq" inputMode="numeric" value={seq} onInput={(e) => setSeq(e.currentTarget.value)} />
            <button type="submit">{t('checkpoint_prove')}</button>
            {proofError && (
              <p class="error" role="alert">
                {proofError}
              </p>
            )}
          </form>
          <p class="meta">{t('checkpoint_explain')}</p>
        </>
      )}
    </Section>
  );
}
