// What the scheduler records as time passes (L4): a breach for each obligation that passed its due
// time undone, and the plan's escalation waves after it (e.g. wave 0 at once to the owner and the
// owner's deputy, wave 1 after 30 minutes to the group leader). Pure: the scheduler asks
// `escalations_due(…, now)` and appends what it returns; `next_escalation` says when to ask again.
// Each breach and each wave is returned until it is recorded in the state, so a scheduler that
// crashed before recording catches up on restart, and one that records it never repeats it. An
// acknowledgement stops the waves that would follow; the breach is recorded all the same.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/incident.hpp"
#include "domain/obligations.hpp"
#include "domain/plan.hpp"

namespace pactum {

// Contact ids a wave reaches for an obligation: "owner" → the holder of the owner role,
// "deputy" → its deputy, a role id → that role's holder, each in the obligation's owner party
// (both parties when the owner party is "any"). Pseudo-roles reach the designated contacts.
std::vector<std::string> wave_recipients(const Plan& plan, const Obligation& obligation,
                                         const EscalationWave& wave);

// Breaches and escalation waves that are due at `now` and not yet recorded, in order.
std::vector<EventData> escalations_due(const Plan& plan, const IncidentState& state, Instant now);

// When escalations_due would next return something new by time alone (a due time passing or a
// wave's delay running out); nullopt when nothing is pending.
std::optional<Instant> next_escalation(const Plan& plan, const IncidentState& state, Instant now);

// Whether `actor` (whose plan contact is `contact`, empty if none) may acknowledge the escalation
// of `obligation` at `now`, which stops its further waves (its breach stays recorded). Only an
// overdue obligation (past its due time, not done, the incident open) is acknowledged, and only
// by someone one of its waves was sent to or a holder or deputy of its owner role in its owner
// party. not_found: no such obligation; failed_precondition: not overdue; permission_denied:
// not one of those people.
Status check_acknowledgement(const Plan& plan, const IncidentState& state,
                             const std::string& obligation, const Actor& actor,
                             const std::string& contact, Instant now);

}  // namespace pactum
