// Reminders and escalation for programme duties, as for an incident's obligations (L4,
// domain/escalation.hpp): an open duty's owner and deputy are reminded once at its remind_at; a
// duty that falls due unmet is recorded as breached once, and the plan's escalation waves follow
// it (wave 0 at once to the owner and deputy, wave 1 after 30 minutes to the leader …), each once.
// Only a duty that falls due after the plan in force was activated is breached and escalated, and
// only a reminder point after it is reminded (one already passed then is not news). Pure: the
// engine records what this returns as events on the "programme" stream, and passes back what it has
// recorded, so a restart repeats nothing.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/plan.hpp"
#include "domain/programme/duties.hpp"

namespace pactum {

// What has been recorded for the duties, keyed by duty_key.
struct DutyNotices {
  struct Breach {
    Instant recorded_at;
    int waves_sent = 0;
  };
  std::set<std::string> reminded;
  std::map<std::string, Breach> breaches;
};

// A duty's key: its rule, period and subject ("M1:2026-03-05:INC-2026-0001").
std::string duty_key(const Duty& duty);

struct DutyAlert {
  enum class Kind { reminder, breach, wave };
  Kind kind = Kind::reminder;
  Duty duty;
  int wave = -1;                        // waves: the escalation wave, from 0
  std::vector<std::string> recipients;  // contact ids (none for a breach: its waves tell people)
};

// The contacts a wave reaches for `duty` (as wave_recipients() for an obligation): "owner" the
// holders of its owner role in its owner party, "deputy" their deputies, a role id its holders. A
// duty of the group as a whole (no owner role) is owned by the designated emergency contacts.
std::vector<std::string> duty_recipients(const Plan& plan, const Duty& duty,
                                         const EscalationWave& wave);

// Reminders, breaches and waves due at `now` and not yet in `recorded`, in order (a breach
// before its waves; waves of a breach not yet recorded count from `now`).
std::vector<DutyAlert> duty_alerts_due(const Plan& plan, const std::vector<Duty>& duties,
                                       const DutyNotices& recorded, Instant activated_at,
                                       Instant now);

// When duty_alerts_due would next return something new by time alone; nullopt if never.
std::optional<Instant> next_duty_alert(const Plan& plan, const std::vector<Duty>& duties,
                                       const DutyNotices& recorded, Instant now);

}  // namespace pactum
