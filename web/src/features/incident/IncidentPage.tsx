// One incident: what happened, what it owes (with countdowns), the current level's steps, the
// commands its state allows, and the timeline of who did what, when, for which party.
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type IncidentDetail, type Plan } from '../../api/client';
import { pdfLang, useI18n } from '../../i18n/i18n';
import { onEvent, onReconnect } from '../../lib/live';
import { plan as planStore } from '../../lib/session';
import { useStore } from '../../lib/store';
import { partyName, roleName } from '../../lib/names';
import { type Actor, actorName, ownerNames, useUsers } from '../../lib/people';
import { eventWords } from './timeline';
import { CountdownBadge, Section } from '../../lib/ui';
import { AssessForm, EvidenceForm, LevelForm, ReasonForm, ReviewForm, SyncForm } from './forms';
import { Alerts } from './Alerts';
import { commands } from './commands';
import { EvidenceItem } from './FileEvidence';
import { fileEvidence } from '../../lib/files';
import { ExternalMessages } from './ExternalMessages';
import { MessageLog, Messages } from './Messages';
import { Permitted } from './Permit';
import { QuotesStep } from './Quotes';
import { withDeadline } from '../../lib/deadline';

export function IncidentPage(props: { id: string }) {
  const { t } = useI18n();
  const plan = useStore(planStore);
  const [incident, setIncident] = useState<IncidentDetail | null | undefined>(undefined);
  useEffect(() => {
    const load = () =>
      unwrap(api.GET('/api/v1/incidents/{id}', { params: { path: { id: props.id } } }))
        .then(setIncident)
        .catch(() => setIncident(null));
    void load();
    const off = onEvent((e) => {
      if (e.stream === `incident/${props.id}`) void load();
    });
    const offReconnect = onReconnect(() => void load());
    return () => {
      off();
      offReconnect();
    };
  }, [props.id]);
  if (incident === undefined || !plan) return <p class="muted">{t('loading')}</p>;
  if (incident === null) return <p class="error">{t('incident_not_found')}</p>;
  return <IncidentView incident={incident} plan={plan} update={setIncident} />;
}

