// 邮箱 / Mailbox (serve --mailbox, demos and trials): what each person would have received, every
// message delivered into the server's mailbox instead of being sent. A person reads their own; an
// administrator picks anyone of their party (GET /api/v1/mailbox decides who may read whose).
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { fill, useI18n, type I18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { onEvent, onReconnect } from '../../lib/live';
import { plan as planStore, session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { Section } from '../../lib/ui';

type Mail = Schemas['MailboxMessage'];

// The channel each message would have gone by, and its delivery, in words.
const CHANNELS: Record<string, StringKey> = {
  email: 'mailbox_channel_email',
  wecom: 'mailbox_channel_wecom',
  dingtalk: 'mailbox_channel_dingtalk',
  feishu: 'mailbox_channel_feishu',
  slack: 'mailbox_channel_slack',
  webhook: 'mailbox_channel_webhook',
};
const STATES: Record<Mail['state'], StringKey> = {
  pending: 'message_pending',
  delivered: 'message_delivered',
  dead: 'message_dead',
};

/** The half of a bilingual subject ("中文 / English") in the reader's language. */
function subjectIn(i18n: I18n, subject: string): string {
  const [zh, en] = subject.split(' / ');
  return (i18n.lang === 'zh-CN' ? zh : en) || subject;
}

/** A person's mailbox, read again when an event may have queued a message for them. */
function useMailbox(person: string): { person: string; messages: Mail[] } | null | Error {
  const [box, setBox] = useState<{ person: string; messages: Mail[] } | null | Error>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      void unwrap(api.GET('/api/v1/mailbox', { params: { query: person ? { person } : {} } }))
        .then(setBox)
        .catch((e: unknown) => setBox(e instanceof Error ? e : new Error(String(e))));
    load();
    // Messages are queued with their event and delivered a moment later: look once it is done.
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(load, 1000);
    };
    const offEvent = onEvent(later);
    const offReconnect = onReconnect(load);
    return () => {
      clearTimeout(timer);
      offEvent();
      offReconnect();
    };
  }, [person]);
  return box;
}

function MailItem(props: { mail: Mail }) {
  const i18n = useI18n();
  const { t, time } = i18n;
  const m = props.mail;
  const delivered = m.state === 'delivered';
  const channel = CHANNELS[m.channel] ? t(CHANNELS[m.channel]!) : m.channel;
  return (
    <li class="mail" data-message={m.id} data-kind={m.kind}>
      <details>
        <summary>
          <span class="mail-subject">{subjectIn(i18n, m.subject)}</span>{' '}
          <span class="meta">
            <time>{time(m.created_at, false)}</time> · {channel}
          </span>{' '}
          <span class={`badge ${delivered ? 'met' : m.state === 'dead' ? 'breached' : 'pending'}`}>
            {t(STATES[m.state])}
          </span>
        </summary>
        <p class="meta">
          {fill(t('mailbox_would_go'), { channel })}
          {m.target && ` → ${m.target}`}
          {delivered && m.delivered_at && ` · ${t('mailbox_delivered_at')} ${time(m.delivered_at, false)}`}
          {/^(INC|EX)-/.test(m.incident) && (
            <>
              {' · '}
              <a href={`#/incidents/${m.incident}`}>{m.incident}</a>
            </>
          )}
        </p>
        <pre class="mail-body">{m.body}</pre>
      </details>
    </li>
  );
}

export function MailboxPage() {
  const i18n = useI18n();
  const { t, text } = i18n;
  const me = useStore(session);
  const plan = useStore(planStore);
  const [person, setPerson] = useState('');
  const box = useMailbox(person);
  // An administrator reads any contact's of their own party; everyone else, their own.
  const people = me?.admin && plan ? plan.contacts.filter((c) => c.party === me.party) : [];
  const shown = box && !(box instanceof Error) ? box.person : person || me?.contact || '';
  return (
    <main class="mailbox">
      <h1>{t('mailbox_title')}</h1>
      <p class="notice-banner">{t('mailbox_explain')}</p>
      {people.length > 0 && (
        <div class="field">
          <label for="f-mailbox-person">{t('mailbox_person')}</label>
          <select id="f-mailbox-person" value={shown} onChange={(e) => setPerson(e.currentTarget.value)}>
            {people.map((c) => (
              <option key={c.id} value={c.id}>
                {text(c.name)} ({c.id})
              </option>
            ))}
          </select>
        </div>
      )}
      {box === null ? (
        <p class="muted">{t('loading')}</p>
      ) : box instanceof Error ? (
        <p class="error" role="alert">
          {box.message}
        </p>
      ) : (
        <Section
          title={fill(t('mailbox_of'), {
            name: box.person ? nameOf(i18n, plan, box.person) : (me?.name ?? ''),
            n: box.messages.length,
          })}
        >
          {!box.person ? (
            <p class="muted">{t('mailbox_no_contact')}</p>
          ) : box.messages.length === 0 ? (
            <p class="muted">{t('mailbox_empty')}</p>
          ) : (
            <ul class="plain mails">
              {box.messages.map((m) => (
                <MailItem key={m.id} mail={m} />
              ))}
            </ul>
          )}
        </Section>
      )}
    </main>
  );
}

function nameOf(i18n: I18n, plan: Schemas['Plan'] | null, contact: string): string {
  const c = plan?.contacts.find((x) => x.id === contact);
  return c ? i18n.text(c.name) : contact;
}
