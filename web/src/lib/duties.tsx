// The programme's duties as the safeguards' pages show them: the current year's of some rules, and
// a duty's state as a badge.
import { api, unwrap, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useLive } from './useLive';

/** The current year's duties of some rules (B1 per location and day, B2, S2), as the server has them. */
export const useDuties = (...rules: string[]) =>
  useLive(
    (wanted) =>
      unwrap(api.GET('/api/v1/programme', { params: { query: {} } })).then((a) =>
        (a as { duties: Schemas['ProgrammeDuty'][] }).duties.filter((d) => wanted.split(',').includes(d.rule)),
      ),
    rules.join(),
  );

const DUTY_STATE_KEYS = {
  open: 'duty_open',
  met: 'duty_met',
  breached: 'duty_breached',
  waived: 'duty_waived',
  expired: 'state_expired',
} as const;

const DUTY_STATE_SIGNS = { open: '…', met: '✓', breached: '✗', waived: '–', expired: '–' } as const;

/** A duty's state as a badge: colour and the word (`short`: a sign, the word its label). */
export function DutyBadge(props: { duty: Pick<Schemas['ProgrammeDuty'], 'state'>; short?: boolean }) {
  const { t } = useI18n();
  const word = t(DUTY_STATE_KEYS[props.duty.state]);
  if (props.short) {
    return (
      <span class={`badge ${props.duty.state}`} title={word} aria-label={word}>
        {DUTY_STATE_SIGNS[props.duty.state]}
      </span>
    );
  }
  return <span class={`badge ${props.duty.state}`}>{word}</span>;
}