function IncidentView(props: { incident: IncidentDetail; plan: Plan; update: (i: IncidentDetail) => void }) {
  const i18n = useI18n();
  const { t, text, time } = i18n;
  const { incident: i, plan, update } = props;
  const role = (id: string) => roleName(plan, i18n, id);
  const party = (id: string) => partyName(plan, i18n, id);
  const users = useUsers();
  // An owner's party as the plan's holders name it: the incident's parties resolved.
  const ownerParty = (p: string) =>
    p === 'responsible' ? i.responsible_party : p === 'reporting' ? i.reporting_party : p;
  const level = plan.levels.find((l) => l.id === i.level);
  const open = i.status !== 'closed' && i.status !== 'cancelled';
  const command = commands(i.id);
  // S3: a quotes step takes quotes and a choice, not free evidence.
  const quotesStep = (step: string) => level?.steps.find((st) => st.id === step)?.rule === 'S3';
  // What the reader may do now (the API's own checks), by act, step and follow-up action.
  const may = i.permissions;
  return (
    <main class={`incident-page${i.exercise ? ' is-exercise' : ''}`}>
      {i.exercise && (
        <aside class="exercise-banner" role="note">
          {t('exercise_banner')}
        </aside>
      )}
      <header class="card">
        <h1>
          {i.id} {i.exercise && <span class="exercise-badge">{t('exercise_badge')}</span>}{' '}
          <span class={`status status-${i.status}`}>{t(`status_${i.status}`)}</span>{' '}
          {level && (
            <span class={`level-tag level-${level.id}`}>
              {level.id} {text(level.name)}
            </span>
          )}
        </h1>
        <p class="phenomenon">{i.phenomenon}</p>
        <dl class="facts">
          <dt>{t('report_trigger')}</dt>
          <dd>{text(i.trigger_name)}</dd>
          <dt>{t('report_scope')}</dt>
          <dd>{i.scope}</dd>
          <dt>{t('report_cause')}</dt>
          <dd>{i.cause_guess}</dd>
          <dt>{t('incident_discovered')}</dt>
          <dd>{time(i.discovered_at)}</dd>
          <dt>{t('incident_reported')}</dt>
          <dd>{time(i.reported_at)}</dd>
          <dt>{t('incident_reporting_party')}</dt>
          <dd>{party(i.reporting_party)}</dd>
          <dt>{t('incident_responsible_party')}</dt>
          <dd>{party(i.responsible_party)}</dd>
          <IncidentDocuments incident={i} />
        </dl>
      </header>

      <Section title={t('incident_obligations')} aria-label={t('incident_obligations')}>
        <table class="obligations">
          <tbody>
            {i.obligations.map((o) => (
              <tr key={o.key} class={`obligation state-${o.state}`} data-key={o.key}>
                <td>
                  <span class="rule">{o.rule}</span> {text(o.title)}
                </td>
                <td>
                  {role(o.owner_role)} · {party(o.owner_party)}
                  <span class="owners">{ownerNames(plan, i18n, o.owner_role, ownerParty(o.owner_party))}</span>
                </td>
                <td>{time(o.due, false)}</td>
                <td>
                  {o.state === 'open' || (o.state === 'breached' && !o.done_at) ? (
                    <CountdownBadge due={o.due} starts={o.starts} />
                  ) : (
                    <span class={`badge ${o.state}`}>{t(`state_${o.state}`)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      {open && !i.obligations.some((o) => o.key === 'sync' && o.done_at) && (
        <Section title={withDeadline(i18n, 'sync_title', plan.process.sync)}>
          <Permitted permit={may.acts.sync} plan={plan}>
            <SyncForm incident={i} done={update} />
          </Permitted>
        </Section>
      )}
      {open && !i.assessment && (
        <Section title={withDeadline(i18n, 'assess_title', plan.process.assess)}>
          <Permitted permit={may.acts.assess} plan={plan}>
            <AssessForm incident={i} plan={plan} done={update} />
          </Permitted>
        </Section>
      )}

      {i.steps.length > 0 && (
        <Section title={`${t('incident_steps')} — ${i.level ?? ''}`}>
          <ol class="steps">
            {i.steps.map((s) => (
              <li key={s.id} class={s.done ? 'done' : ''}>
                <p>
                  <strong>{text(s.name)}</strong> {!s.mandatory && <em>({t('step_optional')})</em>}
                </p>
                <p class="meta">
                  {t('step_owner')}: {role(s.owner_role)} ({party(s.owner_party)}
                  {ownerNames(plan, i18n, s.owner_role, ownerParty(s.owner_party)) &&
                    `: ${ownerNames(plan, i18n, s.owner_role, ownerParty(s.owner_party))}`}
                  ) · {t('step_evidence')}: {t(`evidence_${s.evidence_kind}`)} ×{s.evidence_count}
                </p>
                {s.done ? (
                  <>
                    <p class="meta">
                      {s.done.waived
                        ? `${t('step_waived')}: ${s.done.reason}`
                        : `${t('step_done_by')} ${actorName(plan, i18n, users, { user: s.done.by })}`}{' '}
                      · {time(s.done.at, false)}
                      {s.done.evidence.map((e) => (
                        <span key={`${e.kind}:${e.text}:${e.ref ?? ''}`}>
                          {' '}
                          · <EvidenceItem evidence={e} />
                        </span>
                      ))}
                    </p>
                    {quotesStep(s.id) && <QuotesStep incident={i} step={s.id} done={update} />}
                  </>
                ) : open && !i.resolved_at ? (
                  <>
                    <Permitted permit={may.steps[s.id]?.complete} plan={plan}>
                      <details open={quotesStep(s.id)}>
                        <summary>{quotesStep(s.id) ? t('quotes_title') : t('step_complete')}</summary>
                        {quotesStep(s.id) ? (
                          <QuotesStep incident={i} step={s.id} done={update} />
                        ) : (
                          <EvidenceForm
                            send={command.completeStep(s.id)}
                            kind={s.evidence_kind}
                            count={s.evidence_count}
                            label={t('step_complete')}
                            confirm={t('done_step')}
                            done={update}
                          />
                        )}
                      </details>
                    </Permitted>
                    {/* Waiving is apart from completing, in the danger colour, and asked twice. */}
                    {may.steps[s.id]?.waive.may && (
                      <details class="waive">
                        <summary>{t('step_waive')}</summary>
                        <ReasonForm
                          send={command.waiveStep(s.id)}
                          title={t('step_waive')}
                          label={t('step_waive')}
                          kind="danger"
                          confirm={t('done_waive')}
                          ask={{ question: t('waive_confirm'), yes: t('waive_confirm_yes') }}
                          done={update}
                        />
                      </details>
                    )}
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </Section>
      )}

      {open && i.assessment && !i.resolved_at && (
        <>
          <Section title={`${t('level_change_title')} (L4)`}>
            <Permitted permit={may.acts.change_level} plan={plan}>
              <LevelForm incident={i} plan={plan} done={update} />
            </Permitted>
          </Section>
          <Section title={t('resolve_title')}>
            <Permitted permit={may.acts.resolve} plan={plan}>
              <ReasonForm
                send={command.resolve}
                title={t('resolve_summary')}
                field="summary"
                label={t('resolve_submit')}
                confirm={t('done_resolve')}
                done={update}
              />
            </Permitted>
          </Section>
        </>
      )}

      {open && i.resolved_at && !i.review?.approved_at && (
        <Section title={t('review_title')}>
          {i.review && (
            <Permitted permit={may.acts.approve_review} plan={plan}>
              <ReasonForm
                send={command.approveReview}
                title={t('review_approve')}
                field="comment"
                optional
                label={t('review_approve')}
                confirm={t('done_approve')}
                done={update}
              />
            </Permitted>
          )}
          <Permitted permit={may.acts.submit_review} plan={plan}>
            <ReviewForm incident={i} plan={plan} done={update} />
          </Permitted>
        </Section>
      )}

      {i.review && i.review.actions.length > 0 && (
        <Section title={t('review_actions')}>
          <ul class="actions">
            {i.review.actions.map((a) => (
              <li key={a.id}>
                <strong>{a.id}</strong> {a.text} · {role(a.owner_role)} · {time(a.due, false)}{' '}
                {a.done_at ? (
                  <span class="badge met">{t('state_met')}</span>
                ) : (
                  open && (
                    <Permitted permit={may.follow_up_actions[a.id]} plan={plan}>
                      <details>
                        <summary>{t('action_complete')}</summary>
                        <EvidenceForm
                          send={command.completeAction(a.id)}
                          kind="note"
                          count={1}
                          label={t('action_complete')}
                          confirm={t('done_action')}
                          done={update}
                        />
                      </details>
                    </Permitted>
                  )
                )}
              </li>
            ))}
          </ul>
        </Section>
      )}

      {open && i.review?.approved_at && (
        <Section title={t('close_submit')}>
          <Permitted permit={may.acts.close} plan={plan} explain>
            <ReasonForm
              send={command.close}
              title={t('close_submit')}
              field="summary"
              optional
              label={t('close_submit')}
              confirm={t('done_close')}
              done={update}
            />
          </Permitted>
        </Section>
      )}

      {open && (
        <Section title={t('note_title')}>
          <Permitted permit={may.acts.note} plan={plan}>
            <ReasonForm
              send={command.note}
              title={t('note_title')}
              field="text"
              label={t('note_submit')}
              confirm={t('done_note')}
              done={update}
            />
          </Permitted>
          <Permitted permit={may.acts.cancel} plan={plan}>
            <details class="waive">
              <summary>{t('cancel_title')}</summary>
              <ReasonForm
                send={command.cancel}
                title={t('cancel_title')}
                label={t('cancel_submit')}
                kind="danger"
                confirm={t('done_cancel')}
                ask={{ question: t('cancel_confirm'), yes: t('cancel_confirm_yes') }}
                done={update}
              />
            </details>
          </Permitted>
        </Section>
      )}

      <Alerts incident={i} />

      <Messages incident={i} plan={plan} />

      <ExternalMessages incident={i} plan={plan} />

      <Section title={t('incident_timeline')}>
        <ol class="timeline">
          {i.timeline.map((e) => (
            <li key={e.seq} data-type={e.type}>
              <time>{time(e.at, false)}</time> <strong>{eventWords(i18n, plan, e, i.obligations)}</strong>{' '}
              <span class="meta">— {actorName(plan, i18n, users, e.actor as Actor)}</span>
              {fileEvidence(e.payload as Record<string, unknown>).map((f) => (
                <span key={`${f.ref}:${f.text}`}>
                  {' '}
                  · <EvidenceItem evidence={f} />
                </span>
              ))}
              <code class="hash" title={e.hash}>
                #{e.seq} {e.hash.slice(0, 10)}
              </code>
            </li>
          ))}
        </ol>
      </Section>

      <MessageLog incident={i} plan={plan} />
    </main>
  );
}

// The documents made from the incident's records (PDF, in the app's language): the review
// report once a review is submitted (V1), the risk notice at L3, and the submission to the
// supervisor once a major incident is resolved (X2).
function IncidentDocuments(props: { incident: IncidentDetail }) {
  const { t, lang } = useI18n();
  const i = props.incident;
  const docs: [string, string][] = [];
  if (i.review) docs.push(['review.pdf', t('document_review')]);
  if (i.level === 'L3') docs.push(['risk-notice.pdf', t('document_risk_notice')]);
  if (i.level === 'L2' && i.resolved_at) docs.push(['supervisor-submission.pdf', t('document_supervisor')]);
  if (docs.length === 0) return null;
  return (
    <>
      <dt>{t('documents')}</dt>
      <dd>
        {docs.map(([file, label], k) => (
          <span key={file}>
            {k > 0 && ' · '}
            <a
              class="document"
              href={`/api/v1/incidents/${i.id}/${file}?lang=${pdfLang(lang)}`}
              target="_blank"
              rel="noreferrer noopener"
            >
              {label}
            </a>
          </span>
        ))}
      </dd>
    </>
  );
}
