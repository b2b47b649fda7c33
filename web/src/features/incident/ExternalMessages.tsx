// M1: external messages from an incident. The communications lead picks one of the plan's
// templates (regulator, suppliers, users, the partner, an internal bulletin) and a language, has
// the server draft it from the incident, edits the subject and text, names the recipients, and
// sends it by email or downloads it. What was sent — exactly, to whom, by whom, when, and how its
// delivery went — is listed here and on the timeline.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, unwrap, type IncidentDetail, type Plan, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Field, FormError, Section, useSubmit } from '../../lib/ui';
import { Permitted } from './Permit';

type Template = { id: string; audience: string; name: { zh: string; en: string } };
type Message = Schemas['ExternalMessage'];

/** The plan's templates (docs/openapi.yaml serves `communication` as an untyped object). */
function templatesOf(plan: Plan): Template[] {
  return (plan as unknown as { communication?: { templates?: Template[] } }).communication?.templates ?? [];
}

/** The addresses typed, one per comma, semicolon, space or line ("a@x.cn, b@y.cn"). */
export function recipientsOf(text: string): string[] {
  return text.split(/[\s,;，；]+/).filter((a) => a.length > 0);
}

export function ExternalMessages(props: { incident: IncidentDetail; plan: Plan }) {
  const { t } = useI18n();
  const { incident: i } = props;
  const [messages, setMessages] = useState<Message[]>([]);
  // Anew with each version of the incident (it is reloaded at each of its events).
  const load = useCallback(
    () =>
      unwrap(api.GET('/api/v1/incidents/{id}/external-messages', { params: { path: { id: i.id } } }))
        .then((r) => setMessages(r.messages))
        .catch(() => setMessages([])),
    [i],
  );
  useEffect(() => void load(), [load]);
  const open = i.status !== 'closed' && i.status !== 'cancelled';
  return (
    <Section title={t('external_title')}>
      {open && (
        <Permitted permit={i.permissions.acts.send_external} plan={props.plan}>
          <ExternalForm incident={i} plan={props.plan} sent={() => void load()} />
        </Permitted>
      )}
      <ExternalList incident={i} plan={props.plan} messages={messages} />
    </Section>
  );
}

function ExternalForm(props: { incident: IncidentDetail; plan: Plan; sent: () => void }) {
  const { t, text, lang } = useI18n();
  const templates = templatesOf(props.plan);
  const [template, setTemplate] = useState(templates[0]?.id ?? '');
  const [language, setLanguage] = useState<string>(lang);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [to, setTo] = useState('');
  const [notice, setNotice] = useState('');
  const id = props.incident.id;
  const draft = useSubmit(
    () =>
      unwrap(
        api.POST('/api/v1/incidents/{id}/external-messages/draft', {
          params: { path: { id } },
          body: { template, language: language as 'zh-CN' | 'en' },
        }),
      ),
    (d) => {
      setSubject(d.subject);
      setBody(d.body);
      setNotice('');
    },
  );
  const send = (delivery: 'email' | 'download') =>
    unwrap(
      api.POST('/api/v1/incidents/{id}/external-messages', {
        params: { path: { id } },
        body: { template, language: language as 'zh-CN' | 'en', subject, body, to: recipientsOf(to), delivery },
      }),
    );
  const after = (r: { message: Message }) => {
    if (r.message.delivery === 'download') {
      const a = document.createElement('a');
      a.href = r.message.download;
      a.download = '';
      a.click();
    }
    setNotice(t(r.message.delivery === 'email' ? 'external_sent' : 'external_downloaded'));
    setSubject('');
    setBody('');
    setTo('');
    props.sent();
  };
  const labels = { to: t('external_to'), subject: t('external_subject'), body: t('external_body') };
  const email = useSubmit(() => send('email'), after, { labels });
  const download = useSubmit(() => send('download'), after, { labels });
  const error = email.error ?? download.error ?? draft.error;
  const busy = email.busy || download.busy || draft.busy;
  const fields = ['template', 'language', 'subject', 'body', 'to', 'delivery'];
  return (
    <form
      noValidate
      class="command external-form"
      aria-label={t('external_title')}
      onSubmit={(e) => void email.submit(e)}
    >
      <div class="row">
        <Field label={t('external_template')} field="template" error={error}>
          <select id="f-template" value={template} onChange={(e) => setTemplate(e.currentTarget.value)}>
            {templates.map((x) => (
              <option key={x.id} value={x.id}>
                {text(x.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('external_language')} field="language" error={error}>
          <select id="f-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </Field>
        <button type="button" disabled={busy} onClick={() => void draft.submit()}>
          {t('external_draft')}
        </button>
      </div>
      <Field label={t('external_subject')} field="subject" error={error}>
        <input id="f-subject" required value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
      </Field>
      <Field label={t('external_body')} field="body" error={error} hint={t('external_hint')}>
        <textarea id="f-body" rows={14} required value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      </Field>
      <Field label={t('external_to')} field="to" error={error}>
        <textarea
          id="f-to"
          rows={2}
          value={to}
          onInput={(e) => setTo(e.currentTarget.value)}
          placeholder="name@example.com"
        />
      </Field>
      <FormError error={error} fields={fields} />
      {notice && <output class="ok">{notice}</output>}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('loading') : t('external_send')}
        </button>
        <button type="button" disabled={busy} onClick={() => void download.submit()}>
          {t('external_download')}
        </button>
      </div>
    </form>
  );
}

/** Each address's delivery, for the state's tooltip: "a@x.cn: dead — 550 no such user". */
function deliveries(m: Message): string {
  return (m.deliveries ?? []).map((d) => `${d.to}: ${d.state}${d.last_error ? ` — ${d.last_error}` : ''}`).join('\n');
}

function ExternalList(props: { incident: IncidentDetail; plan: Plan; messages: Message[] }) {
  const { t, text, time } = useI18n();
  const templates = templatesOf(props.plan);
  if (props.messages.length === 0) return <p class="muted">{t('external_none')}</p>;
  const badge = (state: string) => (state === 'delivered' ? 'met' : state === 'dead' ? 'breached' : 'pending');
  return (
    <table class="external-messages">
      <tbody>
        {props.messages.map((m) => {
          const tmpl = templates.find((x) => x.id === m.template);
          return (
            <tr key={m.number} data-number={m.number}>
              <td>{time(m.at, false)}</td>
              <td>{tmpl ? text(tmpl.name) : m.template}</td>
              <td>
                <details>
                  <summary>{m.subject}</summary>
                  <pre class="external-body">{m.body}</pre>
                </details>
              </td>
              <td>{m.to.join(', ')}</td>
              <td>
                {m.by.user}
                {m.by.party ? ` (${m.by.party})` : ''}
              </td>
              <td>
                <span class={`badge ${badge(m.state)}`} title={deliveries(m)}>
                  {t(`external_state_${m.state}`)}
                </span>{' '}
                <a href={m.download} download>
                  {t('external_text')}
                </a>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
