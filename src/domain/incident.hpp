// An incident as decide/evolve: a command, checked against the plan and the current state, becomes
// events; the state is a left fold of evolve() over those events. decide() never changes anything:
// a refused command returns a precise error and no events. Time comes in as `now`.
// Rules: P1–P4 (report, sync, assess), L1–L4 (levels and steps), V1 (review), C3 (roles).
//
// The types live by concern in domain/incident/ (actor, records, commands, events, state); this
// header includes them all, so a user of incidents includes it alone.
#pragma once

#include <vector>

#include "domain/incident/actor.hpp"
#include "domain/incident/commands.hpp"
#include "domain/incident/events.hpp"
#include "domain/incident/records.hpp"
#include "domain/incident/state.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"

namespace pactum {

// Checks `command` by `actor` at `now` against the plan and state; returns the events to append,
// or why not (invalid_argument: a bad field; failed_precondition: not now; permission_denied:
// not this actor; conflict: the incident already exists).
Result<std::vector<Event>> decide(const Plan& plan, const IncidentState& state,
                                  const Command& command, const Actor& actor, Instant now);

// Applies one event. Events are facts: evolve never refuses one.
void evolve(IncidentState& state, const Event& event);

IncidentState replay(const std::vector<Event>& events);

}  // namespace pactum
