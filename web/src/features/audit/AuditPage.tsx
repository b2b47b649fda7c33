// The evidence: the chain's head, verification on demand (every record hashed again), and the
// checkpoint the parties' witnesses cosigned.
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Section } from '../../lib/ui';
import { CheckpointSection } from './CheckpointSection';

export function AuditPage() {
  const { t, time } = useI18n();
  const [head, setHead] = useState<Schemas['AuditHead'] | null>(null);
  const [report, setReport] = useState<Schemas['AuditReport'] | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void unwrap(api.GET('/api/v1/audit')).then(setHead);
  }, []);
  const verify = async () => {
    setBusy(true);
    try {
      setReport(await unwrap(api.POST('/api/v1/audit/verify', {})));
      setHead(await unwrap(api.GET('/api/v1/audit')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main>
      <h1>{t('audit_title')}</h1>
      <Section title={t('audit_head')}>
        {head && (
          <dl class="facts">
            <dt>{t('audit_events')}</dt>
            <dd>{head.seq}</dd>
            <dt>{t('audit_head')}</dt>
            <dd>
              <code class="hash">{head.head_hash}</code>
            </dd>
          </dl>
        )}
        <button type="button" class="primary" onClick={verify} disabled={busy}>
          {busy ? t('audit_verifying') : t('audit_verify')}
        </button>
        {report && (
          <output class={report.intact ? 'ok' : 'error'}>
            <p>{report.intact ? t('audit_intact') : `${t('audit_broken')} ${report.failure ?? ''}`}</p>
            <p class="meta">
              {t('audit_last')}: {time(report.verified_at)} · {t('audit_events')}: {report.events}
            </p>
          </output>
        )}
      </Section>
      <CheckpointSection />
    </main>
  );
}
