// C4: the paper contact sheet for the backup office. A4, dated, both parties' rosters with all
// four contact fields, and the backup channels. Print it from the browser (or save as PDF).
// C2: each contact whose plan training is missing or older than training.valid_for is flagged.
// S1: the backup suppliers' register follows on a second page.
// On a phone each contact is a card (each value labelled: the table's headers are not shown);
// numbers and addresses are tel: and mailto: links everywhere.
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { joinList, useI18n } from '../../i18n/i18n';
import { Mail, Tel } from '../../lib/contactLinks';
import { SupplierTable, useRegister } from '../../lib/suppliers';
import { trainingFlag } from '../../lib/training';

/** C2: 未培训 / 培训已过期 stand out; a current training shows its day. */
function TrainingCell(props: { training: Schemas['Roster']['contacts'][number]['training'] }) {
  const { t, time } = useI18n();
  const flag = trainingFlag(props.training);
  const last = props.training?.last_trained;
  const day = last ? time(last, false).slice(0, 10) : '';
  if (flag === 'current')
    return (
      <td class="nowrap training-current" data-label={t('contacts_training')}>
        {day}
      </td>
    );
  return (
    <td class={`nowrap training-flag training-${flag}`} data-training={flag} data-label={t('contacts_training')}>
      ⚠ {t(flag === 'missing' ? 'training_missing' : 'training_expired')}
      {day && ` (${day})`}
    </td>
  );
}

export function ContactSheet() {
  const { t, text, time, lang } = useI18n();
  const [roster, setRoster] = useState<Schemas['Roster'] | null>(null);
  const register = useRegister();
  useEffect(() => {
    void unwrap(api.GET('/api/v1/roster')).then(setRoster);
  }, []);
  if (!roster) return <p class="muted">{t('loading')}</p>;
  const roleName = (id: string) => {
    const r = roster.roles.find((x) => x.id === id);
    if (r) return text(r.name);
    return id === 'emergency_contact' ? t('contacts_emergency') : id;
  };
  return (
    <main class="contact-sheet">
      <header class="sheet-head">
        <h1>{t('contacts_title')}</h1>
        <p>
          {t('contacts_printed')}: <time>{time(new Date().toISOString())}</time>
        </p>
        <button type="button" class="primary no-print" onClick={() => window.print()}>
          {t('contacts_print')}
        </button>
      </header>
      {roster.parties.map((p) => (
        <section key={p.id} class="sheet-party">
          <h2>{text(p.name)}</h2>
          <table class="contacts">
            <thead>
              <tr>
                <th>{t('contacts_name')}</th>
                <th>{t('contacts_title_col')}</th>
                <th>{t('contacts_roles')}</th>
                <th>{t('contacts_work_phone')}</th>
                <th>{t('contacts_mobile')}</th>
                <th>{t('contacts_email')}</th>
                <th>{t('contacts_backup')}</th>
                <th>{t('contacts_training')}</th>
              </tr>
            </thead>
            <tbody>
              {roster.contacts
                .filter((c) => c.party === p.id)
                .map((c) => (
                  <tr key={c.id} class={c.emergency_contact ? 'emergency' : ''} data-contact={c.id}>
                    <td class="nowrap contact-name">
                      {c.emergency_contact ? '★ ' : ''}
                      {text(c.name)}
                    </td>
                    <td data-label={t('contacts_title_col')}>{text(c.title)}</td>
                    <td data-label={t('contacts_roles')}>
                      {joinList(lang, (c as { roles?: string[] }).roles?.map(roleName) ?? [])}
                    </td>
                    <td class="nowrap" data-label={t('contacts_work_phone')}>
                      <Tel number={c.work_phone} />
                    </td>
                    <td class="nowrap" data-label={t('contacts_mobile')}>
                      <Tel number={c.mobile} />
                    </td>
                    <td class="email" data-label={t('contacts_email')}>
                      <Mail address={c.email} />
                    </td>
                    <td data-label={t('contacts_backup')}>{c.backup}</td>
                    <TrainingCell training={c.training} />
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
      <section class="sheet-channels">
        <h2>{t('contacts_channels')}</h2>
        <ul>
          {roster.channels.group.map((g) => (
            <li key={g.id}>
              {text(g.name)} ({g.kind}
              {g.encrypted ? `, ${t('contacts_encrypted')}` : ''})
            </li>
          ))}
        </ul>
        <p>
          {t('contacts_paper')}: {text(roster.channels.paper_sheet.location)}
        </p>
        <p class="meta">★ {t('contacts_emergency')}</p>
      </section>
      {register && (
        <section class="sheet-suppliers">
          <h2>{t('suppliers_sheet')}</h2>
          <SupplierTable register={register} />
        </section>
      )}
    </main>
  );
}
